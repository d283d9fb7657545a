//! x86: non-temporal stores of 16 bytes (SSE2, part of every x86-64 CPU).

#[cfg(target_arch = "x86")]
use std::arch::x86::*;
#[cfg(target_arch = "x86_64")]
use std::arch::x86_64::*;

use super::LINE;

/// Copies `src` into `dst` a line at a time with non-temporal stores.
///
/// # Safety
/// `dst` and `src` must have the same length, a multiple of 64 bytes, and
/// `dst` must be 64-byte aligned.
#[inline(always)]
pub(super) unsafe fn stream_lines(dst: &mut [u8], src: &[u8]) {
    for (line, from) in dst.chunks_exact_mut(LINE).zip(src.chunks_exact(LINE)) {
        for at in (0..LINE).step_by(16) {
            // SAFETY: `at + 16 ≤ 64` bytes of both lines; `line` is 64-byte
            // aligned (the caller's condition), so `line + at` is 16-byte aligned.
            unsafe {
                let v = _mm_loadu_si128(from.as_ptr().add(at).cast());
                _mm_stream_si128(line.as_mut_ptr().add(at).cast(), v);
            }
        }
    }
}

/// Makes the streamed stores visible before any later store.
#[inline(always)]
pub(super) fn store_fence() {
    // SAFETY: SSE2, which this module is compiled only with, has `sfence`.
    unsafe { _mm_sfence() }
}
