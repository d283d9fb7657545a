//! `histogram`: each channel's samples counted into uniform bins, by
//! OpenCV's `calcHist` rule for uniform ranges.

use super::counts::{band_count, check_countable, count_keys, tally};
use super::keys::Ranked;
use crate::{Error, ImageRef, PixelType, Result, Workspace};

/// The most bins [`histogram`] counts into per channel.
pub const MAX_HISTOGRAM_BINS: u32 = 1 << 24;

/// Bins of [`histogram`]: `bins` uniform bins over `[min, max)`. Absent
/// values take the pixel type's: for integer types one bin per value over
/// the type's range (u8: 256 bins over [0, 256), u16: 65,536 over
/// [0, 65536), i16: 65,536 over [−32768, 32768)); for f32 256 bins over
/// [0, 1). With `min` and `max` given on an integer type, `bins` defaults
/// to ⌈max − min⌉, one bin per value for whole bounds.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct HistogramParams {
    pub bins: Option<u32>,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

/// The bins resolved for a pixel type.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bins {
    pub bins: u32,
    pub min: f64,
    pub max: f64,
}

/// Refuses NaN and infinities for a bound.
fn check_finite(name: &'static str, value: f64) -> Result<()> {
    if !value.is_finite() {
        return Err(Error::param(name, "a finite number", value));
    }
    Ok(())
}

/// Bins of an f32 frame when none are given.
const F32_DEFAULT_BINS: u32 = 256;

impl HistogramParams {
    /// The bins for a frame of `pixel_type`, or why these cannot be.
    pub fn resolve(&self, pixel_type: PixelType) -> Result<Bins> {
        let integer = pixel_type != PixelType::F32;
        let (type_min, type_max) = if integer {
            (pixel_type.nominal_min(), pixel_type.nominal_max() + 1.0)
        } else {
            (0.0, 1.0)
        };
        let min = self.min.unwrap_or(type_min);
        let max = self.max.unwrap_or(type_max);
        check_finite("min", min)?;
        check_finite("max", max)?;
        // OpenCV takes ranges as f32.
        let (min, max) = (min as f32 as f64, max as f32 as f64);
        if min >= max {
            return Err(Error::param("max", format!("above min ({min})"), max));
        }
        let bins = match self.bins {
            Some(bins) => bins,
            None if integer => (max - min).ceil().min(MAX_HISTOGRAM_BINS as f64) as u32,
            None => F32_DEFAULT_BINS,
        };
        if !(1..=MAX_HISTOGRAM_BINS).contains(&bins) {
            return Err(Error::param(
                "bins",
                format!("an integer in [1, {MAX_HISTOGRAM_BINS}]"),
                bins,
            ));
        }
        Ok(Bins { bins, min, max })
    }
}

impl Bins {
    /// The bin of `x`, `None` outside `[min, max)` or NaN: ⌊x·a + b⌋ with
    /// a = bins / (max − min) and b = −min·a in f64, clamped to the bins,
    /// as OpenCV's `calcHist` computes it.
    pub fn rule(&self) -> impl Fn(f64) -> Option<usize> + Sync + Copy {
        let a = self.bins as f64 / (self.max - self.min);
        let b = -self.min * a;
        let (min, max, last) = (self.min, self.max, self.bins as f64 - 1.0);
        move |x: f64| {
            if x >= min && x < max {
                Some((x * a + b).floor().clamp(0.0, last) as usize)
            } else {
                None
            }
        }
    }
}

/// Each channel's counts, channel by channel: channel `c`'s bin `i` is
/// `counts[c·bins + i]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Histogram {
    pub bins: usize,
    pub counts: Vec<u32>,
}

/// Counts each channel's samples into the bins of `params`, on the
/// workspace's threads. NaN samples are not counted (OpenCV counts them in
/// the first bin).
pub(crate) fn histogram<T: Ranked>(
    src: ImageRef<T>,
    params: &HistogramParams,
    workspace: &mut Workspace,
) -> Result<Histogram> {
    let bins = params.resolve(T::TYPE)?;
    check_countable(src.spec())?;
    let rule = bins.rule();
    let channels = src.spec().channels();
    let width = bins.bins as usize;
    let mut counts = vec![0u32; channels * width];
    let threads = workspace.threads();
    let extra_tables = band_count(&src, threads) - 1;
    if T::LOW_BITS == 0 {
        // Integer types: count each value once, then put each value's
        // count in its bin, as counting sample by sample would.
        let table = channels * T::BUCKETS;
        let len = table * (1 + extra_tables);
        let scratch = workspace.carve(1, len * 4).take::<u32>(len);
        let (values, extra) = scratch.split_at_mut(table);
        count_keys(src, values, extra, threads);
        for (c, values) in values.chunks(T::BUCKETS).enumerate() {
            for (key, &count) in values.iter().enumerate() {
                if let Some(bin) = rule(T::from_key(key as u32).to_f64()) {
                    counts[c * width + bin] += count;
                }
            }
        }
    } else {
        let len = counts.len() * extra_tables;
        let extra = workspace.carve(1, len * 4).take::<u32>(len);
        tally(src, &mut counts, extra, threads, |c, x| {
            rule(x.to_f64()).map(|bin| c * width + bin)
        });
    }
    Ok(Histogram {
        bins: width,
        counts,
    })
}
