//! `grayscale`: RGB(A) or BGR(A) to one channel, with OpenCV's coefficients.

#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
mod x86;

use super::check_same_shape;
use crate::names::parse_name;
use crate::simd::{Isa, dispatch};
use crate::{Error, ImageMut, ImageRef, ImageSpec, Pixel, PixelType, Result};

/// The channel order of the colour frame [`grayscale`] reads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ChannelOrder {
    #[default]
    Rgb,
    Bgr,
    Rgba,
    Bgra,
}

impl ChannelOrder {
    pub const ALL: [Self; 4] = [Self::Rgb, Self::Bgr, Self::Rgba, Self::Bgra];

    /// The order's name in options.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Rgb => "rgb",
            Self::Bgr => "bgr",
            Self::Rgba => "rgba",
            Self::Bgra => "bgra",
        }
    }

    pub fn parse(name: &str) -> Result<Self> {
        parse_name("order", name, Self::ALL, |order| order.name())
    }

    pub fn channels(self) -> usize {
        match self {
            Self::Rgb | Self::Bgr => 3,
            Self::Rgba | Self::Bgra => 4,
        }
    }

    /// The sample index of red and of blue within a pixel.
    fn red_blue(self) -> (usize, usize) {
        match self {
            Self::Rgb | Self::Rgba => (0, 2),
            Self::Bgr | Self::Bgra => (2, 0),
        }
    }
}

/// The order of [`grayscale`]'s input. Default `rgb`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GrayscaleParams {
    pub order: ChannelOrder,
}

impl GrayscaleParams {
    /// The one-channel frame that `grayscale` makes from `input`, or a
    /// shape error when `input` has another channel count than the order.
    pub fn output_spec(&self, input: ImageSpec) -> Result<ImageSpec> {
        let channels = self.order.channels();
        if input.channels() != channels {
            let expected =
                ImageSpec::new(input.width(), input.height(), channels, input.pixel_type())?;
            return Err(Error::Shape {
                role: "input",
                expected,
                given: input,
            });
        }
        ImageSpec::new(input.width(), input.height(), 1, input.pixel_type())
    }
}

/// OpenCV's fixed-point luma coefficients (`RY15`, `GY15`, `BY15`) for R,
/// G, B, summing to 2¹⁵. Sums stay below 65535·2¹⁵ + 2¹⁴ < 2³¹: exact in i32.
const FIXED: (i32, i32, i32) = (9798, 19235, 3735);
const FIXED_SHIFT: u32 = 15;
/// OpenCV's float luma coefficients for R, G, B.
const FLOAT: (f32, f32, f32) = (0.299, 0.587, 0.114);

/// Luma of each pixel, as OpenCV's `cvtColor(…2GRAY)`: for u8, u16 (and
/// i16, which OpenCV lacks) `(9798·R + 19235·G + 3735·B + 2¹⁴) >> 15`;
/// for f32 the f32 sum `0.299·R + 0.587·G + 0.114·B` in memory order.
/// The alpha channel is ignored.
pub fn grayscale<T: Pixel>(
    src: ImageRef<T>,
    mut dst: ImageMut<T>,
    params: &GrayscaleParams,
    isa: Isa,
) -> Result<()> {
    let out_spec = params.output_spec(src.spec())?;
    check_same_shape(out_spec, dst.spec())?;
    let (r, _) = params.order.red_blue();
    // Weights in memory order: first sample, green, last sample.
    let (src, out) = (src.data(), dst.data_mut());
    if T::TYPE == PixelType::F32 {
        let (first, last) = if r == 0 {
            (FLOAT.0, FLOAT.2)
        } else {
            (FLOAT.2, FLOAT.0)
        };
        let luma = move |p: [T; 3]| {
            T::saturate_f32(p[0].to_f32() * first + p[1].to_f32() * FLOAT.1 + p[2].to_f32() * last)
        };
        match params.order.channels() {
            3 if luma_f32x3(isa, src, out, [first, FLOAT.1, last]) => {}
            3 => dispatch!(isa, pixels::<T, 3>(src, out, luma)),
            _ => dispatch!(isa, pixels::<T, 4>(src, out, luma)),
        }
    } else {
        let (first, last) = if r == 0 {
            (FIXED.0, FIXED.2)
        } else {
            (FIXED.2, FIXED.0)
        };
        let luma = move |p: [T; 3]| {
            let [x, y, z] = p.map(|v| v.to_i64() as i32);
            let sum = x * first + y * FIXED.1 + z * last + (1 << (FIXED_SHIFT - 1));
            T::saturate_i32(sum >> FIXED_SHIFT)
        };
        match params.order.channels() {
            3 => dispatch!(isa, pixels::<T, 3>(src, out, luma)),
            _ => dispatch!(isa, pixels::<T, 4>(src, out, luma)),
        }
    }
    Ok(())
}

/// Luma of 3-sample f32 pixels on an explicit vector path for `isa`, which the
/// compiler does not find for the de-interleaving; `false`, with `out`
/// untouched, where `isa` has none (or the samples are not f32).
fn luma_f32x3<T: Pixel>(isa: Isa, src: &[T], out: &mut [T], weights: [f32; 3]) -> bool {
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    if T::TYPE == PixelType::F32 && isa.runs_avx2() && crate::simd::x86::has_avx2() {
        let (src, out) = (bytemuck::cast_slice(src), bytemuck::cast_slice_mut(out));
        // SAFETY: the CPU has AVX2, checked on the line above.
        unsafe { x86::luma_f32x3_avx2(src, out, weights) };
        return true;
    }
    let _ = (isa, src, out, weights);
    false
}

/// `out[i] = luma(first three samples of pixel i)` for pixels of `N` samples:
/// a fixed `N` lets the compiler vectorize the de-interleaving.
#[inline(always)]
fn pixels<T: Pixel, const N: usize>(src: &[T], out: &mut [T], luma: impl Fn([T; 3]) -> T) {
    for (pixel, out) in src.chunks_exact(N).zip(out.iter_mut()) {
        *out = luma([pixel[0], pixel[1], pixel[2]]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ImageRef;

    /// OpenCV's luma from the definition: integers in fixed point with
    /// rounding, f32 as the f32 sum in memory order (NaN as the quiet NaN).
    fn definition<T: Pixel>(pixel: &[T], order: ChannelOrder) -> T {
        let (r, b) = order.red_blue();
        if T::TYPE == PixelType::F32 {
            let w = |i: usize| {
                [(r, 0.299f32), (1, 0.587), (b, 0.114)]
                    .iter()
                    .find(|c| c.0 == i)
                    .unwrap()
                    .1
            };
            let sum =
                pixel[0].to_f32() * w(0) + pixel[1].to_f32() * w(1) + pixel[2].to_f32() * w(2);
            return T::saturate_f64(if sum.is_nan() { f64::NAN } else { sum as f64 });
        }
        let v = |i: usize| pixel[i].to_i64();
        let sum = 9798 * v(r) + 19235 * v(1) + 3735 * v(b) + (1 << 14);
        T::saturate_i32((sum >> 15) as i32)
    }

    fn check<T: Pixel>(value: impl Fn(usize) -> T) {
        for order in ChannelOrder::ALL {
            for (width, height) in [(1, 1), (17, 3), (8, 2), (31, 5), (67, 4)] {
                let spec = ImageSpec::new(width, height, order.channels(), T::TYPE).unwrap();
                let src: Vec<T> = (0..spec.samples()).map(&value).collect();
                let want: Vec<String> = src
                    .chunks_exact(order.channels())
                    .map(|p| format!("{:?}", definition(p, order)))
                    .collect();
                for isa in Isa::available() {
                    let out_spec = ImageSpec::new(width, height, 1, T::TYPE).unwrap();
                    let mut out = vec![T::default(); out_spec.samples()];
                    let dst = ImageMut::new(out_spec, &mut out, "output").unwrap();
                    let params = GrayscaleParams { order };
                    grayscale(
                        ImageRef::new(spec, &src, "input").unwrap(),
                        dst,
                        &params,
                        isa,
                    )
                    .unwrap();
                    let got: Vec<String> = out.iter().map(|x| format!("{x:?}")).collect();
                    assert_eq!(got, want, "{} {order:?} {width}×{height} on {isa}", T::TYPE);
                }
            }
        }
    }

    #[test]
    fn every_path_gives_opencvs_luma_on_odd_sizes() {
        let hash = |i: usize| (i as u32).wrapping_mul(2_654_435_761) >> 7;
        check::<u8>(|i| hash(i) as u8);
        check::<u16>(|i| hash(i) as u16);
        check::<i16>(|i| hash(i) as i16);
        let specials = [f32::NAN, f32::INFINITY, f32::NEG_INFINITY, -0.0, 1e38, -3.5];
        check::<f32>(|i| {
            let h = hash(i);
            if h % 11 == 0 {
                specials[(h / 11) as usize % specials.len()]
            } else {
                h as f32 / 9e5 - 4.0
            }
        });
    }
}
