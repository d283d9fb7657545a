//! The `ImageBuffers` class as the TypeScript layer drives it.

use napi::Env;
use napi::bindgen_prelude::{Either, ObjectFinalize, Unknown};
use napi_derive::napi;
use pixchain::{AnyImageBuffers, PixelType, simd};

use crate::external_memory::Reported;
use crate::failure::{Failure, Result, guard};
use crate::js_memory::JsPixels;
use crate::ops::{NativeBinaryOp, NativeOp};
use crate::runtime::{limit_pixels, pixel_limit};
use crate::spec::NativeImageSpec;

/// Frame-sized allocations and bytes held.
#[derive(Debug)]
#[napi(object)]
pub struct NativeBufferStats {
    pub allocations: u32,
    pub bytes: f64,
}

/// Two frame buffers, freed by `dispose()` or, undisposed, when the
/// garbage collector takes the object; V8 is told of their bytes meanwhile.
#[derive(Debug)]
#[napi(custom_finalize)]
pub struct NativeImageBuffers {
    buffers: Option<AnyImageBuffers>,
    reported: Reported,
}

impl ObjectFinalize for NativeImageBuffers {
    fn finalize(mut self, env: Env) -> napi::Result<()> {
        self.reported.update(&env, 0);
        Ok(())
    }
}

impl NativeImageBuffers {
    fn live(&self) -> std::result::Result<&AnyImageBuffers, Failure> {
        self.buffers
            .as_ref()
            .ok_or(Failure::Disposed("ImageBuffers"))
    }

    fn live_mut(&mut self) -> std::result::Result<&mut AnyImageBuffers, Failure> {
        self.buffers
            .as_mut()
            .ok_or(Failure::Disposed("ImageBuffers"))
    }
}

#[napi]
impl NativeImageBuffers {
    #[napi(constructor)]
    pub fn new(
        env: Env,
        spec: NativeImageSpec,
        max_type: Option<String>,
        limit_input_pixels: Option<Either<bool, f64>>,
    ) -> Result<Self> {
        guard(|| {
            let spec = spec.to_core()?;
            let limit = limit_input_pixels.map(limit_pixels).transpose()?;
            spec.check_pixel_limit("input", pixel_limit(limit))?;
            let max_type = match max_type {
                Some(name) => PixelType::parse(&name, "maxType")?,
                None => spec.pixel_type(),
            };
            let buffers = AnyImageBuffers::new(spec, max_type)?;
            let mut reported = Reported::default();
            reported.update(&env, buffers.stats().bytes);
            Ok(Self {
                buffers: Some(buffers),
                reported,
            })
        })
    }

    /// Copies `input` into the active frame; with `spec` (the initial
    /// spec's shape) and `stride`, from a view whose rows have gaps.
    #[napi]
    pub fn load(
        &mut self,
        input: Unknown<'_>,
        spec: Option<NativeImageSpec>,
        stride: Option<u32>,
    ) -> Result<()> {
        guard(|| {
            let buffers = self.live_mut()?;
            let input = JsPixels::new(&input, "input")?;
            input.expect_pixels(buffers.initial_spec().pixel_type(), "input")?;
            match spec {
                None => Ok(buffers.load(input.bytes())?),
                Some(spec) => {
                    let spec = spec.to_core()?;
                    let stride = stride.map_or(spec.row_len(), |stride| stride as usize);
                    Ok(buffers.load_strided(input.bytes(), spec, stride)?)
                }
            }
        })
    }

    /// Copies the active frame into `output`.
    #[napi]
    pub fn read(&self, output: Unknown<'_>) -> Result<()> {
        guard(|| {
            let buffers = self.live()?;
            let mut output = JsPixels::new(&output, "output")?;
            output.expect_pixels(buffers.spec().pixel_type(), "output")?;
            Ok(buffers.read(output.bytes_mut_apart(&[])?)?)
        })
    }

    /// Runs one kernel from the active frame into scratch and swaps.
    #[napi]
    pub fn apply(&mut self, op: NativeOp) -> Result<()> {
        guard(|| {
            let op = op.to_core()?;
            let buffers = self.live_mut()?;
            // The path JavaScript set for the process (setSimdPath) now.
            buffers.set_isa(simd::preferred())?;
            Ok(buffers.apply(&op)?)
        })
    }

    /// Runs one two-image kernel from the active frame and `other` into scratch and swaps.
    #[napi]
    pub fn apply_with(&mut self, op: NativeBinaryOp, other: Unknown<'_>) -> Result<()> {
        guard(|| {
            let op = op.to_core();
            let buffers = self.live_mut()?;
            let other = JsPixels::new(&other, "other")?;
            other.expect_pixels(buffers.spec().pixel_type(), "other")?;
            buffers.set_isa(simd::preferred())?;
            Ok(buffers.apply_with(&op, other.bytes())?)
        })
    }

    /// Otsu's threshold of the active frame (u8).
    #[napi]
    pub fn otsu_threshold(&self) -> Result<f64> {
        guard(|| Ok(self.live()?.otsu_threshold()?))
    }

    #[napi(getter)]
    pub fn spec(&self) -> Result<NativeImageSpec> {
        guard(|| Ok(NativeImageSpec::from_core(self.live()?.spec())))
    }

    #[napi(getter)]
    pub fn max_type(&self) -> Result<String> {
        guard(|| Ok(self.live()?.max_type().name().to_owned()))
    }

    #[napi(getter)]
    pub fn stats(&self) -> Result<NativeBufferStats> {
        guard(|| {
            let stats = self.live()?.stats();
            Ok(NativeBufferStats {
                allocations: stats.allocations as u32,
                bytes: stats.bytes as f64,
            })
        })
    }

    /// Frees both buffers now; later calls fail with `ERR_PIXCHAIN_DISPOSED`.
    #[napi]
    pub fn dispose(&mut self, env: Env) {
        self.buffers = None;
        self.reported.update(&env, 0);
    }

    #[napi(getter)]
    pub fn disposed(&self) -> bool {
        self.buffers.is_none()
    }
}
