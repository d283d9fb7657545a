//! `INTER_NEAREST` and `INTER_NEAREST_EXACT`: each output pixel copies one
//! source pixel, found through a column map made once per call.

use crate::simd::dispatch;
use crate::{ImageMut, ImageRef, Pixel, Workspace};

/// The source index OpenCV's `resizeNN` reads for output index `i`:
/// `min(floor(i · (1 / (dst / src))), src − 1)`, in f64 as OpenCV computes it.
pub(super) fn nearest_index(i: usize, src_len: usize, dst_len: usize) -> usize {
    let step = 1.0 / (dst_len as f64 / src_len as f64);
    ((i as f64 * step).floor() as usize).min(src_len - 1)
}

/// The source index of OpenCV's `resizeNN_bitexact` for output index `i`:
/// pixel centres compared in 16-bit fixed point, as Pillow and scikit-image do.
pub(super) fn nearest_exact_index(i: usize, src_len: usize, dst_len: usize) -> usize {
    let (src_len, dst_len) = (src_len as i64, dst_len as i64);
    let step = ((src_len << 16) + dst_len / 2) / dst_len;
    let start = step / 2 - src_len % 2;
    // OpenCV's int arithmetic for sides below 2¹⁵; clamped, where OpenCV
    // would read before the row for enlargements beyond 65536 times.
    ((step * i as i64 + start) >> 16).clamp(0, src_len - 1) as usize
}

/// Writes every row of `dst` from the source pixels the map picks.
pub(super) fn nearest<T: Pixel>(
    src: ImageRef<T>,
    dst: ImageMut<T>,
    exact: bool,
    workspace: &mut Workspace,
) {
    let (s, d) = (src.spec(), dst.spec());
    let index = if exact {
        nearest_exact_index
    } else {
        nearest_index
    };
    let cn = s.channels();
    let (mut carver, strips) = workspace.split(1, d.width() * size_of::<usize>());
    // Sample offsets of each output pixel's source pixel in a source row.
    let columns = carver.take::<usize>(d.width());
    for (x, column) in columns.iter_mut().enumerate() {
        *column = index(x, s.width(), d.width()) * cn;
    }
    let columns = &*columns;
    strips.run(dst, |mut strip, _| {
        let isa = strip.isa();
        for y in strip.rows() {
            let from = src.row(index(y, s.height(), d.height()));
            let to = strip.row_mut(y);
            match cn {
                1 => dispatch!(isa, gather::<T, 1>(from, to, columns)),
                2 => dispatch!(isa, gather::<T, 2>(from, to, columns)),
                3 => dispatch!(isa, gather::<T, 3>(from, to, columns)),
                _ => dispatch!(isa, gather::<T, 4>(from, to, columns)),
            }
        }
    });
}

/// `to[pixel x] = from[pixel at columns[x]]` for pixels of `N` samples.
#[inline(always)]
fn gather<T: Pixel, const N: usize>(from: &[T], to: &mut [T], columns: &[usize]) {
    for (pixel, &at) in to.chunks_exact_mut(N).zip(columns) {
        pixel.copy_from_slice(&from[at..at + N]);
    }
}
