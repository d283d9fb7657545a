//! `box_blur`: the normalized box filter, OpenCV's `blur`.

use super::separable::{Accumulate, Accumulator, separable};
use super::{Border, check_same_shape};
use crate::strips::Strips;
use crate::workspace::Carver;
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
    let sums = Sums {
        src,
        dst,
        sides: (kx, ky),
        border,
        constant,
    };
    match T::TYPE {
        // Windows of up to 256 pixels: every sum below 2¹⁶, exact in u16,
        // divided in OpenCV's fixed point.
        PixelType::U8 if area <= 256 => {
            let divide = u8_divider(area as u32);
            sums.run::<u16, u16>(
                &mut carver,
                strips,
                |v| v.to_i64() as u16,
                move |sum| T::saturate_i32(divide(u32::from(sum)) as i32),
            );
        }
        // Column sums below 2¹⁶ in u16 and window sums in u32: exact.
        PixelType::U8 if ky <= 257 => {
            sums.run::<u16, u32>(
                &mut carver,
                strips,
                |v| v.to_i64() as u16,
                move |sum| T::saturate_f64(sum as f64 * scale),
            );
        }
        // Windows of up to 65536 pixels: every sum below 2³², exact in u32.
        PixelType::U16 if area <= 65536 => {
            sums.run::<u32, u32>(
                &mut carver,
                strips,
                |v| v.to_i64() as u32,
                move |sum| T::saturate_f64(sum as f64 * scale),
            );
        }
        // Column sums below 2³² in u32, window sums in u64: exact.
        PixelType::U16 => {
            sums.run::<u32, u64>(
                &mut carver,
                strips,
                |v| v.to_i64() as u32,
                move |sum| T::saturate_f64(sum as f64 * scale),
            );
        }
        // OpenCV sums f32 windows in f64.
        PixelType::F32 => {
            sums.run::<f64, f64>(
                &mut carver,
                strips,
                |v| v.to_f64(),
                move |sum| T::saturate_f64(sum * scale),
            );
        }
        _ => {
            sums.run::<i64, i64>(
                &mut carver,
                strips,
                |v| v.to_i64(),
                move |sum| T::saturate_f64(sum as f64 * scale),
            );
        }
    }
    Ok(())
}

/// One box filter call, before the accumulator types are chosen.
struct Sums<'s, 'd, T: Pixel> {
    src: ImageRef<'s, T>,
    dst: ImageMut<'d, T>,
    sides: (usize, usize),
    border: Border,
    constant: T,
}

impl<T: Pixel> Sums<'_, '_, T> {
    /// The window sums with column sums in `C` and window sums in `A`,
    /// each finished into a sample by `finish`.
    fn run<C, A>(
        self,
        carver: &mut Carver<'_>,
        strips: Strips<'_>,
        load: impl Fn(T) -> C + Copy + Sync,
        finish: impl Fn(A) -> T + Copy + Sync,
    ) where
        C: Accumulator + From<u8>,
        A: Accumulator + From<C>,
    {
        let (kx, ky) = self.sides;
        let (taps_x, taps_y) = (carver.take::<C>(kx), carver.take::<C>(ky));
        taps_x.fill(C::from(1));
        taps_y.fill(C::from(1));
        let accumulate = Accumulate {
            load,
            constant: self.constant,
            finish,
        };
        let taps = (&*taps_x, &*taps_y);
        separable::<T, T, C, A, _, _>(self.src, self.dst, taps, self.border, strips, accumulate);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ImageSpec, simd};

    /// The window mean from the definition: every sample under the window,
    /// borders resolved, summed exactly and scaled by 1/area as OpenCV does.
    fn reference(src: &[u16], (w, h): (usize, usize), params: &BoxParams) -> Vec<u16> {
        let (kx, ky) = params.sides().unwrap();
        let scale = 1.0 / (kx * ky) as f64;
        let mut out = vec![0; w * h];
        for y in 0..h {
            for x in 0..w {
                let mut sum = 0u64;
                for dy in 0..ky {
                    let sy = params
                        .border
                        .source_index((y + dy) as isize - (ky / 2) as isize, h);
                    for dx in 0..kx {
                        let sx = params
                            .border
                            .source_index((x + dx) as isize - (kx / 2) as isize, w);
                        sum += u64::from(src[sy.unwrap() * w + sx.unwrap()]);
                    }
                }
                out[y * w + x] = u16::saturate_f64(sum as f64 * scale);
            }
        }
        out
    }

    #[test]
    fn u16_windows_either_side_of_65536_pixels_are_window_means() {
        let (w, h) = (23, 9);
        let src: Vec<u16> = (0..w * h)
            .map(|i| (i * 2_654_435_761 % 65_536) as u16)
            .collect();
        let spec = ImageSpec::new(w, h, 1, PixelType::U16).unwrap();
        // 255×257 sums in u32 alone; 257×257 (66,049 pixels) needs u64 window sums.
        for (ksize, ksize_y) in [(255, 257), (257, 257), (3, 301)] {
            let params = BoxParams {
                ksize,
                ksize_y: Some(ksize_y),
                border: Border::Replicate,
            };
            let expected = reference(&src, (w, h), &params);
            for isa in simd::Isa::available() {
                let mut workspace = Workspace::with_isa(isa).unwrap();
                let mut out = vec![0u16; w * h];
                let input = ImageRef::new(spec, &src, "input").unwrap();
                let output = ImageMut::new(spec, &mut out, "output").unwrap();
                box_blur(input, output, &params, &mut workspace).unwrap();
                assert_eq!(out, expected, "{ksize}×{ksize_y} on {isa:?}");
            }
        }
    }
}
