//! `clip`: clamp every sample into `[min, max]`.

use super::samples::map_samples;
use super::{check_not_nan, check_same_shape};
use crate::{Error, ImageMut, ImageRef, Pixel, Result};

/// Bounds of [`clip`]. Infinite bounds leave that side open; integer pixel
/// types round each bound to the nearest value of the type, saturating.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClipParams {
    pub min: f64,
    pub max: f64,
}

impl Default for ClipParams {
    fn default() -> Self {
        Self {
            min: f64::NEG_INFINITY,
            max: f64::INFINITY,
        }
    }
}

impl ClipParams {
    pub fn validate(&self) -> Result<()> {
        check_not_nan("min", self.min)?;
        check_not_nan("max", self.max)?;
        if self.min > self.max {
            return Err(Error::param(
                "min",
                format!("at most max ({})", self.max),
                self.min,
            ));
        }
        Ok(())
    }
}

/// `dst = min(max(src, lo), hi)`. NaN samples of `f32` frames stay NaN.
pub fn clip<T: Pixel>(src: ImageRef<T>, mut dst: ImageMut<T>, params: &ClipParams) -> Result<()> {
    params.validate()?;
    check_same_shape(src.spec(), dst.spec())?;
    let lo = T::saturate_f64(params.min);
    let hi = T::saturate_f64(params.max);
    map_samples(src.data(), dst.data_mut(), move |x| {
        if x < lo {
            lo
        } else if x > hi {
            hi
        } else {
            x
        }
    });
    Ok(())
}
