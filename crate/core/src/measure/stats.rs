//! `stats`: each channel's smallest and largest sample, mean and standard
//! deviation, as OpenCV's `minMaxLoc` and `meanStdDev` (population: divided
//! by n) give them per channel.
//!
//! Integer frames are summed exactly (in i128, from the count of each
//! value), so the mean and deviation are each rounded once, from exact sums. f32 frames are summed in f64,
//! row by row, the rows' sums then added in row order, so the result does not
//! depend on the number of threads; the deviation takes a second pass over
//! the frame, around the mean. NaN samples are left out of every figure
//! (OpenCV's `meanStdDev` would give NaN); a channel of NaN only gives NaN.

use std::ops::Range;

use super::counts::{band_count, count_keys};
use super::keys::Ranked;
use crate::strips::{MAX_STRIPS, run_jobs, strip_count};
use crate::{ImageRef, Workspace};

/// One channel's figures.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChannelStats {
    pub min: f64,
    pub max: f64,
    pub mean: f64,
    /// Population standard deviation: √(Σ(x − mean)² / n).
    pub std: f64,
}

impl ChannelStats {
    const NAN: Self = Self {
        min: f64::NAN,
        max: f64::NAN,
        mean: f64::NAN,
        std: f64::NAN,
    };
}

/// Sums of one channel over a band of rows, exact for integer samples.
#[derive(Clone, Copy, Debug)]
struct Sums {
    n: u64,
    min: Option<u32>,
    max: Option<u32>,
    sum: i128,
    squares: u128,
}

impl Sums {
    const EMPTY: Self = Self {
        n: 0,
        min: None,
        max: None,
        sum: 0,
        squares: 0,
    };

    fn add(&mut self, other: &Sums) {
        self.n += other.n;
        self.min = merge(self.min, other.min, u32::min);
        self.max = merge(self.max, other.max, u32::max);
        self.sum += other.sum;
        self.squares += other.squares;
    }
}

fn merge(a: Option<u32>, b: Option<u32>, pick: fn(u32, u32) -> u32) -> Option<u32> {
    match (a, b) {
        (Some(a), Some(b)) => Some(pick(a, b)),
        (a, b) => a.or(b),
    }
}

/// The bands of `rows` on `threads` threads: how many, and rows in each.
fn bands(rows: &Range<usize>, row_len: usize, threads: usize) -> (usize, usize) {
    let count = strip_count(threads, rows.len(), row_len);
    (count, rows.len().div_ceil(count))
}

/// Each channel's figures, on the workspace's threads.
pub(crate) fn stats<T: Ranked>(src: ImageRef<T>, workspace: &mut Workspace) -> Vec<ChannelStats> {
    let threads = workspace.threads();
    if T::LOW_BITS == 0 {
        return counted_sums(src, workspace)
            .iter()
            .map(exact_stats::<T>)
            .collect();
    }
    let sums = keys_and_sums(src, threads);
    float_stats(src, &sums, workspace)
}

/// Per channel of an integer frame: count, extremes and exact sums, from
/// the count of each value (one counting pass, then sums over the values).
fn counted_sums<T: Ranked>(src: ImageRef<T>, workspace: &mut Workspace) -> Vec<Sums> {
    let threads = workspace.threads();
    let table = src.spec().channels() * T::BUCKETS;
    let len = table * band_count(&src, threads);
    let scratch = workspace.carve(1, len * 4).take::<u32>(len);
    let (counts, extra) = scratch.split_at_mut(table);
    count_keys(src, counts, extra, threads);
    counts
        .chunks(T::BUCKETS)
        .map(|values| {
            let mut sums = Sums::EMPTY;
            for (key, &count) in values.iter().enumerate().filter(|(_, k)| **k > 0) {
                let (key, count) = (key as u32, count as u64);
                let v = T::from_key(key).to_i64() as i128;
                sums.n += count;
                sums.min.get_or_insert(key);
                sums.max = Some(key);
                sums.sum += v * count as i128;
                sums.squares += (v * v) as u128 * count as u128;
            }
            sums
        })
        .collect()
}

/// Per channel of an f32 frame: count and extreme keys.
fn keys_and_sums<T: Ranked>(src: ImageRef<T>, threads: usize) -> Vec<Sums> {
    let (spec, rows) = (src.spec(), src.rows());
    let channels = spec.channels();
    let (count, per_band) = bands(&rows, spec.row_len(), threads);
    let mut parts = [[Sums::EMPTY; 4]; MAX_STRIPS];
    let jobs = parts[..count].iter_mut().enumerate().map(|(i, part)| {
        let start = (rows.start + i * per_band).min(rows.end);
        (start..(start + per_band).min(rows.end), part)
    });
    run_jobs(jobs, &|(band, part): (Range<usize>, &mut [Sums; 4])| {
        for y in band {
            for pixel in src.row(y).chunks_exact(channels) {
                for (sums, &x) in part.iter_mut().zip(pixel) {
                    let Some(key) = x.key() else { continue };
                    sums.n += 1;
                    sums.min = Some(sums.min.map_or(key, |m| m.min(key)));
                    sums.max = Some(sums.max.map_or(key, |m| m.max(key)));
                }
            }
        }
    });
    let mut total = [Sums::EMPTY; 4];
    for part in &parts[..count] {
        for (total, sums) in total.iter_mut().zip(part) {
            total.add(sums);
        }
    }
    total[..channels].to_vec()
}

/// Figures of an integer channel from its exact sums.
fn exact_stats<T: Ranked>(sums: &Sums) -> ChannelStats {
    let (Some(min), Some(max)) = (sums.min, sums.max) else {
        return ChannelStats::NAN;
    };
    let n = sums.n as i128;
    // n²·variance = n·Σx² − (Σx)², exact in integers.
    let spread = n as u128 * sums.squares - (sums.sum * sums.sum) as u128;
    ChannelStats {
        min: T::from_key(min).to_f64(),
        max: T::from_key(max).to_f64(),
        mean: sums.sum as f64 / n as f64,
        std: (spread as f64 / (n as f64 * n as f64)).sqrt(),
    }
}

/// Figures of f32 channels: sums of rows in f64, added in row order.
fn float_stats<T: Ranked>(
    src: ImageRef<T>,
    sums: &[Sums],
    workspace: &mut Workspace,
) -> Vec<ChannelStats> {
    let (spec, rows) = (src.spec(), src.rows());
    let channels = spec.channels();
    let threads = workspace.threads();
    let (_, per_band) = bands(&rows, spec.row_len(), threads);
    let row_sums = workspace
        .carve(1, rows.len() * channels * 8)
        .take::<f64>(rows.len() * channels);
    // Each row's sum of `term(c, x)` over its non-NaN samples, then the
    // rows' sums added in row order.
    let mut totals = |term: &(dyn Fn(usize, f64) -> f64 + Sync)| -> [f64; 4] {
        let jobs = row_sums
            .chunks_mut(per_band * channels)
            .enumerate()
            .map(|(i, part)| (rows.start + i * per_band, part));
        run_jobs(jobs, &|(first, part): (usize, &mut [f64])| {
            for (y, row_sum) in (first..).zip(part.chunks_exact_mut(channels)) {
                row_sum.fill(0.0);
                for pixel in src.row(y).chunks_exact(channels) {
                    for (c, (acc, &x)) in row_sum.iter_mut().zip(pixel).enumerate() {
                        let x = x.to_f64();
                        if !x.is_nan() {
                            *acc += term(c, x);
                        }
                    }
                }
            }
        });
        let mut totals = [0.0; 4];
        for row_sum in row_sums.chunks_exact(channels) {
            for (total, &s) in totals.iter_mut().zip(row_sum) {
                *total += s;
            }
        }
        totals
    };
    let n: Vec<f64> = sums.iter().map(|s| s.n as f64).collect();
    let sum = totals(&|_, x| x);
    let mut mean = [0.0; 4];
    for c in 0..channels {
        mean[c] = sum[c] / n[c];
    }
    let squares = totals(&|c, x| (x - mean[c]) * (x - mean[c]));
    (0..channels)
        .map(|c| match (sums[c].min, sums[c].max) {
            (Some(min), Some(max)) => ChannelStats {
                min: T::from_key(min).to_f64(),
                max: T::from_key(max).to_f64(),
                mean: mean[c],
                std: (squares[c] / n[c]).sqrt(),
            },
            _ => ChannelStats::NAN,
        })
        .collect()
}
