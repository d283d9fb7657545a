//! Kernel options as JavaScript passes them, and their conversion to `Op`.
//! Absent options take the core's defaults.

use napi::bindgen_prelude::{Either, Unknown};
use napi_derive::napi;
use pixchain::{
    AddWeightedParams, BinaryOp, Border, BoxParams, ChannelOrder, ClipParams, ConvertParams,
    ConvolveParams, Error, GammaParams, GaussianParams, GrayscaleParams, InvertParams, Kernel,
    LinearParams, MedianParams, MultiplyParams, NormalizeParams, Op, PixelType, SobelParams,
    ThresholdKind, ThresholdParams,
};
use pixchain::{ClaheParams, LaplacianParams, ScharrParams};
use pixchain::{CropParams, FlipDirection, FlipParams, PadParams, RotateParams};
use pixchain::{ExtractChannelParams, PerChannel, ReorderChannelsParams};
use pixchain::{Interpolation, ResizeParams};
use pixchain::{MorphOp, MorphParams, MorphShape, MorphologyParams};
use pixchain::{TensorLayout, ToTensorParams};

use crate::failure::Failure;
use crate::option_args::{MAX_FIELDS, read_field};

/// Declares [`NativeOp`] and, from the same list, the order in which
/// [`NativeOp::from_fields`] reads a kernel's options as arguments: the
/// one-shot call passes them so, because reading an object's fields from
/// native code costs microseconds, more than a kernel on a small frame.
macro_rules! native_ops {
    ($($variant:ident $op:tt { $($field:ident $js:tt: Option<$ty:ty>),* $(,)? })*) => {
        /// One kernel and its options, tagged by `op`.
        #[derive(Debug)]
        #[napi(discriminant = "op", discriminant_case = "camelCase")]
        pub enum NativeOp {
            // Every option is optional: napi-rs sees `Option` here and lets it be absent.
            $($variant { $(#[napi(js_name = $js)] $field: Option<$ty>),* },)*
        }

        impl NativeOp {
            /// Each kernel's name and its options' names, in argument order.
            pub const FIELDS: &[(&str, &[&str])] = &[$(($op, &[$($js),*])),*];

            /// The kernel at `op` in [`FIELDS`](Self::FIELDS), with its
            /// options given in that entry's order.
            #[allow(unused_variables, unused_mut)]
            pub fn from_fields(op: u32, values: &[Option<Unknown<'_>>; MAX_FIELDS]) -> Result<Self, Failure> {
                let mut index = 0;
                let mut next = || {
                    index += 1;
                    index - 1
                };
                match Self::FIELDS.get(op as usize).map(|(name, _)| *name) {
                    $(Some($op) => Ok(NativeOp::$variant {
                        $($field: read_field::<$ty>(values, next(), $js)?),*
                    }),)*
                    _ => Err(Failure::Internal(format!("no kernel at {op}"))),
                }
            }
        }
    };
}

native_ops! {
    Clip "clip" { min "min": Option<Either<f64, Vec<f64>>>, max "max": Option<Either<f64, Vec<f64>>> }
    Linear "linear" { a "a": Option<Either<f64, Vec<f64>>>, b "b": Option<Either<f64, Vec<f64>>> }
    Threshold "threshold" {
        thresh "thresh": Option<Either<f64, Vec<f64>>>,
        maxval "maxval": Option<Either<f64, Vec<f64>>>,
        kind "kind": Option<String>,
    }
    Invert "invert" { min "min": Option<f64>, max "max": Option<f64> }
    Gamma "gamma" { gamma "gamma": Option<f64> }
    Convert "convert" {
        to "type": Option<String>,
        scale "scale": Option<f64>,
        offset "offset": Option<f64>,
        abs "abs": Option<bool>,
    }
    Grayscale "grayscale" { order "order": Option<String> }
    Normalize "normalize" {
        kind "kind": Option<String>,
        min "min": Option<f64>,
        max "max": Option<f64>,
        per_channel "perChannel": Option<bool>,
    }
    GaussianBlur "gaussianBlur" {
        sigma "sigma": Option<f64>,
        sigma_y "sigmaY": Option<f64>,
        ksize "ksize": Option<u32>,
        border "border": Option<String>,
        border_value "borderValue": Option<f64>,
    }
    BoxBlur "boxBlur" {
        ksize "ksize": Option<u32>,
        ksize_y "ksizeY": Option<u32>,
        border "border": Option<String>,
        border_value "borderValue": Option<f64>,
    }
    MedianBlur "medianBlur" { ksize "ksize": Option<u32> }
    Sobel "sobel" {
        dx "dx": Option<u32>,
        dy "dy": Option<u32>,
        ksize "ksize": Option<u32>,
        to "type": Option<String>,
        border "border": Option<String>,
        border_value "borderValue": Option<f64>,
    }
    Convolve "convolve" {
        kernel "kernel": Option<Vec<f64>>,
        kernel_width "kernelWidth": Option<u32>,
        row "row": Option<Vec<f64>>,
        column "column": Option<Vec<f64>>,
        to "type": Option<String>,
        border "border": Option<String>,
        border_value "borderValue": Option<f64>,
    }
    Erode "erode" {
        ksize "ksize": Option<u32>,
        ksize_y "ksizeY": Option<u32>,
        shape "shape": Option<String>,
        iterations "iterations": Option<u32>,
        border "border": Option<String>,
        border_value "borderValue": Option<f64>,
    }
    Dilate "dilate" {
        ksize "ksize": Option<u32>,
        ksize_y "ksizeY": Option<u32>,
        shape "shape": Option<String>,
        iterations "iterations": Option<u32>,
        border "border": Option<String>,
        border_value "borderValue": Option<f64>,
    }
    Morphology "morphology" {
        operation "operation": Option<String>,
        ksize "ksize": Option<u32>,
        ksize_y "ksizeY": Option<u32>,
        shape "shape": Option<String>,
        iterations "iterations": Option<u32>,
        border "border": Option<String>,
        border_value "borderValue": Option<f64>,
    }
    Laplacian "laplacian" {
        ksize "ksize": Option<u32>,
        to "type": Option<String>,
        border "border": Option<String>,
        border_value "borderValue": Option<f64>,
    }
    Scharr "scharr" {
        dx "dx": Option<u32>,
        dy "dy": Option<u32>,
        to "type": Option<String>,
        border "border": Option<String>,
        border_value "borderValue": Option<f64>,
    }
    EqualizeHist "equalizeHist" {}
    Clahe "clahe" {
        clip_limit "clipLimit": Option<f64>,
        tiles "tiles": Option<Vec<f64>>,
    }
    Flip "flip" { direction "direction": Option<String> }
    Rotate "rotate" { angle "angle": Option<u32> }
    Transpose "transpose" {}
    Pad "pad" {
        top "top": Option<u32>,
        bottom "bottom": Option<u32>,
        left "left": Option<u32>,
        right "right": Option<u32>,
        border "border": Option<String>,
        border_value "borderValue": Option<f64>,
    }
    Crop "crop" {
        x "x": Option<u32>,
        y "y": Option<u32>,
        width "width": Option<u32>,
        height "height": Option<u32>,
    }
    ClipPercentiles "clipPercentiles" { percentiles "percentiles": Option<Vec<f64>> }
    ExtractChannel "extractChannel" { channel "channel": Option<u32> }
    ReorderChannels "reorderChannels" { order "order": Option<Vec<f64>> }
    Resize "resize" {
        width "width": Option<u32>,
        height "height": Option<u32>,
        interpolation "interpolation": Option<String>,
    }
    ToTensor "toTensor" {
        scale "scale": Option<f64>,
        mean "mean": Option<Either<f64, Vec<f64>>>,
        std "std": Option<Either<f64, Vec<f64>>>,
        layout "layout": Option<String>,
        swap_rb "swapRB": Option<bool>,
    }
}

const _: () = {
    let mut i = 0;
    while i < NativeOp::FIELDS.len() {
        assert!(
            NativeOp::FIELDS[i].1.len() <= MAX_FIELDS,
            "runKernel takes more options"
        );
        i += 1;
    }
};

impl NativeOp {
    pub fn to_core(&self) -> Result<Op, Failure> {
        Ok(match *self {
            NativeOp::Clip { ref min, ref max } => {
                let d = ClipParams::default();
                Op::Clip(ClipParams {
                    min: per_channel("min", min)?.unwrap_or(d.min),
                    max: per_channel("max", max)?.unwrap_or(d.max),
                })
            }
            NativeOp::Linear { ref a, ref b } => {
                let d = LinearParams::default();
                Op::Linear(LinearParams {
                    a: per_channel("a", a)?.unwrap_or(d.a),
                    b: per_channel("b", b)?.unwrap_or(d.b),
                })
            }
            NativeOp::Threshold {
                ref thresh,
                ref maxval,
                ref kind,
            } => Op::Threshold(ThresholdParams {
                thresh: per_channel("thresh", thresh)?,
                maxval: per_channel("maxval", maxval)?,
                kind: kind
                    .as_deref()
                    .map(ThresholdKind::parse)
                    .transpose()?
                    .unwrap_or_default(),
            }),
            NativeOp::Invert { min, max } => Op::Invert(InvertParams { min, max }),
            NativeOp::Gamma { gamma } => Op::Gamma(GammaParams {
                gamma: gamma.unwrap_or(GammaParams::default().gamma),
            }),
            NativeOp::Grayscale { ref order } => Op::Grayscale(GrayscaleParams {
                order: order
                    .as_deref()
                    .map(ChannelOrder::parse)
                    .transpose()?
                    .unwrap_or_default(),
            }),
            NativeOp::Normalize {
                ref kind,
                min,
                max,
                per_channel,
            } => Op::Normalize(NormalizeParams::parse_per_channel(
                kind.as_deref(),
                min,
                max,
                per_channel,
            )?),
            NativeOp::Convert {
                ref to,
                scale,
                offset,
                abs,
            } => {
                let d = ConvertParams::default();
                let params = ConvertParams {
                    scale: scale.unwrap_or(d.scale),
                    offset: offset.unwrap_or(d.offset),
                };
                let to = parse_type(to)?;
                if abs == Some(true) {
                    if let Some(to) = to.filter(|&t| t != PixelType::U8) {
                        let expected = "u8 or nothing with abs (convertScaleAbs writes u8)";
                        return Err(
                            Error::param("type", expected, format!("{:?}", to.name())).into()
                        );
                    }
                    Op::ConvertScaleAbs(params)
                } else {
                    Op::Convert { to, params }
                }
            }
            NativeOp::GaussianBlur {
                sigma,
                sigma_y,
                ksize,
                ref border,
                border_value,
            } => {
                if sigma.is_none() && ksize.is_none() {
                    let expected = "a number > 0, or 0 with an odd ksize";
                    return Err(
                        Error::param("sigma", expected, "nothing (give sigma or ksize)").into(),
                    );
                }
                let d = GaussianParams::default();
                Op::GaussianBlur(GaussianParams {
                    sigma: sigma.unwrap_or(d.sigma),
                    sigma_y,
                    ksize,
                    border: parse_border(border, border_value, d.border)?,
                })
            }
            NativeOp::BoxBlur {
                ksize,
                ksize_y,
                ref border,
                border_value,
            } => {
                let d = BoxParams::default();
                Op::BoxBlur(BoxParams {
                    ksize: ksize.unwrap_or(d.ksize),
                    ksize_y,
                    border: parse_border(border, border_value, d.border)?,
                })
            }
            NativeOp::Sobel {
                dx,
                dy,
                ksize,
                ref to,
                ref border,
                border_value,
            } => {
                let d = SobelParams::default();
                Op::Sobel(SobelParams {
                    dx: dx.unwrap_or(d.dx),
                    dy: dy.unwrap_or(d.dy),
                    ksize: ksize.unwrap_or(d.ksize),
                    border: parse_border(border, border_value, d.border)?,
                    to: parse_type(to)?,
                })
            }
            NativeOp::Convolve {
                ref kernel,
                kernel_width,
                ref row,
                ref column,
                ref to,
                ref border,
                border_value,
            } => Op::Convolve {
                to: parse_type(to)?,
                params: ConvolveParams {
                    kernel: Kernel::from_options(
                        taps(kernel),
                        kernel_width.map(|w| w as usize),
                        taps(row),
                        taps(column),
                    )?,
                    border: parse_border(border, border_value, ConvolveParams::default().border)?,
                },
            },
            NativeOp::MedianBlur { ksize } => Op::MedianBlur(MedianParams {
                ksize: ksize.unwrap_or(MedianParams::default().ksize),
            }),
            NativeOp::Erode {
                ksize,
                ksize_y,
                ref shape,
                iterations,
                ref border,
                border_value,
            } => Op::Erode(morph_params(
                ksize,
                ksize_y,
                shape,
                iterations,
                border,
                border_value,
            )?),
            NativeOp::Dilate {
                ksize,
                ksize_y,
                ref shape,
                iterations,
                ref border,
                border_value,
            } => Op::Dilate(morph_params(
                ksize,
                ksize_y,
                shape,
                iterations,
                border,
                border_value,
            )?),
            NativeOp::Morphology {
                ref operation,
                ksize,
                ksize_y,
                ref shape,
                iterations,
                ref border,
                border_value,
            } => {
                let Some(op) = operation else {
                    let expected = format!("one of {}", morph_op_names());
                    return Err(Error::param("op", expected, "nothing").into());
                };
                Op::Morphology(MorphologyParams {
                    op: MorphOp::parse(op)?,
                    element: morph_params(ksize, ksize_y, shape, iterations, border, border_value)?,
                })
            }
            NativeOp::Laplacian {
                ksize,
                ref to,
                ref border,
                border_value,
            } => {
                let d = LaplacianParams::default();
                Op::Laplacian(LaplacianParams {
                    ksize: ksize.unwrap_or(d.ksize),
                    border: parse_border(border, border_value, d.border)?,
                    to: parse_type(to)?,
                })
            }
            NativeOp::Scharr {
                dx,
                dy,
                ref to,
                ref border,
                border_value,
            } => {
                let d = ScharrParams::default();
                Op::Scharr(ScharrParams {
                    dx: dx.unwrap_or(d.dx),
                    dy: dy.unwrap_or(d.dy),
                    border: parse_border(border, border_value, d.border)?,
                    to: parse_type(to)?,
                })
            }
            NativeOp::EqualizeHist {} => Op::EqualizeHist,
            NativeOp::Clahe {
                clip_limit,
                ref tiles,
            } => {
                let d = ClaheParams::default();
                Op::Clahe(ClaheParams {
                    clip_limit: clip_limit.unwrap_or(d.clip_limit),
                    tiles: match tiles {
                        Some(tiles) => ClaheParams::parse_tiles(tiles)?,
                        None => d.tiles,
                    },
                })
            }
            NativeOp::Flip { ref direction } => Op::Flip(FlipParams {
                direction: direction
                    .as_deref()
                    .map(FlipDirection::parse)
                    .transpose()?
                    .unwrap_or_default(),
            }),
            NativeOp::Rotate { angle } => Op::Rotate(RotateParams {
                angle: angle.unwrap_or(RotateParams::default().angle),
            }),
            NativeOp::Transpose {} => Op::Transpose,
            NativeOp::Pad {
                top,
                bottom,
                left,
                right,
                ref border,
                border_value,
            } => {
                let d = PadParams::default();
                Op::Pad(PadParams {
                    top: top.unwrap_or(d.top),
                    bottom: bottom.unwrap_or(d.bottom),
                    left: left.unwrap_or(d.left),
                    right: right.unwrap_or(d.right),
                    border: parse_border(border, border_value, d.border)?,
                })
            }
            NativeOp::Crop {
                x,
                y,
                width,
                height,
            } => {
                let d = CropParams::default();
                Op::Crop(CropParams {
                    x: x.unwrap_or(d.x),
                    y: y.unwrap_or(d.y),
                    width: width.or(d.width),
                    height: height.or(d.height),
                })
            }
            NativeOp::ClipPercentiles { ref percentiles } => {
                Op::ClipPercentiles(pixchain::PercentileClipParams::from_list(
                    percentiles.as_deref().unwrap_or_default(),
                )?)
            }
            NativeOp::ExtractChannel { channel } => Op::ExtractChannel(ExtractChannelParams {
                channel: channel.unwrap_or(ExtractChannelParams::default().channel),
            }),
            NativeOp::ReorderChannels { ref order } => Op::ReorderChannels(ReorderChannelsParams {
                order: match order {
                    Some(order) => channel_indexes("order", order)?,
                    None => ReorderChannelsParams::default().order,
                },
            }),
            NativeOp::Resize {
                width,
                height,
                ref interpolation,
            } => {
                let d = ResizeParams::default();
                Op::Resize(ResizeParams {
                    width: width.map_or(d.width, |w| w as usize),
                    height: height.map_or(d.height, |h| h as usize),
                    interpolation: match interpolation {
                        Some(name) => Interpolation::parse(name)?,
                        None => d.interpolation,
                    },
                })
            }
            NativeOp::ToTensor {
                scale,
                ref mean,
                ref std,
                ref layout,
                swap_rb,
            } => {
                let d = ToTensorParams::default();
                Op::ToTensor(ToTensorParams {
                    scale: scale.unwrap_or(d.scale),
                    mean: per_channel("mean", mean)?.unwrap_or(d.mean),
                    std: per_channel("std", std)?.unwrap_or(d.std),
                    layout: match layout {
                        Some(name) => TensorLayout::parse(name)?,
                        None => d.layout,
                    },
                    swap_rb: swap_rb.unwrap_or(d.swap_rb),
                })
            }
        })
    }
}

/// An optional pixel type name.
fn parse_type(name: &Option<String>) -> Result<Option<PixelType>, Failure> {
    Ok(name
        .as_deref()
        .map(|name| PixelType::parse(name, "type"))
        .transpose()?)
}

/// A number for every channel, or an array of one per channel (OpenCV's
/// `Scalar`), as the core takes it. (Spelled out where fields take it: the
/// generated typings cannot name an alias.)
fn per_channel(
    name: &'static str,
    value: &Option<Either<f64, Vec<f64>>>,
) -> Result<Option<PerChannel>, Failure> {
    Ok(match value {
        None => None,
        Some(Either::A(value)) => Some((*value).into()),
        Some(Either::B(values)) => Some(PerChannel::each(name, values)?),
    })
}

/// Channel indexes as the core takes them: JavaScript numbers that must be integers ≥ 0.
fn channel_indexes(name: &'static str, values: &[f64]) -> Result<Vec<u32>, Failure> {
    values
        .iter()
        .map(|&v| {
            if v.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(&v) {
                Ok(v as u32)
            } else {
                let given = format!("{values:?}");
                Err(Error::param(name, "channel indexes, integers ≥ 0", given).into())
            }
        })
        .collect()
}

/// Kernel taps as the core takes them.
fn taps(values: &Option<Vec<f64>>) -> Option<Vec<f32>> {
    values
        .as_ref()
        .map(|values| values.iter().map(|&v| v as f32).collect())
}

/// The border named `name` (with `value` for `constant`), or `default`.
fn parse_border(
    name: &Option<String>,
    value: Option<f64>,
    default: Border,
) -> Result<Border, Failure> {
    match name {
        Some(name) => Ok(Border::parse(name, value)?),
        None => Ok(default),
    }
}

/// The element, iterations and border of a morphology step; absent ones take the core's defaults.
fn morph_params(
    ksize: Option<u32>,
    ksize_y: Option<u32>,
    shape: &Option<String>,
    iterations: Option<u32>,
    border: &Option<String>,
    border_value: Option<f64>,
) -> Result<MorphParams, Failure> {
    let d = MorphParams::default();
    Ok(MorphParams {
        ksize: ksize.unwrap_or(d.ksize),
        ksize_y,
        shape: shape
            .as_deref()
            .map(MorphShape::parse)
            .transpose()?
            .unwrap_or(d.shape),
        iterations: iterations.unwrap_or(d.iterations),
        border: MorphParams::border_from(border.as_deref(), border_value)?,
    })
}

/// The morphology operations' names, for the message when none is given.
fn morph_op_names() -> String {
    MorphOp::ALL.map(|op| op.name()).join(", ")
}

/// One two-image kernel and its options, tagged by `op`.
#[derive(Debug)]
#[napi(discriminant = "op", discriminant_case = "camelCase")]
pub enum NativeBinaryOp {
    Add {},
    Subtract {},
    Absdiff {},
    Multiply {
        scale: Option<f64>,
    },
    AddWeighted {
        alpha: Option<f64>,
        beta: Option<f64>,
        gamma: Option<f64>,
    },
    MergeChannels {},
}

impl NativeBinaryOp {
    pub fn to_core(&self) -> BinaryOp {
        match *self {
            NativeBinaryOp::Add {} => BinaryOp::Add,
            NativeBinaryOp::Subtract {} => BinaryOp::Subtract,
            NativeBinaryOp::Absdiff {} => BinaryOp::Absdiff,
            NativeBinaryOp::Multiply { scale } => BinaryOp::Multiply(MultiplyParams {
                scale: scale.unwrap_or(MultiplyParams::default().scale),
            }),
            NativeBinaryOp::AddWeighted { alpha, beta, gamma } => {
                let d = AddWeightedParams::default();
                BinaryOp::AddWeighted(AddWeightedParams {
                    alpha: alpha.unwrap_or(d.alpha),
                    beta: beta.unwrap_or(d.beta),
                    gamma: gamma.unwrap_or(d.gamma),
                })
            }
            NativeBinaryOp::MergeChannels {} => BinaryOp::MergeChannels,
        }
    }
}
