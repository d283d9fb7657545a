//! One-shot kernels: read the caller's input in place, write its output in place.

use std::cell::RefCell;

use napi::bindgen_prelude::{Unknown, ValueType};
use napi_derive::napi;
use pixchain::simd;
use pixchain::{ImageSpec, Op, PixelType, Workspace};

use crate::failure::{Failure, Result, guard};
use crate::js_memory::JsPixels;
use crate::ops::{NativeBinaryOp, NativeOp};
use crate::spec::{NativeImageSpec, parse_pixel_type};

thread_local! {
    /// Row scratch for one-shot kernels, kept between calls so that a
    /// repeated call allocates nothing (it holds rows, never frames).
    static ONE_SHOT: RefCell<Workspace> = RefCell::new(Workspace::new());
}

/// A kernel's name and its options in the order `runKernel` takes them.
#[napi(object)]
pub struct OpFields {
    pub op: String,
    pub fields: Vec<String>,
}

/// Every kernel's options in the order `runKernel` takes them; `runKernel`
/// names a kernel by its index in this list.
#[napi]
pub fn op_fields() -> Vec<OpFields> {
    NativeOp::FIELDS
        .iter()
        .map(|(op, fields)| OpFields {
            op: op.to_string(),
            fields: fields.iter().map(|f| f.to_string()).collect(),
        })
        .collect()
}

/// The pixel types' names, in the order of the indexes `runKernel` takes.
#[napi]
pub fn pixel_types() -> Vec<&'static str> {
    PixelType::ALL.iter().map(|t| t.name()).collect()
}

/// Runs the kernel at index `op` of `opFields()` from `input`, a frame of
/// `width` × `height` × `channels` samples of `pixel_type` (an index into
/// `pixelTypes()`, or a name to refuse), into `output`, its options given
/// after the frame in `opFields()` order. All come as plain arguments:
/// reading an object's fields, an array's elements or a string from native
/// code costs more than the kernel on a small frame. With `stride`, the
/// input's rows start that many samples apart (a region of a larger frame,
/// read in place).
#[napi]
#[allow(clippy::too_many_arguments)]
pub fn run_kernel(
    op: u32,
    input: Unknown<'_>,
    output: Unknown<'_>,
    width: u32,
    height: u32,
    channels: u32,
    pixel_type: Unknown<'_>,
    stride: Option<u32>,
    option0: Option<Unknown<'_>>,
    option1: Option<Unknown<'_>>,
    option2: Option<Unknown<'_>>,
    option3: Option<Unknown<'_>>,
    option4: Option<Unknown<'_>>,
    option5: Option<Unknown<'_>>,
    option6: Option<Unknown<'_>>,
) -> Result<()> {
    guard(|| {
        let options = [
            option0, option1, option2, option3, option4, option5, option6,
        ];
        let op = NativeOp::from_fields(op, &options)?.to_core()?;
        let pixel_type = pixel_type_arg(&pixel_type)?;
        let spec = ImageSpec::new(
            width as usize,
            height as usize,
            channels as usize,
            pixel_type,
        )?;
        let [input, mut output] = unary_frames(&op, spec, &input, &output)?;
        let dst = output.bytes_mut_apart(&[&input])?;
        let stride = stride.map_or(spec.row_len(), |stride| stride as usize);
        run_op(&op, spec, stride, input.bytes(), dst)
    })
}

/// A pixel type given by its index in `pixelTypes()`, or by a name: one
/// JavaScript did not know, refused here with the message every call gives.
fn pixel_type_arg(value: &Unknown<'_>) -> std::result::Result<PixelType, Failure> {
    let internal = |error: napi::Error| Failure::Internal(format!("pixel type: {error}"));
    if value.get_type().map_err(internal)? != ValueType::Number {
        // SAFETY: `value` is an argument of the running call, alive in its
        // scope and read on its thread, as `cast` requires.
        return parse_pixel_type(&unsafe { value.cast::<String>() }.map_err(internal)?);
    }
    // SAFETY: as above.
    let index = unsafe { value.cast::<u32>() }.map_err(internal)?;
    PixelType::ALL
        .get(index as usize)
        .copied()
        .ok_or_else(|| Failure::Internal(format!("no pixel type at {index}")))
}

/// Runs `op` from `input` (rows `stride` samples apart) into `output` with
/// this thread's row scratch: the body of `runKernel` and of its asynchronous twin.
pub fn run_op(
    op: &Op,
    spec: ImageSpec,
    stride: usize,
    input: &[u8],
    output: &mut [u8],
) -> std::result::Result<(), Failure> {
    ONE_SHOT.with_borrow_mut(|workspace| {
        // The path JavaScript set for the process (setSimdPath) now.
        workspace.set_isa(simd::preferred())?;
        Ok(op.run_bytes_strided(spec, stride, input, output, workspace)?)
    })
}

/// The arrays of a one-image kernel, each checked to be a TypedArray of the
/// kind its frame's pixel type takes.
pub fn unary_frames<'call>(
    op: &Op,
    spec: ImageSpec,
    input: &Unknown<'call>,
    output: &Unknown<'call>,
) -> std::result::Result<[JsPixels<'call>; 2], Failure> {
    let frames = [
        JsPixels::new(input, "input")?,
        JsPixels::new(output, "output")?,
    ];
    frames[0].expect_pixels(spec.pixel_type(), "input")?;
    frames[1].expect_pixels(op.output_spec(spec)?.pixel_type(), "output")?;
    Ok(frames)
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
        Ok(op.run_bytes(spec, input.bytes(), other.bytes(), dst, simd::preferred())?)
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
        otsu_of(spec, input.bytes())
    })
}

/// Otsu's level of `input`, a frame of `spec`: the body of `otsuThreshold`
/// and of its asynchronous twin.
pub fn otsu_of(spec: ImageSpec, input: &[u8]) -> std::result::Result<f64, Failure> {
    let image = pixchain::AnyImageRef::from_bytes(spec, input, "input")?;
    Ok(pixchain::kernels::otsu_threshold_any(image)?)
}
