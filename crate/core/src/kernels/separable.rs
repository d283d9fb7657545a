//! One separable filter: a vertical pass into a column row, then a
//! horizontal pass from it. Generic over the two accumulators: the column
//! type `C` (u16 for the fixed-point u8 Gaussian, u32 for u16, f32, i64 or
//! f64 elsewhere) and the wider row type `A` it widens into.

use std::ops::{Add, AddAssign, Mul};

use bytemuck::Pod;

use crate::kernels::Border;
use crate::prefetch::prefetch_wide;
use crate::simd::dispatch;
use crate::strips::{Strip, Strips};
use crate::{ImageMut, ImageRef, Pixel};

/// How samples enter the accumulators and leave them, and what the constant
/// border pads with. Copied into each strip's loops (its closures capture
/// values, not references), so that they read registers, not memory.
#[derive(Clone, Copy)]
pub(crate) struct Accumulate<T, L, F> {
    /// A sample as a column accumulator value.
    pub load: L,
    /// The pixel outside the frame for a constant border (ignored otherwise).
    pub constant: T,
    /// The horizontal sum as an output sample.
    pub finish: F,
}

/// Arithmetic both accumulators need.
pub(crate) trait Accumulator:
    Pod + Default + Add<Output = Self> + AddAssign + Mul<Output = Self> + Send + Sync
{
}

impl<A> Accumulator for A where
    A: Pod + Default + Add<Output = A> + AddAssign + Mul<Output = A> + Send + Sync
{
}

/// Filters `src` into `dst` strip by strip, each strip on the SIMD path of
/// the call. Taps are column values; the row pass widens them to `A`.
pub(crate) fn separable<T, U, C, A, L, F>(
    src: ImageRef<T>,
    dst: ImageMut<U>,
    taps: (&[C], &[C]),
    border: Border,
    strips: Strips<'_>,
    accumulate: Accumulate<T, L, F>,
) where
    T: Pixel,
    U: Pixel,
    C: Accumulator,
    A: Accumulator + From<C>,
    L: Fn(T) -> C + Copy + Sync,
    F: Fn(A) -> U + Copy + Sync,
{
    let spec = src.spec();
    let (row_len, channels) = (spec.row_len(), spec.channels());
    let extended_len = row_len + (taps.0.len() - 1) * channels;
    let bytes = row_len * size_of::<T>()
        + extended_len * size_of::<C>()
        + taps.1.len() * size_of::<usize>()
        + BLOCK * size_of::<A>();
    let accumulate = &accumulate;
    strips.run(dst, |mut strip, workspace| {
        let mut carver = workspace.carve(4, bytes);
        let scratch = Scratch {
            padded: carver.take::<T>(row_len),
            sources: carver.take::<usize>(taps.1.len()),
            extended: carver.take::<C>(extended_len),
            sums: carver.take::<A>(BLOCK),
        };
        dispatch!(
            strip.isa(),
            strip_rows(src, &mut strip, taps, border, scratch, *accumulate)
        )
    });
}

/// A strip's rows of intermediate values.
struct Scratch<'a, T, C, A> {
    /// A source row of the constant border's pixel.
    padded: &'a mut [T],
    /// The source row under each vertical tap for the current output row
    /// (`PADDED` for the constant border), resolved once per row.
    sources: &'a mut [usize],
    /// The vertical pass of one output row between its border pixels, so
    /// that the horizontal taps read plain memory.
    extended: &'a mut [C],
    /// The horizontal sums of a block of output samples.
    sums: &'a mut [A],
}

/// Odd-sized taps that read the same both ways, which the passes fold.
fn is_symmetric<X: Pod>(taps: &[X]) -> bool {
    taps.len() % 2 == 1
        && taps
            .iter()
            .zip(taps.iter().rev())
            .all(|(a, b)| bytemuck::bytes_of(a) == bytemuck::bytes_of(b))
}

/// Each row of the strip: both passes add one tap at a time over whole
/// rows, loops the compiler vectorizes. Symmetric taps (Gaussian, box,
/// smoothing) add the two samples that share a tap before multiplying.
#[inline(always)]
fn strip_rows<T, U, C, A, L, F>(
    src: ImageRef<T>,
    dst: &mut Strip<'_, U>,
    (taps_x, taps_y): (&[C], &[C]),
    border: Border,
    scratch: Scratch<'_, T, C, A>,
    accumulate: Accumulate<T, L, F>,
) where
    T: Pixel,
    U: Pixel,
    C: Accumulator,
    A: Accumulator + From<C>,
    L: Fn(T) -> C + Copy,
    F: Fn(A) -> U + Copy,
{
    let spec = src.spec();
    let (width, height, channels) = (spec.width(), spec.height(), spec.channels());
    let row_len = spec.row_len();
    let Accumulate {
        load,
        constant,
        finish,
    } = accumulate;
    let Scratch {
        padded,
        sources,
        extended,
        sums,
    } = scratch;
    padded.fill(constant);
    let padded: &[T] = padded;
    let padded_column = taps_y
        .iter()
        .fold(C::default(), |acc, &tap| acc + tap * load(constant));
    let (kx, ky) = (taps_x.len(), taps_y.len());
    let (radius_x, radius_y) = ((kx / 2) as isize, (ky / 2) as isize);
    let (fold_x, fold_y) = (is_symmetric(taps_x), is_symmetric(taps_y));

    for y in dst.rows() {
        let top = y as isize - radius_y;
        // The row the next output row reads first.
        if let Some(sy) = border.source_index(top + ky as isize, height)
            && src.rows().contains(&sy)
        {
            prefetch_wide(src.row(sy));
        }
        for (j, source) in sources.iter_mut().enumerate() {
            *source = border
                .source_index(top + j as isize, height)
                .unwrap_or(PADDED);
        }
        let sources = &*sources;
        let source_row = |j: usize| match sources[j] {
            PADDED => padded,
            sy => src.row(sy),
        };
        let left = radius_x as usize * channels;
        let column = &mut extended[left..left + row_len];
        for (start, block) in (0..row_len).step_by(BLOCK).zip(column.chunks_mut(BLOCK)) {
            let len = block.len();
            let at = |row| part(row, start, len);
            weighted_sum(
                block,
                fold_y,
                |j| taps_y[j],
                |j| at(source_row(j)),
                ky,
                load,
            );
        }
        // The border pixels on each side, from the row or the constant.
        let outside = (0..radius_x as usize).chain(width + radius_x as usize..width + kx - 1);
        for xi in outside {
            let at = xi * channels;
            match border.source_index(xi as isize - radius_x, width) {
                Some(sx) => {
                    extended.copy_within(left + sx * channels..left + (sx + 1) * channels, at)
                }
                None => extended[at..at + channels].fill(padded_column),
            }
        }
        let out = dst.row_mut(y);
        for (start, block) in (0..row_len).step_by(BLOCK).zip(out.chunks_mut(BLOCK)) {
            let shifted = |i: usize| part(extended, start + i * channels, block.len());
            let acc = &mut sums[..block.len()];
            weighted_sum(acc, fold_x, |i| A::from(taps_x[i]), shifted, kx, A::from);
            for (out, &sum) in block.iter_mut().zip(acc.iter()) {
                *out = finish(sum);
            }
        }
    }
}

/// Samples per block of both passes: each tap adds into a whole block of
/// sums before the next, so the block's vectors are independent of each other
/// and their additions overlap (a block of one or two vectors waits on each
/// addition's latency: 512 measured 10% faster than 64 and 20% faster than 32
/// on 4K u8 frames). Since the sums cannot overlap the rows they read, the
/// loops need no run-time overlap checks.
const BLOCK: usize = 512;

/// The source row index that stands for the constant border's row.
const PADDED: usize = usize::MAX;

/// `len` values of `row` from `start`.
#[inline(always)]
fn part<X>(row: &[X], start: usize, len: usize) -> &[X] {
    &row[start..start + len]
}

/// `acc += Σ tap(i) · load(values(i))` over `n` taps, the two values that
/// share a tap added first when the taps are symmetric (`fold`), taps of 0
/// skipped when they are not.
#[inline(always)]
fn weighted_sum<'v, V: Copy + 'v, X: Accumulator>(
    acc: &mut [X],
    fold: bool,
    tap: impl Fn(usize) -> X,
    values: impl Fn(usize) -> &'v [V],
    n: usize,
    load: impl Fn(V) -> X + Copy,
) {
    if fold {
        let half = n / 2;
        let center = (values(half), tap(half));
        if half == 0 {
            multiply(acc, center.0, center.1, load);
        }
        // The first pass starts the sums from the centre tap's products.
        let mut i = 0;
        while i < half {
            let rest = half - i;
            i += match (rest, i == 0) {
                (PAIRS.., true) => {
                    add_pairs::<_, _, PAIRS, true>(acc, i, n, &tap, &values, load, center)
                }
                (PAIRS.., false) => {
                    add_pairs::<_, _, PAIRS, false>(acc, i, n, &tap, &values, load, center)
                }
                (2.., true) => add_pairs::<_, _, 2, true>(acc, i, n, &tap, &values, load, center),
                (2.., false) => add_pairs::<_, _, 2, false>(acc, i, n, &tap, &values, load, center),
                (_, true) => add_pairs::<_, _, 1, true>(acc, i, n, &tap, &values, load, center),
                (_, false) => add_pairs::<_, _, 1, false>(acc, i, n, &tap, &values, load, center),
            };
        }
    } else {
        // A tap of 0 reads nothing, as in OpenCV's filters: an infinity
        // under it stays out of the sum instead of making it NaN.
        let zero = X::default();
        acc.fill(zero);
        for i in 0..n {
            let tap = tap(i);
            if bytemuck::bytes_of(&tap) != bytemuck::bytes_of(&zero) {
                add(acc, values(i), tap, load);
            }
        }
    }
}

// The loops of both passes, each over slices passed as its own arguments, so
// that the compiler knows the sums do not overlap the values and vectorizes
// them without run-time overlap checks.

/// `acc[i] = tap · load(v[i])`
#[inline(always)]
fn multiply<V: Copy, X: Accumulator>(acc: &mut [X], v: &[V], tap: X, load: impl Fn(V) -> X) {
    for (acc, &v) in acc.iter_mut().zip(v) {
        *acc = tap * load(v);
    }
}

/// `acc[i] += tap · load(v[i])`
#[inline(always)]
fn add<V: Copy, X: Accumulator>(acc: &mut [X], v: &[V], tap: X, load: impl Fn(V) -> X) {
    for (acc, &v) in acc.iter_mut().zip(v) {
        *acc += tap * load(v);
    }
}

/// Tap pairs added in one pass over the sums, which stay in registers
/// between them: a pass per pair would load and store every sum again.
const PAIRS: usize = 4;

/// `acc[x] += tap(i) · (load(values(i)[x]) + load(values(n − 1 − i)[x]))`
/// for the `G` taps from `first`, one after the other as one pair per pass
/// would add them (so float sums round the same). The `FIRST` pass starts
/// from the centre tap's products (`center`) instead of `acc`, saving a pass
/// of its own. Returns `G`.
#[inline(always)]
fn add_pairs<'v, V: Copy + 'v, X: Accumulator, const G: usize, const FIRST: bool>(
    acc: &mut [X],
    first: usize,
    n: usize,
    tap: &impl Fn(usize) -> X,
    values: &impl Fn(usize) -> &'v [V],
    load: impl Fn(V) -> X,
    (center, center_tap): (&[V], X),
) -> usize {
    let len = acc.len();
    assert!(center.len() >= len);
    let a: [&[V]; G] = std::array::from_fn(|g| values(first + g));
    let b: [&[V]; G] = std::array::from_fn(|g| values(n - 1 - first - g));
    let taps: [X; G] = std::array::from_fn(|g| tap(first + g));
    for g in 0..G {
        // Lets the compiler drop the bounds checks from the loop.
        assert!(a[g].len() >= len && b[g].len() >= len);
    }
    for x in 0..len {
        let mut sum = if FIRST {
            center_tap * load(center[x])
        } else {
            acc[x]
        };
        for g in 0..G {
            sum += taps[g] * (load(a[g][x]) + load(b[g][x]));
        }
        acc[x] = sum;
    }
    G
}
