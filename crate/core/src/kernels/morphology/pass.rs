//! One erosion or dilation pass: output rows from source rows. The element's
//! rows are taken in groups that share a run of columns: the group's source
//! rows are reduced vertically into one extended row, then the run is reduced
//! horizontally, so a rectangle is separable min/max and a cross or ellipse
//! reads each distinct run once.

use std::ops::Range;

use super::element::Element;
use super::extremum::{
    Extreme, Extremum, make_canonical, pick_pair, pick_value, rows_into, window_into,
};
use crate::ImageRef;
use crate::kernels::Border;
use crate::prefetch::prefetch_wide;

/// What one pass reads: its element, border, and the constant border's
/// sample (already resolved for the pass's extreme).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Pass<T> {
    pub element: Element,
    pub border: Border,
    pub constant: T,
}

/// Row scratch of one pass, carved per strip.
pub(crate) struct PassScratch<'a, T> {
    /// The element's rows ordered by their run (`element.height` entries).
    pub order: &'a mut [u32],
    /// One source row with its border samples on both sides.
    pub extended: &'a mut [T],
    /// Two rows of windowed extremes for long runs.
    pub spare: [&'a mut [T]; 2],
    /// [`shared_rows_len`] samples for rectangles whose columns are shared.
    pub shared: &'a mut [T],
}

/// Rectangles from this tall to [`SHARED_MAX_HEIGHT`] share their column
/// extremes between output rows.
const SHARED_FROM: usize = 4;
/// The tallest rectangle sharing columns: its partial extremes are held in rows.
const SHARED_MAX_HEIGHT: usize = 64;

/// Whether a pass of `element` shares columns between output rows
/// ([`shared_rows`]): extremes are exact in any order, up to twins that
/// every pass makes canonical, so sharing changes no sample however the
/// rows are split.
pub(crate) fn shares_columns(element: &Element) -> bool {
    (SHARED_FROM..=SHARED_MAX_HEIGHT).contains(&element.height) && element.is_full()
}

/// Samples of scratch [`shared_rows`] takes for `element` over rows of `row_len`.
pub(crate) fn shared_rows_len(element: &Element, row_len: usize) -> usize {
    if shares_columns(element) {
        (element.height + 2) * row_len
    } else {
        0
    }
}

/// Samples of a row extended by the element's columns outside the frame.
pub(crate) fn extended_len(element: &Element, row_len: usize, channels: usize) -> usize {
    row_len + (element.width - 1) * channels
}

/// Runs this long or longer are reduced by doubling windows (2, 4, 8, …
/// samples, each the extreme of two of the one before), log₂ passes instead
/// of one per column.
const DOUBLING_FROM: usize = 8;

/// Rows `rows` of one pass of `pass` over `src`, into `out` (those rows,
/// contiguous). Reads only source rows, resolved against the frame's edges,
/// so that any window of rows gives the same samples as the whole frame.
#[inline(always)]
pub(crate) fn pass_rows<E: Extreme, T: Extremum>(
    src: ImageRef<T>,
    pass: &Pass<T>,
    rows: Range<usize>,
    out: &mut [T],
    scratch: &mut PassScratch<'_, T>,
) {
    let spec = src.spec();
    let (width, height, channels) = (spec.width(), spec.height(), spec.channels());
    let row_len = spec.row_len();
    let element = pass.element;
    let (anchor_x, anchor_y) = element.anchor;
    let full = element.is_full();
    let order = &mut scratch.order[..element.height];
    for (i, slot) in order.iter_mut().enumerate() {
        *slot = i as u32;
    }
    if !full {
        order.sort_unstable_by_key(|&i| {
            let run = element.run(i as usize);
            (run.start, run.end)
        });
    }
    let order = &*order;
    let left = anchor_x * channels;
    let extended = &mut *scratch.extended;
    if shares_columns(&element) {
        shared_rows::<E, T>(src, pass, rows, out, scratch);
        return;
    }
    let [spare_a, spare_b] = &mut scratch.spare;
    for (k, y) in rows.enumerate() {
        // The row the next output row reads first.
        let next = (y + element.height) as isize - anchor_y as isize;
        if let Some(sy) = pass.border.source_index(next, height)
            && src.rows().contains(&sy)
        {
            prefetch_wide(src.row(sy));
        }
        let out_row = &mut out[k * row_len..(k + 1) * row_len];
        let mut first = true;
        let mut group = 0;
        while group < element.height {
            let run = element.run(order[group] as usize);
            let mut end = group + 1;
            if full {
                end = element.height;
            } else {
                while end < element.height && element.run(order[end] as usize) == run {
                    end += 1;
                }
            }
            let members = &order[group..end];
            group = end;
            if run.is_empty() {
                continue;
            }
            // The group's source rows, reduced into the middle of `extended`
            // up to four at a time.
            let column = &mut extended[left..left + row_len];
            let (mut pending, mut count) = ([&[] as &[T]; 4], 0);
            let (mut filled, mut outside) = (false, false);
            for &i in members {
                let sy = (y + i as usize) as isize - anchor_y as isize;
                match pass.border.source_index(sy, height) {
                    Some(sy) => {
                        pending[count] = src.row(sy);
                        count += 1;
                        if count == pending.len() {
                            reduce_rows::<E, T>(column, &pending[..count], !filled);
                            (filled, count) = (true, 0);
                        }
                    }
                    None => outside = true,
                }
            }
            if count > 0 {
                reduce_rows::<E, T>(column, &pending[..count], !filled);
                filled = true;
            }
            if !filled {
                column.fill(pass.constant);
            } else if outside {
                pick_value::<E, T>(column, pass.constant);
            }
            let spare = [&mut *spare_a, &mut *spare_b];
            let edges = Edges {
                pass,
                width,
                channels,
                anchor_x,
            };
            horizontal::<E, T>(extended, out_row, &edges, run, first, spare);
            first = false;
        }
        debug_assert!(!first, "every element has a one in its anchor's row");
        make_canonical(out_row);
    }
}

/// `out[i]` (or the extreme of it and) the extreme of `values[i + j·channels]`
/// for `j` in `0..n`.
#[inline(always)]
fn run_extreme<E: Extreme, T: Extremum>(
    out: &mut [T],
    values: &[T],
    channels: usize,
    n: usize,
    first: bool,
    spare: [&mut &mut [T]; 2],
) {
    let len = out.len();
    if n < DOUBLING_FROM {
        macro_rules! short {
            ($($n:literal)*) => {
                match (n, first) {
                    $(($n, true) => window_into::<E, T, $n, true>(out, values, channels),
                    ($n, false) => window_into::<E, T, $n, false>(out, values, channels),)*
                    _ => unreachable!("runs shorter than {DOUBLING_FROM}"),
                }
            };
        }
        short!(1 2 3 4 5 6 7);
        return;
    }
    let [a, b] = spare;
    let (mut current, mut other): (&mut [T], &mut [T]) = (&mut a[..], &mut b[..]);
    // Windows of two samples, then four, eight, … while they fit the run.
    let mut current_len = len + (n - 2) * channels;
    pick_pair::<E, T>(&mut current[..current_len], values, &values[channels..]);
    let mut window = 2;
    while window * 2 <= n {
        let shift = window * channels;
        let next_len = current_len - shift;
        pick_pair::<E, T>(&mut other[..next_len], current, &current[shift..]);
        std::mem::swap(&mut current, &mut other);
        window *= 2;
        current_len = next_len;
    }
    // Two windows that overlap cover the run.
    let rest = (n - window) * channels;
    let halves = [&current[..], &current[rest..]];
    if first {
        rows_into::<E, T, 2, true>(out, halves);
    } else {
        rows_into::<E, T, 2, false>(out, halves);
    }
}

/// `column` = the extreme of `rows` (1–4 of them), and of `column` itself unless `first`.
#[inline(always)]
fn reduce_rows<E: Extreme, T: Extremum>(column: &mut [T], rows: &[&[T]], first: bool) {
    macro_rules! arity {
        ($($n:literal)*) => {
            match (rows.len(), first) {
                $(($n, true) => rows_into::<E, T, $n, true>(column, std::array::from_fn(|j| rows[j])),
                ($n, false) => rows_into::<E, T, $n, false>(column, std::array::from_fn(|j| rows[j])),)*
                _ => unreachable!("1 to 4 rows at a time"),
            }
        };
    }
    arity!(1 2 3 4);
}

/// What the border samples of a row are made of.
struct Edges<'p, T> {
    pass: &'p Pass<T>,
    width: usize,
    channels: usize,
    anchor_x: usize,
}

/// The row reduced into the middle of `extended` (at `anchor_x`), extended
/// by the border samples the run reaches, reduced along the run into
/// `out_row` (or into the extreme of it and `out_row` unless `first`).
#[inline(always)]
fn horizontal<E: Extreme, T: Extremum>(
    extended: &mut [T],
    out_row: &mut [T],
    edges: &Edges<'_, T>,
    run: Range<usize>,
    first: bool,
    spare: [&mut &mut [T]; 2],
) {
    let Edges {
        pass,
        width,
        channels,
        anchor_x,
    } = *edges;
    let (left, row_len) = (anchor_x * channels, out_row.len());
    let before = run.start..anchor_x;
    let after = (anchor_x + width).max(run.start)..run.end + width - 1;
    for xi in before.chain(after) {
        let at = xi * channels;
        match pass
            .border
            .source_index(xi as isize - anchor_x as isize, width)
        {
            Some(sx) => extended.copy_within(left + sx * channels..left + (sx + 1) * channels, at),
            None => extended[at..at + channels].fill(pass.constant),
        }
    }
    let reach = &extended[run.start * channels..(run.end - 1) * channels + row_len];
    run_extreme::<E, T>(out_row, reach, channels, run.len(), first, spare);
}

/// Rows `rows` of a pass of a full rectangle `kh` rows tall, its column
/// extremes shared between output rows (van Herk / Gil-Werman): in a block
/// of up to `kh` output rows, every window holds the block's core rows; the
/// rows above the core are reduced from the bottom up once (suffixes), the
/// rows below it from the top down as the block advances (a prefix), so each
/// output row takes about three rows whatever `kh`.
#[inline(always)]
fn shared_rows<E: Extreme, T: Extremum>(
    src: ImageRef<T>,
    pass: &Pass<T>,
    rows: Range<usize>,
    out: &mut [T],
    scratch: &mut PassScratch<'_, T>,
) {
    let spec = src.spec();
    let (width, height, channels) = (spec.width(), spec.height(), spec.channels());
    let row_len = spec.row_len();
    let element = pass.element;
    let (anchor_x, anchor_y) = element.anchor;
    let kh = element.height;
    let left = anchor_x * channels;
    let (suffixes, rest) = scratch.shared.split_at_mut((kh - 1) * row_len);
    let (padded, rest) = rest.split_at_mut(row_len);
    let (core, rest) = rest.split_at_mut(row_len);
    let prefix = &mut rest[..row_len];
    padded.fill(pass.constant);
    let padded: &[T] = padded;
    // Source row `s` (a frame row, or one outside it), as the border reads it.
    let source = |s: isize| match pass.border.source_index(s, height) {
        Some(sy) => src.row(sy),
        None => padded,
    };
    let extended = &mut *scratch.extended;
    let [spare_a, spare_b] = &mut scratch.spare;
    let edges = Edges {
        pass,
        width,
        channels,
        anchor_x,
    };
    let mut y0 = rows.start;
    while y0 < rows.end {
        let m = kh.min(rows.end - y0);
        // The first source row of the window of output row y0.
        let top = y0 as isize - anchor_y as isize;
        // suffixes[t]: rows top + t ..= top + m − 2.
        if m >= 2 {
            let last = (m - 2) * row_len;
            suffixes[last..last + row_len].copy_from_slice(source(top + m as isize - 2));
            for t in (0..m - 2).rev() {
                let (head, tail) = suffixes.split_at_mut((t + 1) * row_len);
                let pair = [source(top + t as isize), &tail[..row_len]];
                rows_into::<E, T, 2, true>(&mut head[t * row_len..], pair);
            }
        }
        // The core: rows top + m − 1 ..= top + kh − 1, up to four at a time.
        let end = top + kh as isize;
        let mut s = top + m as isize - 1;
        let mut filled = false;
        while s < end {
            let n = ((end - s) as usize).min(4);
            let mut batch = [padded; 4];
            for (j, row) in batch.iter_mut().take(n).enumerate() {
                *row = source(s + j as isize);
            }
            reduce_rows::<E, T>(core, &batch[..n], !filled);
            filled = true;
            s += n as isize;
        }
        for t in 0..m {
            // prefix: rows top + kh ..= top + kh − 1 + t.
            if t > 0 {
                let row = source(top + kh as isize - 1 + t as isize);
                if t == 1 {
                    prefix.copy_from_slice(row);
                } else {
                    rows_into::<E, T, 1, false>(prefix, [row]);
                }
            }
            let column = &mut extended[left..left + row_len];
            let (core, prefix): (&[T], &[T]) = (core, prefix);
            match (t + 1 < m, t > 0) {
                (true, true) => {
                    let suffix = &suffixes[t * row_len..(t + 1) * row_len];
                    rows_into::<E, T, 3, true>(column, [core, suffix, prefix]);
                }
                (true, false) => rows_into::<E, T, 2, true>(column, [core, &suffixes[..row_len]]),
                (false, true) => rows_into::<E, T, 2, true>(column, [core, prefix]),
                (false, false) => column.copy_from_slice(core),
            }
            let k = y0 + t - rows.start;
            let out_row = &mut out[k * row_len..(k + 1) * row_len];
            let spare = [&mut *spare_a, &mut *spare_b];
            horizontal::<E, T>(extended, out_row, &edges, 0..element.width, true, spare);
            make_canonical(out_row);
        }
        y0 += m;
    }
}
