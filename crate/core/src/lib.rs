//! pixchain: chains of pixel kernels over two ping-pong frame buffers.
//!
//! Pixels are interleaved, 1–4 channels, row-major. Every kernel is a plain
//! function `kernel(src: ImageRef<T>, dst: ImageMut<U>, &params)` that writes
//! into memory the caller owns and never allocates a frame. [`ImageBuffers`]
//! runs a chain of them in two frame-sized buffers, whatever the chain's
//! length, including steps that change the pixel type.
//!
//! Integer results are rounded half to even and saturated exactly as OpenCV's
//! `saturate_cast` does; borders default to OpenCV's `BORDER_REFLECT_101`.

mod binary_op;
mod buffers;
mod error;
mod image;
pub mod kernels;
pub mod measure;
mod names;
mod op;
mod option_defaults;
mod pixel;
mod plan;
mod prefetch;
mod row_bands;
pub mod simd;
mod storage;
mod strips;
#[cfg(test)]
mod test_rng;
mod workspace;

pub use binary_op::BinaryOp;
pub use buffers::{AnyImageBuffers, BufferStats, ImageBuffers, Rejected};
pub use error::{Error, Result};
pub use image::{
    AnyImageMut, AnyImageRef, DEFAULT_PIXEL_LIMIT, ImageMut, ImageRef, ImageSpec, check_disjoint,
};
pub use kernels::{
    AddWeightedParams, Border, BoxParams, ChannelOrder, ClipParams, ConvertParams, ConvolveParams,
    GammaParams, GaussianParams, GrayscaleParams, InvertParams, Kernel, LinearParams, MedianParams,
    MultiplyParams, NormalizeKind, NormalizeParams, SobelParams, ThresholdKind, ThresholdParams,
};
pub use kernels::{ClaheParams, LaplacianParams, ScharrParams};
pub use kernels::{CropParams, FlipDirection, FlipParams, PadParams, RotateParams};
pub use kernels::{ExtractChannelParams, PerChannel, ReorderChannelsParams};
pub use kernels::{Interpolation, ResizeParams};
pub use kernels::{MorphOp, MorphParams, MorphShape, MorphologyParams};
pub use kernels::{TensorLayout, ToTensorParams};
pub use op::Op;
pub use option_defaults::{KernelDefaults, OptionDefault, kernel_defaults};
pub use pixel::{Pixel, PixelType};
pub use plan::{PassSummary, Pipeline, PipelineBuilder, PipelineStats, Step};
pub use storage::AlignedBytes;
pub use strips::{default_threads, set_default_threads};
pub use workspace::Workspace;

pub use measure::{
    ChannelStats, Histogram, HistogramParams, PercentileClipParams, check_percentiles,
};
