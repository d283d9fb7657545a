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

/// Bytes of the CPU's largest cache, as CPUID describes its caches (leaf
/// `0x8000_001D` on AMD and Hygon, leaf 4 elsewhere); 0 when it describes none.
pub(super) fn largest_cache_bytes() -> usize {
    let vendor = __cpuid(0);
    let amd = matches!(
        (vendor.ebx, vendor.edx, vendor.ecx),
        (0x6874_7541, 0x6974_6e65, 0x444d_4163) | (0x6f67_7948, 0x6e65_476e, 0x656e_6975)
    );
    let leaf = if amd { 0x8000_001D } else { 4 };
    // Leaves above the highest one the CPU reports are never asked for.
    let highest = __cpuid(leaf & 0x8000_0000).eax;
    if highest < leaf {
        return 0;
    }
    (0..16)
        .map(|index| __cpuid_count(leaf, index))
        .take_while(|level| level.eax & 0x1f != 0)
        .map(|level| {
            let field = |bits: u32, shift: u32, width: u32| {
                ((bits >> shift) & ((1 << width) - 1)) as usize + 1
            };
            let (line, partitions, ways) = (
                field(level.ebx, 0, 12),
                field(level.ebx, 12, 10),
                field(level.ebx, 22, 10),
            );
            line * partitions * ways * (level.ecx as usize + 1)
        })
        .max()
        .unwrap_or(0)
}
