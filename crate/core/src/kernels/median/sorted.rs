//! Windows of any size and type: sorted columns and a cut through them.
//!
//! The `side` keys of every source column of the window are kept sorted;
//! moving down a row removes one key from each column and inserts one. The
//! window's median is the largest of its `rank + 1` smallest keys, which a
//! cut tracks: how many of its smallest keys each column of the window
//! contributes, no key taken above a key left. Sliding the window one pixel
//! replaces one column, whose share is found by a binary search against the
//! last median; the cut then moves by only as many keys as the shares of the
//! two columns differ, each move giving back the largest key taken or taking
//! the smallest left, which two tournament trees over the columns hold. A
//! move costs the logarithm of the side; the moves per pixel are few where
//! the image is flat or noisy, up to half the side across a steep gradient.

use std::ops::Range;

use super::{Key, Sample, Source, Task, clamp};
use crate::Workspace;

/// Bytes of sorted columns per stripe of the frame, so that a stripe's
/// columns stay in L2 from one row to the next.
const STRIPE_BYTES: usize = 256 << 10;

/// Medians of rows `task.rows` through sorted columns.
#[inline(always)]
pub(super) fn sorted_columns<S: Sample>(
    src: Source<S>,
    out: &mut [S],
    task: Task,
    workspace: &mut Workspace,
) {
    let side = task.side;
    let key = size_of::<S::Key>();
    // Stripes overlap by `side - 1` columns: wide enough that the overlap stays small.
    let stripe = task
        .stripe
        .unwrap_or((STRIPE_BYTES / (side * key)).max(4 * side));
    let stripe = stripe.clamp(1, src.width);
    let most_columns = (stripe + side - 1).min(src.width);
    let leaves = side.next_power_of_two();
    let bytes = most_columns * side * key + 2 * side * size_of::<u32>() + 4 * leaves * 8;
    let mut carver = workspace.carve(5, bytes);
    let columns = carver.take::<S::Key>(most_columns * side);
    let mut cut = Cut {
        counts: carver.take::<u32>(side),
        starts: carver.take::<u32>(side),
        largest: carver.take::<i64>(2 * leaves),
        smallest: carver.take::<i64>(2 * leaves),
        taken: 0,
    };
    cut.largest.fill(NONE_TAKEN);
    cut.smallest.fill(NONE_LEFT);
    for x0 in (0..src.width).step_by(stripe) {
        let xs = x0..(x0 + stripe).min(src.width);
        for channel in 0..src.channels {
            stripe_channel(src, out, &task, xs.clone(), channel, columns, &mut cut);
        }
    }
}

/// The medians of pixels `xs` of rows `task.rows` in one channel.
#[inline(always)]
fn stripe_channel<S: Sample>(
    src: Source<S>,
    out: &mut [S],
    task: &Task,
    xs: Range<usize>,
    channel: usize,
    columns: &mut [S::Key],
    cut: &mut Cut,
) {
    let (width, cn, side) = (src.width, src.channels, task.side);
    let radius = task.radius();
    // The source columns the stripe's windows cover.
    let first = xs.start.saturating_sub(side / 2);
    let last = (xs.end + side / 2).min(width);
    let columns = &mut columns[..(last - first) * side];
    let column_of = |v: isize| (clamp(v, width) - first) * side;

    let y0 = task.rows.start as isize;
    for (j, column) in columns.chunks_exact_mut(side).enumerate() {
        let at = (first + j) * cn + channel;
        for (dy, key) in column.iter_mut().enumerate() {
            *key = src.row(y0 + dy as isize - radius)[at].key();
        }
        column.sort_unstable();
    }

    let x0 = xs.start as isize;
    let target = task.rank() + 1;
    let row_len = src.row_len();
    // The middle key of the first pixel's own column: near the median, where the cut starts.
    let mut guess = columns[column_of(x0) + side / 2];
    for (y, out) in task.rows.clone().zip(out.chunks_exact_mut(row_len)) {
        let y = y as isize;
        if y > y0
            && let Some((gone, new)) = src.rows_moving_down(y, radius)
        {
            for (j, column) in columns.chunks_exact_mut(side).enumerate() {
                let at = (first + j) * cn + channel;
                replace(column, gone[at].key(), new[at].key());
            }
        }

        // The window of the stripe's first pixel: slot `dx` holds column x0 - radius + dx.
        cut.taken = 0;
        for slot in 0..side {
            let start = column_of(x0 - radius + slot as isize);
            cut.enter(slot, start, columns, side, guess);
        }
        let mut median = cut.settle(columns, side, target);
        guess = median;
        out[xs.start * cn + channel] = S::from_key(median);

        // Each step right replaces the column that leaves with the one that
        // enters, in the slot they share.
        for x in xs.start + 1..xs.end {
            let slot = (x - 1 - xs.start) % side;
            cut.leave(slot);
            let start = column_of(x as isize + radius);
            cut.enter(slot, start, columns, side, median);
            median = cut.settle(columns, side, target);
            out[x * cn + channel] = S::from_key(median);
        }
    }
}

/// Replaces one `gone` in the sorted `column` by `new`, keeping it sorted.
#[inline(always)]
fn replace<K: Ord + Copy>(column: &mut [K], gone: K, new: K) {
    let from = column.partition_point(|&k| k < gone);
    let to = column.partition_point(|&k| k < new);
    if to > from {
        column.copy_within(from + 1..to, from);
        column[to - 1] = new;
    } else {
        column.copy_within(to..from, to + 1);
        column[to] = new;
    }
}

/// Tree entries: a key shifted left by 8 bits, its slot (< 256) in the low
/// bits, so that comparing entries compares keys. A slot that takes no key,
/// or leaves none, holds a value below (above) every entry.
const NONE_TAKEN: i64 = i64::MIN;
const NONE_LEFT: i64 = i64::MAX;

#[inline(always)]
fn entry<K: Key>(key: K, slot: usize) -> i64 {
    key.into() << 8 | slot as i64
}

/// The cut through the window's columns, one slot per column.
struct Cut<'a> {
    /// Keys each slot's column contributes: its smallest.
    counts: &'a mut [u32],
    /// Where each slot's column starts among the sorted columns.
    starts: &'a mut [u32],
    /// Tournament trees over the slots: node `i` holds the larger (smaller)
    /// of nodes `2i` and `2i + 1`, the slots' entries being the leaves from
    /// `len / 2` on. `largest` ranks the largest key each slot takes,
    /// `smallest` the smallest it leaves.
    largest: &'a mut [i64],
    smallest: &'a mut [i64],
    /// Keys contributed in all.
    taken: usize,
}

impl Cut<'_> {
    /// Puts the sorted column at `start` in `slot`, contributing its keys
    /// below `pivot`. Every key taken stays at or below every key left, as
    /// long as `pivot` lies between the two for the other slots.
    #[inline(always)]
    fn enter<K: Key>(&mut self, slot: usize, start: usize, columns: &[K], side: usize, pivot: K) {
        let count = columns[start..start + side].partition_point(|&k| k < pivot);
        self.starts[slot] = start as u32;
        self.taken += count;
        self.set(slot, count, columns, side);
    }

    #[inline(always)]
    fn leave(&mut self, slot: usize) {
        self.taken -= self.counts[slot] as usize;
    }

    /// Makes `slot` contribute the `count` smallest keys of its column.
    #[inline(always)]
    fn set<K: Key>(&mut self, slot: usize, count: usize, columns: &[K], side: usize) {
        self.counts[slot] = count as u32;
        let column = &columns[self.starts[slot] as usize..][..side];
        let taken = if count > 0 {
            entry(column[count - 1], slot)
        } else {
            NONE_TAKEN
        };
        let left = column.get(count).map_or(NONE_LEFT, |&k| entry(k, slot));
        update(self.largest, slot, taken, i64::max);
        update(self.smallest, slot, left, i64::min);
    }

    /// Moves the cut until it takes `target` keys; returns the largest, the median.
    #[inline(always)]
    fn settle<K: Key>(&mut self, columns: &[K], side: usize, target: usize) -> K {
        while self.taken > target {
            let slot = (self.largest[1] & 0xff) as usize;
            self.set(slot, self.counts[slot] as usize - 1, columns, side);
            self.taken -= 1;
        }
        while self.taken < target {
            let slot = (self.smallest[1] & 0xff) as usize;
            self.set(slot, self.counts[slot] as usize + 1, columns, side);
            self.taken += 1;
        }
        let slot = (self.largest[1] & 0xff) as usize;
        columns[self.starts[slot] as usize + self.counts[slot] as usize - 1]
    }
}

/// Sets the leaf of `slot` to `value` and replays the matches above it.
#[inline(always)]
fn update(tree: &mut [i64], slot: usize, value: i64, winner: impl Fn(i64, i64) -> i64) {
    let mut node = tree.len() / 2 + slot;
    tree[node] = value;
    while node > 1 {
        node /= 2;
        tree[node] = winner(tree[2 * node], tree[2 * node + 1]);
    }
}
