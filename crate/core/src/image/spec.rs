//! `ImageSpec`: the width, height, channel count and pixel type of a frame.

use std::fmt;

use crate::{Error, PixelType, Result};

/// Channels per pixel: gray, gray + alpha, RGB, RGBA.
pub const MAX_CHANNELS: usize = 4;

/// The pixel limit frames are checked against unless a caller sets another:
/// sharp's `limitInputPixels` default, 16383 × 16383.
pub const DEFAULT_PIXEL_LIMIT: u64 = 0x3FFF * 0x3FFF;

/// The shape and pixel type of an interleaved, row-major frame without padding.
///
/// A spec that exists is valid: both sides are at least 1, channels are
/// 1..=4, and the frame's byte size fits in memory for the widest pixel type,
/// so a frame can change type without its size overflowing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ImageSpec {
    width: usize,
    height: usize,
    channels: usize,
    pixel_type: PixelType,
}

impl ImageSpec {
    pub fn new(
        width: usize,
        height: usize,
        channels: usize,
        pixel_type: PixelType,
    ) -> Result<Self> {
        for (field, value) in [("width", width), ("height", height)] {
            if value == 0 {
                return Err(Error::Spec {
                    field,
                    expected: "an integer ≥ 1".into(),
                    given: value.to_string(),
                });
            }
        }
        if !(1..=MAX_CHANNELS).contains(&channels) {
            return Err(Error::Spec {
                field: "channels",
                expected: format!("an integer from 1 to {MAX_CHANNELS}"),
                given: channels.to_string(),
            });
        }
        let largest = width
            .checked_mul(height)
            .and_then(|n| n.checked_mul(channels))
            .and_then(|n| n.checked_mul(PixelType::WIDEST))
            .filter(|&bytes| bytes <= isize::MAX as usize);
        if largest.is_none() {
            return Err(Error::Spec {
                field: "width×height×channels",
                expected: format!("a frame of at most {} bytes as f32", isize::MAX),
                given: format!("{width}×{height}×{channels}, which overflows"),
            });
        }
        Ok(Self {
            width,
            height,
            channels,
            pixel_type,
        })
    }

    pub fn width(&self) -> usize {
        self.width
    }

    pub fn height(&self) -> usize {
        self.height
    }

    pub fn channels(&self) -> usize {
        self.channels
    }

    pub fn pixel_type(&self) -> PixelType {
        self.pixel_type
    }

    /// Samples in one row: width × channels.
    pub fn row_len(&self) -> usize {
        self.width * self.channels
    }

    /// Samples in the frame: width × height × channels.
    pub fn samples(&self) -> usize {
        self.row_len() * self.height
    }

    pub fn byte_len(&self) -> usize {
        self.samples() * self.pixel_type.size()
    }

    /// Pixels in the frame: width × height, whatever the channels.
    pub fn pixels(&self) -> u64 {
        self.width as u64 * self.height as u64
    }

    /// Refuses a frame of more than `limit` pixels (`0`: no limit), so that a
    /// caller can bound what it allocates before it allocates anything.
    pub fn check_pixel_limit(&self, role: &'static str, limit: u64) -> Result<()> {
        if limit != 0 && self.pixels() > limit {
            return Err(Error::Limit {
                role,
                spec: *self,
                pixels: self.pixels(),
                limit,
            });
        }
        Ok(())
    }

    /// The same frame with another pixel type.
    pub fn with_type(&self, pixel_type: PixelType) -> Self {
        Self {
            pixel_type,
            ..*self
        }
    }

    /// The same frame with another channel count, checked as [`new`](Self::new) checks it.
    pub fn with_channels(&self, channels: usize) -> Result<Self> {
        Self::new(self.width, self.height, channels, self.pixel_type)
    }

    /// Whether both frames have the same width, height and channels.
    pub fn same_shape(&self, other: &ImageSpec) -> bool {
        self.with_type(other.pixel_type) == *other
    }
}

impl fmt::Display for ImageSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self {
            width,
            height,
            channels,
            pixel_type,
        } = self;
        write!(f, "{width}×{height}×{channels} {pixel_type}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pixel_limit_counts_pixels_not_samples_and_zero_means_none() {
        // Two channels: specs of more pixels than the limit, yet small
        // enough as f32 for a 32-bit target (wasm32).
        let spec = ImageSpec::new(16384, 16383, 2, PixelType::U8).unwrap();
        let error = spec
            .check_pixel_limit("input", DEFAULT_PIXEL_LIMIT)
            .unwrap_err();
        assert_eq!(error.code(), "ERR_PIXCHAIN_LIMIT");
        assert_eq!(
            error.to_string(),
            "input: expected at most 268402689 pixels (limitInputPixels), got 16384×16383×2 u8 \
             with 268419072; raise limitInputPixels, or set it to 0 for no limit"
        );
        assert!(spec.check_pixel_limit("input", 0).is_ok());
        let edge = ImageSpec::new(16383, 16383, 2, PixelType::U8).unwrap();
        assert!(edge.check_pixel_limit("input", DEFAULT_PIXEL_LIMIT).is_ok());
        let over = ImageSpec::new(16384, 16383, 1, PixelType::U8).unwrap();
        assert!(
            over.check_pixel_limit("input", DEFAULT_PIXEL_LIMIT)
                .is_err()
        );
    }

    #[test]
    fn sizes_follow_type_and_shape() {
        let spec = ImageSpec::new(7, 5, 3, PixelType::U16).unwrap();
        assert_eq!(spec.row_len(), 21);
        assert_eq!(spec.samples(), 105);
        assert_eq!(spec.byte_len(), 210);
        assert_eq!(spec.with_type(PixelType::F32).byte_len(), 420);
        assert!(spec.same_shape(&spec.with_type(PixelType::U8)));
        assert_eq!(spec.to_string(), "7×5×3 u16");
    }

    #[test]
    fn zero_sides_are_refused() {
        let error = ImageSpec::new(0, 5, 1, PixelType::U8).unwrap_err();
        assert_eq!(error.to_string(), "width: expected an integer ≥ 1, got 0");
        assert_eq!(error.code(), "ERR_PIXCHAIN_SPEC");
        assert!(ImageSpec::new(5, 0, 1, PixelType::U8).is_err());
    }

    #[test]
    fn channels_outside_one_to_four_are_refused() {
        for channels in [0, 5] {
            let error = ImageSpec::new(4, 4, channels, PixelType::U8).unwrap_err();
            assert_eq!(
                error.to_string(),
                format!("channels: expected an integer from 1 to 4, got {channels}")
            );
        }
    }

    #[test]
    fn overflowing_sizes_are_refused() {
        assert!(ImageSpec::new(usize::MAX, 2, 1, PixelType::U8).is_err());
        assert!(ImageSpec::new(1 << 31, 1 << 31, 4, PixelType::U8).is_err());
    }
}
