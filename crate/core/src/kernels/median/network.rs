//! Sorting networks for 3×3 and 5×5 windows.
//!
//! Samples whose window lies inside the row are computed by a loop over the
//! row whose body reads the window at constant offsets from the source rows
//! and runs the network on local keys: the compiler vectorizes it across
//! samples, every compare-exchange a vector min and max. The few samples near
//! the left and right edges go one at a time, their columns replicated: a
//! 3×3 window through the interior's sorted columns, a 5×5 one through the
//! network. The interior of a 5×5 row goes through
//! [`columns5`](super::columns5), which shares the work of neighbouring
//! windows.

use std::ops::Range;

use super::columns5::interior5_merged;
use super::{Key, Sample, Source, Task, clamp};
use crate::prefetch::prefetch_wide;

/// The 113 compare-exchanges of OpenCV's `medianBlur_SortNet` for 25
/// values: position 12 ends with the median whatever the arrangement of the
/// inputs.
#[rustfmt::skip]
pub(super) const TWENTY_FIVE: [(usize, usize); 113] = [
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
];

/// 3×3 medians of rows `task.rows`.
#[inline(always)]
pub(super) fn median3<S: Sample>(src: Source<S>, out: &mut [S], task: Task) {
    let row_len = src.row_len();
    let mut storage = Storage::new();
    for (y, out) in task.rows.clone().zip(out.chunks_exact_mut(row_len)) {
        let y = y as isize;
        if let Some(next) = src.held_row(y + 2) {
            prefetch_wide(next);
        }
        let rows = [src.row(y - 1), src.row(y), src.row(y + 1)];
        let interior = interior::<S>(src.width, src.channels, 1);
        if !interior.is_empty() {
            if size_of::<S::Key>() < 4 {
                interior3_direct(rows, out, src.channels);
            } else {
                interior3(rows, out, src.channels, &mut storage);
            }
        }
        edges3(rows, out, src.width, src.channels, interior);
    }
}

/// 5×5 medians of rows `task.rows`.
#[inline(always)]
pub(super) fn median5<S: Sample>(src: Source<S>, out: &mut [S], task: Task) {
    let row_len = src.row_len();
    let mut storage = Storage::new();
    for (y, out) in task.rows.clone().zip(out.chunks_exact_mut(row_len)) {
        let y = y as isize;
        if let Some(next) = src.held_row(y + 3) {
            prefetch_wide(next);
        }
        let rows = [-2, -1, 0, 1, 2].map(|dy| src.row(y + dy));
        let interior = interior::<S>(src.width, src.channels, 2);
        if !interior.is_empty() {
            interior5_merged(rows, out, src.channels, &mut storage);
        }
        edges::<S, 25>(&rows, out, src.width, src.channels, interior, &TWENTY_FIVE);
    }
}

/// The pixels whose window of radius `radius` lies inside a row of `width`,
/// or none when they are fewer than a chunk of samples (the edge code then
/// takes the whole row).
fn interior<S: Sample>(width: usize, channels: usize, radius: usize) -> Range<usize> {
    let inside = width.saturating_sub(2 * radius);
    if inside * channels < chunk::<S::Key>() {
        radius..radius
    } else {
        radius..width - radius
    }
}

/// Bytes of the scratch rows a row is computed through, so that they stay
/// in the L1 cache.
const STORAGE_BYTES: usize = 16 << 10;

/// Scratch rows on the stack: `ranks` rows of keys of one block.
pub(super) struct Storage([u64; STORAGE_BYTES / 8]);

impl Storage {
    pub(super) fn new() -> Self {
        Self([0; STORAGE_BYTES / 8])
    }

    /// Room for `ranks` rows of keys, as one slice, and the length of a
    /// row: a block's samples plus `margin`.
    #[inline(always)]
    pub(super) fn levels<K: Key>(&mut self, ranks: usize, margin: usize) -> (&mut [K], usize) {
        let all: &mut [K] = bytemuck::cast_slice_mut(&mut self.0);
        let len = all.len() / ranks;
        assert!(len >= margin + 2 * chunk::<K>());
        (&mut all[..ranks * len], len)
    }
}

/// Samples per chunk: the loops over samples run in chunks of this fixed
/// length, one AVX2 vector of keys, which the compiler vectorizes with no
/// scalar remainder; a loop's last chunk overlaps the one before instead.
#[inline(always)]
pub(super) const fn chunk<K>() -> usize {
    128 / size_of::<K>()
}

/// The starts of the chunks that cover `0..len` (≥ one chunk of `c`), the
/// last one overlapping the one before.
#[inline(always)]
pub(super) fn chunk_starts(len: usize, c: usize) -> impl Iterator<Item = usize> {
    (0..len).step_by(c).map(move |start| start.min(len - c))
}

/// The blocks of at most `block` samples that cover `0..len` (≥ one chunk
/// of `c`), as (start, length), none shorter than a chunk: the last one
/// overlaps the one before when it would be.
#[inline(always)]
pub(super) fn blocks(len: usize, block: usize, c: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..len).step_by(block).map(move |start| {
        let n = block.min(len - start);
        if n < c { (len - c, c) } else { (start, n) }
    })
}

/// Slices `s..s + c` of the `N` rows of `len` keys that `level` holds.
#[inline(always)]
fn ranks<K, const N: usize>(level: &[K], len: usize, s: usize, c: usize) -> [&[K]; N] {
    let mut ranks = [&[][..]; N];
    for (k, rank) in ranks.iter_mut().enumerate() {
        *rank = &level[k * len + s..k * len + s + c];
    }
    ranks
}

/// Slices `s..s + c` of the `N` rows of `len` keys that `level` holds, to write.
#[inline(always)]
fn ranks_mut<K, const N: usize>(level: &mut [K], len: usize, s: usize, c: usize) -> [&mut [K]; N] {
    let mut rows = level.chunks_exact_mut(len);
    std::array::from_fn(|_| &mut rows.next().unwrap()[s..s + c])
}

/// The 3×3 median of every interior sample of a row, `rows` being the rows
/// above, at and below it.
///
/// In blocks of the row: first every column of three is sorted once, then
/// each window, whose three columns are sorted, is the median of the
/// largest of its three minima, the median of its three middles and the
/// smallest of its three maxima (the anti-diagonal once rows are sorted
/// too). Both loops run over samples at constant offsets and vectorize.
#[inline(always)]
fn interior3<S: Sample>(rows: [&[S]; 3], out: &mut [S], cn: usize, storage: &mut Storage) {
    let n = out.len() - 2 * cn;
    let out = &mut out[cn..cn + n];
    let (sorted, len) = storage.levels::<S::Key>(3, 2 * cn);
    for (b0, n) in blocks(n, len - 2 * cn, chunk::<S::Key>()) {
        let rows = rows.map(|row| &row[b0..b0 + n + 2 * cn]);
        sort_columns3(rows, sorted, len);
        median_of_sorted_columns3(sorted, len, &mut out[b0..b0 + n], cn);
    }
}

/// Sorts each column of `rows` into rows 0, 1, 2 of `sorted`.
#[inline(always)]
fn sort_columns3<S: Sample>(rows: [&[S]; 3], sorted: &mut [S::Key], len: usize) {
    let c = chunk::<S::Key>();
    for s in chunk_starts(rows[0].len(), c) {
        let [a, b, d] = rows.map(|row| &row[s..s + c]);
        let [low, mid, high] = ranks_mut(sorted, len, s, c);
        for j in 0..c {
            (low[j], mid[j], high[j]) = sort3(a[j].key(), b[j].key(), d[j].key());
        }
    }
}

/// The medians of the windows of three sorted columns `cn` apart.
#[inline(always)]
fn median_of_sorted_columns3<S: Sample>(sorted: &[S::Key], len: usize, out: &mut [S], cn: usize) {
    let c = chunk::<S::Key>();
    for s in chunk_starts(out.len(), c) {
        let out = &mut out[s..s + c];
        let [l0, m0, h0] = ranks(sorted, len, s, c);
        let [l1, m1, h1] = ranks(sorted, len, s + cn, c);
        let [l2, m2, h2] = ranks(sorted, len, s + 2 * cn, c);
        for j in 0..c {
            let low = l0[j].max(l1[j]).max(l2[j]);
            let mid = median_of_three(m0[j], m1[j], m2[j]);
            let high = h0[j].min(h1[j]).min(h2[j]);
            out[j] = S::from_key(median_of_three(low, mid, high));
        }
    }
}

/// The 3×3 median of every interior sample of a row, `rows` being the rows
/// above, at and below it, with no scratch rows: for keys of one and two
/// bytes, 32 and 16 to a vector, sorting each column three times costs less
/// than storing and loading them once sorted (measured in `npm run bench`;
/// f32, whose keys are made from each sample, gains from sorting once).
///
/// The loop over samples, whose body reads each window at constant offsets,
/// vectorizes across samples. Each column of three is sorted; the median of
/// a window is then the median of the largest of its three minima, the
/// median of its three middles and the smallest of its three maxima (the
/// anti-diagonal once rows are sorted too).
#[inline(always)]
fn interior3_direct<S: Sample>(rows: [&[S]; 3], out: &mut [S], channels: usize) {
    let cn = channels;
    let n = out.len() - 2 * cn;
    let out = &mut out[cn..cn + n];
    let [a0, a1, a2] = shifted::<S, 3>(rows[0], cn, n);
    let [b0, b1, b2] = shifted::<S, 3>(rows[1], cn, n);
    let [c0, c1, c2] = shifted::<S, 3>(rows[2], cn, n);
    for j in 0..n {
        let (l0, m0, h0) = sort3(a0[j].key(), b0[j].key(), c0[j].key());
        let (l1, m1, h1) = sort3(a1[j].key(), b1[j].key(), c1[j].key());
        let (l2, m2, h2) = sort3(a2[j].key(), b2[j].key(), c2[j].key());
        let low = l0.max(l1).max(l2);
        let mid = median_of_three(m0, m1, m2);
        let high = h0.min(h1).min(h2);
        out[j] = S::from_key(median_of_three(low, mid, high));
    }
}

/// The `side` slices of `n` samples of `row` that start `channels` apart,
/// from its first sample: the columns of the windows of `n` consecutive
/// samples.
#[inline(always)]
fn shifted<S, const SIDE: usize>(row: &[S], channels: usize, n: usize) -> [&[S]; SIDE] {
    std::array::from_fn(|k| &row[k * channels..k * channels + n])
}

/// The 3×3 medians outside `interior`, one by one, columns past the edges
/// replicated: each column of three sorted, then the median of the largest
/// minimum, the middle middle and the smallest maximum, as the interior
/// takes it (about a third of the 19-exchange network's work).
fn edges3<S: Sample>(
    rows: [&[S]; 3],
    out: &mut [S],
    width: usize,
    cn: usize,
    interior: Range<usize>,
) {
    let left = 0..interior.start.min(width);
    let right = interior.end.max(interior.start)..width;
    for x in left.chain(right) {
        let columns = [-1, 0, 1].map(|dx| clamp(x as isize + dx, width));
        for c in 0..cn {
            let [(l0, m0, h0), (l1, m1, h1), (l2, m2, h2)] = columns.map(|column| {
                let at = column * cn + c;
                sort3(rows[0][at].key(), rows[1][at].key(), rows[2][at].key())
            });
            let low = l0.max(l1).max(l2);
            let mid = median_of_three(m0, m1, m2);
            let high = h0.min(h1).min(h2);
            out[x * cn + c] = S::from_key(median_of_three(low, mid, high));
        }
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
