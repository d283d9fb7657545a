//! `gaussian_blur`: separable Gaussian smoothing, with OpenCV's kernel sizes
//! and taps: fixed point for u8 and u16 (bit-exact with OpenCV), f32 otherwise.

mod taps;

use super::separable::{Accumulate, separable};
use super::{Border, check_same_shape};
use crate::{Error, ImageMut, ImageRef, ImageSpec, Pixel, PixelType, Result, Workspace};

/// The largest kernel side accepted, explicit or derived from sigma.
pub const MAX_GAUSSIAN_KSIZE: u32 = 4095;

/// Parameters of [`gaussian_blur`].
///
/// Without `ksize`, each side is OpenCV's `round(σ·3·2 + 1) | 1` for u8 and
/// `round(σ·4·2 + 1) | 1` otherwise. With `ksize` and `sigma = 0`, sigma is
/// derived from the size as OpenCV does. `sigma_y` defaults to `sigma`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct GaussianParams {
    pub sigma: f64,
    pub sigma_y: Option<f64>,
    pub ksize: Option<u32>,
    pub border: Border,
}

/// One side of the kernel: its size and the sigma its taps are built from.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Axis {
    ksize: usize,
    sigma: f64,
}

impl GaussianParams {
    pub fn validate(&self, pixel_type: PixelType) -> Result<()> {
        self.sides(pixel_type).map(|_| ())
    }

    /// Rows read above and below each output row of a frame of `spec`.
    pub(crate) fn reach(&self, spec: ImageSpec) -> Result<usize> {
        Ok(self.axes(spec)?.1.ksize / 2)
    }

    /// The kernel sides for a frame of `spec`. As in OpenCV's `GaussianBlur`,
    /// a frame one pixel wide (or tall) is not blurred along that axis unless
    /// the border is constant.
    fn axes(&self, spec: ImageSpec) -> Result<(Axis, Axis)> {
        let (mut x, mut y) = self.sides(spec.pixel_type())?;
        if !matches!(self.border, Border::Constant(_)) {
            if spec.width() == 1 {
                x.ksize = 1;
            }
            if spec.height() == 1 {
                y.ksize = 1;
            }
        }
        Ok((x, y))
    }

    /// The horizontal and vertical kernel sides, as OpenCV's `createGaussianKernels` picks them.
    fn sides(&self, pixel_type: PixelType) -> Result<(Axis, Axis)> {
        self.border.validate()?;
        check_sigma("sigma", self.sigma)?;
        if let Some(sigma_y) = self.sigma_y {
            check_sigma("sigmaY", sigma_y)?;
        }
        if let Some(ksize) = self.ksize {
            if ksize.is_multiple_of(2) || !(1..=MAX_GAUSSIAN_KSIZE).contains(&ksize) {
                let expected = format!("an odd integer from 1 to {MAX_GAUSSIAN_KSIZE}");
                return Err(Error::param("ksize", expected, ksize));
            }
        } else if self.sigma == 0.0 {
            return Err(Error::param(
                "sigma",
                "a number > 0, or 0 with an odd ksize",
                self.sigma,
            ));
        }
        let sigma_y = self.sigma_y.filter(|&s| s > 0.0).unwrap_or(self.sigma);
        let axis = |name, sigma| -> Result<Axis> {
            let ksize = match self.ksize {
                Some(ksize) => ksize as usize,
                None => auto_ksize(name, sigma, pixel_type)?,
            };
            Ok(Axis { ksize, sigma })
        };
        Ok((axis("sigma", self.sigma)?, axis("sigmaY", sigma_y)?))
    }
}

fn check_sigma(name: &'static str, sigma: f64) -> Result<()> {
    if !(sigma.is_finite() && sigma >= 0.0) {
        return Err(Error::param(name, "a finite number ≥ 0", sigma));
    }
    Ok(())
}

/// OpenCV's kernel side for a sigma: `round(σ·3·2 + 1) | 1` for u8, `round(σ·4·2 + 1) | 1` otherwise.
fn auto_ksize(name: &'static str, sigma: f64, pixel_type: PixelType) -> Result<usize> {
    let radii = if pixel_type == PixelType::U8 {
        3.0
    } else {
        4.0
    };
    let size = (sigma * radii * 2.0 + 1.0).round_ties_even();
    if size > MAX_GAUSSIAN_KSIZE as f64 {
        let limit = (MAX_GAUSSIAN_KSIZE as f64 - 1.0) / (2.0 * radii);
        let expected = format!(
            "at most {limit} for {pixel_type} without ksize (kernel side ≤ {MAX_GAUSSIAN_KSIZE})"
        );
        return Err(Error::param(name, expected, sigma));
    }
    Ok(size as usize | 1)
}

/// Gaussian blur. u8 and u16 run OpenCV's fixed-point algorithm and match
/// it bit for bit; i16 and f32 use f32 taps and sums. Scalar reference code.
pub fn gaussian_blur<T: Pixel>(
    src: ImageRef<T>,
    dst: ImageMut<T>,
    params: &GaussianParams,
    workspace: &mut Workspace,
) -> Result<()> {
    let (axis_x, axis_y) = params.axes(src.spec())?;
    check_same_shape(src.spec(), dst.spec())?;
    let (nx, ny) = (axis_x.ksize, axis_y.ksize);
    let (mut carver, strips) = workspace.split(6, (nx + ny) * 16);
    let (exact_x, exact_y) = (carver.take::<f64>(nx), carver.take::<f64>(ny));
    taps::exact_taps(exact_x, axis_x.sigma);
    taps::exact_taps(exact_y, axis_y.sigma);
    let border = params.border;
    let constant = match border {
        Border::Constant(value) => T::saturate_f64(value),
        _ => T::default(),
    };
    match T::TYPE {
        PixelType::U8 => {
            // Taps of 8 fraction bits that sum to exactly one. Column sums
            // stay below 255·2⁸, exact in u16; row sums below 255·2¹⁶,
            // exact in u32; one rounding half up, as OpenCV.
            let (fixed_x, fixed_y) = (carver.take::<u32>(nx), carver.take::<u32>(ny));
            taps::fixed_taps(exact_x, 8, fixed_x);
            taps::fixed_taps(exact_y, 8, fixed_y);
            let (narrow_x, narrow_y) = (carver.take::<u16>(nx), carver.take::<u16>(ny));
            narrow(fixed_x, narrow_x);
            narrow(fixed_y, narrow_y);
            let accumulate = Accumulate {
                load: |v: T| v.to_i64() as u16,
                constant,
                finish: move |sum: u32| T::saturate_i32(((sum + (1 << 15)) >> 16) as i32),
            };
            separable::<T, T, u16, u32, _, _>(
                src,
                dst,
                (narrow_x, narrow_y),
                border,
                strips,
                accumulate,
            );
        }
        PixelType::U16 => {
            // Taps of 16 fraction bits that sum to exactly one. Column sums
            // stay below 65535·2¹⁶, exact in u32; row sums below 65535·2³²,
            // exact in u64; one rounding half up, as OpenCV.
            let (fixed_x, fixed_y) = (carver.take::<u32>(nx), carver.take::<u32>(ny));
            taps::fixed_taps(exact_x, 16, fixed_x);
            taps::fixed_taps(exact_y, 16, fixed_y);
            let accumulate = Accumulate {
                load: |v: T| v.to_i64() as u32,
                constant,
                finish: move |sum: u64| T::saturate_i32(((sum + (1 << 31)) >> 32) as i32),
            };
            separable::<T, T, u32, u64, _, _>(
                src,
                dst,
                (fixed_x, fixed_y),
                border,
                strips,
                accumulate,
            );
        }
        PixelType::I16 | PixelType::F32 => {
            let (float_x, float_y) = (carver.take::<f32>(nx), carver.take::<f32>(ny));
            float_x
                .iter_mut()
                .zip(exact_x.iter())
                .for_each(|(f, &e)| *f = e as f32);
            float_y
                .iter_mut()
                .zip(exact_y.iter())
                .for_each(|(f, &e)| *f = e as f32);
            let accumulate = Accumulate {
                load: |v: T| v.to_f32(),
                constant,
                finish: T::saturate_f32,
            };
            separable::<T, T, f32, f32, _, _>(
                src,
                dst,
                (float_x, float_y),
                border,
                strips,
                accumulate,
            );
        }
    }
    Ok(())
}

/// 8-bit fixed taps (at most 256) as u16.
fn narrow(taps: &[u32], narrow: &mut [u16]) {
    for (n, &t) in narrow.iter_mut().zip(taps) {
        *n = t as u16;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(sigma: f64, ksize: Option<u32>) -> GaussianParams {
        GaussianParams {
            sigma,
            ksize,
            ..Default::default()
        }
    }

    /// The u8 result from the definition: Σ taps_x · taps_y · pixel over the
    /// 2-D window in exact integers, one rounding; rows wider than a block of
    /// the separable passes (with a remainder), tap counts that leave 0–3
    /// pairs after a pass of four, on every path and at 1 and 2 threads.
    #[test]
    fn gaussian_u8_equals_the_exact_2d_sum_on_wide_rows_every_path() {
        use crate::ImageMut;
        use crate::simd::Isa;
        let (width, height) = (233, 6);
        for channels in 1..=4 {
            let spec = ImageSpec::new(width, height, channels, PixelType::U8).unwrap();
            let src: Vec<u8> = (0..spec.samples())
                .map(|i| (i as u32).wrapping_mul(2_654_435_761).rotate_left(9) as u8)
                .collect();
            for ksize in [1usize, 3, 5, 7, 9, 11, 13, 17, 19] {
                let sigma = 0.4 + ksize as f64 / 5.0;
                let mut exact = vec![0.0; ksize];
                taps::exact_taps(&mut exact, sigma);
                let mut fixed = vec![0u32; ksize];
                taps::fixed_taps(&exact, 8, &mut fixed);
                let border = Border::Reflect101;
                let r = (ksize / 2) as isize;
                let mut want = vec![0u8; spec.samples()];
                for y in 0..height {
                    for x in 0..width {
                        for c in 0..channels {
                            let mut sum = 0u64;
                            for j in 0..ksize {
                                let sy = border.source_index(y as isize + j as isize - r, height);
                                for i in 0..ksize {
                                    let sx =
                                        border.source_index(x as isize + i as isize - r, width);
                                    let p = src[(sy.unwrap() * width + sx.unwrap()) * channels + c];
                                    sum += fixed[i] as u64 * fixed[j] as u64 * p as u64;
                                }
                            }
                            want[(y * width + x) * channels + c] = ((sum + (1 << 15)) >> 16) as u8;
                        }
                    }
                }
                let params = GaussianParams {
                    sigma,
                    ksize: Some(ksize as u32),
                    border,
                    ..Default::default()
                };
                for isa in Isa::available() {
                    for threads in [1, 2] {
                        let mut workspace = Workspace::with_isa(isa).unwrap();
                        workspace.set_threads(Some(threads));
                        let mut got = vec![0u8; spec.samples()];
                        let s = ImageRef::new(spec, &src, "input").unwrap();
                        let d = ImageMut::new(spec, &mut got, "output").unwrap();
                        gaussian_blur(s, d, &params, &mut workspace).unwrap();
                        assert!(got == want, "{isa} {threads}T ×{channels} ksize {ksize}");
                    }
                }
            }
        }
    }

    #[test]
    fn kernel_side_follows_opencv_rule() {
        let side = |sigma, t| params(sigma, None).sides(t).unwrap().0.ksize;
        assert_eq!(side(2.0, PixelType::U8), 13);
        assert_eq!(side(2.0, PixelType::U16), 17);
        assert_eq!(side(1.0, PixelType::F32), 9);
        assert_eq!(side(0.5, PixelType::U8), 5);
        assert_eq!(side(0.25, PixelType::U8), 3 | 1);
    }

    #[test]
    fn one_pixel_sides_are_not_blurred_unless_the_border_is_constant() {
        let spec = ImageSpec::new(1, 9, 1, PixelType::U8).unwrap();
        let (x, y) = params(2.0, None).axes(spec).unwrap();
        assert_eq!((x.ksize, y.ksize), (1, 13));
        let constant = GaussianParams {
            border: Border::Constant(0.0),
            ..params(2.0, None)
        };
        assert_eq!(constant.axes(spec).unwrap().0.ksize, 13);
    }

    #[test]
    fn bad_sigma_and_ksize_are_refused() {
        for sigma in [-1.0, f64::NAN, f64::INFINITY] {
            let error = params(sigma, None).validate(PixelType::U8).unwrap_err();
            assert_eq!(error.code(), "ERR_PIXCHAIN_PARAM");
            assert!(
                error
                    .to_string()
                    .starts_with("sigma: expected a finite number ≥ 0")
            );
        }
        assert!(params(0.0, None).validate(PixelType::U8).is_err());
        assert!(params(0.0, Some(5)).validate(PixelType::U8).is_ok());
        assert!(params(1.0, Some(4)).validate(PixelType::U8).is_err());
        assert!(params(1000.0, None).validate(PixelType::U8).is_err());
    }
}
