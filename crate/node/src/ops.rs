//! Kernel options as JavaScript passes them, and their conversion to `Op`.
//! Absent options take the core's defaults.

use napi::bindgen_prelude::{Array, FromNapiValue};
use napi_derive::napi;
use pixchain::{
    AddWeightedParams, BinaryOp, Border, BoxParams, ChannelOrder, ClipParams, ConvertParams,
    ConvolveParams, Error, GammaParams, GaussianParams, GrayscaleParams, InvertParams, Kernel,
    LinearParams, MedianParams, MultiplyParams, NormalizeParams, Op, PixelType, SobelParams,
    ThresholdKind, ThresholdParams,
};
use pixchain::{Interpolation, ResizeParams};

use crate::failure::Failure;

/// Declares [`NativeOp`] and, from the same list, the order in which
/// [`NativeOp::from_fields`] reads a kernel's options as an array: the
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
            /// Each kernel's name and its options' names, in array order.
            pub const FIELDS: &[(&str, &[&str])] = &[$(($op, &[$($js),*])),*];

            /// The kernel at `op` in [`FIELDS`](Self::FIELDS), with its
            /// options given in that entry's order.
            #[allow(unused_variables, unused_mut)]
            pub fn from_fields(op: u32, values: &Array<'_>) -> Result<Self, Failure> {
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
    Clip "clip" { min "min": Option<f64>, max "max": Option<f64> }
    Linear "linear" { a "a": Option<f64>, b "b": Option<f64> }
    Threshold "threshold" {
        thresh "thresh": Option<f64>,
        maxval "maxval": Option<f64>,
        kind "kind": Option<String>,
    }
    Invert "invert" { min "min": Option<f64>, max "max": Option<f64> }
    Gamma "gamma" { gamma "gamma": Option<f64> }
    Convert "convert" {
        to "type": Option<String>,
        scale "scale": Option<f64>,
        offset "offset": Option<f64>,
    }
    Grayscale "grayscale" { order "order": Option<String> }
    Normalize "normalize" {
        kind "kind": Option<String>,
        min "min": Option<f64>,
        max "max": Option<f64>,
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
    Resize "resize" {
        width "width": Option<u32>,
        height "height": Option<u32>,
        interpolation "interpolation": Option<String>,
    }
}

/// Element `index` of `values`: an option of the type JavaScript checked it to have.
fn read_field<T: FromNapiValue>(
    values: &Array<'_>,
    index: u32,
    name: &str,
) -> Result<Option<T>, Failure> {
    values
        .get::<Option<T>>(index)
        .map(Option::flatten)
        .map_err(|error| Failure::Internal(format!("option {name}: {error}")))
}

impl NativeOp {
    pub fn to_core(&self) -> Result<Op, Failure> {
        Ok(match *self {
            NativeOp::Clip { min, max } => {
                let d = ClipParams::default();
                Op::Clip(ClipParams {
                    min: min.unwrap_or(d.min),
                    max: max.unwrap_or(d.max),
                })
            }
            NativeOp::Linear { a, b } => {
                let d = LinearParams::default();
                Op::Linear(LinearParams {
                    a: a.unwrap_or(d.a),
                    b: b.unwrap_or(d.b),
                })
            }
            NativeOp::Threshold {
                thresh,
                maxval,
                ref kind,
            } => Op::Threshold(ThresholdParams {
                thresh,
                maxval,
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
            NativeOp::Normalize { ref kind, min, max } => {
                Op::Normalize(NormalizeParams::parse(kind.as_deref(), min, max)?)
            }
            NativeOp::Convert {
                ref to,
                scale,
                offset,
            } => {
                let d = ConvertParams::default();
                Op::Convert {
                    to: parse_type(to)?,
                    params: ConvertParams {
                        scale: scale.unwrap_or(d.scale),
                        offset: offset.unwrap_or(d.offset),
                    },
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
        }
    }
}
