//! What a frame is: its spec, and borrowed views over its pixels.

mod alias;
mod any;
mod spec;
mod view;

pub use alias::check_disjoint;
pub use any::{AnyImageMut, AnyImageRef};
pub(crate) use any::{type_mismatch, with_any_types, with_same_type};
pub(crate) use spec::MAX_CHANNELS;
pub use spec::{DEFAULT_PIXEL_LIMIT, ImageSpec};
pub use view::{ImageMut, ImageRef};
pub(crate) use view::{check_byte_len, check_strided_byte_len};
