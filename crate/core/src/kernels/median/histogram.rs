//! Integer types: medians from counts of values.
//!
//! Both methods count values in levels, coarse bins of many values and
//! finer ones within them, so that the median is found by walking a few
//! coarse bins and then the finer bins of one of them.
//!
//! - [`column_histograms`], u8 only: Perreault and Hébert's constant-time
//!   median filter, as OpenCV's `medianBlur_8u_O1`. Every source column keeps
//!   a histogram of its `side` values in the window's rows (16 coarse bins of
//!   16 fine ones), updated by one removal and one insertion per row; the
//!   window's histogram slides right by adding one column's histogram and
//!   subtracting another's. Fine bins are brought up to date only for the
//!   coarse bin that holds the median.
//! - [`sliding_histogram`], u8, u16 and i16: one window histogram (for u16,
//!   256 coarse, 4096 middle and 65536 fine bins) slid through the frame in a
//!   zigzag, `side` values in and out per step, with the coarse bin of the
//!   median tracked as it moves.

use std::ops::Range;

use super::{Sample, Source, Task, clamp};
use crate::Workspace;

/// Integer samples as histogram bins: `bin` maps them, in order, onto `0..1 << BITS`.
pub(super) trait Bins: Sample {
    const BITS: u32;

    fn bin(self) -> usize;
    fn from_bin(bin: usize) -> Self;
}

impl Bins for u8 {
    const BITS: u32 = 8;

    #[inline(always)]
    fn bin(self) -> usize {
        self as usize
    }

    #[inline(always)]
    fn from_bin(bin: usize) -> Self {
        bin as u8
    }
}

impl Bins for u16 {
    const BITS: u32 = 16;

    #[inline(always)]
    fn bin(self) -> usize {
        self as usize
    }

    #[inline(always)]
    fn from_bin(bin: usize) -> Self {
        bin as u16
    }
}

impl Bins for i16 {
    const BITS: u32 = 16;

    /// Flipping the sign bit orders i16 as u16.
    #[inline(always)]
    fn bin(self) -> usize {
        (self as u16 ^ 0x8000) as usize
    }

    #[inline(always)]
    fn from_bin(bin: usize) -> Self {
        (bin as u16 ^ 0x8000) as i16
    }
}

/// Output pixels per stripe of [`column_histograms`]: the column histograms
/// of a stripe (544 bytes each) then stay within L2.
const STRIPE: usize = 512;

/// Sixteen bins, counted cumulatively: entry `i` counts the values in bins
/// 0 through `i`. Sums of such counts are counts of the union, so a window's
/// are the sum of its columns', and the bin holding the value of a rank is
/// the number of entries not above the rank: a vector compare, without a
/// prefix sum or a branch. Counts never exceed 255², so u16 holds them.
type Cumulative = [u16; 16];

/// `FROM[b]` adds a value of bin `b` to a [`Cumulative`]: one from entry `b` on.
const FROM: [Cumulative; 16] = {
    let mut masks = [[0; 16]; 16];
    let mut b = 0;
    while b < 16 {
        let mut i = b;
        while i < 16 {
            masks[b][i] = 1;
            i += 1;
        }
        b += 1;
    }
    masks
};

/// Medians of rows `task.rows` of u8 samples, through column histograms.
#[inline(always)]
pub(super) fn column_histograms(
    src: Source<u8>,
    out: &mut [u8],
    task: Task,
    workspace: &mut Workspace,
) {
    let stripe = task.stripe.unwrap_or(STRIPE).clamp(1, src.width);
    let most_columns = (stripe + task.side - 1).min(src.width);
    let mut carver = workspace.carve(2, most_columns * 17 * size_of::<Cumulative>());
    let mut histograms = ColumnHistograms {
        coarse: carver.take::<Cumulative>(most_columns),
        fine: carver.take::<Cumulative>(most_columns * 16),
        columns: 0,
    };
    for x0 in (0..src.width).step_by(stripe) {
        let xs = x0..(x0 + stripe).min(src.width);
        for channel in 0..src.channels {
            column_stripe(src, out, &task, xs.clone(), channel, &mut histograms);
        }
    }
}

/// The histograms of the source columns of a stripe, cumulative: for column
/// `j`, coarse bins (`value >> 4`) at `coarse[j]`, and the fine bins
/// (`value & 15`) of coarse bin `b` at `fine[b·columns + j]`, so that one
/// coarse bin's fine bins lie together for consecutive columns.
struct ColumnHistograms<'a> {
    coarse: &'a mut [Cumulative],
    fine: &'a mut [Cumulative],
    columns: usize,
}

impl ColumnHistograms<'_> {
    /// Counts `new` in column `column`, and no longer `gone` if given.
    #[inline(always)]
    fn replace(&mut self, column: usize, gone: Option<u8>, new: u8) {
        let (coarse, fine) = (new as usize >> 4, new as usize & 15);
        let mut counts = add(self.coarse[column], &FROM[coarse]);
        let at = coarse * self.columns + column;
        self.fine[at] = add(self.fine[at], &FROM[fine]);
        if let Some(gone) = gone {
            let (coarse, fine) = (gone as usize >> 4, gone as usize & 15);
            counts = subtract(counts, &FROM[coarse]);
            let at = coarse * self.columns + column;
            self.fine[at] = subtract(self.fine[at], &FROM[fine]);
        }
        self.coarse[column] = counts;
    }
}

/// The medians of pixels `xs` of rows `task.rows` in one channel.
#[inline(always)]
fn column_stripe(
    src: Source<u8>,
    out: &mut [u8],
    task: &Task,
    xs: Range<usize>,
    channel: usize,
    histograms: &mut ColumnHistograms,
) {
    let (width, cn, side) = (src.width, src.channels, task.side);
    let radius = task.radius();
    let first = xs.start.saturating_sub(side / 2);
    let last = (xs.end + side / 2).min(width);
    let columns = last - first;
    histograms.columns = columns;
    histograms.coarse[..columns].fill([0; 16]);
    histograms.fine[..16 * columns].fill([0; 16]);
    let column_of = |v: isize| clamp(v, width) - first;
    let y0 = task.rows.start as isize;
    for dy in -radius..=radius {
        let row = src.row(y0 + dy);
        for j in 0..columns {
            histograms.replace(j, None, row[(first + j) * cn + channel]);
        }
    }

    let rank = task.rank() as u16;
    let row_len = src.row_len();
    for (y, out) in task.rows.clone().zip(out.chunks_exact_mut(row_len)) {
        let y = y as isize;
        if y > y0
            && let Some((gone, new)) = src.rows_moving_down(y, radius)
        {
            for j in 0..columns {
                let at = (first + j) * cn + channel;
                histograms.replace(j, Some(gone[at]), new[at]);
            }
        }

        let x0 = xs.start as isize;
        let mut coarse = [0u16; 16];
        for v in x0 - radius..=x0 + radius {
            coarse = add(coarse, &histograms.coarse[column_of(v)]);
        }
        // Fine bins of coarse bin b cover the `side` columns that end before
        // `upto[b]`: they are moved along only when the median lies in b.
        let mut fine = [[0u16; 16]; 16];
        let mut upto = [isize::MIN; 16];
        for x in xs.clone() {
            let x = x as isize;
            let bin = bins_not_above(&coarse, rank);
            let below = if bin > 0 { coarse[bin - 1] } else { 0 };
            let lanes = &histograms.fine[bin * columns..(bin + 1) * columns];
            let end = x + radius + 1;
            let mut hist = fine[bin];
            if upto[bin] <= x - radius {
                hist = [0; 16];
                for v in x - radius..end {
                    hist = add(hist, &lanes[column_of(v)]);
                }
            } else {
                for v in upto[bin]..end {
                    let (new, gone) = (column_of(v), column_of(v - side as isize));
                    hist = slide(hist, &lanes[new], &lanes[gone]);
                }
            }
            (fine[bin], upto[bin]) = (hist, end);
            let fine_bin = bins_not_above(&hist, rank - below);
            out[x as usize * cn + channel] = (bin * 16 + fine_bin) as u8;
            if x + 1 < xs.end as isize {
                let (new, gone) = (column_of(x + radius + 1), column_of(x - radius));
                coarse = slide(coarse, &histograms.coarse[new], &histograms.coarse[gone]);
            }
        }
    }
}

/// The bin holding the value of rank `rank` (from 0): the number of
/// cumulative counts not above it.
#[inline(always)]
fn bins_not_above(counts: &Cumulative, rank: u16) -> usize {
    counts.iter().map(|&n| u16::from(n <= rank)).sum::<u16>() as usize
}

#[inline(always)]
fn add(sum: Cumulative, add: &Cumulative) -> Cumulative {
    std::array::from_fn(|i| sum[i].wrapping_add(add[i]))
}

#[inline(always)]
fn subtract(sum: Cumulative, sub: &Cumulative) -> Cumulative {
    std::array::from_fn(|i| sum[i].wrapping_sub(sub[i]))
}

/// Adds `add` and subtracts `sub`, whose counts the sum includes; wrapping
/// in between is harmless as the result fits.
#[inline(always)]
fn slide(sum: Cumulative, add: &Cumulative, sub: &Cumulative) -> Cumulative {
    std::array::from_fn(|i| sum[i].wrapping_add(add[i]).wrapping_sub(sub[i]))
}

/// Medians of rows `task.rows` through one window histogram slid in a zigzag.
#[inline(always)]
pub(super) fn sliding_histogram<S: Bins>(
    src: Source<S>,
    out: &mut [S],
    task: Task,
    workspace: &mut Workspace,
) {
    let bins = 1 << S::BITS;
    let mut carver = workspace.carve(3, (bins + bins / 16 + bins / 256) * size_of::<u16>());
    let mut window = Window::<S> {
        fine: carver.take::<u16>(bins),
        middle: carver.take::<u16>(bins / 16),
        coarse: carver.take::<u16>(bins / 256),
        pivot: 0,
        below: 0,
        _sample: std::marker::PhantomData,
    };
    for channel in 0..src.channels {
        window.fine.fill(0);
        window.middle.fill(0);
        window.coarse.fill(0);
        (window.pivot, window.below) = (0, 0);
        zigzag(src, out, &task, channel, &mut window);
    }
}

/// The histogram of one window in three levels: `fine` counts every value,
/// `middle` the values of each run of 16 fine bins, `coarse` those of each
/// run of 256. `below` counts the values under coarse bin `pivot`, which
/// follows the median; the median is then at most 16 middle and 16 fine
/// bins further. Counts never exceed 255² and fit in u16.
struct Window<'a, S> {
    fine: &'a mut [u16],
    middle: &'a mut [u16],
    coarse: &'a mut [u16],
    pivot: usize,
    below: u32,
    _sample: std::marker::PhantomData<S>,
}

impl<S: Bins> Window<'_, S> {
    /// Takes out `gone` and puts in `new`.
    #[inline(always)]
    fn swap(&mut self, gone: S, new: S) {
        let (gone, new) = (gone.bin(), new.bin());
        self.fine[gone] = self.fine[gone].wrapping_sub(1);
        self.fine[new] = self.fine[new].wrapping_add(1);
        let (gone, new) = (gone >> 4, new >> 4);
        self.middle[gone] = self.middle[gone].wrapping_sub(1);
        self.middle[new] = self.middle[new].wrapping_add(1);
        let (gone, new) = (gone >> 4, new >> 4);
        self.coarse[gone] = self.coarse[gone].wrapping_sub(1);
        self.coarse[new] = self.coarse[new].wrapping_add(1);
        self.below = self.below - u32::from(gone < self.pivot) + u32::from(new < self.pivot);
    }

    #[inline(always)]
    fn add(&mut self, value: S) {
        let bin = value.bin();
        self.fine[bin] += 1;
        self.middle[bin >> 4] += 1;
        self.coarse[bin >> 8] += 1;
        self.below += u32::from(bin >> 8 < self.pivot);
    }

    /// The value of rank `rank` (from 0).
    #[inline(always)]
    fn median(&mut self, rank: u32) -> S {
        // Medians of neighbours are close: walk from the last one's coarse bin.
        while self.below > rank {
            self.pivot -= 1;
            self.below -= self.coarse[self.pivot] as u32;
        }
        while self.below + self.coarse[self.pivot] as u32 <= rank {
            self.below += self.coarse[self.pivot] as u32;
            self.pivot += 1;
        }
        let rest = rank - self.below;
        let (middle, rest) = find_bin(&self.middle[self.pivot * 16..][..16], rest);
        let base = (self.pivot * 16 + middle) * 16;
        let (fine, _) = find_bin(&self.fine[base..base + 16], rest);
        S::from_bin(base + fine)
    }
}

/// The bin of `bins` holding the value of rank `rank` (from 0), and that
/// value's rank among the bin's values.
#[inline(always)]
fn find_bin(bins: &[u16], mut rank: u32) -> (usize, u32) {
    for (b, &n) in bins.iter().enumerate() {
        if rank < n as u32 {
            return (b, rank);
        }
        rank -= n as u32;
    }
    unreachable!("a rank beyond the window")
}

/// The medians of rows `task.rows` in one channel: rows alternately left to
/// right and right to left, the window moving down a row at each end.
#[inline(always)]
fn zigzag<S: Bins>(
    src: Source<S>,
    out: &mut [S],
    task: &Task,
    channel: usize,
    window: &mut Window<S>,
) {
    let (width, cn) = (src.width, src.channels);
    let radius = task.radius();
    let rank = task.rank() as u32;
    let row_len = src.row_len();
    let at = |x: isize| clamp(x, width) * cn + channel;

    let y0 = task.rows.start as isize;
    for dy in -radius..=radius {
        let row = src.row(y0 + dy);
        for dx in -radius..=radius {
            window.add(row[at(dx)]);
        }
    }
    let mut x = 0isize;
    let mut rows = [&src.data[..0]; super::MAX_MEDIAN_KSIZE as usize];
    for (i, out) in out.chunks_exact_mut(row_len).enumerate() {
        let y = y0 + i as isize;
        if i > 0
            && let Some((gone, new)) = src.rows_moving_down(y, radius)
        {
            for dx in -radius..=radius {
                window.swap(gone[at(x + dx)], new[at(x + dx)]);
            }
        }
        let rows = &mut rows[..task.side];
        for (dy, row) in rows.iter_mut().enumerate() {
            *row = src.row(y + dy as isize - radius);
        }
        let step = if i % 2 == 0 { 1 } else { -1 };
        for n in 0..width {
            if n > 0 {
                // Moving right, column x - radius leaves and x + radius + 1 enters; left, the mirror.
                let (gone, new) = if step > 0 {
                    (x - radius, x + radius + 1)
                } else {
                    (x + radius, x - radius - 1)
                };
                if clamp(gone, width) != clamp(new, width) {
                    let (gone, new) = (at(gone), at(new));
                    for row in rows.iter() {
                        window.swap(row[gone], row[new]);
                    }
                }
                x += step;
            }
            out[at(x)] = window.median(rank);
        }
    }
}
