//! `clip({ percentiles })`: clamp each channel between two of its own
//! percentiles, measured on the frame the step reads.

use std::ops::Range;

use super::counts::check_countable;
use super::keys::Ranked;
use super::percentiles::{check_percentiles, percentiles_into, scratch_len};
use crate::strips::{run_jobs, strip_count};
use crate::{Error, ImageMut, ImageRef, Result, Workspace};

/// The percentiles (in [0, 100], `low` ≤ `high`) whose values bound each
/// channel, as [`percentiles`](super::percentiles_any) measures them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PercentileClipParams {
    pub low: f64,
    pub high: f64,
}

impl PercentileClipParams {
    /// The bounds of `[low, high]`, or why a list cannot be them.
    pub fn from_list(percentiles: &[f64]) -> Result<Self> {
        match *percentiles {
            [low, high] => Ok(Self { low, high }),
            _ => Err(Error::param(
                "percentiles",
                "two percentiles, [low, high]",
                format!("{} numbers", percentiles.len()),
            )),
        }
    }

    pub fn validate(&self) -> Result<()> {
        check_percentiles(&[self.low, self.high])?;
        if self.low > self.high {
            return Err(Error::param(
                "percentiles",
                format!("a low percentile at most the high one ({})", self.high),
                self.low,
            ));
        }
        Ok(())
    }
}

/// Clamps each channel of `src` into `dst` between the values at its
/// `low` and `high` percentiles: the same bytes as `percentiles` then
/// `clip` with those values as `min` and `max`, channel by channel. A
/// channel of NaN only is copied as it is.
pub(crate) fn clip_percentiles<T: Ranked>(
    src: ImageRef<T>,
    mut dst: ImageMut<T>,
    params: &PercentileClipParams,
    workspace: &mut Workspace,
) -> Result<()> {
    params.validate()?;
    let spec = src.spec();
    check_countable(src.spec())?;
    if !spec.same_shape(&dst.spec()) {
        return Err(Error::Shape {
            role: "output",
            expected: spec,
            given: dst.spec(),
        });
    }
    let channels = spec.channels();
    let threads = workspace.threads();
    let len = scratch_len(&src, threads);
    let scratch = workspace.carve(1, len * 4).take::<u32>(len);
    let mut values = [0.0f64; 8];
    let values = &mut values[..2 * channels];
    percentiles_into(src, &[params.low, params.high], values, scratch, threads);
    let mut bounds = [(T::MIN, T::MAX); 4];
    for (bound, pair) in bounds.iter_mut().zip(values.chunks(2)) {
        if !pair[0].is_nan() {
            *bound = (T::saturate_f64(pair[0]), T::saturate_f64(pair[1]));
        }
    }
    let rows = src.rows();
    let row_len = spec.row_len();
    let bands = strip_count(threads, rows.len(), row_len);
    let per_band = rows.len().div_ceil(bands);
    let jobs = dst
        .data_mut()
        .chunks_mut(per_band * row_len)
        .enumerate()
        .map(|(i, out)| (rows.start + i * per_band..rows.end, out));
    run_jobs(jobs, &|(band, out): (Range<usize>, &mut [T])| {
        for (y, out_row) in band.zip(out.chunks_exact_mut(row_len)) {
            let in_pixels = src.row(y).chunks_exact(channels);
            for (pixel, out_pixel) in in_pixels.zip(out_row.chunks_exact_mut(channels)) {
                for ((&x, out), &(lo, hi)) in pixel.iter().zip(out_pixel).zip(&bounds) {
                    // As `clip`: NaN stays NaN.
                    *out = if x < lo {
                        lo
                    } else if x > hi {
                        hi
                    } else {
                        x
                    };
                }
            }
        }
    });
    Ok(())
}
