//! Window sums of f32 samples in f64, every window summed afresh: first
//! down each column of the window, then along the row of column sums.
//!
//! Sliding sums (add the entering sample, subtract the leaving one) would
//! round differently depending on where a strip or a streamed window starts
//! sliding, and an infinity that entered would turn the sum into NaN when
//! it leaves. Fresh sums give the same bytes for any strip, and NaN and
//! infinities reach exactly the windows that hold them. Each sum adds in
//! a fixed order: for an odd size the centre, then the pairs of samples
//! at equal distance from it (each pair added first), outermost first; for
//! an even size one sample after another from zero.

use super::edges::{PADDED, Rows, fill_outside, outside_columns};
use crate::simd::{Isa, dispatch};
use crate::strips::{Strip, Strips};
use crate::{ImageMut, ImageRef, Pixel};

/// Samples per block of the passes for windows larger than the unrolled
/// ones: small enough that the block's sums stay in the L1 cache.
const BLOCK: usize = 512;

/// The largest window side summed in one pass per row.
const UNROLLED: usize = 7;

/// Output rows whose column sums one pass makes, for narrow windows.
const ROWS: usize = 4;

/// Samples per span of a row whose column sums are made and summed along
/// the row before the next span's.
const SPAN: usize = 512;

/// One box filter over f32 samples summed in f64.
#[derive(Clone, Copy)]
pub(super) struct Fresh<T> {
    pub sides: (usize, usize),
    pub border: crate::kernels::Border,
    pub constant: T,
    /// `1 / area`.
    pub scale: f64,
}

impl<T: Pixel> Fresh<T> {
    /// Filters `src` into `dst` strip by strip, each on the call's SIMD path.
    pub fn run(self, src: ImageRef<T>, dst: ImageMut<T>, strips: Strips<'_>) {
        let spec = src.spec();
        let row_len = spec.row_len();
        let (kx, ky) = self.sides;
        let extended_len = row_len + (kx - 1) * spec.channels();
        let block = row_len.min(BLOCK);
        let halo = (kx - 1) * spec.channels();
        let columns_len = extended_len.max(ROWS * (SPAN.min(row_len) + halo));
        let bytes = row_len * size_of::<T>()
            + (kx - 1) * size_of::<usize>()
            + (columns_len + block + ROWS * halo) * size_of::<f64>()
            + (ky + ROWS - 1) * size_of::<usize>();
        let filter = &self;
        strips.run(dst, |mut strip, workspace| {
            let mut carver = workspace.carve(6, bytes);
            let scratch = Scratch {
                padded: carver.take::<T>(row_len),
                sources: carver.take::<usize>(ky + ROWS - 1),
                outside: carver.take::<usize>(kx - 1),
                columns: carver.take::<f64>(columns_len),
                block: carver.take::<f64>(block),
                edges: carver.take::<f64>(ROWS * halo),
            };
            filter.strip_rows(src, &mut strip, scratch)
        });
    }

    /// Each row of the strip. The loops are dispatched one by one (in
    /// `sum_rows` and `sum_rows_at_once`), each a small body the compiler
    /// inlines into the path's function: dispatched whole, the strip's body
    /// was not inlined there and ran as baseline x86-64 on every path (seen
    /// in the disassembly).
    fn strip_rows(&self, src: ImageRef<T>, dst: &mut Strip<'_, T>, scratch: Scratch<'_, T>) {
        let isa = dst.isa();
        let Self {
            sides: (kx, ky),
            border,
            constant,
            scale,
        } = *self;
        let spec = src.spec();
        let (width, channels, row_len) = (spec.width(), spec.channels(), spec.row_len());
        let Scratch {
            padded,
            sources,
            outside,
            columns,
            block,
            edges,
        } = scratch;
        padded.fill(constant);
        let rows = Rows {
            src,
            border,
            padded,
        };
        outside_columns(outside, border, width, kx);
        // A column of the constant, added one sample after another.
        let padded_column = (0..ky).fold(0.0, |sum, _| sum + constant.to_f64());
        let left = kx / 2;
        let radius_y = (ky / 2) as isize;
        let load = |v: T| v.to_f64();
        let finish = |sum: f64| T::saturate_f64(sum * scale);
        let (left_len, halo) = (left * channels, (kx - 1) * channels);
        // The column sums of one output row of a span, with their halo.
        let stride = SPAN.min(row_len) + halo;
        let strip_rows = dst.rows();
        let mut y = strip_rows.start;
        while y < strip_rows.end {
            // Narrow windows make the column sums of `ROWS` output rows in
            // one pass, so that each source row a pass loads and widens to
            // f64 serves every one of those rows whose window holds it.
            let at_once = if kx <= UNROLLED && ky <= UNROLLED && strip_rows.end - y >= ROWS {
                ROWS
            } else {
                1
            };
            let top = y as isize - radius_y;
            let sources = &mut sources[..ky + at_once - 1];
            for (j, source) in sources.iter_mut().enumerate() {
                *source = rows.index(top + j as isize);
            }
            let sources = &*sources;
            if kx > UNROLLED {
                // Wide windows: the whole row of column sums, then the row.
                let out = dst.row_mut(y);
                let columns = &mut columns[..row_len + halo];
                let sums = &mut columns[left_len..left_len + row_len];
                sum_rows(isa, sums, block, ky, |j| rows.of(sources[j]), load, |s| s);
                fill_outside(columns, outside, channels, left, padded_column);
                let columns = &*columns;
                sum_rows(
                    isa,
                    out,
                    block,
                    kx,
                    |t| &columns[t * channels..],
                    |s| s,
                    finish,
                );
                y += 1;
                continue;
            }
            // The column sums of each row's border pixels, summed from the
            // columns they read as the row's own are.
            for (r, edges) in edges.chunks_mut(halo.max(1)).take(at_once).enumerate() {
                for (edge, &sx) in edges.chunks_mut(channels).zip(outside.iter()) {
                    if sx == PADDED {
                        edge.fill(padded_column);
                    } else {
                        let column = |j| &rows.of(sources[r + j])[sx * channels..];
                        sum_rows(isa, edge, block, ky, column, load, |s| s);
                    }
                }
            }
            // Then span by span, so that the column sums a span's windows
            // read are still in the L1 cache: the span's own and those of
            // the `kx - 1` pixels after it, from the row or its border.
            for start in (0..row_len).step_by(SPAN) {
                let n = SPAN.min(row_len - start);
                let (first, last) = (start, start + n + halo);
                let (inside, outside) = (first.max(left_len), last.min(left_len + row_len));
                let row = |j| &rows.of(sources[j])[inside - left_len..];
                let own = inside - first..outside - first;
                let passes = &mut columns[..at_once * stride];
                if at_once == ROWS {
                    let mut each = passes.chunks_mut(stride);
                    let sums = std::array::from_fn(|_| &mut each.next().unwrap()[own.clone()]);
                    sum_rows_at_once(isa, sums, ky, row, load);
                } else {
                    sum_rows(isa, &mut passes[own], block, ky, row, load, |s| s);
                }
                for (r, sums) in passes.chunks_mut(stride).enumerate() {
                    let sums = &mut sums[..n + halo];
                    let edges = &edges[r * halo..(r + 1) * halo];
                    if inside > first {
                        // Before the row's start: the left border's column sums.
                        sums[..inside - first].copy_from_slice(&edges[first..inside]);
                    }
                    if last > outside {
                        // Past the row's end: the right border's column sums.
                        let right = &edges[left_len..];
                        sums[outside - first..].copy_from_slice(&right[..last - outside]);
                    }
                    let sums = &*sums;
                    let out = &mut dst.row_mut(y + r)[start..start + n];
                    sum_rows(
                        isa,
                        out,
                        block,
                        kx,
                        |t| &sums[t * channels..],
                        |s| s,
                        finish,
                    );
                }
            }
            y += at_once;
        }
    }
}

/// A strip's rows of intermediate values.
struct Scratch<'a, T> {
    padded: &'a mut [T],
    /// The source row of each row of a pass's windows, resolved once per pass.
    sources: &'a mut [usize],
    /// The column each border pixel reads.
    outside: &'a mut [usize],
    /// The column sums of the output row, with its border pixels (wide
    /// windows); or those of a span of each row of a pass, with its halo.
    columns: &'a mut [f64],
    /// Partial sums of a block of the row, for windows wider than `UNROLLED`.
    block: &'a mut [f64],
    /// The column sums of the border pixels of each row of a pass.
    edges: &'a mut [f64],
}

/// `out[i] = finish(Σ load(row(t)[i]), t < k)`, summed in the fixed order.
#[inline(always)]
fn sum_rows<'r, V: Copy + 'r, U>(
    isa: Isa,
    out: &mut [U],
    block: &mut [f64],
    k: usize,
    row: impl Fn(usize) -> &'r [V],
    load: impl Fn(V) -> f64 + Copy,
    finish: impl Fn(f64) -> U + Copy,
) {
    match k {
        1 => dispatch!(isa, unrolled::<1, _, _>(out, row, load, finish)),
        2 => dispatch!(isa, unrolled::<2, _, _>(out, row, load, finish)),
        3 => dispatch!(isa, unrolled::<3, _, _>(out, row, load, finish)),
        4 => dispatch!(isa, unrolled::<4, _, _>(out, row, load, finish)),
        5 => dispatch!(isa, unrolled::<5, _, _>(out, row, load, finish)),
        6 => dispatch!(isa, unrolled::<6, _, _>(out, row, load, finish)),
        7 => dispatch!(isa, unrolled::<7, _, _>(out, row, load, finish)),
        _ => blocked(isa, out, block, k, row, load, finish),
    }
}

/// One pass over the row for `K` rows.
#[inline(always)]
fn unrolled<'r, const K: usize, V: Copy + 'r, U>(
    out: &mut [U],
    row: impl Fn(usize) -> &'r [V],
    load: impl Fn(V) -> f64,
    finish: impl Fn(f64) -> U,
) {
    const { assert!(K <= UNROLLED) };
    let n = out.len();
    let rows: [&[V]; K] = std::array::from_fn(|t| &row(t)[..n]);
    for (i, out) in out.iter_mut().enumerate() {
        *out = finish(in_order::<K>(|t| load(rows[t][i])));
    }
}

/// `Σ value(t), t < K`, in the fixed order.
#[inline(always)]
fn in_order<const K: usize>(value: impl Fn(usize) -> f64) -> f64 {
    if K % 2 == 1 {
        let mut sum = value(K / 2);
        for t in 0..K / 2 {
            sum += value(t) + value(K - 1 - t);
        }
        sum
    } else {
        let mut sum = 0.0;
        for t in 0..K {
            sum += value(t);
        }
        sum
    }
}

/// `sums[r][i] = Σ load(row(r + t)[i]), t < k`, for `ROWS` rows of sums
/// from `k + ROWS - 1` source rows, each widened once.
#[inline(always)]
fn sum_rows_at_once<'r, V: Copy + 'r>(
    isa: Isa,
    sums: [&mut [f64]; ROWS],
    k: usize,
    row: impl Fn(usize) -> &'r [V],
    load: impl Fn(V) -> f64 + Copy,
) {
    match k {
        1 => dispatch!(isa, at_once::<1, _>(sums, row, load)),
        2 => dispatch!(isa, at_once::<2, _>(sums, row, load)),
        3 => dispatch!(isa, at_once::<3, _>(sums, row, load)),
        4 => dispatch!(isa, at_once::<4, _>(sums, row, load)),
        5 => dispatch!(isa, at_once::<5, _>(sums, row, load)),
        6 => dispatch!(isa, at_once::<6, _>(sums, row, load)),
        7 => dispatch!(isa, at_once::<7, _>(sums, row, load)),
        _ => unreachable!("windows taller than {UNROLLED} rows sum one row at a time"),
    }
}

/// One pass over `K + ROWS - 1` rows for `ROWS` rows of sums.
#[inline(always)]
fn at_once<'r, const K: usize, V: Copy + 'r>(
    mut sums: [&mut [f64]; ROWS],
    row: impl Fn(usize) -> &'r [V],
    load: impl Fn(V) -> f64,
) {
    const { assert!(K <= UNROLLED) };
    let n = sums[0].len();
    let rows: [&[V]; UNROLLED + ROWS - 1] = std::array::from_fn(|t| &row(t.min(K + ROWS - 2))[..n]);
    for i in 0..n {
        let v: [f64; UNROLLED + ROWS - 1] = std::array::from_fn(|t| {
            if t < K + ROWS - 1 {
                load(rows[t][i])
            } else {
                0.0
            }
        });
        for (r, sums) in sums.iter_mut().enumerate() {
            sums[i] = in_order::<K>(|t| v[r + t]);
        }
    }
}

/// Any number of rows, in blocks: each row (or pair) added into the whole
/// block before the next.
#[inline(always)]
fn blocked<'r, V: Copy + 'r, U>(
    isa: Isa,
    out: &mut [U],
    block: &mut [f64],
    k: usize,
    row: impl Fn(usize) -> &'r [V],
    load: impl Fn(V) -> f64 + Copy,
    finish: impl Fn(f64) -> U + Copy,
) {
    for (start, out) in (0..).step_by(block.len()).zip(out.chunks_mut(block.len())) {
        let n = out.len();
        let sums = &mut block[..n];
        let part = |t: usize| &row(t)[start..start + n];
        if k % 2 == 1 {
            let (centre, v) = (&mut *sums, part(k / 2));
            dispatch!(isa, each(centre, v, |_, v| load(v)));
            for t in 0..k / 2 {
                let (a, b) = (part(t), part(k - 1 - t));
                let sums = &mut *sums;
                dispatch!(isa, each_pair(sums, a, b, load));
            }
        } else {
            sums.fill(0.0);
            for t in 0..k {
                let (sums, v) = (&mut *sums, part(t));
                dispatch!(isa, each(sums, v, |sum, v| sum + load(v)));
            }
        }
        let sums = &*sums;
        dispatch!(isa, finished(out, sums, finish));
    }
}

/// `sums[i] = f(sums[i], v[i])`
#[inline(always)]
fn each<V: Copy>(sums: &mut [f64], v: &[V], f: impl Fn(f64, V) -> f64) {
    for (sum, &v) in sums.iter_mut().zip(v) {
        *sum = f(*sum, v);
    }
}

/// `sums[i] += load(a[i]) + load(b[i])`
#[inline(always)]
fn each_pair<V: Copy>(sums: &mut [f64], a: &[V], b: &[V], load: impl Fn(V) -> f64) {
    for ((sum, &a), &b) in sums.iter_mut().zip(a).zip(b) {
        *sum += load(a) + load(b);
    }
}

/// `out[i] = finish(sums[i])`
#[inline(always)]
fn finished<U>(out: &mut [U], sums: &[f64], finish: impl Fn(f64) -> U) {
    for (out, &sum) in out.iter_mut().zip(sums) {
        *out = finish(sum);
    }
}
