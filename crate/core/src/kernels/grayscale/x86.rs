//! AVX2: luma of 8 RGB f32 pixels a step. The 24 interleaved samples are
//! three registers; blends take each channel's samples from the register
//! that holds them at each lane, and one permutation puts them in pixel order.

#[cfg(target_arch = "x86")]
use std::arch::x86::*;
#[cfg(target_arch = "x86_64")]
use std::arch::x86_64::*;

use crate::Pixel;

/// `out[i] = saturate(p0·first + p1·green + p2·last)` for 3-sample pixels, in
/// that order of operations, without fused multiply-adds (as the scalar path).
///
/// # Safety
/// The CPU must have AVX2.
#[target_feature(enable = "avx2")]
pub(super) unsafe fn luma_f32x3_avx2(src: &[f32], out: &mut [f32], weights: [f32; 3]) {
    let w = weights.map(|w| _mm256_set1_ps(w));
    // Lane k of the three registers holds sample k, 8 + k, 16 + k: channel
    // (k mod 3), (k + 2) mod 3, (k + 1) mod 3. Per channel, the blend masks
    // pick the register holding it at each lane; the indices then sort the
    // pixels (lane j holds pixel `order[j]`) back to 0…7.
    let first_order = _mm256_setr_epi32(0, 3, 6, 1, 4, 7, 2, 5);
    let green_order = _mm256_setr_epi32(1, 4, 7, 2, 5, 0, 3, 6);
    let last_order = _mm256_setr_epi32(2, 5, 0, 3, 6, 1, 4, 7);
    let mut pixels = src.chunks_exact(24);
    let mut lumas = out.chunks_exact_mut(8);
    for (pixel, luma) in (&mut pixels).zip(&mut lumas) {
        // SAFETY: `pixel` holds 24 f32: three unaligned loads of 8.
        let [a, b, c] = [0, 8, 16].map(|at| unsafe { _mm256_loadu_ps(pixel.as_ptr().add(at)) });
        // Channel 0 sits at lanes 0,3,6 of a, 1,4,7 of b, 2,5 of c.
        let p0 = _mm256_blend_ps::<0b0010_0100>(_mm256_blend_ps::<0b1001_0010>(a, b), c);
        // Channel 1: lanes 1,4,7 of a, 2,5 of b, 0,3,6 of c.
        let p1 = _mm256_blend_ps::<0b0100_1001>(_mm256_blend_ps::<0b0010_0100>(a, b), c);
        // Channel 2: lanes 2,5 of a, 0,3,6 of b, 1,4,7 of c.
        let p2 = _mm256_blend_ps::<0b1001_0010>(_mm256_blend_ps::<0b0100_1001>(a, b), c);
        let p0 = _mm256_permutevar8x32_ps(p0, first_order);
        let p1 = _mm256_permutevar8x32_ps(p1, green_order);
        let p2 = _mm256_permutevar8x32_ps(p2, last_order);
        let sum = _mm256_add_ps(
            _mm256_add_ps(_mm256_mul_ps(p0, w[0]), _mm256_mul_ps(p1, w[1])),
            _mm256_mul_ps(p2, w[2]),
        );
        // Every NaN becomes the one quiet NaN, as `f32::saturate_f32` makes it.
        let nan = _mm256_cmp_ps::<_CMP_UNORD_Q>(sum, sum);
        let sum = _mm256_blendv_ps(sum, _mm256_set1_ps(f32::NAN), nan);
        // SAFETY: `luma` holds 8 f32.
        unsafe { _mm256_storeu_ps(luma.as_mut_ptr(), sum) };
    }
    for (luma, p) in lumas
        .into_remainder()
        .iter_mut()
        .zip(pixels.remainder().chunks_exact(3))
    {
        *luma = f32::saturate_f32(p[0] * weights[0] + p[1] * weights[1] + p[2] * weights[2]);
    }
}
