//! `box_blur`: the normalized box filter, OpenCV's `blur`.

mod edges;
mod fresh;
mod running;
#[cfg(test)]
mod tests;

use self::fresh::Fresh;
use self::running::{Running, Wrapping};
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

    /// Rows read above and below each output row (the window is anchored at `ksize_y / 2`).
    pub(crate) fn reach(&self) -> Result<usize> {
        Ok(self.sides()?.1 / 2)
    }
}

const U8_SHIFT: u32 = 23;

/// OpenCV's `ColumnSum<ushort, uchar>` division of a window sum by `area`
/// (≤ 256) is `((sum + delta)·scale) >> 23`, with its own rounding of
/// 2²³/area: its `(scale, delta)`. `(sum + delta)·scale` stays below 2³¹
/// (sum ≤ 255·area, scale ≈ 2²³/area).
fn u8_division(area: u32) -> (u32, u32) {
    let scale_f = (1u32 << U8_SHIFT) as f64 / area as f64;
    let mut scale = scale_f.floor() as u32;
    let mut delta = area / 2;
    if scale_f - (scale as f64) < 0.5 {
        delta += 1;
    } else {
        scale += 1;
    }
    (scale, delta)
}

/// That division for areas from 2 to 256 in 16-bit arithmetic, twice the
/// lanes per vector. With `x = sum + delta` (below 2¹⁶) and `scale = high·2¹⁶ + low`,
/// `x·scale = (x·high + ⌊x·low / 2¹⁶⌋)·2¹⁶ + r` with `r < 2¹⁶`, so
/// `(x·scale) >> 23 = (x·high + ⌊x·low / 2¹⁶⌋) >> 7`, and that sum is
/// `⌊x·scale / 2¹⁶⌋ < 2³¹⁻¹⁶`: it fits 16 bits.
fn u8_divider_16(area: u32) -> impl Fn(u16) -> u16 + Copy {
    debug_assert!((2..=256).contains(&area));
    let (scale, delta) = u8_division(area);
    let (high, low, delta) = ((scale >> 16) as u16, scale as u16, delta as u16);
    move |sum| {
        let x = sum + delta;
        let product_high = ((u32::from(x) * u32::from(low)) >> 16) as u16;
        (x * high + product_high) >> (U8_SHIFT - 16)
    }
}

/// Whether the mean of a window of `area` integer samples of magnitude up
/// to `max`, computed in f32 (`sum as f32 · (1/area as f32)`) and rounded
/// to the nearest integer, ties to even, always equals the same in f64, as
/// OpenCV computes it (`saturate_cast(sum · (1.0/area))`): then the f32
/// path, with twice the lanes per vector, gives the same bytes.
///
/// - `area` a power of two, `max · area < 2²⁴`: the sum, the scale and
///   their product are exact in both, ties included.
/// - `area` odd, `max · area < 2²²`: the sum is exact in f32, and the
///   product's two roundings (of 1/area and of the product) leave it within
///   `|sum/area| · (2⁻²³ + 2⁻⁴⁸) < 1/(2·area)` of the exact mean (f64 far
///   closer). An exact mean `sum/area` is never nearer than `1/(2·area)` to
///   a half-integer (`2·sum − (2k+1)·area` is odd), so both round it to the
///   integer nearest to it.
///
/// Even areas that are not powers of two have exact ties, which the two
/// round differently: they stay in f64.
fn f32_rounds_as_f64(max: usize, area: usize) -> bool {
    if area.is_power_of_two() {
        max * area < 1 << 24
    } else {
        area % 2 == 1 && max * area < 1 << 22
    }
}

/// `mean` rounded to the nearest integer, ties to even. Means of integer
/// samples are finite and within ±2¹⁶.
#[inline(always)]
fn nearest_f64(mean: f64) -> i32 {
    // SAFETY: `mean` is finite and its rounding is within i32 (above).
    unsafe { mean.round_ties_even().to_int_unchecked::<i32>() }
}

/// As [`nearest_f64`], in f32.
#[inline(always)]
fn nearest_f32(mean: f32) -> i32 {
    // SAFETY: as in `nearest_f64`.
    unsafe { mean.round_ties_even().to_int_unchecked::<i32>() }
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
    let area = kx * ky;
    let scale = 1.0 / area as f64;
    let (_, strips) = workspace.split(0, 0);
    let running = Running {
        sides: (kx, ky),
        border,
        constant,
    };
    let round = move |mean: f64| T::saturate_i32(nearest_f64(mean));
    let scale32 = 1.0 / area as f32;
    let round32 = move |mean: f32| T::saturate_i32(nearest_f32(mean));
    match T::TYPE {
        // Windows of up to 256 pixels: every sum below 2¹⁶, exact in u16,
        // divided in OpenCV's fixed point.
        PixelType::U8 if area == 1 => {
            running.run::<u16, u16>(
                src,
                dst,
                strips,
                |v: T| v.to_i64() as u16,
                move |sum: u16| T::saturate_i32(i32::from(sum)),
            );
        }
        PixelType::U8 if area <= 256 => {
            let divide = u8_divider_16(area as u32);
            running.run::<u16, u16>(
                src,
                dst,
                strips,
                |v: T| v.to_i64() as u16,
                move |sum: u16| T::saturate_i32(i32::from(divide(sum))),
            );
        }
        // Column sums below 2¹⁶ in u16, window sums in i32: exact.
        PixelType::U8 if ky <= 257 && f32_rounds_as_f64(255, area) => {
            running.run::<u16, i32>(
                src,
                dst,
                strips,
                |v: T| v.to_i64() as u16,
                move |sum: i32| round32(sum as f32 * scale32),
            );
        }
        // Every sum at most 255·4095² < 2³².
        PixelType::U8 => {
            running.run::<u32, u32>(
                src,
                dst,
                strips,
                |v: T| v.to_i64() as u32,
                move |sum: u32| round(sum.to_f64() * scale),
            );
        }
        // Column sums at most 65535·4095 < 2³¹; window sums below 2²².
        PixelType::U16 if f32_rounds_as_f64(65535, area) => {
            running.run::<i32, i32>(
                src,
                dst,
                strips,
                |v: T| v.to_i64() as i32,
                move |sum: i32| round32(sum as f32 * scale32),
            );
        }
        // Window sums of up to 32768 pixels below 2³¹, then up to 65536
        // pixels below 2³², then u64.
        PixelType::U16 if area <= 32768 => {
            running.run::<i32, i32>(
                src,
                dst,
                strips,
                |v: T| v.to_i64() as i32,
                move |sum: i32| round(sum.to_f64() * scale),
            );
        }
        PixelType::U16 if area <= 65536 => {
            running.run::<u32, u32>(
                src,
                dst,
                strips,
                |v: T| v.to_i64() as u32,
                move |sum: u32| round(sum.to_f64() * scale),
            );
        }
        PixelType::U16 => {
            running.run::<u32, u64>(
                src,
                dst,
                strips,
                |v: T| v.to_i64() as u32,
                move |sum: u64| round(sum.to_f64() * scale),
            );
        }
        // Column sums within ±32768·4095 < 2³¹, window sums of up to 65535
        // pixels too.
        PixelType::I16 if f32_rounds_as_f64(32768, area) => {
            running.run::<i32, i32>(
                src,
                dst,
                strips,
                |v: T| v.to_i64() as i32,
                move |sum: i32| round32(sum as f32 * scale32),
            );
        }
        PixelType::I16 if area <= 65535 => {
            running.run::<i32, i32>(
                src,
                dst,
                strips,
                |v: T| v.to_i64() as i32,
                move |sum: i32| round(sum.to_f64() * scale),
            );
        }
        PixelType::I16 => {
            running.run::<i32, i64>(
                src,
                dst,
                strips,
                |v: T| v.to_i64() as i32,
                move |sum: i64| round(sum.to_f64() * scale),
            );
        }
        PixelType::F32 => Fresh {
            sides: (kx, ky),
            border,
            constant,
            scale,
        }
        .run(src, dst, strips),
    }
    Ok(())
}
