//! `convert`: change the pixel type, with an optional scale and offset.

use super::int_scale::scale_same_type;
use super::samples::map_samples;
use super::u8_table::map_u8_through_table;
use super::{check_finite, check_same_shape};
use crate::simd::Isa;
use crate::{ImageMut, ImageRef, Pixel, Result};

/// Scale and offset of [`convert`]; the target type is the destination's.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ConvertParams {
    pub scale: f64,
    pub offset: f64,
}

impl Default for ConvertParams {
    fn default() -> Self {
        Self {
            scale: 1.0,
            offset: 0.0,
        }
    }
}

impl ConvertParams {
    pub fn validate(&self) -> Result<()> {
        check_finite("scale", self.scale)?;
        check_finite("offset", self.offset)
    }
}

/// `dst = saturate(src·scale + offset)` into another pixel type, computed in
/// f32 as OpenCV's `convertTo` does for these types.
pub fn convert<T: Pixel, U: Pixel>(
    src: ImageRef<T>,
    mut dst: ImageMut<U>,
    params: &ConvertParams,
    isa: Isa,
) -> Result<()> {
    params.validate()?;
    check_same_shape(src.spec(), dst.spec())?;
    let (scale, offset) = (params.scale as f32, params.offset as f32);
    if scale_same_type(isa, src.data(), dst.data_mut(), scale, offset) {
        return Ok(());
    }
    let f = move |x: T| U::saturate_f32(x.to_f32() * scale + offset);
    if !map_u8_through_table(isa, src.data(), dst.data_mut(), f) {
        map_samples(isa, src.data(), dst.data_mut(), f);
    }
    Ok(())
}
