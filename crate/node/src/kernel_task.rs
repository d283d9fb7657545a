//! One-shot kernels on the libuv thread pool that are not one-step
//! pipelines: the two-image kernels and Otsu's threshold. (One-image
//! kernels run through `NativePipeline::run_async`.)

use napi::bindgen_prelude::{AsyncTask, Env, Task, Unknown};
use napi_derive::napi;
use pixchain::{BinaryOp, ImageSpec};

use crate::failure::{Result, guard};
use crate::js_memory::{HeldPixels, JsPixels};
use crate::ops::NativeBinaryOp;
use crate::pipeline_run::RunFailure;
use crate::run_kernel::binary_frames;
use crate::spec::NativeImageSpec;

/// One two-image kernel from `input` and `other` into `output`, off the JavaScript thread.
#[derive(Debug)]
pub struct BinaryKernelTask {
    op: BinaryOp,
    spec: ImageSpec,
    /// input, other, output; taken back to be released when the task settles.
    frames: Option<[HeldPixels; 3]>,
}

/// `runBinaryKernel` on the thread pool: resolves to nothing or to the failure.
/// The three arrays are held until it settles.
#[napi(ts_return_type = "Promise<RunFailure | null>")]
pub fn run_binary_kernel_async(
    op: NativeBinaryOp,
    input: Unknown<'_>,
    other: Unknown<'_>,
    output: Unknown<'_>,
    spec: NativeImageSpec,
) -> Result<AsyncTask<BinaryKernelTask>> {
    guard(|| {
        let spec = spec.to_core()?;
        let [input, other, output] = binary_frames(spec, &input, &other, &output)?;
        let output = output.hold(&[&input, &other])?;
        let frames = [input.hold(&[])?, other.hold(&[])?, output];
        Ok(AsyncTask::new(BinaryKernelTask {
            op: op.to_core(),
            spec,
            frames: Some(frames),
        }))
    })
}

impl Task for BinaryKernelTask {
    type Output = Option<RunFailure>;
    type JsValue = Option<RunFailure>;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        let Some([input, other, output]) = self.frames.as_mut() else {
            return Ok(Some(RunFailure::missing_frames()));
        };
        let (op, spec) = (&self.op, self.spec);
        Ok(
            RunFailure::of(|| op.run_bytes(spec, input.bytes(), other.bytes(), output.bytes_mut()))
                .err(),
        )
    }

    fn resolve(&mut self, _env: Env, outcome: Self::Output) -> napi::Result<Self::JsValue> {
        Ok(outcome)
    }

    fn finally(mut self, env: Env) -> napi::Result<()> {
        for pixels in self.frames.take().into_iter().flatten() {
            pixels.release(env.raw());
        }
        Ok(())
    }
}

/// Otsu's level, or why there is none.
#[derive(Debug)]
#[napi(object)]
pub struct OtsuOutcome {
    pub level: Option<f64>,
    pub failure: Option<RunFailure>,
}

/// Otsu's threshold of a held u8 frame, off the JavaScript thread.
#[derive(Debug)]
pub struct OtsuTask {
    spec: ImageSpec,
    input: Option<HeldPixels>,
}

/// `otsuThreshold` on the thread pool; the array is held until it settles.
#[napi(ts_return_type = "Promise<OtsuOutcome>")]
pub fn otsu_threshold_async(
    input: Unknown<'_>,
    spec: NativeImageSpec,
) -> Result<AsyncTask<OtsuTask>> {
    guard(|| {
        let spec = spec.to_core()?;
        let input = JsPixels::new(&input, "input")?;
        input.expect_pixels(spec.pixel_type(), "input")?;
        Ok(AsyncTask::new(OtsuTask {
            spec,
            input: Some(input.hold(&[])?),
        }))
    })
}

impl Task for OtsuTask {
    type Output = OtsuOutcome;
    type JsValue = OtsuOutcome;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        let Some(input) = self.input.as_ref() else {
            return Ok(OtsuOutcome {
                level: None,
                failure: Some(RunFailure::missing_frames()),
            });
        };
        let spec = self.spec;
        let level = RunFailure::of(|| {
            let image = pixchain::AnyImageRef::from_bytes(spec, input.bytes(), "input")?;
            pixchain::kernels::otsu_threshold_any(image)
        });
        Ok(match level {
            Ok(level) => OtsuOutcome {
                level: Some(level),
                failure: None,
            },
            Err(failure) => OtsuOutcome {
                level: None,
                failure: Some(failure),
            },
        })
    }

    fn resolve(&mut self, _env: Env, outcome: Self::Output) -> napi::Result<Self::JsValue> {
        Ok(outcome)
    }

    fn finally(mut self, env: Env) -> napi::Result<()> {
        if let Some(input) = self.input.take() {
            input.release(env.raw());
        }
        Ok(())
    }
}
