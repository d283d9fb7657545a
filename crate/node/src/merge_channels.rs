//! `mergeChannels` of n one-channel frames, sync and on the thread pool:
//! the one entry that reads a list of frames.

use napi::Env;
use napi::bindgen_prelude::{AsyncTask, Unknown};
use napi_derive::napi;
use pixchain::kernels::{merge_channels_bytes, merged_spec};
use pixchain::{ImageSpec, simd};

use crate::async_run::{FramesTask, Job, missing_frames};
use crate::failure::{Failure, Result, guard};
use crate::js_memory::JsPixels;
use crate::spec::NativeImageSpec;
use crate::staged::Spares;

/// Interleaves `inputs`, one-channel frames of `spec`, into `output`.
#[napi]
pub fn merge_channels(
    inputs: Vec<Unknown<'_>>,
    output: Unknown<'_>,
    spec: NativeImageSpec,
) -> Result<()> {
    guard(|| {
        let spec = spec.to_core()?;
        let (inputs, mut output) = merge_frames(spec, &inputs, &output)?;
        let apart: Vec<&JsPixels<'_>> = inputs.iter().collect();
        let dst = output.bytes_mut_apart(&apart)?;
        let planes: Vec<&[u8]> = inputs.iter().map(JsPixels::bytes).collect();
        Ok(merge_channels_bytes(spec, &planes, dst, simd::preferred())?)
    })
}

/// The planes and the output, each checked to be a TypedArray of the kind
/// `spec`'s pixel type takes, and their count to make a frame.
fn merge_frames<'call>(
    spec: ImageSpec,
    inputs: &[Unknown<'call>],
    output: &Unknown<'call>,
) -> std::result::Result<(Vec<JsPixels<'call>>, JsPixels<'call>), Failure> {
    merged_spec(spec, inputs.len())?;
    let planes = inputs
        .iter()
        .map(|input| {
            let pixels = JsPixels::new(input, "input")?;
            pixels.expect_pixels(spec.pixel_type(), "input")?;
            Ok(pixels)
        })
        .collect::<std::result::Result<Vec<_>, Failure>>()?;
    let output = JsPixels::new(output, "output")?;
    output.expect_pixels(spec.pixel_type(), "output")?;
    Ok((planes, output))
}

/// A merge of staged planes.
#[derive(Debug)]
pub struct MergeJob {
    spec: ImageSpec,
}

impl Job for MergeJob {
    fn run(
        &mut self,
        inputs: &[&[u8]],
        output: Option<&mut [u8]>,
    ) -> std::result::Result<Option<f64>, Failure> {
        let Some(output) = output else {
            return Err(missing_frames());
        };
        // The path JavaScript set for the process (setSimdPath) when the run starts.
        merge_channels_bytes(self.spec, inputs, output, simd::preferred())?;
        Ok(None)
    }
}

/// `mergeChannels` on the thread pool: resolves to how it settled.
#[napi(ts_return_type = "Promise<RunOutcome>")]
pub fn merge_channels_async(
    env: Env,
    inputs: Vec<Unknown<'_>>,
    output: Unknown<'_>,
    spec: NativeImageSpec,
) -> Result<AsyncTask<FramesTask<MergeJob>>> {
    guard(|| {
        let spec = spec.to_core()?;
        let (inputs, output) = merge_frames(spec, &inputs, &output)?;
        let frames: Vec<&JsPixels<'_>> = inputs.iter().collect();
        let task = FramesTask::new(env.raw(), &frames, Some(&output), Spares::take_kept())?;
        Ok(AsyncTask::new(task.with(MergeJob { spec })))
    })
}
