//! One-shot kernels: read the caller's input in place, write its output in place.

use std::cell::RefCell;

use napi::bindgen_prelude::Unknown;
use napi_derive::napi;
use pixchain::{ImageSpec, Workspace};

use crate::failure::{Failure, Result, guard};
use crate::js_memory::JsPixels;
use crate::ops::{NativeBinaryOp, NativeOp};
use crate::spec::NativeImageSpec;

thread_local! {
    /// Row scratch for one-shot kernels, kept between calls so that a
    /// repeated call allocates nothing (it holds rows, never frames).
    static ONE_SHOT: RefCell<Workspace> = RefCell::new(Workspace::new());
}

/// Runs `op` from `input`, a frame of `spec`, into `output`.
#[napi]
pub fn run_kernel(
    op: NativeOp,
    input: Unknown<'_>,
    output: Unknown<'_>,
    spec: NativeImageSpec,
) -> Result<()> {
    guard(|| {
        let op = op.to_core()?;
        let spec = spec.to_core()?;
        let input = JsPixels::new(&input, "input")?;
        let mut output = JsPixels::new(&output, "output")?;
        input.expect_pixels(spec.pixel_type(), "input")?;
        output.expect_pixels(op.output_spec(spec)?.pixel_type(), "output")?;
        let dst = output.bytes_mut_apart(&[&input])?;
        ONE_SHOT
            .with_borrow_mut(|workspace| Ok(op.run_bytes(spec, input.bytes(), dst, workspace)?))
    })
}

/// Runs the two-image `op` from `input` and `other`, frames of `spec`, into `output`.
#[napi]
pub fn run_binary_kernel(
    op: NativeBinaryOp,
    input: Unknown<'_>,
    other: Unknown<'_>,
    output: Unknown<'_>,
    spec: NativeImageSpec,
) -> Result<()> {
    guard(|| {
        let op = op.to_core();
        let spec = spec.to_core()?;
        let [input, other, mut output] = binary_frames(spec, &input, &other, &output)?;
        let dst = output.bytes_mut_apart(&[&input, &other])?;
        Ok(op.run_bytes(spec, input.bytes(), other.bytes(), dst)?)
    })
}

/// The arrays of a two-image kernel, each checked to be a TypedArray of the
/// kind `spec`'s pixel type takes.
pub fn binary_frames<'call>(
    spec: ImageSpec,
    input: &Unknown<'call>,
    other: &Unknown<'call>,
    output: &Unknown<'call>,
) -> std::result::Result<[JsPixels<'call>; 3], Failure> {
    let frames = [
        JsPixels::new(input, "input")?,
        JsPixels::new(other, "other")?,
        JsPixels::new(output, "output")?,
    ];
    for (pixels, role) in frames.iter().zip(["input", "other", "output"]) {
        pixels.expect_pixels(spec.pixel_type(), role)?;
    }
    Ok(frames)
}

/// Otsu's threshold of `input`, a u8 frame of `spec`.
#[napi]
pub fn otsu_threshold(input: Unknown<'_>, spec: NativeImageSpec) -> Result<f64> {
    guard(|| {
        let spec = spec.to_core()?;
        let input = JsPixels::new(&input, "input")?;
        input.expect_pixels(spec.pixel_type(), "input")?;
        let image = pixchain::AnyImageRef::from_bytes(spec, input.bytes(), "input")?;
        Ok(pixchain::kernels::otsu_threshold_any(image)?)
    })
}
