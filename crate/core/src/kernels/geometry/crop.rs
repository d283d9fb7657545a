//! `crop`: a rectangle of a frame, copied out.

use super::check_output_spec;
use crate::{Error, ImageMut, ImageRef, ImageSpec, Pixel, Result};

/// Parameters of [`crop`]: the rectangle's top-left corner and its size.
/// An absent side runs to the frame's edge.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CropParams {
    pub x: u32,
    pub y: u32,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

impl CropParams {
    /// The cropped frame, or why the rectangle does not fit in `src`.
    pub fn output_spec(&self, src: ImageSpec) -> Result<ImageSpec> {
        let side = |start: u32, size: Option<u32>, frame: usize, names: [&'static str; 2]| {
            let start = start as usize;
            if start >= frame {
                let expected = format!("less than the frame's {} ({frame})", names[1]);
                return Err(Error::param(names[0], expected, start));
            }
            let size = size.map_or(frame - start, |size| size as usize);
            if size == 0 || size > frame - start {
                let expected = format!(
                    "from 1 to {} ({} {frame} − {} {start})",
                    frame - start,
                    names[1],
                    names[0]
                );
                return Err(Error::param(names[1], expected, size));
            }
            Ok(size)
        };
        let width = side(self.x, self.width, src.width(), ["x", "width"])?;
        let height = side(self.y, self.height, src.height(), ["y", "height"])?;
        ImageSpec::new(width, height, src.channels(), src.pixel_type())
    }
}

/// Copies the rectangle `params` of `src` into `dst`, a frame of its size,
/// as OpenCV's `Mat::roi(…).copyTo`.
pub fn crop<T: Pixel>(src: ImageRef<T>, mut dst: ImageMut<T>, params: &CropParams) -> Result<()> {
    let spec = src.spec();
    check_output_spec(params.output_spec(spec)?, dst.spec())?;
    let channels = spec.channels();
    let start = params.x as usize * channels;
    let len = dst.spec().row_len();
    for y in dst.rows() {
        let from = &src.row(y + params.y as usize)[start..start + len];
        dst.row_mut(y).copy_from_slice(from);
    }
    Ok(())
}
