//! `pad`: a frame framed by a border, OpenCV's `copyMakeBorder`.

use super::check_output_spec;
use super::pixel_bytes::{dst_row, pixel_size, src_row, with_pixel_bytes};
use crate::kernels::Border;
use crate::{Error, ImageMut, ImageRef, ImageSpec, Pixel, Result};

/// Parameters of [`pad`]: pixels added on each side, and what they hold.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PadParams {
    pub top: u32,
    pub bottom: u32,
    pub left: u32,
    pub right: u32,
    pub border: Border,
}

impl PadParams {
    pub fn validate(&self) -> Result<()> {
        self.border.validate()
    }

    /// The padded frame: `left + width + right` by `top + height + bottom`.
    pub fn output_spec(&self, src: ImageSpec) -> Result<ImageSpec> {
        self.validate()?;
        let grow = |side: usize, a: u32, b: u32, field: &'static str| {
            side.checked_add(a as usize)
                .and_then(|n| n.checked_add(b as usize))
                .ok_or_else(|| Error::param(field, "a padded side that fits in memory", a))
        };
        let width = grow(src.width(), self.left, self.right, "left")?;
        let height = grow(src.height(), self.top, self.bottom, "top")?;
        ImageSpec::new(width, height, src.channels(), src.pixel_type())
    }
}

/// Copies `src` into the middle of `dst` and fills the border around it as
/// OpenCV's `copyMakeBorder` does: each pixel outside reads the pixel
/// `border` maps it to (reflecting as often as a wide border needs), or the
/// constant value saturated to the pixel type in every channel.
pub fn pad<T: Pixel>(src: ImageRef<T>, mut dst: ImageMut<T>, params: &PadParams) -> Result<()> {
    let spec = src.spec();
    check_output_spec(params.output_spec(spec)?, dst.spec())?;
    let (width, height) = (spec.width(), spec.height());
    let (top, left) = (params.top as usize, params.left as usize);
    let border = params.border;
    let fill = match border {
        Border::Constant(value) => T::saturate_f64(value),
        _ => T::default(),
    };
    let out_width = dst.spec().width();
    for y in dst.rows() {
        let row = dst.row_mut(y);
        let Some(from) = border.source_index(y as isize - top as isize, height) else {
            row.fill(fill);
            continue;
        };
        let channels = spec.channels();
        row[left * channels..(left + width) * channels].copy_from_slice(src.row(from));
        if matches!(border, Border::Constant(_)) {
            row[..left * channels].fill(fill);
            row[(left + width) * channels..].fill(fill);
            continue;
        }
        with_pixel_bytes!(pixel_size::<T>(channels), P => {
            let row = dst_row::<T, P>(&mut dst, y);
            let src = src_row::<T, P>(&src, from);
            for x in (0..left).chain(left + width..out_width) {
                let column = border
                    .source_index(x as isize - left as isize, width)
                    .expect("only a constant border leaves the frame");
                row[x] = src[column];
            }
        });
    }
    Ok(())
}
