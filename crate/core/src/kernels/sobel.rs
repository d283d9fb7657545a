//! `sobel`: first derivatives with OpenCV's Sobel kernels, into i16 or f32.

use super::Border;
use super::derivative::{check_derivative_type, derivative_spec, separable_derivative};
use crate::{Error, ImageMut, ImageRef, ImageSpec, Pixel, PixelType, Result, Workspace};

/// Parameters of [`sobel`]: derivative orders `dx`, `dy` (0 or 1, not both
/// 0), aperture `ksize` (3 or 5), the border, and the output type (`None`:
/// i16 for u8 frames, f32 otherwise).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SobelParams {
    pub dx: u32,
    pub dy: u32,
    pub ksize: u32,
    pub border: Border,
    pub to: Option<PixelType>,
}

impl Default for SobelParams {
    fn default() -> Self {
        Self {
            dx: 1,
            dy: 0,
            ksize: 3,
            border: Border::default(),
            to: None,
        }
    }
}

impl SobelParams {
    pub fn validate(&self) -> Result<()> {
        self.border.validate()?;
        for (name, order) in [("dx", self.dx), ("dy", self.dy)] {
            if order > 1 {
                return Err(Error::param(name, "0 or 1", order));
            }
        }
        if self.dx + self.dy == 0 {
            return Err(Error::param("dx", "1 when dy is 0", self.dx));
        }
        if !matches!(self.ksize, 3 | 5) {
            return Err(Error::param("ksize", "3 or 5", self.ksize));
        }
        check_derivative_type(self.to)
    }

    /// The derivative frame written from `input`.
    pub fn output_spec(&self, input: ImageSpec) -> ImageSpec {
        derivative_spec(input, self.to)
    }

    /// Rows read above and below each output row.
    pub(crate) fn reach(&self) -> usize {
        self.taps().1.len() / 2
    }

    /// The horizontal and vertical taps: derivative along each axis of order 1, smoothing otherwise.
    fn taps(&self) -> (&'static [i64], &'static [i64]) {
        let (derivative, smoothing): (&[i64], &[i64]) = match self.ksize {
            3 => (&[-1, 0, 1], &[1, 2, 1]),
            _ => (&[-1, -2, 0, 2, 1], &[1, 4, 6, 4, 1]),
        };
        let pick = |order| if order == 1 { derivative } else { smoothing };
        (pick(self.dx), pick(self.dy))
    }
}

/// OpenCV's `Sobel`: exact integer sums for integer frames, f32 sums for
/// f32 frames, saturated into the output type.
pub fn sobel<T: Pixel, U: Pixel>(
    src: ImageRef<T>,
    dst: ImageMut<U>,
    params: &SobelParams,
    workspace: &mut Workspace,
) -> Result<()> {
    params.validate()?;
    let taps = params.taps();
    separable_derivative(src, dst, taps, params.border, params.to, workspace)
}
