//! Process-wide settings: threads for kernels, the SIMD path, the pixel limit.

use std::sync::atomic::{AtomicU64, Ordering};

use napi::Env;
use napi::bindgen_prelude::Either;
use napi_derive::napi;
use pixchain::simd::{self, Isa};
use pixchain::{DEFAULT_PIXEL_LIMIT, Error};

use crate::failure::{Failure, Result, guard};

/// The pixel limit of objects without one of their own.
static PIXEL_LIMIT: AtomicU64 = AtomicU64::new(DEFAULT_PIXEL_LIMIT);

/// A pixel limit as JavaScript gives it, as sharp's `limitInputPixels`:
/// a count of pixels, `0` or `false` for none, `true` for the default.
pub type PixelLimit = Either<bool, f64>;

/// The pixels `limit` allows (0: no limit), refused when not a count.
pub fn limit_pixels(limit: PixelLimit) -> std::result::Result<u64, Failure> {
    match limit {
        Either::A(true) => Ok(DEFAULT_PIXEL_LIMIT),
        Either::A(false) => Ok(0),
        Either::B(n) if n >= 0.0 && n.fract() == 0.0 && n <= 2f64.powi(53) => Ok(n as u64),
        Either::B(n) => {
            let expected = "an integer ≥ 0 (0: no limit) or a boolean";
            Err(Error::param("limitInputPixels", expected, n).into())
        }
    }
}

/// The limit an object checks its frames against: its own, else the process's.
pub fn pixel_limit(own: Option<u64>) -> u64 {
    own.unwrap_or_else(|| PIXEL_LIMIT.load(Ordering::Relaxed))
}

/// Sets the pixel limit of objects made without `limitInputPixels`.
#[napi]
pub fn set_limit_input_pixels(limit: Either<bool, f64>) -> Result<()> {
    guard(|| {
        PIXEL_LIMIT.store(limit_pixels(limit)?, Ordering::Relaxed);
        Ok(())
    })
}

/// The process-wide pixel limit; 0 is none.
#[napi]
pub fn get_limit_input_pixels() -> f64 {
    PIXEL_LIMIT.load(Ordering::Relaxed) as f64
}

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
    simd::preferred().name().to_owned()
}

/// Every path this CPU runs, the most capable first.
#[napi]
pub fn simd_paths() -> Vec<String> {
    Isa::available().map(|isa| isa.name().to_owned()).collect()
}

/// Makes `name` the SIMD path; refused when unknown or missing on this CPU.
/// The choice is process-wide in JavaScript: every call takes the path set
/// when it starts, whenever its pipeline or buffers were made (each entry
/// gives its workspace [`simd::preferred`]).
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
