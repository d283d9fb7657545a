//! Measurements of a frame: figures, not frames. Each channel's statistics
//! (`stats`), histogram (`histogram`) and percentiles (`percentiles`), and
//! the whole-frame step that clips a frame by its own percentiles.
//!
//! Every measurement counts or sums bands of rows on the workspace's
//! threads and merges them so that results do not depend on the number of
//! threads; NaN samples of f32 frames are left out of every measurement.

mod clip_percentiles;
mod counts;
mod histogram;
mod keys;
mod percentiles;
mod stats;

pub use clip_percentiles::PercentileClipParams;
pub(crate) use clip_percentiles::clip_percentiles;
pub use histogram::{Bins, Histogram, HistogramParams, MAX_HISTOGRAM_BINS};
pub use percentiles::check_percentiles;
pub use stats::ChannelStats;

use crate::{AnyImageRef, Result, Workspace};

/// Runs `$body` with `$src` bound to the typed view its pixel type names.
macro_rules! with_ref {
    ($src:expr, |$s:ident| $body:expr) => {
        match $src {
            AnyImageRef::U8($s) => $body,
            AnyImageRef::U16($s) => $body,
            AnyImageRef::I16($s) => $body,
            AnyImageRef::F32($s) => $body,
        }
    };
}

/// Each channel's smallest and largest sample, mean and population standard
/// deviation (OpenCV's `minMaxLoc` and `meanStdDev`, per channel).
pub fn stats(src: AnyImageRef<'_>, workspace: &mut Workspace) -> Vec<ChannelStats> {
    with_ref!(src, |s| stats::stats(s, workspace))
}

/// Each channel's counts in the bins of `params` (OpenCV's `calcHist` with
/// uniform ranges).
pub fn histogram(
    src: AnyImageRef<'_>,
    params: &HistogramParams,
    workspace: &mut Workspace,
) -> Result<Histogram> {
    with_ref!(src, |s| histogram::histogram(s, params, workspace))
}

/// Each channel's value at each of `percentiles` (NumPy's default,
/// `linear`), channel by channel: `[c·percentiles.len() + i]`.
pub fn percentiles(
    src: AnyImageRef<'_>,
    percentiles: &[f64],
    workspace: &mut Workspace,
) -> Result<Vec<f64>> {
    with_ref!(src, |s| percentiles::percentiles(s, percentiles, workspace))
}

#[cfg(test)]
mod tests;
