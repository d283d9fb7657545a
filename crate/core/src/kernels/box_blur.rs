//! `box_blur`: the normalized box filter, OpenCV's `blur`.

use super::separable::{Accumulate, separable};
use super::{Border, check_same_shape};
use crate::{Error, ImageMut, ImageRef, Pixel, PixelType, Result, Workspace};

/// The largest window side accepted.
pub const MAX_BOX_KSIZE: u32 = 4095;

/// Parameters of [`box_blur`]: window sides (odd or even; `ksize_y`
/// defaults to `ksize`), anchored at the centre (`ksize / 2`), and a border.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BoxParams {
    pub ksize: u32,
    pub ksize_y: Option<u32>,
    pub border: Border,
}

impl Default for BoxParams {
    fn default() -> Self {
        Self {
            ksize: 3,
            ksize_y: None,
            border: Border::default(),
        }
    }
}

impl BoxParams {
    /// The window's width and height.
    fn sides(&self) -> Result<(usize, usize)> {
        self.border.validate()?;
        let ksize_y = self.ksize_y.unwrap_or(self.ksize);
        for (name, side) in [("ksize", self.ksize), ("ksizeY", ksize_y)] {
            if !(1..=MAX_BOX_KSIZE).contains(&side) {
                return Err(Error::param(
                    name,
                    format!("an integer from 1 to {MAX_BOX_KSIZE}"),
                    side,
                ));
            }
        }
        Ok((self.ksize as usize, ksize_y as usize))
    }

    pub fn validate(&self) -> Result<()> {
        self.sides().map(|_| ())
    }
}

/// OpenCV's `ColumnSum<ushort, uchar>` division of a window sum by `area`
/// (≤ 256): `((sum + delta)·scale) >> 23` with its own rounding of 2²³/area.
/// `(sum + delta)·scale` stays below 2³¹ (sum ≤ 255·area, scale ≈ 2²³/area),
/// so u32 holds it.
fn u8_divider(area: u32) -> impl Fn(u32) -> u32 + Copy {
    const SHIFT: u32 = 23;
    let scale_f = (1u32 << SHIFT) as f64 / area as f64;
    let mut scale = scale_f.floor() as u32;
    let mut delta = area / 2;
    if scale_f - (scale as f64) < 0.5 {
        delta += 1;
    } else {
        scale += 1;
    }
    move |sum| {
        if area == 1 {
            sum
        } else {
            ((sum + delta) * scale) >> SHIFT
        }
    }
}

/// The mean of each pixel's window, as OpenCV's `blur`: exact integer sums;
/// u8 windows of up to 256 pixels divide in OpenCV's fixed point, other
/// integer windows multiply by `1/area` in f64 and round; f32 sums in f64.
pub fn box_blur<T: Pixel>(
    src: ImageRef<T>,
    dst: ImageMut<T>,
    params: &BoxParams,
    workspace: &mut Workspace,
) -> Result<()> {
    let (kx, ky) = params.sides()?;
    check_same_shape(src.spec(), dst.spec())?;
    let border = params.border;
    let constant = match border {
        Border::Constant(value) => T::saturate_f64(value),
        _ => T::default(),
    };
    let area = (kx * ky) as u64;
    let scale = 1.0 / area as f64;
    let (mut carver, strips) = workspace.split(2, (kx + ky) * 8);
    match T::TYPE {
        // Windows of up to 256 pixels: every sum below 2¹⁶, exact in u16,
        // divided in OpenCV's fixed point.
        PixelType::U8 if area <= 256 => {
            let (taps_x, taps_y) = (carver.take::<u16>(kx), carver.take::<u16>(ky));
            taps_x.fill(1);
            taps_y.fill(1);
            let divide = u8_divider(area as u32);
            let accumulate = Accumulate {
                load: |v: T| v.to_i64() as u16,
                constant,
                finish: move |sum: u16| T::saturate_i32(divide(u32::from(sum)) as i32),
            };
            separable::<T, T, u16, u16, _, _>(
                src,
                dst,
                (taps_x, taps_y),
                border,
                strips,
                accumulate,
            );
        }
        // Column sums below 2¹⁶ in u16 and window sums in u32: exact.
        PixelType::U8 if ky <= 257 => {
            let (taps_x, taps_y) = (carver.take::<u16>(kx), carver.take::<u16>(ky));
            taps_x.fill(1);
            taps_y.fill(1);
            let accumulate = Accumulate {
                load: |v: T| v.to_i64() as u16,
                constant,
                finish: move |sum: u32| T::saturate_f64(sum as f64 * scale),
            };
            separable::<T, T, u16, u32, _, _>(
                src,
                dst,
                (taps_x, taps_y),
                border,
                strips,
                accumulate,
            );
        }
        // Windows of up to 65536 pixels: every sum below 2³², exact in u32.
        PixelType::U16 if area <= 65536 => {
            let (taps_x, taps_y) = (carver.take::<u32>(kx), carver.take::<u32>(ky));
            taps_x.fill(1);
            taps_y.fill(1);
            let accumulate = Accumulate {
                load: |v: T| v.to_i64() as u32,
                constant,
                finish: move |sum: u32| T::saturate_f64(sum as f64 * scale),
            };
            separable::<T, T, u32, u32, _, _>(
                src,
                dst,
                (taps_x, taps_y),
                border,
                strips,
                accumulate,
            );
        }
        // Column sums below 2³² in u32, window sums in u64: exact.
        PixelType::U16 => {
            let (taps_x, taps_y) = (carver.take::<u32>(kx), carver.take::<u32>(ky));
            taps_x.fill(1);
            taps_y.fill(1);
            let accumulate = Accumulate {
                load: |v: T| v.to_i64() as u32,
                constant,
                finish: move |sum: u64| T::saturate_f64(sum as f64 * scale),
            };
            separable::<T, T, u32, u64, _, _>(
                src,
                dst,
                (taps_x, taps_y),
                border,
                strips,
                accumulate,
            );
        }
        PixelType::F32 => {
            let (taps_x, taps_y) = (carver.take::<f64>(kx), carver.take::<f64>(ky));
            taps_x.fill(1.0);
            taps_y.fill(1.0);
            let accumulate = Accumulate {
                load: |v: T| v.to_f64(),
                constant,
                finish: move |sum: f64| T::saturate_f64(sum * scale),
            };
            separable::<T, T, f64, f64, _, _>(
                src,
                dst,
                (taps_x, taps_y),
                border,
                strips,
                accumulate,
            );
        }
        _ => {
            let (taps_x, taps_y) = (carver.take::<i64>(kx), carver.take::<i64>(ky));
            taps_x.fill(1);
            taps_y.fill(1);
            let accumulate = Accumulate {
                load: |v: T| v.to_i64(),
                constant,
                finish: move |sum: i64| T::saturate_f64(sum as f64 * scale),
            };
            separable::<T, T, i64, i64, _, _>(
                src,
                dst,
                (taps_x, taps_y),
                border,
                strips,
                accumulate,
            );
        }
    }
    Ok(())
}
