//! `sobel`: first derivatives with OpenCV's Sobel kernels, into i16 or f32.

use super::separable::{Accumulate, separable};
use super::{Border, check_output_type, check_same_shape};
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
        if let Some(to) = self.to
            && !matches!(to, PixelType::I16 | PixelType::F32)
        {
            return Err(Error::param("type", "i16 or f32", to));
        }
        Ok(())
    }

    /// The derivative frame written from `input`.
    pub fn output_spec(&self, input: ImageSpec) -> ImageSpec {
        let default = if input.pixel_type() == PixelType::U8 {
            PixelType::I16
        } else {
            PixelType::F32
        };
        input.with_type(self.to.unwrap_or(default))
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
    check_same_shape(src.spec(), dst.spec())?;
    check_output_type::<U>(params.output_spec(src.spec()).pixel_type())?;
    let (kx, ky) = params.taps();
    let border = params.border;
    let constant = match border {
        Border::Constant(value) => T::saturate_f64(value),
        _ => T::default(),
    };
    let (mut carver, strips) = workspace.split(2, (kx.len() + ky.len()) * 4);
    if T::TYPE == PixelType::F32 {
        let (taps_x, taps_y) = (carver.take::<f32>(kx.len()), carver.take::<f32>(ky.len()));
        taps_x.iter_mut().zip(kx).for_each(|(t, &k)| *t = k as f32);
        taps_y.iter_mut().zip(ky).for_each(|(t, &k)| *t = k as f32);
        let accumulate = Accumulate {
            load: |v: T| v.to_f32(),
            constant,
            finish: U::saturate_f32,
        };
        separable::<T, U, f32, f32, _, _>(src, dst, (taps_x, taps_y), border, strips, accumulate);
    } else {
        // |sums| ≤ 65535·16·16 for ksize 5: exact in i32.
        let (taps_x, taps_y) = (carver.take::<i32>(kx.len()), carver.take::<i32>(ky.len()));
        taps_x.iter_mut().zip(kx).for_each(|(t, &k)| *t = k as i32);
        taps_y.iter_mut().zip(ky).for_each(|(t, &k)| *t = k as i32);
        let accumulate = Accumulate {
            load: |v: T| v.to_i64() as i32,
            constant,
            finish: U::saturate_i32,
        };
        separable::<T, U, i32, i32, _, _>(src, dst, (taps_x, taps_y), border, strips, accumulate);
    }
    Ok(())
}
