//! The x86 paths: functions compiled with AVX-512, AVX2 or SSE4.1 enabled,
//! each running a kernel body inlined into it.

/// AVX2 with FMA, as every AVX2 CPU since 2013 has. FMA changes no result:
/// Rust never fuses a multiply and an add unless asked to.
pub(crate) fn has_avx2() -> bool {
    std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
}

/// AVX-512 F, BW, VL and DQ (Skylake-SP, Ice Lake, Zen 4 and later), with AVX2 and FMA.
pub(crate) fn has_avx512() -> bool {
    has_avx2()
        && std::arch::is_x86_feature_detected!("avx512f")
        && std::arch::is_x86_feature_detected!("avx512bw")
        && std::arch::is_x86_feature_detected!("avx512vl")
        && std::arch::is_x86_feature_detected!("avx512dq")
}

pub(crate) fn has_sse41() -> bool {
    std::arch::is_x86_feature_detected!("sse4.1")
}

/// # Safety
/// The CPU must have AVX2 and FMA ([`has_avx2`]).
#[target_feature(enable = "avx2,fma")]
pub(crate) unsafe fn avx2<R>(kernel: impl FnOnce() -> R) -> R {
    kernel()
}

/// # Safety
/// The CPU must have AVX-512 F, BW, VL and DQ, AVX2 and FMA ([`has_avx512`]).
#[target_feature(enable = "avx2,fma,avx512f,avx512bw,avx512vl,avx512dq")]
pub(crate) unsafe fn avx512<R>(kernel: impl FnOnce() -> R) -> R {
    kernel()
}

/// # Safety
/// The CPU must have SSE4.1 ([`has_sse41`]).
#[target_feature(enable = "sse4.1")]
pub(crate) unsafe fn sse41<R>(kernel: impl FnOnce() -> R) -> R {
    kernel()
}
