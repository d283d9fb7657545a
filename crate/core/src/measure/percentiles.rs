//! `percentiles`: per channel, the samples' value at each percentile,
//! exactly as NumPy's default (`method='linear'`) computes it on the
//! samples as f64, NaN samples left out (as `np.nanpercentile`).

use super::counts::{band_count, check_countable, count_keys, count_low_keys};
use super::keys::Ranked;
use crate::{Error, ImageRef, Result, Workspace};

/// Refuses a percentile outside [0, 100] (NaN included).
pub fn check_percentiles(percentiles: &[f64]) -> Result<()> {
    for &p in percentiles {
        if !(0.0..=100.0).contains(&p) {
            return Err(Error::param("percentiles", "numbers in [0, 100]", p));
        }
    }
    Ok(())
}

/// Count tables [`percentiles_into`] needs for `src` on `threads` threads, in u32s.
pub(crate) fn scratch_len<T: Ranked>(src: &ImageRef<T>, threads: usize) -> usize {
    let table = src.spec().channels() * T::BUCKETS;
    let low = if T::LOW_BITS > 0 { 1 << T::LOW_BITS } else { 0 };
    table + low + (band_count(src, threads) - 1) * table.max(low)
}

/// Each channel's value at each of `percentiles` into `out`, channel by
/// channel (`out[c·percentiles.len() + i]`), with count tables in `scratch`
/// ([`scratch_len`] u32s). A channel with no sample but NaN gives NaN.
///
/// The rule is NumPy's `linear`: over the channel's n samples sorted,
/// h = (n − 1)·p/100; below the last sample, the values at ranks ⌊h⌋ and
/// ⌊h⌋ + 1 are interpolated by t = h − ⌊h⌋ as `a + (b − a)·t`, or
/// `b − (b − a)·(1 − t)` when t ≥ 0.5, in f64.
pub(crate) fn percentiles_into<T: Ranked>(
    src: ImageRef<T>,
    percentiles: &[f64],
    out: &mut [f64],
    scratch: &mut [u32],
    threads: usize,
) {
    let channels = src.spec().channels();
    let (counts, rest) = scratch.split_at_mut(channels * T::BUCKETS);
    let low = if T::LOW_BITS > 0 { 1 << T::LOW_BITS } else { 0 };
    let (lows, extra) = rest.split_at_mut(low);
    count_keys(src, counts, extra, threads);
    // The first-level bucket whose low counts `lows` holds, if any.
    let mut counted: Option<(usize, usize)> = None;
    for (c, table) in counts.chunks(T::BUCKETS).enumerate() {
        let n: u64 = table.iter().map(|&k| k as u64).sum();
        // The sample at `rank` (0-based) in sorted order.
        let mut at = |rank: u64| -> f64 {
            let (bucket, within) = find_rank(table, rank);
            if T::LOW_BITS == 0 {
                return T::from_key(bucket as u32).to_f64();
            }
            if counted != Some((c, bucket)) {
                count_low_keys(src, c, bucket as u32, lows, extra, threads);
                counted = Some((c, bucket));
            }
            let (low, _) = find_rank(lows, within);
            T::from_key(((bucket as u32) << T::LOW_BITS) | low as u32).to_f64()
        };
        for (i, &p) in percentiles.iter().enumerate() {
            out[c * percentiles.len() + i] = if n == 0 {
                f64::NAN
            } else {
                let last = (n - 1) as f64;
                let h = last * (p / 100.0);
                if h >= last {
                    at(n - 1)
                } else {
                    let below = h.floor();
                    let t = h - below;
                    let (a, b) = (at(below as u64), at(below as u64 + 1));
                    let diff = b - a;
                    if t >= 0.5 {
                        b - diff * (1.0 - t)
                    } else {
                        a + diff * t
                    }
                }
            };
        }
    }
}

/// The entry of `counts` holding the sample at `rank` in their order, and
/// that sample's rank among the entry's; `rank` is below the counts' sum.
fn find_rank(counts: &[u32], rank: u64) -> (usize, u64) {
    let mut before = 0u64;
    for (i, &k) in counts.iter().enumerate() {
        if rank < before + k as u64 {
            return (i, rank - before);
        }
        before += k as u64;
    }
    unreachable!("rank {rank} of {before} samples")
}

/// [`percentiles_into`] with its tables carved from `workspace`: each
/// channel's values, channel by channel.
pub(crate) fn percentiles<T: Ranked>(
    src: ImageRef<T>,
    percentiles: &[f64],
    workspace: &mut Workspace,
) -> Result<Vec<f64>> {
    check_percentiles(percentiles)?;
    check_countable(src.spec())?;
    let threads = workspace.threads();
    let len = scratch_len(&src, threads);
    let scratch = workspace.carve(1, len * 4).take::<u32>(len);
    let mut out = vec![0.0; src.spec().channels() * percentiles.len()];
    percentiles_into(src, percentiles, &mut out, scratch, threads);
    Ok(out)
}
