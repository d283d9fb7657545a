//! `flip`: mirror a frame about its vertical axis, its horizontal axis, or both.

use super::check_output_spec;
use super::pixel_bytes::{dst_row, pixel_size, src_row, with_pixel_bytes};
use crate::names::parse_name;
use crate::{ImageMut, ImageRef, Pixel, Result};

/// Which way [`flip`] mirrors, as OpenCV's `flipCode`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FlipDirection {
    /// Left ↔ right, `flipCode` 1: each row reversed. Rows stay in place,
    /// so this one streams row by row in a pipeline.
    #[default]
    Horizontal,
    /// Top ↔ bottom, `flipCode` 0: the rows in reverse order.
    Vertical,
    /// Both, `flipCode` −1: a half turn.
    Both,
}

impl FlipDirection {
    pub const ALL: [FlipDirection; 3] = [
        FlipDirection::Horizontal,
        FlipDirection::Vertical,
        FlipDirection::Both,
    ];

    pub const fn name(&self) -> &'static str {
        match self {
            FlipDirection::Horizontal => "horizontal",
            FlipDirection::Vertical => "vertical",
            FlipDirection::Both => "both",
        }
    }

    pub fn parse(name: &str) -> Result<Self> {
        parse_name("direction", name, Self::ALL, FlipDirection::name)
    }

    fn reverses_each_row(self) -> bool {
        self != FlipDirection::Vertical
    }

    fn reverses_row_order(self) -> bool {
        self != FlipDirection::Horizontal
    }
}

/// Parameters of [`flip`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FlipParams {
    pub direction: FlipDirection,
}

impl FlipParams {
    /// Whether each output row is made from the source row at the same
    /// place only (a horizontal flip), so the step streams.
    pub fn is_row_local(&self) -> bool {
        !self.direction.reverses_row_order()
    }
}

/// Mirrors `src` into `dst`, a frame of the same spec, as OpenCV's `flip`.
/// A horizontal flip writes the rows `dst` holds (a window in a streamed
/// pass); the others write a whole frame.
pub fn flip<T: Pixel>(src: ImageRef<T>, mut dst: ImageMut<T>, params: &FlipParams) -> Result<()> {
    let spec = src.spec();
    check_output_spec(spec, dst.spec())?;
    let height = spec.height();
    let direction = params.direction;
    with_pixel_bytes!(pixel_size::<T>(spec.channels()), P => {
        for y in dst.rows() {
            let from = if direction.reverses_row_order() { height - 1 - y } else { y };
            let src_row = src_row::<T, P>(&src, from);
            let dst_row = dst_row::<T, P>(&mut dst, y);
            if direction.reverses_each_row() {
                reverse_into(src_row, dst_row);
            } else {
                dst_row.copy_from_slice(src_row);
            }
        }
    });
    Ok(())
}

/// `dst[i] = src[len − 1 − i]`.
#[inline(always)]
pub(super) fn reverse_into<P: Copy>(src: &[P], dst: &mut [P]) {
    for (d, s) in dst.iter_mut().zip(src.iter().rev()) {
        *d = *s;
    }
}
