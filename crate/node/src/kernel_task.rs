//! One-shot kernels on the libuv thread pool: the same kernels as
//! `run_kernel`, over staged frames (`promises.*` in TypeScript).

use napi::Env;
use napi::bindgen_prelude::{AsyncTask, Unknown};
use napi_derive::napi;
use pixchain::{BinaryOp, ImageSpec, Op, simd};

use crate::async_run::{FramesTask, Job, missing_frames};
use crate::failure::{Failure, Result, guard};
use crate::js_memory::JsPixels;
use crate::ops::{NativeBinaryOp, NativeOp};
use crate::run_kernel::{binary_frames, otsu_of, run_op, unary_frames};
use crate::spec::NativeImageSpec;
use crate::staged::Spares;

/// A one-image kernel.
#[derive(Debug)]
pub struct KernelJob {
    op: Op,
    spec: ImageSpec,
    /// Samples from one input row's start to the next's.
    stride: usize,
}

impl Job for KernelJob {
    fn run(
        &mut self,
        inputs: &[&[u8]],
        output: Option<&mut [u8]>,
    ) -> std::result::Result<Option<f64>, Failure> {
        let (Some(input), Some(output)) = (inputs.first(), output) else {
            return Err(missing_frames());
        };
        run_op(&self.op, self.spec, self.stride, input, output)?;
        Ok(None)
    }
}

/// `runKernel` on the thread pool: resolves to how it settled.
#[napi(ts_return_type = "Promise<RunOutcome>")]
pub fn run_kernel_async(
    env: Env,
    op: NativeOp,
    input: Unknown<'_>,
    output: Unknown<'_>,
    spec: NativeImageSpec,
    stride: Option<u32>,
) -> Result<AsyncTask<FramesTask<KernelJob>>> {
    guard(|| {
        one_image_task(env, op, &input, &output, spec, |op, spec| {
            let stride = stride.map_or(spec.row_len(), |stride| stride as usize);
            Ok(KernelJob { op, spec, stride })
        })
    })
}

/// The task of a one-image job: its op and spec converted, its frames
/// checked and staged; `job` makes the job from the op and spec.
fn one_image_task<J: Job>(
    env: Env,
    op: NativeOp,
    input: &Unknown<'_>,
    output: &Unknown<'_>,
    spec: NativeImageSpec,
    job: impl FnOnce(Op, ImageSpec) -> std::result::Result<J, Failure>,
) -> std::result::Result<AsyncTask<FramesTask<J>>, Failure> {
    let (op, spec) = (op.to_core()?, spec.to_core()?);
    let [input, output] = unary_frames(&op, spec, input, output)?;
    // Made before staging: a task refused after staging would hold its arrays.
    let job = job(op, spec)?;
    let task = FramesTask::new(env.raw(), &[&input], Some(&output), Spares::take_kept())?;
    Ok(AsyncTask::new(task.with(job)))
}

/// A two-image kernel.
#[derive(Debug)]
pub struct BinaryKernelJob {
    op: BinaryOp,
    spec: ImageSpec,
}

impl Job for BinaryKernelJob {
    fn run(
        &mut self,
        inputs: &[&[u8]],
        output: Option<&mut [u8]>,
    ) -> std::result::Result<Option<f64>, Failure> {
        let ([input, other], Some(output)) = (inputs, output) else {
            return Err(missing_frames());
        };
        // The path JavaScript set for the process (setSimdPath) when the run starts.
        self.op
            .run_bytes(self.spec, input, other, output, simd::preferred())?;
        Ok(None)
    }
}

/// `runBinaryKernel` on the thread pool: resolves to how it settled.
#[napi(ts_return_type = "Promise<RunOutcome>")]
pub fn run_binary_kernel_async(
    env: Env,
    op: NativeBinaryOp,
    input: Unknown<'_>,
    other: Unknown<'_>,
    output: Unknown<'_>,
    spec: NativeImageSpec,
) -> Result<AsyncTask<FramesTask<BinaryKernelJob>>> {
    guard(|| {
        let spec = spec.to_core()?;
        let [input, other, output] = binary_frames(spec, &input, &other, &output)?;
        let frames = [&input, &other];
        let task = FramesTask::new(env.raw(), &frames, Some(&output), Spares::take_kept())?;
        let op = op.to_core();
        Ok(AsyncTask::new(task.with(BinaryKernelJob { op, spec })))
    })
}

/// Otsu's level of a u8 frame.
#[derive(Debug)]
pub struct OtsuJob {
    spec: ImageSpec,
}

impl Job for OtsuJob {
    fn run(
        &mut self,
        inputs: &[&[u8]],
        _output: Option<&mut [u8]>,
    ) -> std::result::Result<Option<f64>, Failure> {
        let Some(input) = inputs.first() else {
            return Err(missing_frames());
        };
        Ok(Some(otsu_of(self.spec, input)?))
    }
}

/// `otsuThreshold` on the thread pool: resolves to the level or the failure.
#[napi(ts_return_type = "Promise<RunOutcome>")]
pub fn otsu_threshold_async(
    env: Env,
    input: Unknown<'_>,
    spec: NativeImageSpec,
) -> Result<AsyncTask<FramesTask<OtsuJob>>> {
    guard(|| {
        let spec = spec.to_core()?;
        let input = JsPixels::new(&input, "input")?;
        input.expect_pixels(spec.pixel_type(), "input")?;
        let task = FramesTask::new(env.raw(), &[&input], None, Spares::take_kept())?;
        Ok(AsyncTask::new(task.with(OtsuJob { spec })))
    })
}

/// Otsu's level of a u8 frame, then `threshold` at that level.
#[derive(Debug)]
pub struct ThresholdOtsuJob {
    op: Op,
    spec: ImageSpec,
}

impl Job for ThresholdOtsuJob {
    fn run(
        &mut self,
        inputs: &[&[u8]],
        output: Option<&mut [u8]>,
    ) -> std::result::Result<Option<f64>, Failure> {
        let (Some(input), Some(output)) = (inputs.first(), output) else {
            return Err(missing_frames());
        };
        let level = otsu_of(self.spec, input)?;
        if let Op::Threshold(params) = &mut self.op {
            params.thresh = Some(level.into());
        }
        run_op(&self.op, self.spec, self.spec.row_len(), input, output)?;
        Ok(Some(level))
    }
}

/// `thresholdOtsu` on the thread pool, as one run over one copy of the
/// input (two runs would read the input again after the first settled,
/// when JavaScript may have moved it): resolves to the level or the failure.
/// `op` is a `threshold` whose `thresh` is replaced by Otsu's level.
#[napi(ts_return_type = "Promise<RunOutcome>")]
pub fn threshold_otsu_async(
    env: Env,
    op: NativeOp,
    input: Unknown<'_>,
    output: Unknown<'_>,
    spec: NativeImageSpec,
) -> Result<AsyncTask<FramesTask<ThresholdOtsuJob>>> {
    guard(|| {
        one_image_task(env, op, &input, &output, spec, |op, spec| match op {
            Op::Threshold(_) => Ok(ThresholdOtsuJob { op, spec }),
            _ => Err(Failure::Internal(
                "internal error: thresholdOtsu without its threshold".into(),
            )),
        })
    })
}
