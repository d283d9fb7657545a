//! The Arm path: a function compiled with NEON enabled, running a kernel
//! body inlined into it.

pub(crate) fn has_neon() -> bool {
    std::arch::is_aarch64_feature_detected!("neon")
}

/// # Safety
/// The CPU must have NEON ([`has_neon`]).
#[target_feature(enable = "neon")]
pub(crate) unsafe fn neon<R>(kernel: impl FnOnce() -> R) -> R {
    kernel()
}
