//! The fixed-point Gaussian of OpenCV for u8 and u16: integer taps, integer
//! sums, and one rounding at the end, so results match OpenCV bit for bit.

use crate::kernels::Border;
use crate::{ImageMut, ImageRef, Pixel};

/// Blurs with taps of `bits` fraction bits (8 for u8, 16 for u16) that sum
/// to exactly `1 << bits`. Every sum is exact in u64, so the order of the two
/// passes does not change the result: `round_half_up(Σ ky·Σ kx·x / 2^(2·bits))`.
pub(super) fn blur_fixed<T: Pixel>(
    src: ImageRef<T>,
    mut dst: ImageMut<T>,
    (taps_x, taps_y): (&[u64], &[u64]),
    bits: u32,
    border: Border,
    column: &mut [u64],
) {
    let spec = src.spec();
    let (width, height, channels) = (spec.width(), spec.height(), spec.channels());
    // A padded pixel holds the constant; a padded column has passed the vertical taps, which sum to one.
    let constant = match border {
        Border::Constant(value) => T::saturate_f64(value).to_f64() as u64,
        _ => 0,
    };
    let padded_column = constant << bits;
    let (radius_x, radius_y) = ((taps_x.len() / 2) as isize, (taps_y.len() / 2) as isize);
    let shift = 2 * bits;
    let half = 1u64 << (shift - 1);

    for y in 0..height {
        column.fill(0);
        for (j, &tap) in taps_y.iter().enumerate() {
            match border.source_index(y as isize + j as isize - radius_y, height) {
                Some(sy) => {
                    for (acc, &v) in column.iter_mut().zip(src.row(sy)) {
                        *acc += tap * v.to_f64() as u64;
                    }
                }
                None => column.iter_mut().for_each(|acc| *acc += tap * constant),
            }
        }
        let out = dst.row_mut(y);
        for x in 0..width {
            for ch in 0..channels {
                let mut acc = 0u64;
                for (i, &tap) in taps_x.iter().enumerate() {
                    let value = match border.source_index(x as isize + i as isize - radius_x, width) {
                        Some(sx) => column[sx * channels + ch],
                        None => padded_column,
                    };
                    acc += tap * value;
                }
                out[x * channels + ch] = T::saturate_i32(((acc + half) >> shift) as i32);
            }
        }
    }
}
