//! Geometry: frames whose pixels are moved, never changed — flips, quarter
//! turns, transposition, crops — or framed by a border (`pad`).
//!
//! These kernels copy whole pixels and never look inside one, so each is
//! written once over pixels as byte arrays ([`pixel_bytes`]) and serves every
//! pixel type and channel count.

mod crop;
mod flip;
mod pad;
mod pixel_bytes;
mod rotate;
#[cfg(test)]
mod tests;
mod transpose;

pub use crop::{CropParams, crop};
pub use flip::{FlipDirection, FlipParams, flip};
pub use pad::{PadParams, pad};
pub use rotate::{RotateParams, rotate};
pub use transpose::transpose;
pub(crate) use transpose::turned_spec;

use crate::{Error, ImageSpec, Result};

/// Refuses a destination whose spec is not `expected`, the frame the step writes.
fn check_output_spec(expected: ImageSpec, given: ImageSpec) -> Result<()> {
    if expected != given {
        return Err(Error::Shape {
            role: "output",
            expected,
            given,
        });
    }
    Ok(())
}
