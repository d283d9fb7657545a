//! Counting samples into tables, split over the workspace's threads: each
//! band of rows counts into a table of its own, and the tables are added,
//! so the counts do not depend on the number of threads.

use super::keys::Ranked;
use crate::strips::{run_jobs, strip_count};
use std::ops::Range;

use crate::{ImageRef, ImageSpec, Result};

/// Refuses a frame with more pixels than a u32 count holds
/// (`ERR_PIXCHAIN_LIMIT`): a channel's samples are counted in u32s.
pub(crate) fn check_countable(spec: ImageSpec) -> Result<()> {
    spec.check_pixel_limit("input", u32::MAX as u64)
}

/// How many bands of rows [`tally`] splits `src` into on `threads` threads:
/// each band but the first needs a count table of its own in `extra`.
pub(crate) fn band_count<T: Ranked>(src: &ImageRef<T>, threads: usize) -> usize {
    strip_count(threads, src.rows().len(), src.spec().row_len())
}

/// Counts samples of `src` into `counts` (zeroed first): a sample of
/// channel `c` adds one at `bucket(c, sample)`, or nowhere for `None`.
/// Bands of rows past the first count into tables carved from `extra`
/// (as many as it holds whole, up to `band_count` − 1).
pub(crate) fn tally<T: Ranked>(
    src: ImageRef<T>,
    counts: &mut [u32],
    extra: &mut [u32],
    threads: usize,
    bucket: impl Fn(usize, T) -> Option<usize> + Sync,
) {
    let (rows, channels) = (src.rows(), src.spec().channels());
    let len = counts.len().max(1);
    let bands = band_count(&src, threads).min(extra.len() / len + 1);
    let rows_per_band = rows.len().div_ceil(bands);
    let extra = &mut extra[..(bands - 1) * len];
    let tables = std::iter::once(&mut *counts).chain(extra.chunks_mut(len));
    let jobs = tables.enumerate().map(|(i, table)| {
        let start = (rows.start + i * rows_per_band).min(rows.end);
        (start..(start + rows_per_band).min(rows.end), table)
    });
    run_jobs(jobs, &|(band, table): (Range<usize>, &mut [u32])| {
        table.fill(0);
        for y in band {
            if channels == 1 {
                // One channel: no pixel to split, a tighter loop.
                for &x in src.row(y) {
                    if let Some(at) = bucket(0, x) {
                        table[at] += 1;
                    }
                }
                continue;
            }
            for pixel in src.row(y).chunks_exact(channels) {
                for (c, &x) in pixel.iter().enumerate() {
                    if let Some(at) = bucket(c, x) {
                        table[at] += 1;
                    }
                }
            }
        }
    });
    for table in extra.chunks(len) {
        for (total, &count) in counts.iter_mut().zip(table) {
            *total += count;
        }
    }
}

/// Counts each channel's samples by the first level of their keys into
/// `counts`: channel `c`'s table is `counts[c·T::BUCKETS..][..T::BUCKETS]`.
/// NaN is not counted.
pub(crate) fn count_keys<T: Ranked>(
    src: ImageRef<T>,
    counts: &mut [u32],
    extra: &mut [u32],
    threads: usize,
) {
    debug_assert_eq!(counts.len(), src.spec().channels() * T::BUCKETS);
    tally(src, counts, extra, threads, |c, x| {
        x.key()
            .map(|key| c * T::BUCKETS + (key >> T::LOW_BITS) as usize)
    });
}

/// Counts channel `channel`'s samples whose key's first level is `high` by
/// the rest of their key, into `counts` (2^`T::LOW_BITS` entries).
pub(crate) fn count_low_keys<T: Ranked>(
    src: ImageRef<T>,
    channel: usize,
    high: u32,
    counts: &mut [u32],
    extra: &mut [u32],
    threads: usize,
) {
    let low_mask = (1u32 << T::LOW_BITS) - 1;
    tally(src, counts, extra, threads, |c, x| match x.key() {
        Some(key) if c == channel && key >> T::LOW_BITS == high => Some((key & low_mask) as usize),
        _ => None,
    });
}
