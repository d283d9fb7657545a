//! `invert`: mirror every sample within a range, `lo + hi − x`.

use super::samples::map_samples;
use super::{check_finite, check_same_shape};
use crate::simd::Isa;
use crate::{Error, ImageMut, ImageRef, Pixel, PixelType, Result};

/// The range `[min, max]` [`invert`] mirrors within, both given or neither.
/// Default: the type's range for integers (so u8 gives `255 − x` and i16
/// `−1 − x`, as OpenCV's `bitwise_not`), and plain negation for f32.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct InvertParams {
    pub min: Option<f64>,
    pub max: Option<f64>,
}

impl InvertParams {
    pub fn validate(&self) -> Result<()> {
        self.range().map(|_| ())
    }

    fn range(&self) -> Result<Option<(f64, f64)>> {
        match (self.min, self.max) {
            (None, None) => Ok(None),
            (Some(lo), Some(hi)) => {
                check_finite("min", lo)?;
                check_finite("max", hi)?;
                if lo > hi {
                    return Err(Error::param("min", format!("at most max ({hi})"), lo));
                }
                Ok(Some((lo, hi)))
            }
            (Some(_), None) => Err(Error::param(
                "max",
                "a finite number alongside min",
                "nothing",
            )),
            (None, Some(_)) => Err(Error::param(
                "min",
                "a finite number alongside max",
                "nothing",
            )),
        }
    }
}

/// `dst = saturate(lo + hi − src)`; for f32 without a range, `dst = −src`.
pub fn invert<T: Pixel>(
    src: ImageRef<T>,
    mut dst: ImageMut<T>,
    params: &InvertParams,
    isa: Isa,
) -> Result<()> {
    let range = params.range()?;
    check_same_shape(src.spec(), dst.spec())?;
    let (src, out) = (src.data(), dst.data_mut());
    match (range, T::TYPE) {
        (None, PixelType::F32) => map_samples(isa, src, out, move |x| T::saturate_f32(-x.to_f32())),
        (None, _) => {
            // Exact in i32 for every integer type.
            let sum = (T::MIN.to_i64() + T::MAX.to_i64()) as i32;
            map_samples(isa, src, out, move |x| {
                T::saturate_i32(sum - x.to_i64() as i32)
            });
        }
        (Some((lo, hi)), PixelType::F32) => {
            let sum = (lo + hi) as f32;
            map_samples(isa, src, out, move |x| T::saturate_f32(sum - x.to_f32()));
        }
        (Some((lo, hi)), _) => map_samples(isa, src, out, move |x| {
            T::saturate_f64(lo + hi - x.to_f64())
        }),
    }
    Ok(())
}
