//! `threshold`: OpenCV's five fixed-level thresholds.

use super::per_channel::{PerChannel, map_channels};
use super::samples::map_samples;
use super::{check_not_nan, check_same_shape};
use crate::image::MAX_CHANNELS;
use crate::names::parse_name;
use crate::simd::Isa;
use crate::{ImageMut, ImageRef, Pixel, PixelType, Result};

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
    pub const ALL: [Self; 5] = [
        Self::Binary,
        Self::BinaryInv,
        Self::Trunc,
        Self::ToZero,
        Self::ToZeroInv,
    ];

    /// The kind's name in options.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Binary => "binary",
            Self::BinaryInv => "binaryInv",
            Self::Trunc => "trunc",
            Self::ToZero => "toZero",
            Self::ToZeroInv => "toZeroInv",
        }
    }

    pub fn parse(name: &str) -> Result<Self> {
        parse_name("kind", name, Self::ALL, |kind| kind.name())
    }
}

/// Parameters of [`threshold`], `thresh` and `maxval` each one value or one
/// per channel. `thresh` defaults to the middle of the type's nominal range
/// (127.5, 32767.5, −0.5, or 0.5 for f32) and `maxval` to its maximum (255,
/// 65535, 32767, or 1.0 for f32).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ThresholdParams {
    pub thresh: Option<PerChannel>,
    pub maxval: Option<PerChannel>,
    pub kind: ThresholdKind,
}

impl ThresholdParams {
    /// The level of `channel` for frames of `pixel_type`: `thresh`, else the middle of the type's nominal range.
    pub fn thresh_for(&self, pixel_type: PixelType, channel: usize) -> f64 {
        self.thresh.map_or(
            (pixel_type.nominal_min() + pixel_type.nominal_max()) / 2.0,
            |t| t.get(channel),
        )
    }

    /// The value written above the level of `channel` for frames of `pixel_type`: `maxval`, else the type's nominal maximum.
    pub fn maxval_for(&self, pixel_type: PixelType, channel: usize) -> f64 {
        self.maxval
            .map_or(pixel_type.nominal_max(), |m| m.get(channel))
    }

    pub fn validate(&self) -> Result<()> {
        if let Some(thresh) = self.thresh {
            thresh
                .values()
                .iter()
                .try_for_each(|&t| check_not_nan("thresh", t))?;
        }
        if let Some(maxval) = self.maxval {
            maxval
                .values()
                .iter()
                .try_for_each(|&m| check_not_nan("maxval", m))?;
        }
        Ok(())
    }

    /// Refuses values per channel for a frame of another channel count.
    pub fn check_channels(&self, channels: usize) -> Result<()> {
        if let Some(thresh) = self.thresh {
            thresh.check_channels("thresh", channels)?;
        }
        if let Some(maxval) = self.maxval {
            maxval.check_channels("maxval", channels)?;
        }
        Ok(())
    }

    /// Whether every channel has the same level and maxval.
    fn is_uniform(&self) -> bool {
        self.thresh.is_none_or(|t| t.uniform().is_some())
            && self.maxval.is_none_or(|m| m.uniform().is_some())
    }
}

/// What one channel's threshold compares with and writes, in the pixel type.
#[derive(Clone, Copy)]
struct Level<T> {
    maxval: T,
    /// What `trunc` writes above the level.
    trunc: T,
    /// `x > cut` is `x > level` in the pixel type…
    cut: T,
    /// …unless the level lies below every value (all are above)…
    all: bool,
    /// …or at or above the largest (none is).
    none: bool,
}

impl<T: Pixel> Level<T> {
    fn new(thresh: f64, maxval: f64) -> Self {
        let maxval = T::saturate_f64(maxval);
        let is_float = T::TYPE == PixelType::F32;
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
        Self {
            maxval,
            trunc,
            cut: T::saturate_f64(level),
            all,
            none,
        }
    }

    #[inline(always)]
    fn above(&self, x: T) -> bool {
        self.all || (!self.none && x > self.cut)
    }

    /// The kind's result for `x`.
    #[inline(always)]
    fn apply(&self, kind: ThresholdKind, x: T) -> T {
        let zero = T::default();
        match (kind, self.above(x)) {
            (ThresholdKind::Binary, true) | (ThresholdKind::BinaryInv, false) => self.maxval,
            (ThresholdKind::Binary, false) | (ThresholdKind::BinaryInv, true) => zero,
            (ThresholdKind::Trunc, true) => self.trunc,
            (ThresholdKind::ToZero, true) | (ThresholdKind::ToZeroInv, false) => x,
            (ThresholdKind::Trunc, false) => x,
            (ThresholdKind::ToZero, false) | (ThresholdKind::ToZeroInv, true) => zero,
        }
    }
}

/// OpenCV's `threshold` with a fixed level. For integer types the level is
/// floored and `maxval` rounded, as OpenCV does, so results match it exactly.
pub fn threshold<T: Pixel>(
    src: ImageRef<T>,
    mut dst: ImageMut<T>,
    params: &ThresholdParams,
    isa: Isa,
) -> Result<()> {
    params.validate()?;
    check_same_shape(src.spec(), dst.spec())?;
    let channels = src.spec().channels();
    params.check_channels(channels)?;
    let level_of =
        |c: usize| Level::<T>::new(params.thresh_for(T::TYPE, c), params.maxval_for(T::TYPE, c));
    let (src, out) = (src.data(), dst.data_mut());
    if !params.is_uniform() {
        let levels: [Level<T>; MAX_CHANNELS] = std::array::from_fn(level_of);
        let kind = params.kind;
        map_channels(isa, src, out, channels, move |c, x| {
            levels[c].apply(kind, x)
        });
        return Ok(());
    }
    let Level {
        maxval,
        trunc,
        cut,
        all,
        none,
    } = level_of(0);
    let above = move |x: T| all || (!none && x > cut);
    let zero = T::default();
    match params.kind {
        ThresholdKind::Binary => {
            map_samples(isa, src, out, move |x| if above(x) { maxval } else { zero })
        }
        ThresholdKind::BinaryInv => {
            map_samples(isa, src, out, move |x| if above(x) { zero } else { maxval })
        }
        ThresholdKind::Trunc => {
            map_samples(isa, src, out, move |x| if above(x) { trunc } else { x })
        }
        ThresholdKind::ToZero => {
            map_samples(isa, src, out, move |x| if above(x) { x } else { zero })
        }
        ThresholdKind::ToZeroInv => {
            map_samples(isa, src, out, move |x| if above(x) { zero } else { x })
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ImageSpec, simd};

    const KINDS: [ThresholdKind; 5] = [
        ThresholdKind::Binary,
        ThresholdKind::BinaryInv,
        ThresholdKind::Trunc,
        ThresholdKind::ToZero,
        ThresholdKind::ToZeroInv,
    ];

    /// OpenCV's definition per sample: above means strictly greater than the
    /// level (floored for integer types).
    fn definition(x: f64, level: f64, maxval: f64, kind: ThresholdKind) -> f64 {
        let above = x > level;
        match kind {
            ThresholdKind::Binary => {
                if above {
                    maxval
                } else {
                    0.0
                }
            }
            ThresholdKind::BinaryInv => {
                if above {
                    0.0
                } else {
                    maxval
                }
            }
            ThresholdKind::Trunc => {
                if above {
                    level
                } else {
                    x
                }
            }
            ThresholdKind::ToZero => {
                if above {
                    x
                } else {
                    0.0
                }
            }
            ThresholdKind::ToZeroInv => {
                if above {
                    0.0
                } else {
                    x
                }
            }
        }
    }

    /// Every kind on samples around, at and away from the level, on every SIMD path.
    fn check<T: Pixel>(values: &[T], thresholds: &[f64], maxval: f64) {
        let spec = ImageSpec::new(values.len() / 2, 1, 2, T::TYPE).unwrap();
        for &thresh in thresholds {
            let level = if T::TYPE == PixelType::F32 {
                thresh
            } else {
                thresh.floor()
            };
            for kind in KINDS {
                let params = ThresholdParams {
                    thresh: Some(thresh.into()),
                    maxval: Some(maxval.into()),
                    kind,
                };
                for isa in simd::Isa::available() {
                    let mut out = vec![T::default(); values.len()];
                    let src = ImageRef::new(spec, values, "input").unwrap();
                    let dst = ImageMut::new(spec, &mut out, "output").unwrap();
                    threshold(src, dst, &params, isa).unwrap();
                    for (&x, &got) in values.iter().zip(&out) {
                        let want = T::saturate_f64(definition(x.to_f64(), level, maxval, kind));
                        assert!(
                            got.to_f64() == want.to_f64(),
                            "{kind:?} {} at {thresh} on {isa}: {x:?} gave {got:?}, expected {want:?}",
                            T::TYPE
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn threshold_is_strictly_greater_than_the_level() {
        let u8s: Vec<u8> = (0..=255).chain([99, 100, 100, 101]).collect();
        check::<u8>(&u8s, &[0.0, 99.5, 100.0, 254.0, 255.0], 200.0);
        let u16s: Vec<u16> = (0..300)
            .map(|i| i * 218)
            .chain([999, 1000, 1000, 1001])
            .collect();
        check::<u16>(&u16s, &[1000.0, 1000.9, 65534.0], 65535.0);
        let i16s: Vec<i16> = (0..300)
            .map(|i| (i * 218 - 32000) as i16)
            .chain([-2, -1, -1, 0])
            .collect();
        check::<i16>(&i16s, &[-1.0, -0.5, 0.0, 32766.0], 1234.0);
        let f32s: Vec<f32> = (0..200)
            .map(|i| i as f32 / 100.0 - 1.0)
            .chain([0.25, 0.25, 0.2499, 0.2501])
            .collect();
        check::<f32>(&f32s, &[0.25, -1.0, 0.999], 0.75);
    }

    /// Runs `params` over `values` (one row) on the default path.
    fn run<T: Pixel>(values: &[T], params: &ThresholdParams) -> Result<Vec<T>> {
        let spec = ImageSpec::new(values.len(), 1, 1, T::TYPE).unwrap();
        let mut out = vec![T::default(); values.len()];
        let src = ImageRef::new(spec, values, "input").unwrap();
        let dst = ImageMut::new(spec, &mut out, "output").unwrap();
        threshold(src, dst, params, Isa::Scalar).map(|()| out)
    }

    #[test]
    fn kinds_parse_by_opencv_names_and_others_are_refused() {
        let names = ["binary", "binaryInv", "trunc", "toZero", "toZeroInv"];
        for (name, kind) in names.into_iter().zip(KINDS) {
            assert_eq!(ThresholdKind::parse(name).unwrap(), kind);
        }
        for name in ["Binary", "otsu", ""] {
            assert_eq!(
                ThresholdKind::parse(name).unwrap_err().code(),
                "ERR_PIXCHAIN_PARAM"
            );
        }
    }

    #[test]
    fn nan_levels_are_refused() {
        for params in [
            ThresholdParams {
                thresh: Some(f64::NAN.into()),
                ..Default::default()
            },
            ThresholdParams {
                maxval: Some(f64::NAN.into()),
                ..Default::default()
            },
        ] {
            let error = run(&[1u8, 2], &params).unwrap_err();
            assert_eq!(error.code(), "ERR_PIXCHAIN_PARAM");
        }
    }

    #[test]
    fn the_default_level_is_the_middle_of_the_range_and_maxval_its_top() {
        let params = ThresholdParams::default();
        // u8: 127.5 floored to 127; u16: 32767.5 to 32767; i16: −0.5 to −1; f32: 0.5.
        assert_eq!(run(&[127u8, 128], &params).unwrap(), [0, 255]);
        assert_eq!(run(&[32767u16, 32768], &params).unwrap(), [0, 65535]);
        assert_eq!(run(&[-1i16, 0], &params).unwrap(), [0, 32767]);
        assert_eq!(run(&[0.5f32, 0.5001], &params).unwrap(), [0.0, 1.0]);
    }

    #[test]
    fn trunc_below_the_range_writes_zero_as_opencv_does() {
        let trunc = |thresh: f64| ThresholdParams {
            thresh: Some(thresh.into()),
            kind: ThresholdKind::Trunc,
            ..Default::default()
        };
        // Below every i16 value: every sample is above, and the level is 0.
        assert_eq!(
            run(&[-32768i16, -5, 7], &trunc(-40000.0)).unwrap(),
            [0, 0, 0]
        );
        // At the type's minimum the level is that minimum.
        assert_eq!(
            run(&[-32768i16, -5, 7], &trunc(-32768.0)).unwrap(),
            [-32768, -32768, -32768]
        );
        // f32 compares with the level as it is, infinities included.
        let out = run(&[-1.0f32, 3.0], &trunc(f64::NEG_INFINITY)).unwrap();
        assert_eq!(out, [f32::NEG_INFINITY, f32::NEG_INFINITY]);
    }
}
