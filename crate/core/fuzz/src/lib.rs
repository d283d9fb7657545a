//! Frames, kernels and steps decoded from fuzzer bytes: every field may be
//! out of range, NaN or infinite, so that validation is fuzzed with the kernels.

use arbitrary::{Result, Unstructured};
use pixchain::{
    AddWeightedParams, BinaryOp, Border, BoxParams, ChannelOrder, ClipParams, ConvertParams,
    ConvolveParams, GammaParams, GaussianParams, GrayscaleParams, ImageSpec, InvertParams, Kernel,
    LinearParams, MedianParams, MultiplyParams, NormalizeParams, Op, PixelType, SobelParams,
    ThresholdKind, ThresholdParams,
};
use pixchain::{MorphOp, MorphParams, MorphShape, MorphologyParams};
use pixchain::{ClaheParams, LaplacianParams, ScharrParams};
use pixchain::{CropParams, FlipDirection, FlipParams, PadParams, RotateParams};
use pixchain::{ExtractChannelParams, PerChannel, ReorderChannelsParams};
use pixchain::{TensorLayout, ToTensorParams};
use pixchain::{Interpolation, ResizeParams};

pub fn pixel_type(u: &mut Unstructured) -> Result<PixelType> {
    Ok(*u.choose(&[PixelType::U8, PixelType::U16, PixelType::I16, PixelType::F32])?)
}

/// A small frame: up to 40×40, 1–4 channels (never an invalid spec: those are
/// refused before any kernel, and the JavaScript suite covers them).
pub fn spec(u: &mut Unstructured) -> Result<ImageSpec> {
    let (w, h, c) = (u.int_in_range(1..=40)?, u.int_in_range(1..=40)?, u.int_in_range(1..=4)?);
    Ok(ImageSpec::new(w, h, c, pixel_type(u)?).expect("sides and channels in range"))
}

/// Any number, the awkward ones often.
pub fn number(u: &mut Unstructured) -> Result<f64> {
    let special = [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 0.0, -0.0, 1e300, -1e300, 0.5, 255.0, 65535.0];
    if u.ratio(1, 3)? {
        Ok(*u.choose(&special)?)
    } else {
        Ok(f64::from(u.int_in_range(-70000..=70000)?) / f64::from(u.int_in_range(1..=100)?))
    }
}

pub fn side(u: &mut Unstructured) -> Result<u32> {
    Ok(if u.ratio(1, 8)? { u.arbitrary()? } else { u.int_in_range(0..=12)? })
}

pub fn border(u: &mut Unstructured) -> Result<Border> {
    Ok(match u.int_in_range(0..=3)? {
        0 => Border::Reflect101,
        1 => Border::Reflect,
        2 => Border::Replicate,
        _ => Border::Constant(number(u)?),
    })
}

/// One number for every channel, or 1–4 (any count, to fuzz the channel check).
pub fn per_channel(u: &mut Unstructured) -> Result<PerChannel> {
    if u.arbitrary()? {
        return Ok(number(u)?.into());
    }
    let values = (0..u.int_in_range(1..=4)?).map(|_| number(u)).collect::<Result<Vec<_>>>()?;
    Ok(PerChannel::each("fuzz", &values).expect("1 to 4 values"))
}

fn maybe<T>(u: &mut Unstructured, value: impl FnOnce(&mut Unstructured) -> Result<T>) -> Result<Option<T>> {
    if u.arbitrary()? { Ok(Some(value(u)?)) } else { Ok(None) }
}

pub fn op(u: &mut Unstructured) -> Result<Op> {
    Ok(match u.int_in_range(0..=31)? {
        0 => Op::Clip(ClipParams { min: per_channel(u)?, max: per_channel(u)? }),
        1 => Op::Linear(LinearParams { a: per_channel(u)?, b: per_channel(u)? }),
        2 => Op::Threshold(ThresholdParams {
            thresh: maybe(u, per_channel)?,
            maxval: maybe(u, per_channel)?,
            kind: *u.choose(&[
                ThresholdKind::Binary,
                ThresholdKind::BinaryInv,
                ThresholdKind::Trunc,
                ThresholdKind::ToZero,
                ThresholdKind::ToZeroInv,
            ])?,
        }),
        3 => Op::Invert(InvertParams { min: maybe(u, number)?, max: maybe(u, number)? }),
        4 => Op::Gamma(GammaParams { gamma: number(u)? }),
        5 => Op::Convert {
            to: maybe(u, pixel_type)?,
            params: ConvertParams { scale: number(u)?, offset: number(u)? },
        },
        6 => Op::Grayscale(GrayscaleParams {
            order: *u.choose(&[ChannelOrder::Rgb, ChannelOrder::Bgr, ChannelOrder::Rgba, ChannelOrder::Bgra])?,
        }),
        7 => Op::Normalize(if u.arbitrary()? {
            NormalizeParams::ZScore
        } else {
            NormalizeParams::MinMax { min: number(u)?, max: maybe(u, number)? }
        }),
        8 => Op::GaussianBlur(GaussianParams {
            sigma: number(u)?.abs().min(8.0),
            sigma_y: maybe(u, number)?,
            ksize: maybe(u, side)?,
            border: border(u)?,
        }),
        9 => Op::BoxBlur(BoxParams { ksize: side(u)?, ksize_y: maybe(u, side)?, border: border(u)? }),
        10 => Op::Sobel(SobelParams {
            dx: u.int_in_range(0..=2)?,
            dy: u.int_in_range(0..=2)?,
            ksize: side(u)?,
            border: border(u)?,
            to: maybe(u, pixel_type)?,
        }),
        11 => {
            let (width, height) = (u.int_in_range(0..=5)?, u.int_in_range(0..=5)?);
            let taps = (0..u.int_in_range(0..=30)?).map(|_| number(u).map(|n| n as f32)).collect::<Result<Vec<_>>>()?;
            Op::Convolve {
                to: maybe(u, pixel_type)?,
                params: ConvolveParams { kernel: Kernel::Full { width, height, taps }, border: border(u)? },
            }
        }
        12 => {
            let row = (0..u.int_in_range(0..=7)?).map(|_| number(u).map(|n| n as f32)).collect::<Result<Vec<_>>>()?;
            let column = (0..u.int_in_range(0..=7)?).map(|_| number(u).map(|n| n as f32)).collect::<Result<Vec<_>>>()?;
            Op::Convolve {
                to: maybe(u, pixel_type)?,
                params: ConvolveParams { kernel: Kernel::Separable { row, column }, border: border(u)? },
            }
        }
        13 => Op::MedianBlur(MedianParams { ksize: side(u)? }),
        14 => Op::Erode(morph_params(u)?),
        15 => Op::Dilate(morph_params(u)?),
        16 => Op::Morphology(MorphologyParams { op: *u.choose(&MorphOp::ALL)?, element: morph_params(u)? }),
        17 => Op::Laplacian(LaplacianParams { ksize: side(u)?, border: border(u)?, to: maybe(u, pixel_type)? }),
        18 => Op::Scharr(ScharrParams {
            dx: u.int_in_range(0..=2)?,
            dy: u.int_in_range(0..=2)?,
            border: border(u)?,
            to: maybe(u, pixel_type)?,
        }),
        19 => Op::EqualizeHist,
        20 => Op::Clahe(ClaheParams { clip_limit: number(u)?, tiles: [side(u)?, side(u)?] }),
        21 => Op::Flip(FlipParams { direction: *u.choose(&FlipDirection::ALL)? }),
        22 => Op::Rotate(RotateParams { angle: *u.choose(&[90, 180, 270, 0, 45, 360])? }),
        23 => Op::Transpose,
        // Small sides: a padded frame is allocated whole by the targets.
        24 => Op::Pad(PadParams {
            top: u.int_in_range(0..=50)?,
            bottom: u.int_in_range(0..=50)?,
            left: u.int_in_range(0..=50)?,
            right: u.int_in_range(0..=50)?,
            border: border(u)?,
        }),
        25 => Op::Crop(CropParams { x: side(u)?, y: side(u)?, width: maybe(u, side)?, height: maybe(u, side)? }),
        26 => Op::ClipPercentiles(pixchain::PercentileClipParams { low: number(u)?, high: number(u)? }),
        27 => Op::ExtractChannel(ExtractChannelParams { channel: u.int_in_range(0..=5)? }),
        28 => Op::ConvertScaleAbs(ConvertParams { scale: number(u)?, offset: number(u)? }),
        29 => Op::ReorderChannels(ReorderChannelsParams {
            order: (0..u.int_in_range(0..=5)?).map(|_| u.int_in_range(0..=4)).collect::<Result<Vec<_>>>()?,
        }),
        30 => Op::Resize(ResizeParams {
            width: u.int_in_range(0..=50)?,
            height: u.int_in_range(0..=50)?,
            interpolation: *u.choose(&Interpolation::ALL)?,
        }),
        _ => Op::ToTensor(ToTensorParams {
            scale: number(u)?,
            mean: per_channel(u)?,
            std: per_channel(u)?,
            layout: *u.choose(&TensorLayout::ALL)?,
            swap_rb: u.arbitrary()?,
        }),
    })
}

/// An element, iterations and border, in range or not.
fn morph_params(u: &mut Unstructured) -> Result<MorphParams> {
    Ok(MorphParams {
        ksize: side(u)?,
        ksize_y: maybe(u, side)?,
        shape: *u.choose(&MorphShape::ALL)?,
        iterations: u.int_in_range(0..=3)?,
        border: if u.arbitrary()? { border(u)? } else { MorphParams::default().border },
    })
}

pub fn binary_op(u: &mut Unstructured) -> Result<BinaryOp> {
    Ok(match u.int_in_range(0..=5)? {
        0 => BinaryOp::Add,
        1 => BinaryOp::Subtract,
        2 => BinaryOp::Absdiff,
        3 => BinaryOp::Multiply(MultiplyParams { scale: number(u)? }),
        4 => BinaryOp::AddWeighted(AddWeightedParams { alpha: number(u)?, beta: number(u)?, gamma: number(u)? }),
        _ => BinaryOp::MergeChannels,
    })
}

/// The bytes of a frame of `spec`, from the fuzzer's data (zeros once it runs out).
pub fn frame(u: &mut Unstructured, spec: ImageSpec) -> Vec<u8> {
    let mut bytes = vec![0u8; spec.byte_len()];
    let _ = u.fill_buffer(&mut bytes);
    bytes
}

/// Sides, channels and type as a caller may give them, unchecked: zero,
/// small, at the edges of the default pixel limit, or huge (up to `usize::MAX`).
pub fn raw_spec(u: &mut Unstructured) -> Result<(usize, usize, usize, PixelType)> {
    let side = |u: &mut Unstructured| -> Result<usize> {
        Ok(match u.int_in_range(0..=4)? {
            0 => u.int_in_range(0..=64)?,
            1 => *u.choose(&[16383, 16384, 60000, 65535, 65536, 1 << 31, (1 << 32) - 1])?,
            2 => u.int_in_range(0..=1 << 20)?,
            3 => usize::MAX - u.int_in_range(0..=64)?,
            _ => u.arbitrary()?,
        })
    };
    let (width, height) = (side(u)?, side(u)?);
    Ok((width, height, u.int_in_range(0..=6)?, pixel_type(u)?))
}

/// A pixel limit: none (0), the default, one near a frame's count, or any.
pub fn pixel_limit(u: &mut Unstructured) -> Result<u64> {
    Ok(match u.int_in_range(0..=3)? {
        0 => 0,
        1 => pixchain::DEFAULT_PIXEL_LIMIT,
        2 => u.int_in_range(1..=4096)?,
        _ => u.arbitrary()?,
    })
}

/// A byte count for `AlignedBytes::try_zeroed`: small enough to allocate,
/// or too large for any system (past `isize::MAX`), never in between, so
/// that the fuzzer's own allocation limit is not what answers.
pub fn byte_count(u: &mut Unstructured) -> Result<usize> {
    Ok(if u.arbitrary()? {
        u.int_in_range(0..=1 << 16)?
    } else {
        u.int_in_range(isize::MAX as usize - 64..=usize::MAX)?
    })
}
