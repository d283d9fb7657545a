//! `scharr`: first derivatives with OpenCV's Scharr kernels (`[−1 0 1]`
//! across, `[3 10 3]` along), into i16 or f32.

use super::Border;
use super::derivative::{check_derivative_type, derivative_spec, separable_derivative};
use crate::{Error, ImageMut, ImageRef, ImageSpec, Pixel, PixelType, Result, Workspace};

/// Parameters of [`scharr`]: derivative orders `dx`, `dy` (one of them 1,
/// the other 0, as OpenCV requires), the border, and the output type
/// (`None`: i16 for u8 frames, f32 otherwise).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScharrParams {
    pub dx: u32,
    pub dy: u32,
    pub border: Border,
    pub to: Option<PixelType>,
}

impl Default for ScharrParams {
    fn default() -> Self {
        Self {
            dx: 1,
            dy: 0,
            border: Border::default(),
            to: None,
        }
    }
}

impl ScharrParams {
    pub fn validate(&self) -> Result<()> {
        self.border.validate()?;
        for (name, order) in [("dx", self.dx), ("dy", self.dy)] {
            if order > 1 {
                return Err(Error::param(name, "0 or 1", order));
            }
        }
        if self.dx + self.dy != 1 {
            let expected = if self.dy == 0 {
                "1 when dy is 0"
            } else {
                "0 when dy is 1"
            };
            return Err(Error::param("dx", expected, self.dx));
        }
        check_derivative_type(self.to)
    }

    /// The derivative frame written from `input`.
    pub fn output_spec(&self, input: ImageSpec) -> ImageSpec {
        derivative_spec(input, self.to)
    }

    /// Rows read above and below each output row.
    pub(crate) fn reach(&self) -> usize {
        1
    }

    /// The horizontal and vertical taps.
    fn taps(&self) -> (&'static [i64], &'static [i64]) {
        const DERIVATIVE: &[i64] = &[-1, 0, 1];
        const SMOOTHING: &[i64] = &[3, 10, 3];
        if self.dx == 1 {
            (DERIVATIVE, SMOOTHING)
        } else {
            (SMOOTHING, DERIVATIVE)
        }
    }
}

/// OpenCV's `Scharr`: exact integer sums for integer frames, f32 sums for
/// f32 frames, saturated into the output type.
pub fn scharr<T: Pixel, U: Pixel>(
    src: ImageRef<T>,
    dst: ImageMut<U>,
    params: &ScharrParams,
    workspace: &mut Workspace,
) -> Result<()> {
    params.validate()?;
    separable_derivative(src, dst, params.taps(), params.border, params.to, workspace)
}
