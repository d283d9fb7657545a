//! `linear`: `a·x + b` on every sample.

use super::int_scale::scale_same_type;
use super::samples::map_samples;
use super::u8_table::map_u8_through_table;
use super::{check_finite, check_same_shape};
use crate::simd::Isa;
use crate::{ImageMut, ImageRef, Pixel, Result};

/// Gain and offset of [`linear`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinearParams {
    pub a: f64,
    pub b: f64,
}

impl Default for LinearParams {
    fn default() -> Self {
        Self { a: 1.0, b: 0.0 }
    }
}

impl LinearParams {
    pub fn validate(&self) -> Result<()> {
        check_finite("a", self.a)?;
        check_finite("b", self.b)
    }
}

/// `dst = saturate(a·src + b)`, computed in f32 as OpenCV's `convertTo` does.
pub fn linear<T: Pixel>(
    src: ImageRef<T>,
    mut dst: ImageMut<T>,
    params: &LinearParams,
    isa: Isa,
) -> Result<()> {
    params.validate()?;
    check_same_shape(src.spec(), dst.spec())?;
    let (a, b) = (params.a as f32, params.b as f32);
    if scale_same_type(isa, src.data(), dst.data_mut(), a, b) {
        return Ok(());
    }
    let f = move |x: T| T::saturate_f32(x.to_f32() * a + b);
    if !map_u8_through_table(isa, src.data(), dst.data_mut(), f) {
        map_samples(isa, src.data(), dst.data_mut(), f);
    }
    Ok(())
}
