//! The WebAssembly path: a function compiled with 128-bit SIMD enabled,
//! running a kernel body inlined into it.
//!
//! WebAssembly has no run-time feature test: an engine without SIMD refuses
//! the whole module, since it holds these instructions. So where the module
//! runs at all, the path is there (every Node that pixchain supports has it).

pub(crate) fn has_simd128() -> bool {
    true
}

/// # Safety
/// The engine must run SIMD instructions: it does wherever this module was
/// accepted ([`has_simd128`]).
#[target_feature(enable = "simd128")]
pub(crate) unsafe fn simd128<R>(kernel: impl FnOnce() -> R) -> R {
    kernel()
}
