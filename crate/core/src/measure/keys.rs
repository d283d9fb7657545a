//! Sample keys: each pixel type's samples as unsigned integers in the
//! samples' order, so counting keys sorts samples without moving them.

use crate::Pixel;

/// A pixel type whose samples map onto keys in their order. Integer types
/// have one key per value (u8: 256, u16 and i16: 65,536); f32 has one per
/// non-NaN bit pattern, −0.0 just below +0.0, counted in two levels of
/// 16 bits each so that no count table is larger than 65,536 entries.
pub(crate) trait Ranked: Pixel {
    /// Bits of a key's first level: the whole key for integer types.
    const LEVEL_BITS: u32;
    /// Bits of a key below its first level: 0 for integer types, 16 for f32.
    const LOW_BITS: u32;

    /// The sample's key, `None` for NaN.
    fn key(self) -> Option<u32>;

    /// The sample whose key is `key`.
    fn from_key(key: u32) -> Self;

    /// Entries of a first-level count table.
    const BUCKETS: usize = 1 << Self::LEVEL_BITS;
}

impl Ranked for u8 {
    const LEVEL_BITS: u32 = 8;
    const LOW_BITS: u32 = 0;

    #[inline(always)]
    fn key(self) -> Option<u32> {
        Some(self as u32)
    }

    fn from_key(key: u32) -> Self {
        key as u8
    }
}

impl Ranked for u16 {
    const LEVEL_BITS: u32 = 16;
    const LOW_BITS: u32 = 0;

    #[inline(always)]
    fn key(self) -> Option<u32> {
        Some(self as u32)
    }

    fn from_key(key: u32) -> Self {
        key as u16
    }
}

impl Ranked for i16 {
    const LEVEL_BITS: u32 = 16;
    const LOW_BITS: u32 = 0;

    #[inline(always)]
    fn key(self) -> Option<u32> {
        // Flipping the sign bit orders two's complement as unsigned.
        Some((self as u16 ^ 0x8000) as u32)
    }

    fn from_key(key: u32) -> Self {
        (key as u16 ^ 0x8000) as i16
    }
}

impl Ranked for f32 {
    const LEVEL_BITS: u32 = 16;
    const LOW_BITS: u32 = 16;

    #[inline(always)]
    fn key(self) -> Option<u32> {
        if self.is_nan() {
            return None;
        }
        // Negative numbers' bits count down as the numbers grow: invert
        // them all; set the sign bit of the rest to put them above.
        let bits = self.to_bits();
        Some(if bits >> 31 == 1 {
            !bits
        } else {
            bits | 0x8000_0000
        })
    }

    fn from_key(key: u32) -> Self {
        f32::from_bits(if key >> 31 == 1 {
            key & 0x7fff_ffff
        } else {
            !key
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_follow_the_samples_order_and_map_back() {
        let ints: Vec<i16> = (-32768..=32767).step_by(7).chain([32767]).collect();
        for pair in ints.windows(2) {
            assert!(pair[0].key() < pair[1].key());
        }
        assert!(ints.iter().all(|&x| i16::from_key(x.key().unwrap()) == x));
        let floats = [
            f32::NEG_INFINITY,
            f32::MIN,
            -1.5,
            -f32::MIN_POSITIVE,
            -1e-45,
            -0.0,
            0.0,
            1e-45,
            1.0,
            f32::MAX,
            f32::INFINITY,
        ];
        for pair in floats.windows(2) {
            assert!(pair[0].key() < pair[1].key(), "{pair:?}");
        }
        for x in floats {
            assert_eq!(f32::from_key(x.key().unwrap()).to_bits(), x.to_bits());
        }
        assert_eq!(f32::NAN.key(), None);
        assert_eq!((65535u16.key(), 255u8.key()), (Some(65535), Some(255)));
    }
}
