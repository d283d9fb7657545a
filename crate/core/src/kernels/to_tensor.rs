//! `toTensor`: a frame into a model's f32 input, `(x·scale − mean[c]) / std[c]`,
//! interleaved (HWC) or one plane per channel (CHW), in one pass — what
//! `cv2.dnn.blobFromImage` prepares, with a standard deviation per channel.

use super::per_channel::PerChannel;
use super::{check_output_type, check_same_shape};
use crate::simd::{Isa, dispatch};
use crate::{Error, ImageMut, ImageRef, ImageSpec, Pixel, PixelType, Result};

/// How the tensor's samples are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TensorLayout {
    /// One plane per channel: every sample of channel 0, then of channel 1, …
    Chw,
    /// Interleaved as the frame: a pixel's channels side by side.
    Hwc,
}

impl TensorLayout {
    pub const ALL: [TensorLayout; 2] = [TensorLayout::Chw, TensorLayout::Hwc];

    pub fn name(self) -> &'static str {
        match self {
            TensorLayout::Chw => "chw",
            TensorLayout::Hwc => "hwc",
        }
    }

    pub fn parse(name: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|layout| layout.name() == name)
            .ok_or_else(|| Error::param("layout", "'chw' or 'hwc'", format!("{name:?}")))
    }
}

/// Parameters of [`to_tensor`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ToTensorParams {
    pub scale: f64,
    pub mean: PerChannel,
    pub std: PerChannel,
    pub layout: TensorLayout,
    /// Reads channels 2, 1, 0 as 0, 1, 2 (RGB ↔ BGR), as `blobFromImage`'s `swapRB`.
    pub swap_rb: bool,
}

impl Default for ToTensorParams {
    fn default() -> Self {
        Self {
            scale: 1.0,
            mean: 0.0.into(),
            std: 1.0.into(),
            layout: TensorLayout::Chw,
            swap_rb: false,
        }
    }
}

impl ToTensorParams {
    /// Refuses values that are not finite, a zero deviation, lists that do
    /// not match the channels, and `swap_rb` on fewer than 3 channels.
    pub fn validate(&self, input: ImageSpec) -> Result<()> {
        let channels = input.channels();
        if !self.scale.is_finite() {
            return Err(Error::param("scale", "a finite number", self.scale));
        }
        self.mean.check_channels("mean", channels)?;
        self.std.check_channels("std", channels)?;
        for c in 0..channels {
            let (mean, std) = (self.mean.get(c), self.std.get(c));
            if !mean.is_finite() {
                return Err(Error::param("mean", "finite numbers", mean));
            }
            if !std.is_finite() || std == 0.0 {
                return Err(Error::param("std", "finite, non-zero numbers", std));
            }
        }
        if self.swap_rb && channels < 3 {
            return Err(Error::param(
                "swapRB",
                "a frame of 3 or 4 channels",
                format!("{channels} channel(s)"),
            ));
        }
        Ok(())
    }

    /// An f32 frame of the input's sides; CHW as one channel, its planes
    /// stacked: width × (channels · height).
    pub fn output_spec(&self, input: ImageSpec) -> Result<ImageSpec> {
        match self.layout {
            TensorLayout::Hwc => Ok(input.with_type(PixelType::F32)),
            TensorLayout::Chw => ImageSpec::new(
                input.width(),
                input.channels() * input.height(),
                1,
                PixelType::F32,
            ),
        }
    }

    /// The source channel of each tensor channel.
    fn source_channel(&self, c: usize) -> usize {
        match (self.swap_rb, c) {
            (true, 0) => 2,
            (true, 2) => 0,
            _ => c,
        }
    }
}

/// `dst = (src·scale − mean[c]) / std[c]` in f32 (each operand rounded to
/// f32, each operation rounded as f32 arithmetic does), into the layout asked.
pub fn to_tensor<T: Pixel, U: Pixel>(
    src: ImageRef<T>,
    dst: ImageMut<U>,
    params: &ToTensorParams,
    isa: Isa,
) -> Result<()> {
    let spec = src.spec();
    params.validate(spec)?;
    check_output_type::<U>(PixelType::F32)?;
    check_same_shape(params.output_spec(spec)?, dst.spec())?;
    dispatch!(isa, tensor_rows(src, dst, params));
    Ok(())
}

/// Samples per chunk of a row: whole pixels of 1 to 4 channels, few enough
/// that the chunk and its means and deviations stay in the L1 cache.
const CHUNK: usize = 1008;

/// Every row of `src` into the tensor, a chunk at a time.
#[inline(always)]
fn tensor_rows<T: Pixel, U: Pixel>(
    src: ImageRef<T>,
    mut dst: ImageMut<U>,
    params: &ToTensorParams,
) {
    let spec = src.spec();
    let (channels, height) = (spec.channels(), spec.height());
    let scale = params.scale as f32;
    // Per sample of a chunk: the mean and deviation of the tensor channel
    // its value goes to (swapping R and B is its own inverse).
    let of_sample = |value: fn(&ToTensorParams, usize) -> f64| -> [f32; CHUNK] {
        std::array::from_fn(|i| value(params, params.source_channel(i % channels)) as f32)
    };
    let (means, stds) = (
        of_sample(|p, c| p.mean.get(c)),
        of_sample(|p, c| p.std.get(c)),
    );
    let standardize = |values: &[T], out: &mut [U]| {
        for (((o, &v), &m), &s) in out.iter_mut().zip(values).zip(&means).zip(&stds) {
            // No fused multiply-add: the definition rounds twice.
            *o = U::saturate_f32((v.to_f32() * scale - m) / s);
        }
    };
    let planar = params.layout == TensorLayout::Chw && channels > 1;
    let mut chunk = [U::default(); CHUNK];
    for y in src.rows() {
        let row = src.row(y);
        for (start, part) in (0..row.len()).step_by(CHUNK).zip(row.chunks(CHUNK)) {
            if !planar {
                // Each sample where it was (interleaved, or the one plane).
                let out = &mut dst.row_mut(y)[start..start + part.len()];
                standardize(part, out);
                if params.swap_rb {
                    out.chunks_exact_mut(channels)
                        .for_each(|pixel| pixel.swap(0, 2));
                }
                continue;
            }
            // Planar: the chunk standardized, then dealt to the planes.
            let chunk = &mut chunk[..part.len()];
            standardize(part, chunk);
            let pixels = start / channels..(start + part.len()) / channels;
            for c in 0..channels {
                let from = params.source_channel(c);
                let out = &mut dst.row_mut(c * height + y)[pixels.clone()];
                match channels {
                    2 => deal::<2, U>(chunk, from, out),
                    3 => deal::<3, U>(chunk, from, out),
                    _ => deal::<4, U>(chunk, from, out),
                }
            }
        }
    }
}

/// `out[x] = pixels[x][from]` over pixels of `C` samples: a constant
/// stride, which the compiler reads with shuffles rather than one by one.
#[inline(always)]
fn deal<const C: usize, U: Pixel>(pixels: &[U], from: usize, out: &mut [U]) {
    for (o, pixel) in out.iter_mut().zip(pixels.as_chunks::<C>().0) {
        *o = pixel[from];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Workspace;
    use crate::op::Op;

    fn frame(spec: ImageSpec) -> Vec<u8> {
        (0..spec.samples()).map(|i| (i * 37 % 251) as u8).collect()
    }

    /// The definition, sample by sample, in f32.
    fn reference(src: &[u8], spec: ImageSpec, p: &ToTensorParams) -> Vec<f32> {
        let (w, h, n) = (spec.width(), spec.height(), spec.channels());
        let mut out = vec![0.0f32; w * h * n];
        for y in 0..h {
            for x in 0..w {
                for c in 0..n {
                    let from = if p.swap_rb && c != 1 && c < 3 {
                        2 - c
                    } else {
                        c
                    };
                    let v = src[(y * w + x) * n + from] as f32;
                    let t = (v * p.scale as f32 - p.mean.get(c) as f32) / p.std.get(c) as f32;
                    let at = match p.layout {
                        TensorLayout::Hwc => (y * w + x) * n + c,
                        TensorLayout::Chw => (c * h + y) * w + x,
                    };
                    out[at] = t;
                }
            }
        }
        out
    }

    #[test]
    fn both_layouts_equal_the_definition_on_every_path_and_thread_count() {
        // Rows of one chunk and of several, the last one partial; a tensor
        // large enough to be written past the caches.
        let shapes = [
            (19, 7, 1),
            (19, 7, 2),
            (19, 7, 3),
            (19, 7, 4),
            (401, 7, 3),
            (290, 7, 4),
            (1009, 7, 1),
            (701, 260, 3),
        ];
        for (width, height, channels) in shapes {
            let spec = ImageSpec::new(width, height, channels, PixelType::U8).unwrap();
            for layout in TensorLayout::ALL {
                for swap_rb in [false, true].into_iter().filter(|&s| !s || channels >= 3) {
                    check_against_definition(spec, layout, swap_rb);
                }
            }
        }
    }

    fn check_against_definition(spec: ImageSpec, layout: TensorLayout, swap_rb: bool) {
        let (width, channels) = (spec.width(), spec.channels());
        let src = frame(spec);
        let mean = [0.485, 0.456, 0.406, 0.5];
        let std = [0.229, 0.224, 0.225, 0.25];
        let params = ToTensorParams {
            scale: 1.0 / 255.0,
            mean: PerChannel::each("mean", &mean[..channels]).unwrap(),
            std: PerChannel::each("std", &std[..channels]).unwrap(),
            layout,
            swap_rb,
        };
        let expected = reference(&src, spec, &params);
        let op = Op::ToTensor(params);
        let out_spec = op.output_spec(spec).unwrap();
        for isa in Isa::available() {
            for threads in [1, 3] {
                let mut out = vec![0u8; out_spec.byte_len()];
                let mut workspace = Workspace::new();
                workspace.set_isa(isa).unwrap();
                workspace.set_threads(Some(threads));
                op.run_bytes(spec, &src, &mut out, &mut workspace).unwrap();
                let got: &[f32] = bytemuck::cast_slice(&out);
                let case = format!("{width}×{channels} {layout:?} swap {swap_rb} {isa:?}");
                assert_eq!(got, &expected[..], "{case}");
            }
        }
    }

    #[test]
    fn a_zero_deviation_a_list_of_another_length_and_swap_on_gray_are_refused() {
        let rgb = ImageSpec::new(4, 4, 3, PixelType::U8).unwrap();
        let gray = rgb.with_channels(1).unwrap();
        let zero = ToTensorParams {
            std: 0.0.into(),
            ..Default::default()
        };
        assert!(zero.validate(rgb).is_err());
        let two = ToTensorParams {
            mean: PerChannel::each("mean", &[1.0, 2.0]).unwrap(),
            ..Default::default()
        };
        assert!(two.validate(rgb).is_err());
        let swap = ToTensorParams {
            swap_rb: true,
            ..Default::default()
        };
        assert!(swap.validate(gray).is_err());
        assert!(swap.validate(rgb).is_ok());
    }
}
