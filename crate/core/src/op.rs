//! `Op`: a kernel and its parameters, chosen at run time.

use crate::image::{with_any_types, with_same_type};
use crate::kernels::ResizeParams;
use crate::kernels::{
    self, BoxParams, ClipParams, ConvertParams, ConvolveParams, GammaParams, GaussianParams,
    GrayscaleParams, InvertParams, LinearParams, MedianParams, NormalizeParams, SobelParams,
    ThresholdParams,
};
use crate::kernels::{ClaheParams, LaplacianParams, ScharrParams};
use crate::kernels::{CropParams, FlipParams, PadParams, RotateParams};
use crate::kernels::{ExtractChannelParams, ReorderChannelsParams};
use crate::kernels::{MorphOp, MorphParams, MorphologyParams};
use crate::kernels::{TensorLayout, ToTensorParams};
use crate::measure::{self, PercentileClipParams};
use crate::row_bands::in_row_bands;
use crate::{AnyImageMut, AnyImageRef, ImageSpec, PixelType, Result, Workspace};

/// One step of a chain, as bindings and pipelines describe it.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    Clip(ClipParams),
    Linear(LinearParams),
    Threshold(ThresholdParams),
    Invert(InvertParams),
    Gamma(GammaParams),
    /// To `to`, or to the input's own type (a scale and offset only).
    Convert {
        to: Option<PixelType>,
        params: ConvertParams,
    },
    Grayscale(GrayscaleParams),
    Normalize(NormalizeParams),
    GaussianBlur(GaussianParams),
    BoxBlur(BoxParams),
    Sobel(SobelParams),
    Convolve {
        to: Option<PixelType>,
        params: ConvolveParams,
    },
    MedianBlur(MedianParams),
    Erode(MorphParams),
    Dilate(MorphParams),
    Morphology(MorphologyParams),
    Laplacian(LaplacianParams),
    Scharr(ScharrParams),
    /// OpenCV's `equalizeHist`: one-channel u8 frames only.
    EqualizeHist,
    /// OpenCV's CLAHE: one-channel u8 and u16 frames only.
    Clahe(ClaheParams),
    Flip(FlipParams),
    Rotate(RotateParams),
    Transpose,
    Pad(PadParams),
    Crop(CropParams),
    /// Clamps each channel between two of its own percentiles.
    ClipPercentiles(PercentileClipParams),
    ExtractChannel(ExtractChannelParams),
    ReorderChannels(ReorderChannelsParams),
    /// `convert` with `abs`: OpenCV's `convertScaleAbs`, always into u8.
    ConvertScaleAbs(ConvertParams),
    /// To another width and height; a whole-frame step.
    Resize(ResizeParams),
    /// `(x·scale − mean[c]) / std[c]` into f32, interleaved or planar.
    ToTensor(ToTensorParams),
}

impl Op {
    /// The kernel's name, as JavaScript calls it.
    pub fn name(&self) -> &'static str {
        match self {
            Op::Clip(_) => "clip",
            Op::Linear(_) => "linear",
            Op::Threshold(_) => "threshold",
            Op::Invert(_) => "invert",
            Op::Gamma(_) => "gamma",
            Op::Convert { .. } => "convert",
            Op::Grayscale(_) => "grayscale",
            Op::Normalize(_) => "normalize",
            Op::GaussianBlur(_) => "gaussianBlur",
            Op::BoxBlur(_) => "boxBlur",
            Op::Sobel(_) => "sobel",
            Op::Convolve { .. } => "convolve",
            Op::MedianBlur(_) => "medianBlur",
            Op::Erode(_) => "erode",
            Op::Dilate(_) => "dilate",
            Op::Morphology(_) => "morphology",
            Op::Laplacian(_) => "laplacian",
            Op::Scharr(_) => "scharr",
            Op::EqualizeHist => "equalizeHist",
            Op::Clahe(_) => "clahe",
            Op::Flip(_) => "flip",
            Op::Rotate(_) => "rotate",
            Op::Transpose => "transpose",
            Op::Pad(_) => "pad",
            Op::Crop(_) => "crop",
            Op::ClipPercentiles(_) => "clipPercentiles",
            Op::ExtractChannel(_) => "extractChannel",
            Op::ReorderChannels(_) => "reorderChannels",
            Op::ConvertScaleAbs(_) => "convert",
            Op::Resize(_) => "resize",
            Op::ToTensor(_) => "toTensor",
        }
    }

    /// Whether each output sample depends only on the input sample at the
    /// same position, so a run of such steps can be fused into one pass.
    /// (`gamma` builds a lookup table per call, which would be rebuilt for
    /// every chunk of a fused pass, so it runs on its own.)
    pub fn is_pointwise(&self) -> bool {
        matches!(
            self,
            Op::Clip(_)
                | Op::Linear(_)
                | Op::Threshold(_)
                | Op::Invert(_)
                | Op::Convert { .. }
                | Op::ConvertScaleAbs(_)
        )
    }

    /// Whether the step takes a value per channel, so one table of the 256
    /// u8 values cannot stand for it.
    pub(crate) fn varies_by_channel(&self) -> bool {
        match self {
            Op::Clip(p) => p.min.is_per_channel() || p.max.is_per_channel(),
            Op::Linear(p) => p.a.is_per_channel() || p.b.is_per_channel(),
            Op::Threshold(p) => {
                p.thresh.is_some_and(|t| t.is_per_channel())
                    || p.maxval.is_some_and(|m| m.is_per_channel())
            }
            _ => false,
        }
    }

    /// Rows above and below an output row that the step reads to make it, or
    /// `None` for a step whose every sample may depend on the whole frame,
    /// which a streamed pass cannot run row by row. (`gamma` on u16 and i16
    /// is one of those only because it builds its 65,536-entry lookup table
    /// per call, which a streamed pass would rebuild for every band; u8's
    /// table has 256 entries, and f32 needs none.)
    pub(crate) fn reach(&self, input: ImageSpec) -> Result<Option<usize>> {
        Ok(Some(match self {
            Op::Normalize(_) => return Ok(None),
            // Output rows read source rows at another pitch, which a
            // streamed segment (one row height throughout) does not hold.
            Op::Resize(_) => return Ok(None),
            // Planes: output row c·height + y, at another pitch than its source row.
            Op::ToTensor(p) if p.layout == TensorLayout::Chw => return Ok(None),
            Op::Gamma(_) if matches!(input.pixel_type(), PixelType::U16 | PixelType::I16) => {
                return Ok(None);
            }
            Op::Gamma(_) => 0,
            Op::Clip(_)
            | Op::Linear(_)
            | Op::Threshold(_)
            | Op::Invert(_)
            | Op::Convert { .. }
            | Op::Grayscale(_) => 0,
            Op::GaussianBlur(p) => p.reach(input)?,
            Op::BoxBlur(p) => p.reach()?,
            Op::Sobel(p) => p.reach(),
            Op::Convolve { params, .. } => params.reach(),
            Op::MedianBlur(p) => p.ksize as usize / 2,
            Op::Erode(p) => MorphologyParams {
                op: MorphOp::Erode,
                element: *p,
            }
            .reach(),
            Op::Dilate(p) => MorphologyParams {
                op: MorphOp::Dilate,
                element: *p,
            }
            .reach(),
            Op::Morphology(p) => p.reach(),
            Op::Laplacian(p) => p.reach(),
            Op::Scharr(p) => p.reach(),
            Op::EqualizeHist | Op::Clahe(_) => return Ok(None),
            // Rows stay in place in a horizontal flip only; the other
            // geometry steps move pixels between rows.
            Op::Flip(p) if p.is_row_local() => 0,
            Op::Flip(_) | Op::Rotate(_) | Op::Transpose | Op::Pad(_) | Op::Crop(_) => {
                return Ok(None);
            }
            Op::ClipPercentiles(_) => return Ok(None),
            Op::ExtractChannel(_) | Op::ReorderChannels(_) => 0,
            Op::ConvertScaleAbs(_) => 0,
            Op::ToTensor(_) => 0,
        }))
    }

    /// Refuses parameters out of range for a frame of `input`, before any run.
    pub fn validate(&self, input: ImageSpec) -> Result<()> {
        match self {
            Op::Clip(p) => p.validate().and(p.check_channels(input.channels())),
            Op::Linear(p) => p.validate().and(p.check_channels(input.channels())),
            Op::Threshold(p) => p.validate().and(p.check_channels(input.channels())),
            Op::Invert(p) => p.validate(),
            Op::Gamma(p) => p.validate(),
            Op::Convert { params, .. } => params.validate(),
            Op::Grayscale(_) => Ok(()),
            Op::Normalize(p) => p.validate(),
            Op::GaussianBlur(p) => p.validate(input.pixel_type()),
            Op::BoxBlur(p) => p.validate(),
            Op::Sobel(p) => p.validate(),
            Op::Convolve { params, .. } => params.validate(),
            Op::MedianBlur(p) => p.validate(),
            Op::Erode(p) | Op::Dilate(p) => p.validate(),
            Op::Morphology(p) => p.validate(),
            Op::Laplacian(p) => p.validate(),
            Op::Scharr(p) => p.validate(),
            Op::EqualizeHist => kernels::check_gray_u8(input),
            Op::Clahe(p) => p.validate(input),
            Op::Flip(_) | Op::Transpose => Ok(()),
            Op::Rotate(p) => p.validate(),
            Op::Pad(p) => p.output_spec(input).map(|_| ()),
            Op::Crop(p) => p.output_spec(input).map(|_| ()),
            Op::ClipPercentiles(p) => p.validate(),
            Op::ExtractChannel(p) => p.output_spec(input).map(drop),
            Op::ReorderChannels(p) => p.output_spec(input).map(drop),
            Op::ConvertScaleAbs(p) => p.validate(),
            Op::Resize(p) => p.validate(),
            Op::ToTensor(p) => p.validate(input),
        }
    }

    /// The frame this step writes when it reads `input`, or why it cannot read it.
    pub fn output_spec(&self, input: ImageSpec) -> Result<ImageSpec> {
        match self {
            Op::Convert { to, .. } => Ok(input.with_type(to.unwrap_or(input.pixel_type()))),
            Op::Grayscale(params) => params.output_spec(input),
            Op::Normalize(params) => Ok(params.output_spec(input)),
            Op::Sobel(params) => Ok(params.output_spec(input)),
            Op::Convolve { to, .. } => Ok(input.with_type(to.unwrap_or(input.pixel_type()))),
            Op::Laplacian(params) => Ok(params.output_spec(input)),
            Op::Scharr(params) => Ok(params.output_spec(input)),
            Op::EqualizeHist => kernels::check_gray_u8(input).map(|()| input),
            Op::Clahe(params) => params.validate(input).map(|()| input),
            Op::Rotate(params) => params.output_spec(input),
            Op::Transpose => Ok(kernels::turned_spec(input)),
            Op::Pad(params) => params.output_spec(input),
            Op::Crop(params) => params.output_spec(input),
            Op::ExtractChannel(params) => params.output_spec(input),
            Op::ReorderChannels(params) => params.output_spec(input),
            Op::ConvertScaleAbs(_) => Ok(input.with_type(PixelType::U8)),
            Op::Resize(params) => params.output_spec(input),
            Op::ToTensor(params) => params.output_spec(input),
            _ => Ok(input),
        }
    }

    /// Runs the kernel from `src` into `dst`, whatever their pixel types.
    pub fn run(
        &self,
        src: AnyImageRef<'_>,
        dst: AnyImageMut<'_>,
        workspace: &mut Workspace,
    ) -> Result<()> {
        // Point kernels need no scratch: bands of rows on the workspace's threads.
        let ws = workspace;
        macro_rules! banded {
            ($types:ident, $kernel:ident, $p:expr) => {
                $types!(src, dst, |s, d| in_row_bands(s, d, ws, |s, d, isa| {
                    kernels::$kernel(s, d, $p, isa)
                }))
            };
        }
        match self {
            Op::Clip(p) => banded!(with_same_type, clip, p),
            Op::Linear(p) => banded!(with_same_type, linear, p),
            Op::Threshold(p) => banded!(with_same_type, threshold, p),
            Op::Invert(p) => banded!(with_same_type, invert, p),
            Op::Gamma(p) => with_same_type!(src, dst, |s, d| kernels::gamma(s, d, p, ws)),
            Op::Convert { params, .. } => banded!(with_any_types, convert, params),
            Op::Grayscale(p) => banded!(with_same_type, grayscale, p),
            Op::Normalize(p) => {
                let isa = ws.isa();
                with_any_types!(src, dst, |s, d| kernels::normalize(s, d, p, isa))
            }
            Op::GaussianBlur(p) => {
                with_same_type!(src, dst, |s, d| kernels::gaussian_blur(s, d, p, ws))
            }
            Op::BoxBlur(p) => {
                with_same_type!(src, dst, |s, d| kernels::box_blur(s, d, p, ws))
            }
            Op::Sobel(p) => with_any_types!(src, dst, |s, d| kernels::sobel(s, d, p, ws)),
            Op::Convolve { params, .. } => {
                with_any_types!(src, dst, |s, d| kernels::convolve(s, d, params, ws))
            }
            Op::MedianBlur(p) => {
                with_same_type!(src, dst, |s, d| kernels::median_blur(s, d, p, ws))
            }
            Op::Erode(p) => with_same_type!(src, dst, |s, d| kernels::erode(s, d, p, ws)),
            Op::Dilate(p) => with_same_type!(src, dst, |s, d| kernels::dilate(s, d, p, ws)),
            Op::Morphology(p) => {
                with_same_type!(src, dst, |s, d| kernels::morphology(s, d, p, ws))
            }
            Op::Laplacian(p) => with_any_types!(src, dst, |s, d| kernels::laplacian(s, d, p, ws)),
            Op::Scharr(p) => with_any_types!(src, dst, |s, d| kernels::scharr(s, d, p, ws)),
            Op::EqualizeHist => kernels::equalize_hist_any(src, dst, ws),
            Op::Clahe(p) => kernels::clahe_any(src, dst, p, ws),
            Op::Flip(p) if p.is_row_local() => {
                with_same_type!(src, dst, |s, d| in_row_bands(s, d, ws, |s, d, _| {
                    kernels::flip(s, d, p)
                }))
            }
            Op::Flip(p) => with_same_type!(src, dst, |s, d| kernels::flip(s, d, p)),
            Op::Rotate(p) => with_same_type!(src, dst, |s, d| kernels::rotate(s, d, p)),
            Op::Transpose => with_same_type!(src, dst, |s, d| kernels::transpose(s, d)),
            Op::Pad(p) => with_same_type!(src, dst, |s, d| kernels::pad(s, d, p)),
            Op::Crop(p) => with_same_type!(src, dst, |s, d| kernels::crop(s, d, p)),
            Op::ClipPercentiles(p) => {
                with_same_type!(src, dst, |s, d| measure::clip_percentiles(s, d, p, ws))
            }
            Op::ExtractChannel(p) => banded!(with_same_type, extract_channel, p),
            Op::ReorderChannels(p) => banded!(with_same_type, reorder_channels, p),
            Op::ConvertScaleAbs(p) => banded!(with_any_types, convert_scale_abs, p),
            Op::Resize(p) => with_same_type!(src, dst, |s, d| kernels::resize(s, d, p, ws)),
            Op::ToTensor(p) => banded!(with_any_types, to_tensor, p),
        }
    }

    /// Runs the kernel over raw bytes (native endianness): `src` holds a frame
    /// of `spec`, `dst` receives a frame of [`output_spec`](Self::output_spec).
    pub fn run_bytes(
        &self,
        spec: ImageSpec,
        src: &[u8],
        dst: &mut [u8],
        workspace: &mut Workspace,
    ) -> Result<()> {
        self.run_bytes_strided(spec, spec.row_len(), src, dst, workspace)
    }

    /// [`run_bytes`](Self::run_bytes) from a frame whose rows start `stride`
    /// samples apart in `src` (a region of a larger frame, read in place).
    pub fn run_bytes_strided(
        &self,
        spec: ImageSpec,
        stride: usize,
        src: &[u8],
        dst: &mut [u8],
        workspace: &mut Workspace,
    ) -> Result<()> {
        let out_spec = self.output_spec(spec)?;
        let src = AnyImageRef::from_bytes_strided(spec, stride, src, "input")?;
        let dst = AnyImageMut::from_bytes(out_spec, dst, "output")?;
        self.run(src, dst, workspace)
    }
}
