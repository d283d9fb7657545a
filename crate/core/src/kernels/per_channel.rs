//! Parameters that OpenCV takes as a `Scalar`: one value for every channel,
//! or one for each channel, and the sample loop that applies them.

use crate::image::MAX_CHANNELS;
use crate::simd::{Isa, dispatch};
use crate::{Error, Result};

/// One value for every channel, or a value for each of 1–4 channels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PerChannel {
    values: [f64; MAX_CHANNELS],
    /// 0: one value for every channel, `values[0]`; else the channels given.
    each: usize,
}

impl From<f64> for PerChannel {
    fn from(value: f64) -> Self {
        Self {
            values: [value; MAX_CHANNELS],
            each: 0,
        }
    }
}

impl PerChannel {
    /// A value for each channel, the first channel's first; 1 to 4 of them.
    pub fn each(name: &'static str, values: &[f64]) -> Result<Self> {
        if !(1..=MAX_CHANNELS).contains(&values.len()) {
            let expected =
                format!("a number, or an array of 1 to {MAX_CHANNELS} numbers (one per channel)");
            return Err(Error::param(name, expected, format!("{values:?}")));
        }
        let mut all = [0.0; MAX_CHANNELS];
        all[..values.len()].copy_from_slice(values);
        Ok(Self {
            values: all,
            each: values.len(),
        })
    }

    /// The values as given: one, or one per channel.
    pub fn values(&self) -> &[f64] {
        &self.values[..self.each.max(1)]
    }

    /// The value of `channel`.
    pub fn get(&self, channel: usize) -> f64 {
        if self.each == 0 {
            self.values[0]
        } else {
            self.values[channel]
        }
    }

    /// The one value every channel takes, if they all take the same.
    pub fn uniform(&self) -> Option<f64> {
        let first = self.values[0];
        // Bit for bit: a list of equal values runs as the one value would.
        let same = |v: &f64| v.to_bits() == first.to_bits();
        self.values().iter().all(same).then_some(first)
    }

    /// Whether a value was given per channel (even if they are equal).
    pub fn is_per_channel(&self) -> bool {
        self.each > 0
    }

    /// Refuses a value per channel for a frame of another channel count.
    pub fn check_channels(&self, name: &'static str, channels: usize) -> Result<()> {
        if self.each > 0 && self.each != channels {
            let expected =
                format!("a number, or {channels} numbers for the {channels}-channel input");
            return Err(Error::param(
                name,
                expected,
                format!("{} numbers", self.each),
            ));
        }
        Ok(())
    }
}

/// `dst[i] = f(channel of i, src[i])` for every sample of interleaved
/// pixels of `channels` samples.
#[inline(always)]
pub(crate) fn map_channels<T: Copy, U: Copy>(
    isa: Isa,
    src: &[T],
    dst: &mut [U],
    channels: usize,
    f: impl Fn(usize, T) -> U + Copy,
) {
    match channels {
        1 => dispatch!(isa, pixels::<T, U, 1>(src, dst, f)),
        2 => dispatch!(isa, pixels::<T, U, 2>(src, dst, f)),
        3 => dispatch!(isa, pixels::<T, U, 3>(src, dst, f)),
        _ => dispatch!(isa, pixels::<T, U, 4>(src, dst, f)),
    }
}

/// A fixed pixel size makes each sample's channel a constant of the unrolled loop.
#[inline(always)]
fn pixels<T: Copy, U: Copy, const N: usize>(src: &[T], dst: &mut [U], f: impl Fn(usize, T) -> U) {
    for (pixel, out) in src.chunks_exact(N).zip(dst.chunks_exact_mut(N)) {
        for k in 0..N {
            out[k] = f(k, pixel[k]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_value_serves_every_channel_and_a_list_must_fit_the_frame() {
        let one = PerChannel::from(2.5);
        assert_eq!(
            (one.get(3), one.uniform(), one.is_per_channel()),
            (2.5, Some(2.5), false)
        );
        assert!(one.check_channels("a", 4).is_ok());
        let each = PerChannel::each("a", &[1.0, 2.0, 3.0]).unwrap();
        assert_eq!(
            (each.get(2), each.uniform(), each.values()),
            (3.0, None, &[1.0, 2.0, 3.0][..])
        );
        assert!(each.check_channels("a", 3).is_ok());
        assert_eq!(
            each.check_channels("a", 4).unwrap_err().code(),
            "ERR_PIXCHAIN_PARAM"
        );
        let same = PerChannel::each("a", &[-0.0, -0.0]).unwrap();
        assert_eq!(same.uniform().map(f64::to_bits), Some((-0.0f64).to_bits()));
        assert_eq!(
            PerChannel::each("a", &[0.0, 0.0]).unwrap().uniform(),
            Some(0.0)
        );
        assert_eq!(PerChannel::each("a", &[0.0, -0.0]).unwrap().uniform(), None);
        for bad in [&[][..], &[1.0; 5][..]] {
            assert_eq!(
                PerChannel::each("a", bad).unwrap_err().code(),
                "ERR_PIXCHAIN_PARAM"
            );
        }
    }
}
