//! `saturate(a·x + b)` from u16 to u16 and from u8 to u8 samples in f32, as
//! `linear` and `convert` define it, with explicit vector code where the
//! compiler's own falls short: it rounds, clamps and narrows in separate
//! steps, where x86 converts with rounding to nearest even in one
//! instruction and narrows with saturation in another. For u8 this beats
//! the 256-entry table, a gather of one sample at a time.

#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
mod x86;

use crate::simd::Isa;
use crate::Pixel;

/// `dst[i] = saturate(src[i]·a + b)` from u8 to u8 or u16 to u16 on an
/// explicit vector path for `isa`; `false`, with `dst` untouched, for other
/// types and where `isa` has none.
pub(crate) fn scale_same_type<T: Pixel, U: Pixel>(
    isa: Isa,
    src: &[T],
    dst: &mut [U],
    a: f32,
    b: f32,
) -> bool {
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    if isa.runs_avx2() && crate::simd::x86::has_avx2() {
        use crate::PixelType;
        use bytemuck::{cast_slice as s, cast_slice_mut as d};
        match (T::TYPE, U::TYPE) {
            // SAFETY: the CPU has AVX2, checked above.
            (PixelType::U8, PixelType::U8) => unsafe { x86::scale_u8_avx2(s(src), d(dst), a, b) },
            // SAFETY: the CPU has AVX2, checked above.
            (PixelType::U16, PixelType::U16) => unsafe {
                x86::scale_u16_avx2(s(src), d(dst), a, b)
            },
            _ => return false,
        }
        return true;
    }
    let _ = (isa, src, dst, a, b);
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every u16 value against the definition, for many gains and offsets
    /// (NaN and infinite products included), on every path that has code here.
    #[test]
    fn every_u16_value_matches_the_float_definition() {
        let src: Vec<u16> = (0..=u16::MAX).chain([0, 1, 65535]).collect();
        let params: [(f32, f32); 14] = [
            (1.25, 3.0),
            (0.5, 0.0),
            (1.0, 0.5),
            (1.0, -0.5),
            (-1.0, 65535.0),
            (0.1, -0.5),
            (3.7, -100.25),
            (1.0 / 257.0, 0.0),
            (0.999_99, 0.5),
            (f32::MAX, 0.0),
            (f32::INFINITY, 0.0),
            (f32::NEG_INFINITY, 1.0),
            (1e-30, 32767.5),
            (0.0, -2.5),
        ];
        for isa in Isa::available() {
            for (a, b) in params {
                let mut out = vec![7u16; src.len()];
                if !scale_same_type(isa, &src, &mut out, a, b) {
                    continue;
                }
                for (&x, &got) in src.iter().zip(&out) {
                    let v = x as f32 * a + b;
                    let want = if v.is_nan() {
                        0
                    } else {
                        (v as f64).round_ties_even().clamp(0.0, 65535.0) as u16
                    };
                    assert_eq!(got, want, "{x}·{a} + {b} on {isa}");
                    assert_eq!(got, u16::saturate_f32(v));
                }
                // Every u8 value in every lane, and a tail after the last 32-sample step.
                let bytes: Vec<u8> = (0..=255).chain(1..=255).chain([0, 255, 7]).collect();
                let mut out = vec![7u8; bytes.len()];
                assert!(scale_same_type(isa, &bytes, &mut out, a, b));
                for (&x, &got) in bytes.iter().zip(&out) {
                    let v = x as f32 * a + b;
                    let want = if v.is_nan() {
                        0
                    } else {
                        (v as f64).round_ties_even().clamp(0.0, 255.0) as u8
                    };
                    assert_eq!(got, want, "{x}·{a} + {b} on {isa}");
                }
            }
        }
    }
}
