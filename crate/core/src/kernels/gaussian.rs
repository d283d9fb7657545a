//! `gaussian_blur`: separable Gaussian smoothing, with OpenCV's kernel sizes and taps.

use super::{Border, check_same_shape};
use crate::{Error, ImageMut, ImageRef, Pixel, PixelType, Result, Workspace};

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
        self.axes(pixel_type).map(|_| ())
    }

    /// The horizontal and vertical kernel sides, as OpenCV's `createGaussianKernels` picks them.
    fn axes(&self, pixel_type: PixelType) -> Result<(Axis, Axis)> {
        self.border.validate()?;
        check_sigma("sigma", self.sigma)?;
        if let Some(sigma_y) = self.sigma_y {
            check_sigma("sigmaY", sigma_y)?;
        }
        if let Some(ksize) = self.ksize {
            if ksize % 2 == 0 || !(1..=MAX_GAUSSIAN_KSIZE).contains(&ksize) {
                let expected = format!("an odd integer from 1 to {MAX_GAUSSIAN_KSIZE}");
                return Err(Error::param("ksize", expected, ksize));
            }
        } else if self.sigma == 0.0 {
            return Err(Error::param("sigma", "a number > 0, or 0 with an odd ksize", self.sigma));
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
    let radii = if pixel_type == PixelType::U8 { 3.0 } else { 4.0 };
    let size = (sigma * radii * 2.0 + 1.0).round_ties_even();
    if size > MAX_GAUSSIAN_KSIZE as f64 {
        let limit = (MAX_GAUSSIAN_KSIZE as f64 - 1.0) / (2.0 * radii);
        let expected = format!("at most {limit} for {pixel_type} without ksize (kernel side ≤ {MAX_GAUSSIAN_KSIZE})");
        return Err(Error::param(name, expected, sigma));
    }
    Ok(size as usize | 1)
}

/// OpenCV's `getGaussianKernel(n, sigma, CV_32F)`: f32 taps normalized to sum to 1,
/// with its fixed tables for n ≤ 7 when sigma ≤ 0.
fn fill_taps(taps: &mut [f32], sigma: f64) {
    const SMALL: [&[f32]; 4] = [
        &[1.0],
        &[0.25, 0.5, 0.25],
        &[0.0625, 0.25, 0.375, 0.25, 0.0625],
        &[0.03125, 0.109375, 0.21875, 0.28125, 0.21875, 0.109375, 0.03125],
    ];
    let n = taps.len();
    let fixed = (n % 2 == 1 && n <= 7 && sigma <= 0.0).then(|| SMALL[n / 2]);
    let sigma = if sigma > 0.0 { sigma } else { ((n as f64 - 1.0) * 0.5 - 1.0) * 0.3 + 0.8 };
    let scale = -0.5 / (sigma * sigma);
    let mut sum = 0.0f64;
    for (i, tap) in taps.iter_mut().enumerate() {
        let x = i as f64 - (n as f64 - 1.0) * 0.5;
        *tap = match fixed {
            Some(table) => table[i],
            None => (scale * x * x).exp() as f32,
        };
        sum += *tap as f64;
    }
    for tap in taps {
        *tap = (*tap as f64 / sum) as f32;
    }
}

/// Gaussian blur: a vertical pass into one f32 row, then a horizontal pass
/// from it, with the chosen border on both axes. Scalar reference code.
pub fn gaussian_blur<T: Pixel>(
    src: ImageRef<T>,
    mut dst: ImageMut<T>,
    params: &GaussianParams,
    workspace: &mut Workspace,
) -> Result<()> {
    let (axis_x, axis_y) = params.axes(T::TYPE)?;
    check_same_shape(src.spec(), dst.spec())?;
    let spec = src.spec();
    let (width, height, channels) = (spec.width(), spec.height(), spec.channels());
    let [taps_x, taps_y, column] = workspace.parts::<f32, 3>([axis_x.ksize, axis_y.ksize, spec.row_len()]);
    fill_taps(taps_x, axis_x.sigma);
    fill_taps(taps_y, axis_y.sigma);
    let border = params.border;
    let constant = match border {
        Border::Constant(value) => T::saturate_f64(value).to_f32(),
        _ => 0.0,
    };
    let (radius_x, radius_y) = ((axis_x.ksize / 2) as isize, (axis_y.ksize / 2) as isize);

    for y in 0..height {
        column.fill(0.0);
        for (j, &tap) in taps_y.iter().enumerate() {
            match border.source_index(y as isize + j as isize - radius_y, height) {
                Some(sy) => {
                    for (acc, &v) in column.iter_mut().zip(src.row(sy)) {
                        *acc += tap * v.to_f32();
                    }
                }
                None => column.iter_mut().for_each(|acc| *acc += tap * constant),
            }
        }
        let out = dst.row_mut(y);
        for x in 0..width {
            for ch in 0..channels {
                let mut acc = 0.0f32;
                for (i, &tap) in taps_x.iter().enumerate() {
                    let value = match border.source_index(x as isize + i as isize - radius_x, width) {
                        Some(sx) => column[sx * channels + ch],
                        None => constant,
                    };
                    acc += tap * value;
                }
                out[x * channels + ch] = T::saturate_f32(acc);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(sigma: f64, ksize: Option<u32>) -> GaussianParams {
        GaussianParams { sigma, ksize, ..Default::default() }
    }

    #[test]
    fn kernel_side_follows_opencv_rule() {
        let side = |sigma, t| params(sigma, None).axes(t).unwrap().0.ksize;
        assert_eq!(side(2.0, PixelType::U8), 13);
        assert_eq!(side(2.0, PixelType::U16), 17);
        assert_eq!(side(1.0, PixelType::F32), 9);
        assert_eq!(side(0.5, PixelType::U8), 5);
        assert_eq!(side(0.25, PixelType::U8), 3 | 1);
    }

    #[test]
    fn taps_sum_to_one_and_are_symmetric() {
        let mut taps = [0.0f32; 13];
        fill_taps(&mut taps, 2.0);
        let sum: f32 = taps.iter().sum();
        assert!((sum - 1.0).abs() < 1e-6);
        for i in 0..13 {
            assert_eq!(taps[i], taps[12 - i]);
        }
        let mut small = [0.0f32; 5];
        fill_taps(&mut small, 0.0);
        assert_eq!(small, [0.0625, 0.25, 0.375, 0.25, 0.0625]);
    }

    #[test]
    fn bad_sigma_and_ksize_are_refused() {
        for sigma in [-1.0, f64::NAN, f64::INFINITY] {
            let error = params(sigma, None).validate(PixelType::U8).unwrap_err();
            assert_eq!(error.code(), "ERR_PIXCHAIN_PARAM");
            assert!(error.to_string().starts_with("sigma: expected a finite number ≥ 0"));
        }
        assert!(params(0.0, None).validate(PixelType::U8).is_err());
        assert!(params(0.0, Some(5)).validate(PixelType::U8).is_ok());
        assert!(params(1.0, Some(4)).validate(PixelType::U8).is_err());
        assert!(params(1000.0, None).validate(PixelType::U8).is_err());
    }
}
