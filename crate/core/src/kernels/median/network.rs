//! Sorting networks for 3×3 and 5×5 windows.
//!
//! Samples whose window lies inside the row are computed a block at a time:
//! every compare-exchange becomes a min and a max over whole blocks, which the
//! compiler turns into vector instructions. The few samples near the left and
//! right edges go through the same networks one at a time, their columns
//! replicated.

use std::ops::Range;

use super::{Sample, Source, Task, clamp};
use crate::image::MAX_CHANNELS;

/// Samples per block: the 25 lanes of a 5×5 block of f32 keys take 6.4 KB,
/// well within L1.
const BLOCK: usize = 64;

/// Paeth's 19 compare-exchanges for nine values (Devillard's `opt_med9`):
/// position 4 ends with the median whatever the arrangement of the inputs.
#[rustfmt::skip]
pub(super) const NINE: [(usize, usize); 19] = [
    (1, 2), (4, 5), (7, 8), (0, 1), (3, 4), (6, 7), (1, 2), (4, 5), (7, 8), (0, 3),
    (5, 8), (4, 7), (3, 6), (1, 4), (2, 5), (4, 7), (4, 2), (6, 4), (4, 2),
];

/// Defines the network for 25 values as a list, and as straight-line code
/// over blocks of lanes: with every lane index a constant, the compiler keeps
/// lanes in registers rather than loading and storing them per exchange.
macro_rules! twenty_five {
    ($(($a:literal, $b:literal)),* $(,)?) => {
        /// The 113 compare-exchanges of OpenCV's `medianBlur_SortNet` for 25
        /// values: position 12 ends with the median whatever the arrangement
        /// of the inputs.
        pub(super) const TWENTY_FIVE: [(usize, usize); 113] = [$(($a, $b)),*];

        /// [`TWENTY_FIVE`] across blocks of lanes, unrolled.
        #[inline(always)]
        fn twenty_five_unrolled<K: Ord + Copy>(lanes: &mut [[K; BLOCK]; 25]) {
            $(exchange_lanes(lanes, $a, $b);)*
        }
    };
}

twenty_five! {
    (1, 2), (0, 1), (1, 2), (4, 5), (3, 4), (4, 5), (0, 3), (2, 5), (2, 3), (1, 4),
    (1, 2), (3, 4), (7, 8), (6, 7), (7, 8), (10, 11), (9, 10), (10, 11), (6, 9), (8, 11),
    (8, 9), (7, 10), (7, 8), (9, 10), (0, 6), (4, 10), (4, 6), (2, 8), (2, 4), (6, 8),
    (1, 7), (5, 11), (5, 7), (3, 9), (3, 5), (7, 9), (1, 2), (3, 4), (5, 6), (7, 8),
    (9, 10), (13, 14), (12, 13), (13, 14), (16, 17), (15, 16), (16, 17), (12, 15), (14, 17), (14, 15),
    (13, 16), (13, 14), (15, 16), (19, 20), (18, 19), (19, 20), (21, 22), (23, 24), (21, 23), (22, 24),
    (22, 23), (18, 21), (20, 23), (20, 21), (19, 22), (22, 24), (19, 20), (21, 22), (23, 24), (12, 18),
    (16, 22), (16, 18), (14, 20), (20, 24), (14, 16), (18, 20), (22, 24), (13, 19), (17, 23), (17, 19),
    (15, 21), (15, 17), (19, 21), (13, 14), (15, 16), (17, 18), (19, 20), (21, 22), (23, 24), (0, 12),
    (8, 20), (8, 12), (4, 16), (16, 24), (12, 16), (2, 14), (10, 22), (10, 14), (6, 18), (6, 10),
    (10, 12), (1, 13), (9, 21), (9, 13), (5, 17), (13, 17), (3, 15), (11, 23), (11, 15), (7, 19),
    (7, 11), (11, 13), (11, 12),
}

/// 3×3 medians of rows `task.rows`.
#[inline(always)]
pub(super) fn median3<S: Sample>(src: Source<S>, out: &mut [S], task: Task) {
    let row_len = src.row_len();
    for (y, out) in task.rows.clone().zip(out.chunks_exact_mut(row_len)) {
        let y = y as isize;
        let rows = [src.row(y - 1), src.row(y), src.row(y + 1)];
        let interior = interior(src.width, 1);
        if !interior.is_empty() {
            interior3(rows, out, src.channels);
        }
        edges::<S, 9>(&rows, out, src.width, src.channels, interior, &NINE);
    }
}

/// 5×5 medians of rows `task.rows`.
#[inline(always)]
pub(super) fn median5<S: Sample>(src: Source<S>, out: &mut [S], task: Task) {
    let row_len = src.row_len();
    for (y, out) in task.rows.clone().zip(out.chunks_exact_mut(row_len)) {
        let y = y as isize;
        let rows = [-2, -1, 0, 1, 2].map(|dy| src.row(y + dy));
        let interior = interior(src.width, 2);
        if !interior.is_empty() {
            interior5(rows, out, src.channels);
        }
        edges::<S, 25>(&rows, out, src.width, src.channels, interior, &TWENTY_FIVE);
    }
}

/// The pixels whose window of radius `radius` lies inside a row of `width`.
fn interior(width: usize, radius: usize) -> Range<usize> {
    radius..width.saturating_sub(radius).max(radius)
}

/// The blocks of samples `start..end`, each as (first sample, length). All
/// but a short run are BLOCK long: the last block is moved back to end at
/// `end`, recomputing a few samples, so the loops keep a constant trip count.
#[inline(always)]
fn blocks(start: usize, end: usize) -> impl Iterator<Item = (usize, usize)> {
    let full = end - start >= BLOCK;
    (start..end).step_by(BLOCK).map(move |i| {
        if full {
            (i.min(end - BLOCK), BLOCK)
        } else {
            (i, end - i)
        }
    })
}

/// The 3×3 median of every interior sample of a row, `rows` being the rows
/// above, at and below it.
///
/// Each column of three is sorted once for the three windows that share it;
/// the median of a window is then the median of the largest of its three
/// minima, the median of its three middles and the smallest of its three
/// maxima (the anti-diagonal once rows are sorted too).
#[inline(always)]
fn interior3<S: Sample>(rows: [&[S]; 3], out: &mut [S], channels: usize) {
    let cn = channels;
    let (start, end) = (cn, out.len() - cn);
    let zero = S::Key::default();
    // Sorted columns for a block and the two pixels either side of it.
    const SPAN: usize = BLOCK + 2 * MAX_CHANNELS;
    let (mut low, mut mid, mut high) = ([zero; SPAN], [zero; SPAN], [zero; SPAN]);
    for (i, n) in blocks(start, end) {
        let span = n + 2 * cn;
        let from = i - cn;
        let (r0, r1, r2) = (
            &rows[0][from..from + span],
            &rows[1][from..from + span],
            &rows[2][from..from + span],
        );
        let lanes = low.iter_mut().zip(mid.iter_mut()).zip(high.iter_mut());
        for (((l, m), h), ((a, b), c)) in lanes.zip(r0.iter().zip(r1).zip(r2)) {
            (*l, *m, *h) = sort3(a.key(), b.key(), c.key());
        }
        let (l0, l1, l2) = (&low[..n], &low[cn..cn + n], &low[2 * cn..2 * cn + n]);
        let (m0, m1, m2) = (&mid[..n], &mid[cn..cn + n], &mid[2 * cn..2 * cn + n]);
        let (h0, h1, h2) = (&high[..n], &high[cn..cn + n], &high[2 * cn..2 * cn + n]);
        for (j, o) in out[i..i + n].iter_mut().enumerate() {
            let low = l0[j].max(l1[j]).max(l2[j]);
            let mid = median_of_three(m0[j], m1[j], m2[j]);
            let high = h0[j].min(h1[j]).min(h2[j]);
            *o = S::from_key(median_of_three(low, mid, high));
        }
    }
}

/// The 5×5 median of every interior sample of a row, `rows` being the five
/// rows centred on it: the 25 lanes of a block go through the network
/// together.
#[inline(always)]
fn interior5<S: Sample>(rows: [&[S]; 5], out: &mut [S], channels: usize) {
    let cn = channels;
    let (start, end) = (2 * cn, out.len() - 2 * cn);
    let mut lanes = [[S::Key::default(); BLOCK]; 25];
    for (i, n) in blocks(start, end) {
        for (k, lane) in lanes.iter_mut().enumerate() {
            let from = i + k % 5 * cn - 2 * cn;
            for (l, s) in lane[..n].iter_mut().zip(&rows[k / 5][from..from + n]) {
                *l = s.key();
            }
        }
        // Unrolled, 8- and 16-bit keys run 1.3–2× faster with AVX2 (and
        // u8 with SSE2 too); 32-bit keys, whose blocks take twice the
        // registers, spill and run faster as a loop over the exchanges.
        if size_of::<S::Key>() <= 2 {
            twenty_five_unrolled(&mut lanes);
        } else {
            for &(a, b) in &TWENTY_FIVE {
                exchange_lanes(&mut lanes, a, b);
            }
        }
        for (o, &m) in out[i..i + n].iter_mut().zip(&lanes[12][..n]) {
            *o = S::from_key(m);
        }
    }
}

/// Lane `a` becomes the minimum and lane `b` the maximum of the two, sample by sample.
#[inline(always)]
fn exchange_lanes<K: Ord + Copy, const N: usize>(lanes: &mut [[K; BLOCK]; N], a: usize, b: usize) {
    let (pa, pb) = if a < b {
        let (low, high) = lanes.split_at_mut(b);
        (&mut low[a], &mut high[0])
    } else {
        let (low, high) = lanes.split_at_mut(a);
        (&mut high[0], &mut low[b])
    };
    for (x, y) in pa.iter_mut().zip(pb.iter_mut()) {
        (*x, *y) = ((*x).min(*y), (*x).max(*y));
    }
}

/// The samples outside `interior`, one by one through the network `exchanges`
/// of `N` = side² inputs, columns past the edges replicated.
fn edges<S: Sample, const N: usize>(
    rows: &[&[S]],
    out: &mut [S],
    width: usize,
    channels: usize,
    interior: Range<usize>,
    exchanges: &[(usize, usize)],
) {
    let side = rows.len();
    let radius = side as isize / 2;
    let left = 0..interior.start.min(width);
    let right = interior.end.max(interior.start)..width;
    for x in left.chain(right) {
        for c in 0..channels {
            let mut p = [S::Key::default(); N];
            for (k, key) in p.iter_mut().enumerate() {
                let column = clamp(x as isize + (k % side) as isize - radius, width);
                *key = rows[k / side][column * channels + c].key();
            }
            for &(a, b) in exchanges {
                (p[a], p[b]) = (p[a].min(p[b]), p[a].max(p[b]));
            }
            out[x * channels + c] = S::from_key(p[N / 2]);
        }
    }
}

#[inline(always)]
fn sort3<K: Ord + Copy>(a: K, b: K, c: K) -> (K, K, K) {
    let (a, b) = (a.min(b), a.max(b));
    let (b, c) = (b.min(c), b.max(c));
    (a.min(b), a.max(b), c)
}

#[inline(always)]
fn median_of_three<K: Ord + Copy>(a: K, b: K, c: K) -> K {
    a.min(b).max(a.max(b).min(c))
}
