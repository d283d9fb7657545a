//! One separable filter pass pair, generic over the accumulator: u64 for the
//! fixed-point Gaussian of u8 and u16, f32 for its float path, i64 and f64
//! for box sums.

use std::ops::{AddAssign, Mul};

use bytemuck::Pod;

use crate::kernels::Border;
use crate::simd::dispatch;
use crate::strips::{Strip, Strips};
use crate::{ImageMut, ImageRef, ImageSpec, Pixel};

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

/// Accumulator values a strip needs for a frame of `spec` and `kx`
/// horizontal taps: a column row, the row extended by the border, and sums.
fn scratch_len(spec: ImageSpec, kx: usize) -> usize {
    3 * spec.row_len() + (kx - 1) * spec.channels()
}

/// Filters `src` into `dst` strip by strip, each strip on the SIMD path of the call.
pub(crate) fn separable<T, U, A, L, F>(
    src: ImageRef<T>,
    dst: ImageMut<U>,
    taps: (&[A], &[A]),
    border: Border,
    strips: Strips<'_>,
    accumulate: Accumulate<A, L, F>,
) where
    T: Pixel,
    U: Pixel,
    A: Pod + Default + AddAssign + Mul<Output = A> + Send + Sync,
    L: Fn(T) -> A + Sync,
    F: Fn(A) -> U + Sync,
{
    let len = scratch_len(src.spec(), taps.0.len());
    let accumulate = &accumulate;
    strips.run(dst, |mut strip, workspace| {
        let scratch = workspace.carve(1, len * size_of::<A>()).take::<A>(len);
        dispatch!(
            strip.isa(),
            strip_rows(src, &mut strip, taps, border, scratch, accumulate)
        )
    });
}

/// For each row of the strip, a vertical pass into one row, then a
/// horizontal pass from it, reading through `border` on both axes, writing
/// `U` samples. Both passes add one tap at a time over whole rows, loops the
/// compiler vectorizes.
#[inline(always)]
fn strip_rows<T, U, A, L, F>(
    src: ImageRef<T>,
    dst: &mut Strip<'_, U>,
    (taps_x, taps_y): (&[A], &[A]),
    border: Border,
    scratch: &mut [A],
    accumulate: &Accumulate<A, L, F>,
) where
    T: Pixel,
    U: Pixel,
    A: Copy + Default + AddAssign + Mul<Output = A>,
    L: Fn(T) -> A,
    F: Fn(A) -> U,
{
    let spec = src.spec();
    let (width, height, channels) = (spec.width(), spec.height(), spec.channels());
    let row_len = spec.row_len();
    let Accumulate {
        load,
        padding: (padded_pixel, padded_column),
        finish,
    } = accumulate;
    let (padded_pixel, padded_column) = (*padded_pixel, *padded_column);
    let (radius_x, radius_y) = ((taps_x.len() / 2) as isize, (taps_y.len() / 2) as isize);
    let (column, rest) = scratch.split_at_mut(row_len);
    let (extended, rest) = rest.split_at_mut(row_len + (taps_x.len() - 1) * channels);
    let sums = &mut rest[..row_len];

    for y in dst.rows() {
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
        // The row with its border pixels, so the horizontal taps read plain memory.
        for (xi, pixel) in extended.chunks_exact_mut(channels).enumerate() {
            match border.source_index(xi as isize - radius_x, width) {
                Some(sx) => pixel.copy_from_slice(&column[sx * channels..(sx + 1) * channels]),
                None => pixel.fill(padded_column),
            }
        }
        sums.fill(A::default());
        for (i, &tap) in taps_x.iter().enumerate() {
            let shifted = &extended[i * channels..i * channels + row_len];
            for (acc, &v) in sums.iter_mut().zip(shifted) {
                *acc += tap * v;
            }
        }
        for (out, &sum) in dst.row_mut(y).iter_mut().zip(sums.iter()) {
            *out = finish(sum);
        }
    }
}
