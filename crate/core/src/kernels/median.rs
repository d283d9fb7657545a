//! `median_blur`: the median of each pixel's square neighbourhood, per channel.

use super::{Border, check_same_shape};
use crate::{Error, ImageMut, ImageRef, Pixel, Result, Workspace};

/// The largest window side accepted.
pub const MAX_MEDIAN_KSIZE: u32 = 255;

/// Parameters of [`median_blur`]: an odd window side ≥ 3.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MedianParams {
    pub ksize: u32,
}

impl Default for MedianParams {
    fn default() -> Self {
        Self { ksize: 3 }
    }
}

impl MedianParams {
    pub fn validate(&self) -> Result<()> {
        let ksize = self.ksize;
        if ksize.is_multiple_of(2) || !(3..=MAX_MEDIAN_KSIZE).contains(&ksize) {
            let expected = format!("an odd integer from 3 to {MAX_MEDIAN_KSIZE}");
            return Err(Error::param("ksize", expected, ksize));
        }
        Ok(())
    }
}

/// Median filter with replicated borders, as OpenCV's `medianBlur`. Exact for
/// every pixel type; f32 values are ordered by IEEE total order.
pub fn median_blur<T: Pixel>(
    src: ImageRef<T>,
    mut dst: ImageMut<T>,
    params: &MedianParams,
    workspace: &mut Workspace,
) -> Result<()> {
    params.validate()?;
    check_same_shape(src.spec(), dst.spec())?;
    let spec = src.spec();
    let (width, height, channels) = (spec.width(), spec.height(), spec.channels());
    let side = params.ksize as usize;
    let radius = (side / 2) as isize;
    let window = workspace
        .carve(1, side * side * size_of::<T>())
        .take::<T>(side * side);
    let clamp = |p: isize, len: usize| Border::Replicate.source_index(p, len).unwrap_or_default();

    for y in 0..height {
        let out = dst.row_mut(y);
        for x in 0..width {
            for ch in 0..channels {
                let mut n = 0;
                for dy in -radius..=radius {
                    let row = src.row(clamp(y as isize + dy, height));
                    for dx in -radius..=radius {
                        window[n] = row[clamp(x as isize + dx, width) * channels + ch];
                        n += 1;
                    }
                }
                let (_, median, _) = window.select_nth_unstable_by(n / 2, T::total_cmp);
                out[x * channels + ch] = *median;
            }
        }
    }
    Ok(())
}
