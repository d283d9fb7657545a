//! AVX2: 16 (u16) or 32 (u8) samples a step, each `a·x + b` in f32,
//! converted with rounding to nearest even (`cvtps2dq`, the MXCSR default, as
//! OpenCV's `cvRound`) and narrowed with unsigned saturation.

#[cfg(target_arch = "x86")]
use std::arch::x86::*;
#[cfg(target_arch = "x86_64")]
use std::arch::x86_64::*;

use crate::Pixel;

/// # Safety
/// The CPU must have AVX2.
#[target_feature(enable = "avx2")]
pub(super) unsafe fn scale_u16_avx2(src: &[u16], dst: &mut [u16], a: f32, b: f32) {
    let (gain, offset) = (_mm256_set1_ps(a), _mm256_set1_ps(b));
    let mut inputs = src.chunks_exact(16);
    let mut outputs = dst.chunks_exact_mut(16);
    for (input, output) in (&mut inputs).zip(&mut outputs) {
        // SAFETY: `input` holds 16 u16, 32 bytes; unaligned loads are allowed.
        let x = unsafe { _mm256_loadu_si256(input.as_ptr().cast()) };
        let low = _mm256_cvtepu16_epi32(_mm256_castsi256_si128(x));
        let high = _mm256_cvtepu16_epi32(_mm256_extracti128_si256::<1>(x));
        // Packing works within 128-bit halves: put the quarters back in order.
        let top = _mm256_set1_ps(65535.0);
        let packed = _mm256_packus_epi32(
            scale(low, gain, offset, top),
            scale(high, gain, offset, top),
        );
        let ordered = _mm256_permute4x64_epi64::<0b11_01_10_00>(packed);
        // SAFETY: `output` holds 16 u16, 32 bytes.
        unsafe { _mm256_storeu_si256(output.as_mut_ptr().cast(), ordered) };
    }
    for (out, &x) in outputs.into_remainder().iter_mut().zip(inputs.remainder()) {
        *out = u16::saturate_f32(x as f32 * a + b);
    }
}

/// # Safety
/// The CPU must have AVX2.
#[target_feature(enable = "avx2")]
pub(super) unsafe fn scale_u8_avx2(src: &[u8], dst: &mut [u8], a: f32, b: f32) {
    let (gain, offset, top) = (_mm256_set1_ps(a), _mm256_set1_ps(b), _mm256_set1_ps(255.0));
    let mut inputs = src.chunks_exact(32);
    let mut outputs = dst.chunks_exact_mut(32);
    for (input, output) in (&mut inputs).zip(&mut outputs) {
        // SAFETY: `input` holds 32 u8; unaligned loads are allowed.
        let x = unsafe { _mm256_loadu_si256(input.as_ptr().cast()) };
        let (lo, hi) = (_mm256_castsi256_si128(x), _mm256_extracti128_si256::<1>(x));
        let (q0, q1) = (
            scale(_mm256_cvtepu8_epi32(lo), gain, offset, top),
            scale(
                _mm256_cvtepu8_epi32(_mm_srli_si128::<8>(lo)),
                gain,
                offset,
                top,
            ),
        );
        let (q2, q3) = (
            scale(_mm256_cvtepu8_epi32(hi), gain, offset, top),
            scale(
                _mm256_cvtepu8_epi32(_mm_srli_si128::<8>(hi)),
                gain,
                offset,
                top,
            ),
        );
        // Each pack works within 128-bit halves: lanes come out as quarters
        // 0, 2, 1, 3 of dwords, which one permutation puts back in order.
        let words = (_mm256_packus_epi32(q0, q1), _mm256_packus_epi32(q2, q3));
        let bytes = _mm256_packus_epi16(words.0, words.1);
        let ordered = _mm256_permutevar8x32_epi32(bytes, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7));
        // SAFETY: `output` holds 32 u8.
        unsafe { _mm256_storeu_si256(output.as_mut_ptr().cast(), ordered) };
    }
    for (out, &x) in outputs.into_remainder().iter_mut().zip(inputs.remainder()) {
        *out = u8::saturate_f32(x as f32 * a + b);
    }
}

/// `saturate(a·x + b)` of 8 samples as i32 within `[0, top]`.
#[inline]
#[target_feature(enable = "avx2")]
fn scale(x: __m256i, gain: __m256, offset: __m256, top: __m256) -> __m256i {
    let v = _mm256_add_ps(_mm256_mul_ps(_mm256_cvtepi32_ps(x), gain), offset);
    // `max(v, 0)` returns its second operand when `v` is NaN, so NaN gives 0
    // as saturate_cast does; the clamp keeps the conversion in i32's range.
    let clamped = _mm256_min_ps(_mm256_max_ps(v, _mm256_setzero_ps()), top);
    _mm256_cvtps_epi32(clamped)
}
