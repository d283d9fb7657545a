//! Window sums of integer samples as running sums, as OpenCV's box filter
//! keeps them: a column sum per sample of the row, which each output row
//! slides by adding the row entering the window and subtracting the one
//! leaving it, then window sums along the row from the column sums.
//!
//! Integer sums are exact whatever their order, so a strip starts its
//! column sums afresh from its first window and slides from there: every
//! strip, window of a stream and thread count gives the same bytes. The
//! sums wrap, which is exact as long as every final sum fits its type
//! (the caller picks types where it does); intermediate values may wrap.

use bytemuck::Pod;

use super::edges::{Rows, fill_outside, outside_columns};
use crate::simd::{Isa, dispatch};
use crate::strips::{Strip, Strips};
use crate::{ImageMut, ImageRef, Pixel, PixelType};

/// Integer sums that wrap.
pub(super) trait Wrapping: Pod + Default + Send + Sync {
    fn plus(self, other: Self) -> Self;
    fn minus(self, other: Self) -> Self;
    fn to_f64(self) -> f64;
}

macro_rules! wrapping {
    ($($t:ty),*) => {$(
        impl Wrapping for $t {
            #[inline(always)]
            fn plus(self, other: Self) -> Self {
                self.wrapping_add(other)
            }
            #[inline(always)]
            fn minus(self, other: Self) -> Self {
                self.wrapping_sub(other)
            }
            #[inline(always)]
            fn to_f64(self) -> f64 {
                self as f64
            }
        }
    )*};
}
wrapping!(u16, u32, u64, i32, i64);

/// One box filter over integers.
#[derive(Clone, Copy)]
pub(super) struct Running<T> {
    pub sides: (usize, usize),
    pub border: crate::kernels::Border,
    /// The pixel outside the frame for a constant border (ignored otherwise).
    pub constant: T,
}

impl<T: Pixel> Running<T> {
    /// Filters `src` into `dst` strip by strip, each on the call's SIMD
    /// path, with column sums in `C` (`load` makes a sample one) and window
    /// sums in `A` (`finish` makes one an output sample).
    pub fn run<C, A>(
        self,
        src: ImageRef<T>,
        dst: ImageMut<T>,
        strips: Strips<'_>,
        load: impl Fn(T) -> C + Copy + Sync,
        finish: impl Fn(A) -> T + Copy + Sync,
    ) where
        C: Wrapping,
        A: Wrapping + From<C>,
    {
        let spec = src.spec();
        let row_len = spec.row_len();
        let kx = self.sides.0;
        let extended_len = row_len + (kx - 1) * spec.channels();
        let bytes = row_len * (size_of::<T>() + size_of::<A>())
            + extended_len * size_of::<C>()
            + (kx - 1) * size_of::<usize>();
        let filter = &self;
        strips.run(dst, |mut strip, workspace| {
            let mut carver = workspace.carve(4, bytes);
            let scratch = Scratch {
                padded: carver.take::<T>(row_len),
                outside: carver.take::<usize>(kx - 1),
                columns: carver.take::<C>(extended_len),
                windows: carver.take::<A>(row_len),
            };
            let isa = strip.isa();
            let sums = Sums { load, finish };
            // 512-bit registers measured 1.5× faster on u8 and no faster on u16.
            if T::TYPE == PixelType::U8 {
                dispatch!(wide isa, filter.strip_rows(src, &mut strip, scratch, sums, isa))
            } else {
                dispatch!(isa, filter.strip_rows(src, &mut strip, scratch, sums, isa))
            }
        });
    }

    /// Each row of the strip.
    #[inline(always)]
    fn strip_rows<C, A, L, F>(
        &self,
        src: ImageRef<T>,
        dst: &mut Strip<'_, T>,
        scratch: Scratch<'_, T, C, A>,
        Sums { load, finish }: Sums<L, F>,
        isa: Isa,
    ) where
        C: Wrapping,
        A: Wrapping + From<C>,
        L: Fn(T) -> C + Copy,
        F: Fn(A) -> T + Copy,
    {
        let Self {
            sides: (kx, ky),
            border,
            constant,
        } = *self;
        let spec = src.spec();
        let (width, channels, row_len) = (spec.width(), spec.channels(), spec.row_len());
        let Scratch {
            padded,
            outside,
            columns,
            windows,
        } = scratch;
        padded.fill(constant);
        let rows = Rows {
            src,
            border,
            padded,
        };
        outside_columns(outside, border, width, kx);
        let padded_column = (1..ky).fold(load(constant), |sum, _| sum.plus(load(constant)));
        let left = kx / 2;
        let radius_y = (ky / 2) as isize;

        let first = dst.rows().start;
        let top = first as isize - radius_y;
        let sums = &mut columns[left * channels..left * channels + row_len];
        for (sum, &v) in sums.iter_mut().zip(rows.at(top)) {
            *sum = load(v);
        }
        for j in 1..ky as isize {
            for (sum, &v) in sums.iter_mut().zip(rows.at(top + j)) {
                *sum = sum.plus(load(v));
            }
        }
        let fresh = kx <= fresh_up_to(isa);
        for y in dst.rows() {
            if y > first {
                let leaving = rows.at(y as isize - 1 - radius_y);
                let entering = rows.at(y as isize - 1 - radius_y + ky as isize);
                let sums = &mut columns[left * channels..left * channels + row_len];
                for ((sum, &e), &l) in sums.iter_mut().zip(entering).zip(leaving) {
                    *sum = sum.plus(load(e)).minus(load(l));
                }
            }
            fill_outside(columns, outside, channels, left, padded_column);
            let out = dst.row_mut(y);
            if fresh {
                window_sums(out, columns, channels, kx, finish);
            } else {
                sliding_window_sums(out, columns, windows, channels, kx, finish);
            }
        }
    }
}

/// How samples enter the sums and leave them, copied into each strip's
/// loops (the closures capture values), so that they read registers.
#[derive(Clone, Copy)]
struct Sums<L, F> {
    load: L,
    finish: F,
}

/// A strip's rows of intermediate values.
struct Scratch<'a, T, C, A> {
    padded: &'a mut [T],
    /// The column each border pixel reads.
    outside: &'a mut [usize],
    /// The column sums of the output row, with its border pixels.
    columns: &'a mut [C],
    /// The window sums of the output row (for windows summed by sliding).
    windows: &'a mut [A],
}

/// The widest window summed afresh at every pixel, a loop the compiler
/// vectorizes; wider windows slide along the row, one pixel after another.
fn fresh_up_to(isa: Isa) -> usize {
    match isa {
        Isa::Scalar => 3,
        _ => 8,
    }
}

/// `out[i] = finish(Σ columns[i + t·channels], t < kx)`, for `kx` up to 8.
#[inline(always)]
fn window_sums<C, A, T>(
    out: &mut [T],
    columns: &[C],
    channels: usize,
    kx: usize,
    finish: impl Fn(A) -> T,
) where
    C: Wrapping,
    A: Wrapping + From<C>,
{
    match kx {
        1 => window_sums_of::<1, _, _, _>(out, columns, channels, finish),
        2 => window_sums_of::<2, _, _, _>(out, columns, channels, finish),
        3 => window_sums_of::<3, _, _, _>(out, columns, channels, finish),
        4 => window_sums_of::<4, _, _, _>(out, columns, channels, finish),
        5 => window_sums_of::<5, _, _, _>(out, columns, channels, finish),
        6 => window_sums_of::<6, _, _, _>(out, columns, channels, finish),
        7 => window_sums_of::<7, _, _, _>(out, columns, channels, finish),
        8 => window_sums_of::<8, _, _, _>(out, columns, channels, finish),
        _ => unreachable!("windows of {kx} pixels slide"),
    }
}

/// One pass over the row for windows of `K` pixels.
#[inline(always)]
fn window_sums_of<const K: usize, C, A, T>(
    out: &mut [T],
    columns: &[C],
    channels: usize,
    finish: impl Fn(A) -> T,
) where
    C: Wrapping,
    A: Wrapping + From<C>,
{
    let n = out.len();
    let shifted: [&[C]; K] = std::array::from_fn(|t| &columns[t * channels..][..n]);
    for (i, out) in out.iter_mut().enumerate() {
        let mut sum = A::from(shifted[0][i]);
        for column in &shifted[1..] {
            sum = sum.plus(A::from(column[i]));
        }
        *out = finish(sum);
    }
}

/// The window sums by sliding: the first window of each channel summed,
/// each later one the window a pixel before plus the column entering it
/// minus the column leaving it.
#[inline(always)]
fn sliding_window_sums<C, A, T>(
    out: &mut [T],
    columns: &[C],
    windows: &mut [A],
    channels: usize,
    kx: usize,
    finish: impl Fn(A) -> T,
) where
    C: Wrapping,
    A: Wrapping + From<C>,
{
    let n = out.len();
    let windows = &mut windows[..n];
    for (c, window) in windows[..channels].iter_mut().enumerate() {
        *window = (0..kx).fold(A::default(), |sum, t| {
            sum.plus(A::from(columns[c + t * channels]))
        });
    }
    // The change from one pixel to the next, a loop that vectorizes, then
    // the running sum of the changes, which cannot.
    let entering = &columns[kx * channels..][..n - channels];
    let leaving = &columns[..n - channels];
    for ((change, &e), &l) in windows[channels..].iter_mut().zip(entering).zip(leaving) {
        *change = A::from(e).minus(A::from(l));
    }
    for i in channels..n {
        windows[i] = windows[i - channels].plus(windows[i]);
    }
    for (out, &sum) in out.iter_mut().zip(windows.iter()) {
        *out = finish(sum);
    }
}
