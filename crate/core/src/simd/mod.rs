//! Runtime choice of instruction set.
//!
//! Kernels are written once, as plain loops over slices, and compiled once
//! per instruction set: [`dispatch`] runs a kernel body inside a function
//! built with that set's target features (the per-architecture modules), so
//! the compiler vectorizes it with AVX2, SSE4.1, NEON or WebAssembly SIMD
//! registers. The scalar build is the reference every other path is tested
//! against.
//!
//! The `avx512` path runs the AVX2 build of every kernel but those whose
//! loops measured faster in 512-bit registers (AVX-512 F, BW, VL and DQ),
//! which dispatch with `dispatch!(wide …)`: on a CPU that splits 512-bit
//! operations in two (AMD Zen 4), wider registers cost some kernels speed.
//!
//! Each [`Workspace`](crate::Workspace) carries the path its kernels take,
//! as it carries their thread count. A new workspace takes the process
//! default: the best path the CPU has, unless `PIXCHAIN_SIMD` (`scalar`,
//! `sse4.1`, `avx2`, `avx512`, `neon`, `simd128`) names another that it has, or
//! [`set_preferred`] chose one.

#[cfg(target_arch = "aarch64")]
pub(crate) mod aarch64;
#[cfg(target_arch = "wasm32")]
pub(crate) mod wasm32;
#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
pub(crate) mod x86;

use std::fmt;
use std::sync::atomic::{AtomicU8, Ordering};

use crate::names::parse_name;
use crate::{Error, Result};

/// An instruction set a kernel can be compiled for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Isa {
    Scalar,
    Sse41,
    Avx2,
    Avx512,
    Neon,
    Simd128,
}

impl Isa {
    /// Every path, from the most capable down.
    pub const ALL: [Isa; 6] = [
        Isa::Avx512,
        Isa::Avx2,
        Isa::Sse41,
        Isa::Neon,
        Isa::Simd128,
        Isa::Scalar,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Isa::Scalar => "scalar",
            Isa::Sse41 => "sse4.1",
            Isa::Avx2 => "avx2",
            Isa::Avx512 => "avx512",
            Isa::Neon => "neon",
            Isa::Simd128 => "simd128",
        }
    }

    pub fn parse(name: &str) -> Result<Isa> {
        parse_name("simd", name, Isa::ALL, |isa| isa.name())
    }

    /// Whether this CPU runs the path (detected once by the standard library, then cached).
    pub fn is_available(self) -> bool {
        match self {
            Isa::Scalar => true,
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Isa::Avx2 => x86::has_avx2(),
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Isa::Avx512 => x86::has_avx512(),
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Isa::Sse41 => x86::has_sse41(),
            #[cfg(target_arch = "aarch64")]
            Isa::Neon => aarch64::has_neon(),
            #[cfg(target_arch = "wasm32")]
            Isa::Simd128 => wasm32::has_simd128(),
            #[allow(unreachable_patterns)]
            _ => false,
        }
    }

    /// Whether the path runs AVX2 code: kernels written with AVX2
    /// intrinsics run them on it (the CPU must have it too).
    pub fn runs_avx2(self) -> bool {
        matches!(self, Isa::Avx2 | Isa::Avx512)
    }

    /// The paths this CPU runs, the most capable first.
    pub fn available() -> impl Iterator<Item = Isa> {
        Isa::ALL.into_iter().filter(|isa| isa.is_available())
    }

    /// The most capable path this CPU runs.
    pub fn best() -> Isa {
        Isa::available().next().unwrap_or(Isa::Scalar)
    }
}

impl fmt::Display for Isa {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The process default: 0 until first read, then 1 + its index in `Isa::ALL`.
static PREFERRED: AtomicU8 = AtomicU8::new(0);

fn encode(isa: Isa) -> u8 {
    let scalar = Isa::ALL.len() - 1;
    1 + Isa::ALL.iter().position(|&i| i == isa).unwrap_or(scalar) as u8
}

/// The path from `PIXCHAIN_SIMD` when the CPU has it, else the best one.
fn from_environment() -> Isa {
    std::env::var("PIXCHAIN_SIMD")
        .ok()
        .and_then(|name| Isa::parse(name.trim()).ok())
        .filter(|isa| isa.is_available())
        .unwrap_or_else(Isa::best)
}

/// The process default: the path a workspace made now takes.
pub fn preferred() -> Isa {
    match PREFERRED.load(Ordering::Relaxed) {
        0 => {
            let isa = from_environment();
            PREFERRED.store(encode(isa), Ordering::Relaxed);
            isa
        }
        n => Isa::ALL[n as usize - 1],
    }
}

/// Makes `isa` the process default, for workspaces made from now on.
/// Refused (`ERR_PIXCHAIN_PARAM`) when the CPU lacks it.
pub fn set_preferred(isa: Isa) -> Result<()> {
    check_available(isa)?;
    PREFERRED.store(encode(isa), Ordering::Relaxed);
    Ok(())
}

/// Refuses (`ERR_PIXCHAIN_PARAM`) a path the CPU lacks, naming those it has.
pub(crate) fn check_available(isa: Isa) -> Result<()> {
    if !isa.is_available() {
        let expected = Isa::available()
            .map(Isa::name)
            .collect::<Vec<_>>()
            .join(", ");
        return Err(Error::param(
            "simd",
            format!("one of {expected} on this CPU"),
            isa,
        ));
    }
    Ok(())
}

/// Runs the expression `kernel` compiled for the path `isa`.
///
/// Each path gets its own copy of the expression, inlined into a function
/// built with that path's target features, so everything `kernel` calls
/// that is `#[inline(always)]` (or small) is compiled for that path too.
/// The closure is inlined always: left to the compiler, a large kernel
/// (morphology's) stayed a call, compiled for the baseline on every path.
/// A path the CPU lacks runs the scalar copy. `dispatch!(wide isa, kernel)`
/// compiles the `avx512` path's copy for 512-bit registers; without `wide`
/// that path runs the AVX2 copy.
macro_rules! dispatch {
    (wide $isa:expr, $kernel:expr) => {
        match $isa {
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            $crate::simd::Isa::Avx512 if $crate::simd::x86::has_avx512() => {
                // SAFETY: the CPU has AVX-512 F, BW, VL and DQ, AVX2 and
                // FMA, checked on the line above.
                unsafe {
                    $crate::simd::x86::avx512(
                        #[inline(always)]
                        move || $kernel,
                    )
                }
            }
            isa => $crate::simd::dispatch!(isa, $kernel),
        }
    };
    ($isa:expr, $kernel:expr) => {
        match $isa {
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            $crate::simd::Isa::Avx2 | $crate::simd::Isa::Avx512
                if $crate::simd::x86::has_avx2() =>
            {
                // SAFETY: the CPU has AVX2 and FMA, checked by the guard above.
                unsafe {
                    $crate::simd::x86::avx2(
                        #[inline(always)]
                        move || $kernel,
                    )
                }
            }
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            $crate::simd::Isa::Sse41 if $crate::simd::x86::has_sse41() => {
                // SAFETY: the CPU has SSE4.1, checked on the line above.
                unsafe {
                    $crate::simd::x86::sse41(
                        #[inline(always)]
                        move || $kernel,
                    )
                }
            }
            #[cfg(target_arch = "aarch64")]
            $crate::simd::Isa::Neon if $crate::simd::aarch64::has_neon() => {
                // SAFETY: the CPU has NEON, checked on the line above.
                unsafe {
                    $crate::simd::aarch64::neon(
                        #[inline(always)]
                        move || $kernel,
                    )
                }
            }
            #[cfg(target_arch = "wasm32")]
            $crate::simd::Isa::Simd128 if $crate::simd::wasm32::has_simd128() => {
                // SAFETY: the engine runs SIMD, as it accepted this module.
                unsafe {
                    $crate::simd::wasm32::simd128(
                        #[inline(always)]
                        move || $kernel,
                    )
                }
            }
            _ => $kernel,
        }
    };
}
pub(crate) use dispatch;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_names_are_refused() {
        for isa in Isa::ALL {
            assert_eq!(Isa::parse(isa.name()).unwrap(), isa);
        }
        assert_eq!(
            Isa::parse("avx1024").unwrap_err().code(),
            "ERR_PIXCHAIN_PARAM"
        );
    }

    #[test]
    fn scalar_is_always_available_and_last() {
        assert!(Isa::Scalar.is_available());
        assert_eq!(Isa::available().last(), Some(Isa::Scalar));
    }

    #[test]
    fn a_missing_path_is_refused() {
        if let Some(missing) = Isa::ALL.into_iter().find(|isa| !isa.is_available()) {
            assert_eq!(
                check_available(missing).unwrap_err().code(),
                "ERR_PIXCHAIN_PARAM"
            );
            assert!(set_preferred(missing).is_err());
        }
    }

    #[test]
    fn dispatch_runs_the_body_on_every_path() {
        for isa in Isa::available() {
            let sum = dispatch!(isa, (1..=100u32).sum::<u32>());
            assert_eq!(sum, 5050, "{isa}");
        }
    }
}
