//! `normalize`: stretch a frame onto a range (OpenCV's `NORM_MINMAX`), or
//! standardize it to mean 0 and standard deviation 1 (into f32).

use super::per_channel::map_channels;
use super::samples::{for_each_run, map_frame};
use super::{check_finite, check_output_type, check_same_shape};
use crate::image::MAX_CHANNELS;
use crate::names::parse_name;
use crate::simd::Isa;
use crate::{Error, ImageMut, ImageRef, ImageSpec, Pixel, PixelType, Result};

/// The two ways [`normalize`] maps a frame, by name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NormalizeKind {
    #[default]
    MinMax,
    ZScore,
}

impl NormalizeKind {
    pub const ALL: [Self; 2] = [Self::MinMax, Self::ZScore];

    /// The kind's name in options.
    pub const fn name(self) -> &'static str {
        match self {
            Self::MinMax => "minmax",
            Self::ZScore => "zscore",
        }
    }

    pub fn parse(name: &str) -> Result<Self> {
        parse_name("kind", name, Self::ALL, |kind| kind.name())
    }
}

/// What [`normalize`] maps the frame onto.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NormalizeParams {
    /// The frame's smallest sample onto `min` and its largest onto `max`
    /// (either order), in the same pixel type, as OpenCV's `NORM_MINMAX`.
    MinMax { min: f64, max: Option<f64> },
    /// `(x − mean) / std` over all samples, into f32; a constant frame gives 0.
    ZScore,
    /// `(x − mean[c]) / std[c]` with each channel's own mean and standard
    /// deviation, into f32; a constant channel gives 0.
    ZScorePerChannel,
}

impl Default for NormalizeParams {
    fn default() -> Self {
        NormalizeParams::MinMax {
            min: 0.0,
            max: None,
        }
    }
}

impl NormalizeParams {
    /// The normalization of the options: `kind` (default: the default's
    /// kind), and for minmax `min` (default: the default's) and `max`
    /// (default: the type's nominal maximum). A range with `zscore` is refused.
    pub fn parse(kind: Option<&str>, min: Option<f64>, max: Option<f64>) -> Result<Self> {
        Self::parse_per_channel(kind, min, max, None)
    }

    /// As [`parse`](Self::parse), with `perChannel` (default false), which
    /// only `zscore` takes.
    pub fn parse_per_channel(
        kind: Option<&str>,
        min: Option<f64>,
        max: Option<f64>,
        per_channel: Option<bool>,
    ) -> Result<Self> {
        let parsed = Self::parse_whole(kind, min, max)?;
        match (parsed, per_channel) {
            (_, None | Some(false)) => Ok(parsed),
            (NormalizeParams::ZScore, Some(true)) => Ok(NormalizeParams::ZScorePerChannel),
            _ => Err(Error::param(
                "perChannel",
                "false or absent with minmax",
                true,
            )),
        }
    }

    fn parse_whole(kind: Option<&str>, min: Option<f64>, max: Option<f64>) -> Result<Self> {
        let kind = match kind {
            Some(name) => NormalizeKind::parse(name)?,
            None => Self::default().kind(),
        };
        match kind {
            NormalizeKind::MinMax => Ok(NormalizeParams::MinMax {
                min: min.unwrap_or(Self::default().min()),
                max,
            }),
            NormalizeKind::ZScore if min.is_none() && max.is_none() => Ok(NormalizeParams::ZScore),
            NormalizeKind::ZScore => Err(Error::param(
                "kind",
                "minmax when min or max is given",
                "\"zscore\"",
            )),
        }
    }

    pub fn kind(&self) -> NormalizeKind {
        match self {
            NormalizeParams::MinMax { .. } => NormalizeKind::MinMax,
            NormalizeParams::ZScore | NormalizeParams::ZScorePerChannel => NormalizeKind::ZScore,
        }
    }

    /// Where minmax maps the smallest sample (zscore: 0, the mean's place).
    pub fn min(&self) -> f64 {
        match *self {
            NormalizeParams::MinMax { min, .. } => min,
            NormalizeParams::ZScore | NormalizeParams::ZScorePerChannel => 0.0,
        }
    }

    /// Where minmax maps the largest sample of a frame of `pixel_type`:
    /// `max`, else the type's nominal maximum (zscore: none).
    pub fn max_for(&self, pixel_type: PixelType) -> Option<f64> {
        match *self {
            NormalizeParams::MinMax { max, .. } => Some(max.unwrap_or(pixel_type.nominal_max())),
            NormalizeParams::ZScore | NormalizeParams::ZScorePerChannel => None,
        }
    }

    /// The frame `normalize` writes from `input`: the same for minmax, f32 for zscore.
    pub fn output_spec(&self, input: ImageSpec) -> ImageSpec {
        match self {
            NormalizeParams::MinMax { .. } => input,
            NormalizeParams::ZScore | NormalizeParams::ZScorePerChannel => {
                input.with_type(PixelType::F32)
            }
        }
    }

    pub fn validate(&self) -> Result<()> {
        if let NormalizeParams::MinMax { min, max } = *self {
            check_finite("min", min)?;
            if let Some(max) = max {
                check_finite("max", max)?;
            }
        }
        Ok(())
    }
}

/// The smallest and largest samples, NaN skipped; `None` when every sample is NaN.
fn extremes<T: Pixel>(src: &ImageRef<T>) -> Option<(f64, f64)> {
    let mut extremes = None;
    for_each_run(src, |run| {
        extremes = run.iter().map(|x| x.to_f64()).filter(|x| !x.is_nan()).fold(
            extremes,
            |acc, x| match acc {
                None => Some((x, x)),
                Some((lo, hi)) => Some((lo.min(x), hi.max(x))),
            },
        );
    });
    extremes
}

/// Normalizes `src` into `dst` (same type for minmax, f32 for zscore).
pub fn normalize<T: Pixel, U: Pixel>(
    src: ImageRef<T>,
    mut dst: ImageMut<U>,
    params: &NormalizeParams,
    isa: Isa,
) -> Result<()> {
    params.validate()?;
    check_same_shape(src.spec(), dst.spec())?;
    check_output_type::<U>(params.output_spec(src.spec()).pixel_type())?;
    match *params {
        NormalizeParams::MinMax { min, .. } => {
            let max = params.max_for(T::TYPE).unwrap_or_default();
            let (dmin, dmax) = (min.min(max), min.max(max));
            let (smin, smax) = extremes(&src).unwrap_or((0.0, 0.0));
            let spread = smax - smin;
            let scale = (dmax - dmin)
                * if spread > f64::EPSILON {
                    1.0 / spread
                } else {
                    0.0
                };
            // OpenCV rounds the scale and shift through f32 for f32 frames.
            let (scale, shift) = if T::TYPE == PixelType::F32 {
                let scale = scale as f32;
                (scale, dmin as f32 - (smin * scale as f64) as f32)
            } else {
                (scale as f32, (dmin - smin * scale) as f32)
            };
            map_frame(isa, &src, &mut dst, move |x| {
                U::saturate_f32(x.to_f32() * scale + shift)
            });
        }
        NormalizeParams::ZScore => {
            // Summed in the samples' order, run after run, as one sum
            // (from −0, as `Iterator::sum` of f64).
            let n = src.spec().samples() as f64;
            let mut sum = -0.0;
            for_each_run(&src, |run| {
                sum = run.iter().fold(sum, |s, x| s + x.to_f64())
            });
            let mean = sum / n;
            let mut squares = -0.0;
            for_each_run(&src, |run| {
                squares = run
                    .iter()
                    .fold(squares, |s, x| s + (x.to_f64() - mean).powi(2));
            });
            let variance = squares / n;
            let std = variance.sqrt();
            map_frame(isa, &src, &mut dst, move |x| {
                let z = if std > 0.0 {
                    (x.to_f64() - mean) / std
                } else {
                    0.0
                };
                U::saturate_f64(z)
            });
        }
        NormalizeParams::ZScorePerChannel => {
            let channels = src.spec().channels();
            let (mut mean, mut std) = ([0.0f64; MAX_CHANNELS], [0.0f64; MAX_CHANNELS]);
            for c in 0..channels {
                // The same sums, in the same order, as zscore over the channel alone.
                let samples = || {
                    src.rows()
                        .flat_map(move |y| src.row(y).iter().skip(c).step_by(channels))
                };
                let n = samples().count() as f64;
                mean[c] = samples().map(|x| x.to_f64()).sum::<f64>() / n;
                let variance = samples()
                    .map(|x| (x.to_f64() - mean[c]).powi(2))
                    .sum::<f64>()
                    / n;
                std[c] = variance.sqrt();
            }
            let z = move |c: usize, x: T| {
                let z = if std[c] > 0.0 {
                    (x.to_f64() - mean[c]) / std[c]
                } else {
                    0.0
                };
                U::saturate_f64(z)
            };
            // Row by row: the source may be a strided view.
            for y in src.rows() {
                map_channels(isa, src.row(y), dst.row_mut(y), channels, z);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zscore_per_channel_is_zscore_of_each_channel_alone() {
        let spec = ImageSpec::new(13, 3, 3, PixelType::U16).unwrap();
        let src: Vec<u16> = (0..spec.samples())
            .map(|i| ((i as u32).wrapping_mul(2_654_435_761) >> 18) as u16 * (1 + i as u16 % 3))
            .collect();
        let plane = spec.with_channels(1).unwrap();
        for isa in Isa::available() {
            let mut out = vec![0f32; spec.samples()];
            let dst = ImageMut::new(spec.with_type(PixelType::F32), &mut out, "output").unwrap();
            let src_view = ImageRef::new(spec, &src, "input").unwrap();
            normalize(src_view, dst, &NormalizeParams::ZScorePerChannel, isa).unwrap();
            for c in 0..3 {
                let alone: Vec<u16> = src.iter().skip(c).step_by(3).copied().collect();
                let mut want = vec![0f32; alone.len()];
                let dst =
                    ImageMut::new(plane.with_type(PixelType::F32), &mut want, "output").unwrap();
                let view = ImageRef::new(plane, &alone, "input").unwrap();
                normalize(view, dst, &NormalizeParams::ZScore, isa).unwrap();
                let got: Vec<f32> = out.iter().skip(c).step_by(3).copied().collect();
                assert_eq!(got, want, "channel {c} on {isa}");
            }
        }
        let refused = NormalizeParams::parse_per_channel(None, None, None, Some(true));
        assert_eq!(refused.unwrap_err().code(), "ERR_PIXCHAIN_PARAM");
        let zscore = NormalizeParams::parse_per_channel(Some("zscore"), None, None, Some(true));
        assert_eq!(zscore.unwrap(), NormalizeParams::ZScorePerChannel);
    }
}
