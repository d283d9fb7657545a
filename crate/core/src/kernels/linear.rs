//! `linear`: `a·x + b` on every sample.

use super::int_scale::scale_same_type;
use super::per_channel::{PerChannel, map_channels};
use super::samples::map_samples;
use super::u8_table::map_u8_through_table;
use super::{check_finite, check_same_shape};
use crate::image::MAX_CHANNELS;
use crate::simd::Isa;
use crate::{ImageMut, ImageRef, Pixel, Result};

/// Gain and offset of [`linear`], each one value or one per channel.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinearParams {
    pub a: PerChannel,
    pub b: PerChannel,
}

impl Default for LinearParams {
    fn default() -> Self {
        Self {
            a: 1.0.into(),
            b: 0.0.into(),
        }
    }
}

impl LinearParams {
    pub fn validate(&self) -> Result<()> {
        self.a
            .values()
            .iter()
            .try_for_each(|&a| check_finite("a", a))?;
        self.b
            .values()
            .iter()
            .try_for_each(|&b| check_finite("b", b))
    }

    /// Refuses values per channel for a frame of another channel count.
    pub fn check_channels(&self, channels: usize) -> Result<()> {
        self.a.check_channels("a", channels)?;
        self.b.check_channels("b", channels)
    }
}

/// `dst = saturate(a·src + b)`, computed in f32 as OpenCV's `convertTo` does
/// (per channel, as OpenCV's `multiply` and `add` with a `Scalar`, where `a`
/// or `b` has a value per channel: each channel gives what it would alone).
pub fn linear<T: Pixel>(
    src: ImageRef<T>,
    mut dst: ImageMut<T>,
    params: &LinearParams,
    isa: Isa,
) -> Result<()> {
    params.validate()?;
    check_same_shape(src.spec(), dst.spec())?;
    let channels = src.spec().channels();
    params.check_channels(channels)?;
    let (Some(a), Some(b)) = (params.a.uniform(), params.b.uniform()) else {
        let a: [f32; MAX_CHANNELS] = std::array::from_fn(|c| params.a.get(c) as f32);
        let b: [f32; MAX_CHANNELS] = std::array::from_fn(|c| params.b.get(c) as f32);
        map_channels(isa, src.data(), dst.data_mut(), channels, move |c, x: T| {
            T::saturate_f32(x.to_f32() * a[c] + b[c])
        });
        return Ok(());
    };
    let (a, b) = (a as f32, b as f32);
    if scale_same_type(isa, src.data(), dst.data_mut(), a, b) {
        return Ok(());
    }
    let f = move |x: T| T::saturate_f32(x.to_f32() * a + b);
    if !map_u8_through_table(isa, src.data(), dst.data_mut(), f) {
        map_samples(isa, src.data(), dst.data_mut(), f);
    }
    Ok(())
}
