//! Process-wide settings: threads for kernels and the SIMD path.

use napi::Env;
use napi_derive::napi;
use pixchain::simd::{self, Isa};

use crate::failure::{Result, guard};

/// Threads each kernel may use unless a pipeline sets its own.
#[napi]
pub fn set_threads(threads: u32) {
    pixchain::set_default_threads(threads as usize);
}

#[napi]
pub fn get_threads() -> u32 {
    pixchain::default_threads() as u32
}

/// The SIMD path kernels take: `avx2`, `sse4.1`, `neon` or `scalar`.
#[napi]
pub fn simd_path() -> String {
    simd::current().name().to_owned()
}

/// Every path this CPU runs, the most capable first.
#[napi]
pub fn simd_paths() -> Vec<String> {
    Isa::available().map(|isa| isa.name().to_owned()).collect()
}

/// Makes `name` the SIMD path; refused when unknown or missing on this CPU.
#[napi]
pub fn set_simd_path(name: String) -> Result<()> {
    guard(|| Ok(simd::set_preferred(Isa::parse(&name)?)?))
}

/// V8's count of native memory that addons (pixchain's work buffers among
/// them) have reported, in bytes: what the garbage collector weighs beyond
/// the JavaScript heap.
#[napi]
pub fn reported_native_memory(env: Env) -> f64 {
    crate::external_memory::reported_total(&env) as f64
}
