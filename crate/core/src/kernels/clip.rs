//! `clip`: clamp every sample into `[min, max]`.

use super::per_channel::{PerChannel, map_channels};
use super::samples::map_samples;
use super::{check_not_nan, check_same_shape};
use crate::image::MAX_CHANNELS;
use crate::simd::Isa;
use crate::{Error, ImageMut, ImageRef, Pixel, Result};

/// Bounds of [`clip`], each one value or one per channel. Infinite bounds
/// leave that side open; integer pixel types round each bound to the nearest
/// value of the type, saturating.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClipParams {
    pub min: PerChannel,
    pub max: PerChannel,
}

impl Default for ClipParams {
    fn default() -> Self {
        Self {
            min: f64::NEG_INFINITY.into(),
            max: f64::INFINITY.into(),
        }
    }
}

impl ClipParams {
    pub fn validate(&self) -> Result<()> {
        self.min
            .values()
            .iter()
            .try_for_each(|&v| check_not_nan("min", v))?;
        self.max
            .values()
            .iter()
            .try_for_each(|&v| check_not_nan("max", v))?;
        let given = self.min.values().len().max(self.max.values().len());
        for c in 0..given {
            let (min, max) = (self.min.get(c), self.max.get(c));
            if min > max {
                return Err(Error::param("min", format!("at most max ({max})"), min));
            }
        }
        Ok(())
    }

    /// Refuses bounds per channel for a frame of another channel count.
    pub fn check_channels(&self, channels: usize) -> Result<()> {
        self.min.check_channels("min", channels)?;
        self.max.check_channels("max", channels)
    }
}

/// `dst = min(max(src, lo), hi)`. NaN samples of `f32` frames stay NaN.
pub fn clip<T: Pixel>(
    src: ImageRef<T>,
    mut dst: ImageMut<T>,
    params: &ClipParams,
    isa: Isa,
) -> Result<()> {
    let channels = src.spec().channels();
    params.check_channels(channels)?;
    params.validate()?;
    check_same_shape(src.spec(), dst.spec())?;
    let (Some(min), Some(max)) = (params.min.uniform(), params.max.uniform()) else {
        let lo: [T; MAX_CHANNELS] = std::array::from_fn(|c| T::saturate_f64(params.min.get(c)));
        let hi: [T; MAX_CHANNELS] = std::array::from_fn(|c| T::saturate_f64(params.max.get(c)));
        map_channels(isa, src.data(), dst.data_mut(), channels, move |c, x| {
            clamp(x, lo[c], hi[c])
        });
        return Ok(());
    };
    let lo = T::saturate_f64(min);
    let hi = T::saturate_f64(max);
    map_samples(isa, src.data(), dst.data_mut(), move |x| clamp(x, lo, hi));
    Ok(())
}

/// `x` moved into `[lo, hi]`; NaN stays NaN.
#[inline(always)]
fn clamp<T: Pixel>(x: T, lo: T, hi: T) -> T {
    if x < lo {
        lo
    } else if x > hi {
        hi
    } else {
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ImageSpec, simd};

    fn run<T: Pixel>(values: &[T], params: &ClipParams) -> Result<Vec<Vec<T>>> {
        let spec = ImageSpec::new(values.len(), 1, 1, T::TYPE).unwrap();
        let mut outs = Vec::new();
        for isa in simd::Isa::available() {
            let mut out = vec![T::default(); values.len()];
            let src = ImageRef::new(spec, values, "input").unwrap();
            let dst = ImageMut::new(spec, &mut out, "output").unwrap();
            clip(src, dst, params, isa)?;
            outs.push(out);
        }
        Ok(outs)
    }

    #[test]
    fn min_above_max_is_refused_and_equal_bounds_give_one_value() {
        for (min, max) in [(5.0, 4.0), (0.5, -0.5), (f64::INFINITY, 0.0)] {
            let (min, max) = (min.into(), max.into());
            let err = run::<u8>(&[1, 2, 3], &ClipParams { min, max }).unwrap_err();
            assert!(err.to_string().contains("min"), "{min:?} > {max:?}: {err}");
        }
        let values: Vec<u8> = (0..=255).collect();
        let four = 4.0.into();
        for out in run(
            &values,
            &ClipParams {
                min: four,
                max: four,
            },
        )
        .unwrap()
        {
            assert!(out.iter().all(|&x| x == 4), "min = max = 4 gave {out:?}");
        }
        let f32s = [-3.0f32, -0.0, 0.0, 2.0, f32::INFINITY];
        for out in run(
            &f32s,
            &ClipParams {
                min: (-1.0).into(),
                max: 1.0.into(),
            },
        )
        .unwrap()
        {
            assert_eq!(out, [-1.0, -0.0, 0.0, 1.0, 1.0]);
        }
    }

    /// The definition by cases: a sample inside the closed bounds comes out
    /// as it went in (bit for bit: −0.0 at a bound of 0.0 stays −0.0), one
    /// below becomes the lower bound, one above the upper, NaN stays NaN.
    fn check<T: Pixel>(values: &[T], lo: T, hi: T, min: f64, max: f64) {
        let bits = |x: T| format!("{x:?}");
        let params = ClipParams {
            min: min.into(),
            max: max.into(),
        };
        for out in run(values, &params).unwrap() {
            for (&x, &got) in values.iter().zip(&out) {
                let (xf, lof, hif) = (x.to_f64(), lo.to_f64(), hi.to_f64());
                let want = if xf.is_nan() {
                    assert!(got.to_f64().is_nan(), "NaN gave {got:?}");
                    continue;
                } else if xf < lof {
                    lo
                } else if xf > hif {
                    hi
                } else {
                    x
                };
                assert!(
                    bits(got) == bits(want),
                    "{} clip [{min}, {max}]: {x:?} gave {got:?}, expected {want:?}",
                    T::TYPE
                );
            }
        }
    }

    #[test]
    fn clip_moves_only_the_samples_outside_the_bounds() {
        let u8s: Vec<u8> = (0..=255).collect();
        check::<u8>(&u8s, 10, 200, 10.0, 200.0);
        check::<u8>(&u8s, 0, 255, f64::NEG_INFINITY, f64::INFINITY);
        let u16s: Vec<u16> = (0..=65535)
            .step_by(97)
            .chain([999, 1000, 1001, 40000])
            .collect();
        check::<u16>(&u16s, 1000, 40000, 1000.0, 40000.0);
        let i16s: Vec<i16> = (-32768..=32767).step_by(89).chain([-5, -4, 7, 8]).collect();
        check::<i16>(&i16s, -4, 7, -4.0, 7.0);
        let f32s = [
            f32::NEG_INFINITY,
            -2.0,
            -1.0,
            -0.5,
            -0.0,
            0.0,
            0.25,
            1.0,
            1.5,
            f32::INFINITY,
            f32::NAN,
        ];
        // Bounds of 0.0: −0.0 is not below 0.0 nor above it, so it stays −0.0.
        check::<f32>(&f32s, 0.0, 1.0, 0.0, 1.0);
        check::<f32>(&f32s, -1.0, 0.0, -1.0, 0.0);
        check::<f32>(&f32s, -0.5, 0.25, -0.5, 0.25);
    }
}
