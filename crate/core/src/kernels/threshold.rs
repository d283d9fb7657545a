//! `threshold`: OpenCV's five fixed-level thresholds.

use super::samples::map_samples;
use super::{check_not_nan, check_same_shape};
use crate::{Error, ImageMut, ImageRef, Pixel, PixelType, Result};

/// What [`threshold`] writes where `src > thresh` and where not.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ThresholdKind {
    /// `src > thresh ? maxval : 0`
    #[default]
    Binary,
    /// `src > thresh ? 0 : maxval`
    BinaryInv,
    /// `src > thresh ? thresh : src`
    Trunc,
    /// `src > thresh ? src : 0`
    ToZero,
    /// `src > thresh ? 0 : src`
    ToZeroInv,
}

impl ThresholdKind {
    pub const NAMES: &str = "one of binary, binaryInv, trunc, toZero, toZeroInv";

    pub fn parse(name: &str) -> Result<Self> {
        Ok(match name {
            "binary" => Self::Binary,
            "binaryInv" => Self::BinaryInv,
            "trunc" => Self::Trunc,
            "toZero" => Self::ToZero,
            "toZeroInv" => Self::ToZeroInv,
            _ => return Err(Error::param("kind", Self::NAMES, format!("{name:?}"))),
        })
    }
}

/// Parameters of [`threshold`]. `thresh` defaults to the middle of the
/// type's nominal range (127.5, 32767.5, −0.5, or 0.5 for f32) and `maxval`
/// to its maximum (255, 65535, 32767, or 1.0 for f32).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ThresholdParams {
    pub thresh: Option<f64>,
    pub maxval: Option<f64>,
    pub kind: ThresholdKind,
}

impl ThresholdParams {
    pub fn validate(&self) -> Result<()> {
        if let Some(thresh) = self.thresh {
            check_not_nan("thresh", thresh)?;
        }
        if let Some(maxval) = self.maxval {
            check_not_nan("maxval", maxval)?;
        }
        Ok(())
    }
}

/// OpenCV's `threshold` with a fixed level. For integer types the level is
/// floored and `maxval` rounded, as OpenCV does, so results match it exactly.
pub fn threshold<T: Pixel>(
    src: ImageRef<T>,
    mut dst: ImageMut<T>,
    params: &ThresholdParams,
) -> Result<()> {
    params.validate()?;
    check_same_shape(src.spec(), dst.spec())?;
    let maxval = T::saturate_f64(params.maxval.unwrap_or(T::TYPE.nominal_max()));
    let is_float = T::TYPE == PixelType::F32;
    let middle = if is_float {
        0.5
    } else {
        (T::MIN.to_f64() + T::MAX.to_f64()) / 2.0
    };
    let thresh = params.thresh.unwrap_or(middle);
    let level = if is_float {
        thresh as f32 as f64
    } else {
        thresh.floor()
    };
    // OpenCV truncates to 0, not to the type's minimum, when the level lies
    // below every value of the type (visible for i16 only).
    let trunc = if !is_float && level < T::MIN.to_f64() {
        T::default()
    } else {
        T::saturate_f64(level)
    };
    // `x > level` decided in the pixel type itself, so each kind's loop is a
    // plain compare-and-select. For integers, a level below the type's range
    // passes every value and one at or above its maximum passes none; f32
    // compares with the level as it is (infinities included).
    let (all, none) = if is_float {
        (false, false)
    } else {
        (level < T::MIN.to_f64(), level >= T::MAX.to_f64())
    };
    let cut = T::saturate_f64(level);
    let above = move |x: T| all || (!none && x > cut);
    let zero = T::default();
    let (src, out) = (src.data(), dst.data_mut());
    match params.kind {
        ThresholdKind::Binary => {
            map_samples(src, out, move |x| if above(x) { maxval } else { zero })
        }
        ThresholdKind::BinaryInv => {
            map_samples(src, out, move |x| if above(x) { zero } else { maxval })
        }
        ThresholdKind::Trunc => map_samples(src, out, move |x| if above(x) { trunc } else { x }),
        ThresholdKind::ToZero => map_samples(src, out, move |x| if above(x) { x } else { zero }),
        ThresholdKind::ToZeroInv => map_samples(src, out, move |x| if above(x) { zero } else { x }),
    }
    Ok(())
}
