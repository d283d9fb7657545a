//! `Op`: a kernel and its parameters, chosen at run time.

use crate::image::{with_any_types, with_same_type};
use crate::kernels::ResizeParams;
use crate::kernels::{
    self, BoxParams, ClipParams, ConvertParams, ConvolveParams, GammaParams, GaussianParams,
    GrayscaleParams, InvertParams, LinearParams, MedianParams, NormalizeParams, SobelParams,
    ThresholdParams,
};
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
    /// To another width and height; a whole-frame step.
    Resize(ResizeParams),
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
            Op::Resize(_) => "resize",
        }
    }

    /// Whether each output sample depends only on the input sample at the
    /// same position, so a run of such steps can be fused into one pass.
    /// (`gamma` builds a lookup table per call, which would be rebuilt for
    /// every chunk of a fused pass, so it runs on its own.)
    pub fn is_pointwise(&self) -> bool {
        matches!(
            self,
            Op::Clip(_) | Op::Linear(_) | Op::Threshold(_) | Op::Invert(_) | Op::Convert { .. }
        )
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
        }))
    }

    /// Refuses parameters out of range for a frame of `input`, before any run.
    pub fn validate(&self, input: ImageSpec) -> Result<()> {
        match self {
            Op::Clip(p) => p.validate(),
            Op::Linear(p) => p.validate(),
            Op::Threshold(p) => p.validate(),
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
            Op::Resize(p) => p.validate(),
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
            Op::Resize(params) => params.output_spec(input),
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
            Op::Resize(p) => with_same_type!(src, dst, |s, d| kernels::resize(s, d, p, ws)),
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
        let out_spec = self.output_spec(spec)?;
        let src = AnyImageRef::from_bytes(spec, src, "input")?;
        let dst = AnyImageMut::from_bytes(out_spec, dst, "output")?;
        self.run(src, dst, workspace)
    }
}
