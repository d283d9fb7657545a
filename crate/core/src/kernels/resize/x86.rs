//! AVX2: the u8 linear resize's horizontal pass, 16 samples a step. Each
//! sample's two taps come from one 32-bit gather at its first tap (two for
//! 4 channels), are spread to 16-bit pairs and summed with their weights by
//! `madd`: OpenCV's `p0·w0 + p1·w1` in i32, kept as `sum >> 4`.

#[cfg(target_arch = "x86")]
use std::arch::x86::*;
#[cfg(target_arch = "x86_64")]
use std::arch::x86_64::*;

use super::sample_taps::SampleTaps;

/// Writes `out[i]` for the leading samples `taps` gathers, 16 at a time, and
/// returns how many it wrote; the caller writes the rest.
///
/// # Safety
/// The CPU must have AVX2.
#[target_feature(enable = "avx2")]
pub(super) unsafe fn across_linear_u8(row: &[u8], out: &mut [i16], taps: &SampleTaps<'_>) -> usize {
    assert!(taps.fits(row.len()));
    let (index, weights) = (taps.index(), taps.weights());
    let cn = taps.channels();
    let steps = index.len().min(out.len()) / 16;
    // Bytes 0 and `cn` of each gathered dword as 16-bit lanes (cn < 4).
    let spread = |cn: i8| {
        let lane = [
            0,
            -1,
            cn,
            -1,
            4,
            -1,
            4 + cn,
            -1,
            8,
            -1,
            8 + cn,
            -1,
            12,
            -1,
            12 + cn,
            -1,
        ];
        _mm256_setr_epi8(
            lane[0], lane[1], lane[2], lane[3], lane[4], lane[5], lane[6], lane[7], lane[8],
            lane[9], lane[10], lane[11], lane[12], lane[13], lane[14], lane[15], lane[0], lane[1],
            lane[2], lane[3], lane[4], lane[5], lane[6], lane[7], lane[8], lane[9], lane[10],
            lane[11], lane[12], lane[13], lane[14], lane[15],
        )
    };
    let pick = spread(cn.min(3) as i8);
    let low_byte = _mm256_set1_epi32(0xFF);
    let base = row.as_ptr().cast::<i32>();
    let eight = |i: usize| {
        // SAFETY: i + 8 ≤ index.len(), and SampleTaps bounds every gathered
        // sample's bytes (`reach`) inside a row of `row.len()` samples.
        unsafe {
            let at = _mm256_loadu_si256(index.as_ptr().add(i).cast());
            let w = _mm256_loadu_si256(weights.as_ptr().add(i).cast());
            let pairs = if cn < 4 {
                _mm256_shuffle_epi8(_mm256_i32gather_epi32::<1>(base, at), pick)
            } else {
                let p0 = _mm256_and_si256(_mm256_i32gather_epi32::<1>(base, at), low_byte);
                let p1 = _mm256_and_si256(
                    _mm256_i32gather_epi32::<1>(base.cast::<u8>().add(4).cast(), at),
                    low_byte,
                );
                _mm256_or_si256(p0, _mm256_slli_epi32::<16>(p1))
            };
            _mm256_srai_epi32::<4>(_mm256_madd_epi16(pairs, w))
        }
    };
    for step in 0..steps {
        let i = step * 16;
        let (a, b) = (eight(i), eight(i + 8));
        // Packing works within 128-bit halves: put the quarters back in order.
        let kept = _mm256_permute4x64_epi64::<0b11_01_10_00>(_mm256_packs_epi32(a, b));
        // SAFETY: i + 16 ≤ out.len().
        unsafe { _mm256_storeu_si256(out.as_mut_ptr().add(i).cast(), kept) };
    }
    steps * 16
}
