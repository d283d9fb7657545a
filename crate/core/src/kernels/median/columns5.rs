//! 5×5 medians through sorted columns merged in pairs.
//!
//! A window's 25 samples are its five columns of five. Each column is sorted
//! once per row and each pair of neighbouring sorted columns merged once,
//! as five windows side by side share a column and four share a pair; a
//! window then needs only the rank-12 sample of two merged pairs and one
//! sorted column. That costs about 90 min/max per sample (9 compare-exchanges
//! per column, 26 min/max per pair, 46 per window) where the full network
//! over 25 samples costs 226.
//!
//! The merge and the selection are Batcher's odd-even merge of sorted lists,
//! keeping only the min and max operations their outputs depend on. Both
//! loops over samples run in chunks at constant offsets, as those of
//! [`network`](super::network), so that they vectorize across samples.

use super::Sample;
use super::network::{Storage, blocks, chunk, chunk_starts};

/// The 5×5 median of every interior sample of a row, `rows` being the five
/// rows centred on it, in blocks of the row whose sorted columns and merged
/// pairs stay in `storage`.
#[inline(always)]
pub(super) fn interior5_merged<S: Sample>(
    rows: [&[S]; 5],
    out: &mut [S],
    cn: usize,
    storage: &mut Storage,
) {
    let n = out.len() - 4 * cn;
    let out = &mut out[2 * cn..2 * cn + n];
    // Ranks 0..5 of the sorted columns, then ranks 0..10 of the pairs.
    let (levels, len) = storage.levels::<S::Key>(15, 4 * cn);
    let (columns, pairs) = levels.split_at_mut(5 * len);
    let c = chunk::<S::Key>();
    for (b0, n) in blocks(n, len - 4 * cn, c) {
        let rows = rows.map(|row| &row[b0..b0 + n + 4 * cn]);
        sort_columns(rows, columns, len);
        merge_pairs(columns, pairs, len, n + 2 * cn, cn);
        select(columns, pairs, len, &mut out[b0..b0 + n], cn);
    }
}

/// `c` keys from `s` of each of the listed ranks of `level`, whose ranks
/// are `len` keys apart. Slices of a constant length, named one by one,
/// let the loops over them drop their bounds checks and vectorize.
macro_rules! ranks_at {
    ($level:expr, $len:expr, $s:expr, $c:expr, $($k:literal),*) => {
        [$(&$level[$k * $len + $s..][..$c]),*]
    };
}

/// Sorts each column of five of `rows` into ranks 0..5 of `columns`.
#[inline(always)]
fn sort_columns<S: Sample>(rows: [&[S]; 5], columns: &mut [S::Key], len: usize) {
    let c = chunk::<S::Key>();
    let (k0, rest) = columns.split_at_mut(len);
    let (k1, rest) = rest.split_at_mut(len);
    let (k2, rest) = rest.split_at_mut(len);
    let (k3, k4) = rest.split_at_mut(len);
    let [a, b, d, e, f] = rows;
    for s in chunk_starts(a.len(), c) {
        let (a, b, d, e, f) = (
            &a[s..s + c],
            &b[s..s + c],
            &d[s..s + c],
            &e[s..s + c],
            &f[s..s + c],
        );
        let (r0, r1, r2, r3) = (
            &mut k0[s..s + c],
            &mut k1[s..s + c],
            &mut k2[s..s + c],
            &mut k3[s..s + c],
        );
        let r4 = &mut k4[s..s + c];
        for j in 0..c {
            let [x0, x1, x2, x3, x4] =
                sort5([a[j].key(), b[j].key(), d[j].key(), e[j].key(), f[j].key()]);
            (r0[j], r1[j], r2[j], r3[j], r4[j]) = (x0, x1, x2, x3, x4);
        }
    }
}

/// Merges sorted columns `s` and `s + cn` into ranks 0..10 of `pairs`, for
/// `s` in `0..count`.
#[inline(always)]
fn merge_pairs<K: Ord + Copy>(columns: &[K], pairs: &mut [K], len: usize, count: usize, cn: usize) {
    let c = chunk::<K>();
    for s in chunk_starts(count, c) {
        let [l0, l1, l2, l3, l4] = ranks_at!(columns, len, s, c, 0, 1, 2, 3, 4);
        let [r0, r1, r2, r3, r4] = ranks_at!(columns, len, s + cn, c, 0, 1, 2, 3, 4);
        // Each rank sliced to the chunk here, where its length is known:
        // a call that makes them (such as `array::from_fn`) may not be
        // inlined, and the loop then checks every index and stays scalar.
        let mut ranks = pairs.chunks_exact_mut(len);
        let mut next = || &mut ranks.next().unwrap()[s..s + c];
        let (m0, m1, m2, m3, m4) = (next(), next(), next(), next(), next());
        let (m5, m6, m7, m8, m9) = (next(), next(), next(), next(), next());
        let (m0, m1, m2, m3, m4) = (
            &mut m0[..c],
            &mut m1[..c],
            &mut m2[..c],
            &mut m3[..c],
            &mut m4[..c],
        );
        let (m5, m6, m7, m8, m9) = (
            &mut m5[..c],
            &mut m6[..c],
            &mut m7[..c],
            &mut m8[..c],
            &mut m9[..c],
        );
        for j in 0..c {
            let m = merge5(
                [l0[j], l1[j], l2[j], l3[j], l4[j]],
                [r0[j], r1[j], r2[j], r3[j], r4[j]],
            );
            (m0[j], m1[j], m2[j], m3[j], m4[j]) = (m[0], m[1], m[2], m[3], m[4]);
            (m5[j], m6[j], m7[j], m8[j], m9[j]) = (m[5], m[6], m[7], m[8], m[9]);
        }
    }
}

/// The median of each window: of the pairs at its first and third columns
/// and the sorted column at its fifth.
#[inline(always)]
fn select<S: Sample>(columns: &[S::Key], pairs: &[S::Key], len: usize, out: &mut [S], cn: usize) {
    let c = chunk::<S::Key>();
    for s in chunk_starts(out.len(), c) {
        let [l0, l1, l2, l3, l4, l5, l6, l7, l8, l9] =
            ranks_at!(pairs, len, s, c, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        let [r0, r1, r2, r3, r4, r5, r6, r7, r8, r9] =
            ranks_at!(pairs, len, s + 2 * cn, c, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        let [c0, c1, c2, c3, c4] = ranks_at!(columns, len, s + 4 * cn, c, 0, 1, 2, 3, 4);
        let out = &mut out[s..s + c];
        for j in 0..c {
            let median = median_of_merged(
                [
                    l0[j], l1[j], l2[j], l3[j], l4[j], l5[j], l6[j], l7[j], l8[j], l9[j],
                ],
                [
                    r0[j], r1[j], r2[j], r3[j], r4[j], r5[j], r6[j], r7[j], r8[j], r9[j],
                ],
                [c0[j], c1[j], c2[j], c3[j], c4[j]],
            );
            out[j] = S::from_key(median);
        }
    }
}

/// Five keys sorted: the 9 compare-exchanges of the optimal network.
#[inline(always)]
pub(super) fn sort5<K: Ord + Copy>(p: [K; 5]) -> [K; 5] {
    let [mut p0, mut p1, mut p2, mut p3, mut p4] = p;
    (p0, p1) = (p0.min(p1), p0.max(p1));
    (p3, p4) = (p3.min(p4), p3.max(p4));
    (p2, p4) = (p2.min(p4), p2.max(p4));
    (p2, p3) = (p2.min(p3), p2.max(p3));
    (p0, p3) = (p0.min(p3), p0.max(p3));
    (p0, p2) = (p0.min(p2), p0.max(p2));
    (p1, p4) = (p1.min(p4), p1.max(p4));
    (p1, p3) = (p1.min(p3), p1.max(p3));
    (p1, p2) = (p1.min(p2), p1.max(p2));
    [p0, p1, p2, p3, p4]
}

/// Two sorted lists of five merged into one sorted list of ten.
#[inline(always)]
pub(super) fn merge5<K: Ord + Copy>(a: [K; 5], b: [K; 5]) -> [K; 10] {
    let t0 = a[0].min(b[0]);
    let t1 = a[1].min(b[1]);
    let t2 = a[0].max(b[0]);
    let t3 = a[4].min(b[4]);
    let t4 = t2.min(t3);
    let t5 = a[2].min(b[2]);
    let t6 = t4.min(t5);
    let t7 = t1.min(t6);
    let t8 = t1.max(t6);
    let t9 = a[1].max(b[1]);
    let t10 = a[3].min(b[3]);
    let t11 = t9.min(t10);
    let t12 = t4.max(t5);
    let t13 = t11.min(t12);
    let t14 = t11.max(t12);
    let t15 = t2.max(t3);
    let t16 = a[2].max(b[2]);
    let t17 = t15.min(t16);
    let t18 = t9.max(t10);
    let t19 = t17.min(t18);
    let t20 = t17.max(t18);
    let t21 = t15.max(t16);
    let t22 = a[3].max(b[3]);
    let t23 = t21.min(t22);
    let t24 = t21.max(t22);
    let t25 = a[4].max(b[4]);
    [t0, t7, t8, t13, t14, t19, t20, t23, t24, t25]
}

/// The rank-12 key (from 0) of 25: two sorted lists of ten and one of five.
/// The merge of `l` and `r` gives ranks 7..=12 of the twenty; of those and
/// `c`, rank 12 is the least of `max(m[12 - j], c[j - 1])`, `j` = 0..=5.
#[inline(always)]
pub(super) fn median_of_merged<K: Ord + Copy>(l: [K; 10], r: [K; 10], c: [K; 5]) -> K {
    let t0 = l[2].max(r[2]);
    let t1 = l[6].min(r[6]);
    let t2 = t0.min(t1);
    let t3 = l[0].max(r[0]);
    let t4 = l[8].min(r[8]);
    let t5 = t3.min(t4);
    let t6 = l[4].min(r[4]);
    let t7 = t5.max(t6);
    let t8 = t2.max(t7);
    let t9 = l[1].max(r[1]);
    let t10 = l[9].min(r[9]);
    let t11 = t9.min(t10);
    let t12 = l[5].min(r[5]);
    let t13 = t11.max(t12);
    let t14 = l[3].max(r[3]);
    let t15 = l[7].min(r[7]);
    let t16 = t14.min(t15);
    let t17 = t13.min(t16);
    let t18 = t8.min(t17);
    let t19 = t18.max(c[4]);
    let t20 = t8.max(t17);
    let t21 = t20.max(c[3]);
    let t22 = t3.max(t4);
    let t23 = l[4].max(r[4]);
    let t24 = t22.min(t23);
    let t25 = t0.max(t1);
    let t26 = t24.min(t25);
    let t27 = t13.max(t16);
    let t28 = t26.min(t27);
    let t29 = t28.max(c[2]);
    let t30 = t26.max(t27);
    let t31 = t30.max(c[1]);
    let t32 = t24.max(t25);
    let t33 = t9.max(t10);
    let t34 = l[5].max(r[5]);
    let t35 = t33.min(t34);
    let t36 = t14.max(t15);
    let t37 = t35.min(t36);
    let t38 = t32.max(t37);
    let t39 = t32.min(t37);
    let t40 = t39.max(c[0]);
    let t41 = t38.min(t40);
    let t42 = t31.min(t41);
    let t43 = t29.min(t42);
    let t44 = t21.min(t43);
    t19.min(t44)
}
