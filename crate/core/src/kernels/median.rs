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
/// every pixel type; f32 values are ordered by IEEE total order. 3×3 windows
/// go through a sorting network, larger ones through a selection.
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
    let radius = side as isize / 2;
    let clamp = |p: isize, len: usize| Border::Replicate.source_index(p, len).unwrap_or_default();
    let mut carver = workspace.carve(
        2,
        side * side * size_of::<T>() + width * side * size_of::<usize>(),
    );
    let window = carver.take::<T>(side * side);
    // Where each window column starts in a row, per output pixel: borders resolved once per frame.
    let columns = carver.take::<usize>(width * side);
    for (x, offsets) in columns.chunks_exact_mut(side).enumerate() {
        for (dx, offset) in offsets.iter_mut().enumerate() {
            *offset = clamp(x as isize + dx as isize - radius, width) * channels;
        }
    }
    // The window's rows for the current output row, resolved once per row.
    let mut rows: [&[T]; MAX_MEDIAN_KSIZE as usize] = [&[]; MAX_MEDIAN_KSIZE as usize];

    for y in 0..height {
        for (dy, row) in rows[..side].iter_mut().enumerate() {
            *row = src.row(clamp(y as isize + dy as isize - radius, height));
        }
        let rows = &rows[..side];
        let out = dst.row_mut(y);
        // Interior samples of 3×3 windows: whole runs of pixels at a time.
        let interior = if side == 3 && width >= 3 {
            median_of_nine_interior([rows[0], rows[1], rows[2]], out, channels);
            1..width - 1
        } else {
            0..0
        };
        for (x, offsets) in columns.chunks_exact(side).enumerate() {
            if interior.contains(&x) {
                continue;
            }
            for ch in 0..channels {
                let mut n = 0;
                for row in rows {
                    for &offset in offsets {
                        window[n] = row[offset + ch];
                        n += 1;
                    }
                }
                out[x * channels + ch] = if side == 3 {
                    median_of_nine(window)
                } else {
                    *window.select_nth_unstable_by(n / 2, T::total_cmp).1
                };
            }
        }
    }
    Ok(())
}

/// Paeth's 19-exchange sorting network for the median of nine values (as in
/// Devillard's `opt_med9`): after it, position 4 holds the median.
#[rustfmt::skip]
const EXCHANGES: [(usize, usize); 19] = [
    (1, 2), (4, 5), (7, 8), (0, 1), (3, 4), (6, 7), (1, 2), (4, 5), (7, 8), (0, 3),
    (5, 8), (4, 7), (3, 6), (1, 4), (2, 5), (4, 7), (4, 2), (6, 4), (4, 2),
];

/// The median of nine values.
fn median_of_nine<T: Pixel>(p: &mut [T]) -> T {
    for (a, b) in EXCHANGES {
        (p[a], p[b]) = T::min_max(p[a], p[b]);
    }
    p[4]
}

/// Pixels per block of the interior 3×3 median: the network runs across a
/// block's samples at once, which the compiler turns into vector min/max.
const BLOCK: usize = 64;

/// The 3×3 median of every interior sample of a row (pixels 1..width-1),
/// `rows` being the rows above, at and below it.
fn median_of_nine_interior<T: Pixel>(rows: [&[T]; 3], out: &mut [T], channels: usize) {
    let (start, end) = (channels, out.len() - channels);
    let mut p = [[T::default(); BLOCK]; 9];
    let mut i = start;
    while i < end {
        let n = BLOCK.min(end - i);
        for (k, lane) in p.iter_mut().enumerate() {
            let row = rows[k / 3];
            let from = i + k % 3 * channels - channels;
            lane[..n].copy_from_slice(&row[from..from + n]);
        }
        for (a, b) in EXCHANGES {
            let (low, high) = if a < b {
                p.split_at_mut(b)
            } else {
                p.split_at_mut(a)
            };
            let (pa, pb) = if a < b {
                (&mut low[a], &mut high[0])
            } else {
                (&mut high[0], &mut low[b])
            };
            for (x, y) in pa.iter_mut().zip(pb.iter_mut()) {
                (*x, *y) = T::min_max(*x, *y);
            }
        }
        out[i..i + n].copy_from_slice(&p[4][..n]);
        i += n;
    }
}
