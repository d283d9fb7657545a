//! `threshold`: OpenCV's five fixed-level thresholds.

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
    let kind = params.kind;
    for (out, &x) in dst.data_mut().iter_mut().zip(src.data()) {
        let above = x.to_f64() > level;
        *out = match (kind, above) {
            (ThresholdKind::Binary, true) | (ThresholdKind::BinaryInv, false) => maxval,
            (ThresholdKind::Binary, false) | (ThresholdKind::BinaryInv, true) => T::default(),
            (ThresholdKind::Trunc, true) => trunc,
            (ThresholdKind::ToZero, true) | (ThresholdKind::ToZeroInv, false) => x,
            (ThresholdKind::ToZero, false) | (ThresholdKind::ToZeroInv, true) => T::default(),
            (ThresholdKind::Trunc, false) => x,
        };
    }
    Ok(())
}
