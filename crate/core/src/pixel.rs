//! Pixel types: their ranges, and OpenCV's rounding and saturation into them.

use std::cmp::Ordering;
use std::fmt;

use bytemuck::Pod;

use crate::names::parse_name;
use crate::Result;

/// The pixel types a frame can hold, as named in JavaScript.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PixelType {
    U8,
    U16,
    I16,
    F32,
}

impl PixelType {
    pub const ALL: [PixelType; 4] = [
        PixelType::U8,
        PixelType::U16,
        PixelType::I16,
        PixelType::F32,
    ];

    /// Bytes per sample.
    pub const fn size(self) -> usize {
        match self {
            PixelType::U8 => 1,
            PixelType::U16 | PixelType::I16 => 2,
            PixelType::F32 => 4,
        }
    }

    /// The widest sample of any type; specs are checked against it so that a
    /// frame can change type without its byte size overflowing.
    pub const WIDEST: usize = 4;

    pub const fn name(self) -> &'static str {
        match self {
            PixelType::U8 => "u8",
            PixelType::U16 => "u16",
            PixelType::I16 => "i16",
            PixelType::F32 => "f32",
        }
    }

    /// Parses a type name (`u8`, `u16`, `i16`, `f32`) given for the option `field`.
    pub fn parse(name: &str, field: &'static str) -> Result<Self> {
        parse_name(field, name, Self::ALL, |t| t.name())
    }

    /// The smallest value of the type's nominal range: the integer minimum, 0.0 for f32.
    pub const fn nominal_min(self) -> f64 {
        match self {
            PixelType::U8 => u8::MIN as f64,
            PixelType::U16 => u16::MIN as f64,
            PixelType::I16 => i16::MIN as f64,
            PixelType::F32 => 0.0,
        }
    }

    /// The largest value of the type's nominal range: the integer maximum, 1.0 for f32.
    pub const fn nominal_max(self) -> f64 {
        match self {
            PixelType::U8 => u8::MAX as f64,
            PixelType::U16 => u16::MAX as f64,
            PixelType::I16 => i16::MAX as f64,
            PixelType::F32 => 1.0,
        }
    }
}

impl fmt::Display for PixelType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A sample type a kernel can read and write.
///
/// The `saturate_*` conversions are OpenCV's `saturate_cast`: round half to
/// even, then clamp to the type's range; NaN becomes 0. For `f32` they are
/// plain casts.
pub trait Pixel: Pod + PartialOrd + Default + fmt::Debug + Send + Sync + 'static {
    const TYPE: PixelType;
    const MIN: Self;
    const MAX: Self;

    fn to_f32(self) -> f32;
    fn to_f64(self) -> f64;
    /// The value as an integer: exact for integer types, truncated (and
    /// saturated) for f32.
    fn to_i64(self) -> i64;
    fn saturate_f32(value: f32) -> Self;
    fn saturate_f64(value: f64) -> Self;
    fn saturate_i32(value: i32) -> Self;
    /// A total order, so that a median of floats is defined even with NaN.
    fn total_cmp(&self, other: &Self) -> Ordering;
}

macro_rules! integer_pixel {
    ($t:ty, $variant:ident) => {
        impl Pixel for $t {
            const TYPE: PixelType = PixelType::$variant;
            const MIN: Self = <$t>::MIN;
            const MAX: Self = <$t>::MAX;

            #[inline]
            fn to_f32(self) -> f32 {
                self as f32
            }

            #[inline]
            fn to_f64(self) -> f64 {
                self as f64
            }

            #[inline]
            fn to_i64(self) -> i64 {
                self as i64
            }

            #[inline]
            fn saturate_f32(value: f32) -> Self {
                // NaN becomes 0; the rest is rounded and clamped into range.
                // Written as a select, max and min, and an unchecked cast
                // (a saturating `as` would be one scalar conversion per
                // sample), so that it compiles to vector instructions.
                let value = if value.is_nan() { 0.0 } else { value };
                let clamped = value
                    .round_ties_even()
                    .max(Self::MIN as f32)
                    .min(Self::MAX as f32);
                // SAFETY: `clamped` is not NaN (replaced above; max and min
                // return a number) and lies within the type's range, which
                // i32 holds.
                unsafe { clamped.to_int_unchecked::<i32>() as Self }
            }

            #[inline]
            fn saturate_f64(value: f64) -> Self {
                let value = if value.is_nan() { 0.0 } else { value };
                let clamped = value
                    .round_ties_even()
                    .max(Self::MIN as f64)
                    .min(Self::MAX as f64);
                // SAFETY: as in `saturate_f32`.
                unsafe { clamped.to_int_unchecked::<i32>() as Self }
            }

            #[inline]
            fn saturate_i32(value: i32) -> Self {
                value.clamp(Self::MIN as i32, Self::MAX as i32) as Self
            }

            #[inline]
            fn total_cmp(&self, other: &Self) -> Ordering {
                self.cmp(other)
            }
        }
    };
}

integer_pixel!(u8, U8);
integer_pixel!(u16, U16);
integer_pixel!(i16, I16);

impl Pixel for f32 {
    const TYPE: PixelType = PixelType::F32;
    const MIN: Self = f32::MIN;
    const MAX: Self = f32::MAX;

    #[inline]
    fn to_f32(self) -> f32 {
        self
    }

    #[inline]
    fn to_f64(self) -> f64 {
        self as f64
    }

    #[inline]
    fn to_i64(self) -> i64 {
        self as i64
    }

    /// A NaN result becomes the one quiet NaN: which NaN an operation
    /// returns depends on its operands' order, which vector code may swap,
    /// and every path must give the same bytes.
    #[inline]
    fn saturate_f32(value: f32) -> Self {
        if value.is_nan() { f32::NAN } else { value }
    }

    #[inline]
    fn saturate_f64(value: f64) -> Self {
        if value.is_nan() {
            f32::NAN
        } else {
            value as f32
        }
    }

    #[inline]
    fn saturate_i32(value: i32) -> Self {
        value as f32
    }

    #[inline]
    fn total_cmp(&self, other: &Self) -> Ordering {
        f32::total_cmp(self, other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f32_to_i64_truncates_and_saturates_as_documented() {
        let cases = [
            (2.7f32, 2i64),
            (-2.7, -2),
            (0.5, 0),
            (f32::INFINITY, i64::MAX),
            (f32::NEG_INFINITY, i64::MIN),
            (f32::NAN, 0),
        ];
        for (value, expected) in cases {
            assert_eq!(value.to_i64(), expected, "{value}");
        }
        assert_eq!(40000u16.to_i64(), 40000);
        assert_eq!((-32768i16).to_i64(), -32768);
    }

    #[test]
    fn saturate_rounds_half_to_even_like_cv_round() {
        assert_eq!(u8::saturate_f32(2.5), 2);
        assert_eq!(u8::saturate_f32(3.5), 4);
        assert_eq!(u8::saturate_f32(-0.5), 0);
        assert_eq!(i16::saturate_f64(-2.5), -2);
        assert_eq!(i16::saturate_f64(-3.5), -4);
        assert_eq!(u16::saturate_f32(65534.5), 65534);
    }

    #[test]
    fn saturate_clamps_to_the_type_range() {
        assert_eq!(u8::saturate_f32(300.0), 255);
        assert_eq!(u8::saturate_f32(-7.0), 0);
        assert_eq!(u16::saturate_i32(70000), 65535);
        assert_eq!(i16::saturate_i32(-40000), -32768);
        assert_eq!(i16::saturate_f64(f64::INFINITY), 32767);
        assert_eq!(u8::saturate_f32(f32::NAN), 0);
    }

    #[test]
    fn f32_passes_values_through() {
        assert_eq!(f32::saturate_f64(0.1), 0.1f32);
        assert!(f32::saturate_f32(f32::NAN).is_nan());
        assert_eq!(f32::saturate_i32(-3), -3.0);
    }

    #[test]
    fn type_names_round_trip() {
        for t in PixelType::ALL {
            assert_eq!(PixelType::parse(t.name(), "type"), Ok(t));
        }
        let error = PixelType::parse("u32", "type").unwrap_err();
        assert_eq!(
            error.to_string(),
            r#"type: expected one of u8, u16, i16, f32, got "u32""#
        );
    }
}
