//! The floating-point Gaussian, for i16 and f32 as OpenCV computes them.

use crate::kernels::Border;
use crate::{ImageMut, ImageRef, Pixel};

/// Blurs with f32 taps: a vertical pass into one f32 row, then a horizontal
/// pass from it, rounding and saturating once at the end.
pub(super) fn blur_float<T: Pixel>(
    src: ImageRef<T>,
    mut dst: ImageMut<T>,
    (taps_x, taps_y): (&[f32], &[f32]),
    border: Border,
    column: &mut [f32],
) {
    let spec = src.spec();
    let (width, height, channels) = (spec.width(), spec.height(), spec.channels());
    let constant = match border {
        Border::Constant(value) => T::saturate_f64(value).to_f32(),
        _ => 0.0,
    };
    let (radius_x, radius_y) = ((taps_x.len() / 2) as isize, (taps_y.len() / 2) as isize);

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
}
