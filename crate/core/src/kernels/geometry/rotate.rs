//! `rotate`: a quarter, half or three-quarter turn clockwise.

use super::flip::{FlipDirection, FlipParams, flip};
use super::transpose::quarter_turn;
use crate::{Error, ImageMut, ImageRef, ImageSpec, Pixel, Result};

/// Parameters of [`rotate`]: the clockwise angle in degrees, 90, 180 or 270.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RotateParams {
    pub angle: u32,
}

impl Default for RotateParams {
    fn default() -> Self {
        Self { angle: 90 }
    }
}

impl RotateParams {
    pub fn validate(&self) -> Result<()> {
        if !matches!(self.angle, 90 | 180 | 270) {
            return Err(Error::param("angle", "90, 180 or 270", self.angle));
        }
        Ok(())
    }

    /// The frame a rotation of `src` makes: sides swapped by a quarter turn.
    pub fn output_spec(&self, src: ImageSpec) -> Result<ImageSpec> {
        self.validate()?;
        Ok(match self.angle {
            180 => src,
            _ => super::transpose::turned_spec(src),
        })
    }
}

/// Turns `src` clockwise by `params.angle` into `dst`, as OpenCV's `rotate`
/// with `ROTATE_90_CLOCKWISE` (90), `ROTATE_180` (180) and
/// `ROTATE_90_COUNTERCLOCKWISE` (270).
pub fn rotate<T: Pixel>(src: ImageRef<T>, dst: ImageMut<T>, params: &RotateParams) -> Result<()> {
    params.validate()?;
    match params.angle {
        // dst[i][j] = src[h − 1 − j][i]
        90 => quarter_turn(src, dst, true, false),
        180 => flip(
            src,
            dst,
            &FlipParams {
                direction: FlipDirection::Both,
            },
        ),
        // dst[i][j] = src[j][w − 1 − i]
        _ => quarter_turn(src, dst, false, true),
    }
}
