//! What a strip reads beyond the frame's edges: whole source rows above and
//! below it, and the columns left and right of each row.

use crate::kernels::Border;
use crate::{ImageRef, Pixel};

/// The source index that stands for the constant border's row or column.
pub(super) const PADDED: usize = usize::MAX;

/// The rows of one call's source, borders resolved against the frame's edges.
#[derive(Clone, Copy)]
pub(super) struct Rows<'a, T: Pixel> {
    pub src: ImageRef<'a, T>,
    pub border: Border,
    /// A row of the constant border's pixel.
    pub padded: &'a [T],
}

impl<'a, T: Pixel> Rows<'a, T> {
    /// The source row that frame row `p` reads (`PADDED` for the constant).
    #[inline(always)]
    pub fn index(&self, p: isize) -> usize {
        let height = self.src.spec().height();
        self.border.source_index(p, height).unwrap_or(PADDED)
    }

    /// Source row `sy` (`PADDED`: the constant's row).
    #[inline(always)]
    pub fn of(&self, sy: usize) -> &'a [T] {
        match sy {
            PADDED => self.padded,
            sy => self.src.row(sy),
        }
    }

    /// Frame row `p`, which may lie outside the frame.
    #[inline(always)]
    pub fn at(&self, p: isize) -> &'a [T] {
        self.of(self.index(p))
    }
}

/// The column each of the `kx - 1` border pixels of a row reads (`PADDED`
/// for the constant), left ones first: resolved once per strip, since a
/// reflection of a window wider than the frame takes many steps.
pub(super) fn outside_columns(outside: &mut [usize], border: Border, width: usize, kx: usize) {
    let radius = (kx / 2) as isize;
    let columns = (-radius..0).chain(width as isize..(width + kx - 1) as isize - radius);
    for (source, p) in outside.iter_mut().zip(columns) {
        *source = border.source_index(p, width).unwrap_or(PADDED);
    }
}

/// Fills the border pixels of `extended` (a row of sums with `kx / 2`
/// pixels on its left and the rest of `kx - 1` on its right) from its own
/// pixels, or from `constant` where `outside` says `PADDED`.
#[inline(always)]
pub(super) fn fill_outside<C: Copy>(
    extended: &mut [C],
    outside: &[usize],
    channels: usize,
    left: usize,
    constant: C,
) {
    let width = extended.len() / channels - outside.len();
    for (k, &source) in outside.iter().enumerate() {
        let at = if k < left { k } else { width + k } * channels;
        if source == PADDED {
            extended[at..at + channels].fill(constant);
        } else {
            let from = (left + source) * channels;
            extended.copy_within(from..from + channels, at);
        }
    }
}
