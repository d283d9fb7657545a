//! One separable filter pass pair, generic over the accumulator: u64 for the
//! fixed-point Gaussian of u8 and u16, f32 for its float path, i64 and f64
//! for box sums.

use std::ops::{AddAssign, Mul};

use crate::kernels::Border;
use crate::{ImageMut, ImageRef, Pixel};

/// How samples enter and leave the accumulator, and what the border pads with.
pub(crate) struct Accumulate<A, L, F> {
    /// A sample as an accumulator value.
    pub load: L,
    /// The constant border's pixel, and a column of it after the vertical
    /// taps (the pixel times the taps' sum).
    pub padding: (A, A),
    /// The horizontal sum as an output sample.
    pub finish: F,
}

/// A vertical pass into one row of `column`, then a horizontal pass from it,
/// reading through `border` on both axes, writing `U` samples.
pub(crate) fn separable<T, U, A, L, F>(
    src: ImageRef<T>,
    mut dst: ImageMut<U>,
    (taps_x, taps_y): (&[A], &[A]),
    border: Border,
    column: &mut [A],
    accumulate: Accumulate<A, L, F>,
) where
    T: Pixel,
    U: Pixel,
    A: Copy + Default + AddAssign + Mul<Output = A>,
    L: Fn(T) -> A,
    F: Fn(A) -> U,
{
    let spec = src.spec();
    let (width, height, channels) = (spec.width(), spec.height(), spec.channels());
    let Accumulate {
        load,
        padding: (padded_pixel, padded_column),
        finish,
    } = accumulate;
    let (radius_x, radius_y) = ((taps_x.len() / 2) as isize, (taps_y.len() / 2) as isize);

    for y in 0..height {
        column.fill(A::default());
        for (j, &tap) in taps_y.iter().enumerate() {
            match border.source_index(y as isize + j as isize - radius_y, height) {
                Some(sy) => {
                    for (acc, &v) in column.iter_mut().zip(src.row(sy)) {
                        *acc += tap * load(v);
                    }
                }
                None => column.iter_mut().for_each(|acc| *acc += tap * padded_pixel),
            }
        }
        let out = dst.row_mut(y);
        for x in 0..width {
            for ch in 0..channels {
                let mut acc = A::default();
                for (i, &tap) in taps_x.iter().enumerate() {
                    let value = match border.source_index(x as isize + i as isize - radius_x, width)
                    {
                        Some(sx) => column[sx * channels + ch],
                        None => padded_column,
                    };
                    acc += tap * value;
                }
                out[x * channels + ch] = finish(acc);
            }
        }
    }
}
