//! The kernels: plain functions from a source view into a destination view.
//!
//! Each reads `src`, writes every pixel of `dst`, validates its parameters
//! before touching `dst`, and never allocates a frame. Kernels that need
//! intermediate rows borrow them from a [`Workspace`](crate::Workspace).

mod arithmetic;
mod border;
mod box_blur;
mod channels;
mod clahe;
mod clip;
mod convert;
mod convert_scale_abs;
mod convolve;
mod derivative;
mod equalize_hist;
mod gamma;
mod gaussian;
mod geometry;
mod grayscale;
mod int_scale;
mod invert;
mod laplacian;
mod linear;
mod median;
mod morphology;
mod normalize;
mod otsu;
mod past_cache;
mod per_channel;
mod resize;
mod samples;
mod scharr;
mod separable;
mod sobel;
mod threshold;
mod to_tensor;
mod u8_table;

pub use arithmetic::{
    AddWeightedParams, MultiplyParams, absdiff, add, add_weighted, multiply, subtract,
};
pub use border::Border;
pub use box_blur::{BoxParams, MAX_BOX_KSIZE, box_blur};
pub use channels::{
    ExtractChannelParams, ReorderChannelsParams, append_channel, appended_spec, extract_channel,
    merge_channels, merge_channels_bytes, merged_spec, reorder_channels,
};
pub use clahe::{ClaheParams, MAX_CLAHE_TILES, MAX_CLAHE_U16_TILES, clahe, clahe_any};
pub use clip::{ClipParams, clip};
pub use convert::{ConvertParams, convert};
pub use convert_scale_abs::convert_scale_abs;
pub use convolve::{ConvolveParams, Kernel, MAX_CONVOLVE_KSIZE, convolve};
pub(crate) use equalize_hist::check_gray_u8;
pub use equalize_hist::{equalize_hist, equalize_hist_any};
pub use gamma::{GammaParams, gamma};
pub use gaussian::{GaussianParams, MAX_GAUSSIAN_KSIZE, gaussian_blur};
pub(crate) use geometry::turned_spec;
pub use geometry::{
    CropParams, FlipDirection, FlipParams, PadParams, RotateParams, crop, flip, pad, rotate,
    transpose,
};
pub use grayscale::{ChannelOrder, GrayscaleParams, grayscale};
pub use invert::{InvertParams, invert};
pub use laplacian::{LaplacianParams, laplacian};
pub use linear::{LinearParams, linear};
pub use median::{MAX_MEDIAN_KSIZE, MedianParams, median_blur};
pub use morphology::{
    MAX_MORPH_ITERATIONS, MAX_MORPH_KSIZE, MORPH_DEFAULT_BORDER_VALUE, MorphOp, MorphParams,
    MorphShape, MorphologyParams, dilate, erode, morphology,
};
pub use normalize::{NormalizeKind, NormalizeParams, normalize};
pub use otsu::{otsu_threshold, otsu_threshold_any};
pub use per_channel::PerChannel;
pub use resize::{Interpolation, ResizeParams, resize};
pub use scharr::{ScharrParams, scharr};
pub use sobel::{SobelParams, sobel};
pub use threshold::{ThresholdKind, ThresholdParams, threshold};
pub use to_tensor::{TensorLayout, ToTensorParams, to_tensor};

use crate::{Error, ImageSpec, Pixel, PixelType, Result};

/// Refuses a destination whose width, height or channels differ from the source's.
fn check_same_shape(src: ImageSpec, dst: ImageSpec) -> Result<()> {
    if !src.same_shape(&dst) {
        return Err(Error::Shape {
            role: "output",
            expected: src.with_type(dst.pixel_type()),
            given: dst,
        });
    }
    Ok(())
}

/// Refuses a destination of another pixel type than the step writes.
fn check_output_type<U: Pixel>(expected: PixelType) -> Result<()> {
    if U::TYPE != expected {
        return Err(Error::PixelType {
            role: "output",
            expected,
            given: U::TYPE,
        });
    }
    Ok(())
}

/// Refuses NaN and infinities for a parameter that must be a plain number.
fn check_finite(name: &'static str, value: f64) -> Result<()> {
    if !value.is_finite() {
        return Err(Error::param(name, "a finite number", value));
    }
    Ok(())
}

/// Refuses NaN for a parameter that may be infinite.
fn check_not_nan(name: &'static str, value: f64) -> Result<()> {
    if value.is_nan() {
        return Err(Error::param(name, "a number", value));
    }
    Ok(())
}
