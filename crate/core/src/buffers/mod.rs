//! Two frame-sized buffers that a chain of kernels ping-pongs between.

mod any_buffers;
mod frames;
mod image_buffers;

pub use any_buffers::AnyImageBuffers;
pub use frames::BufferStats;
pub use image_buffers::{ImageBuffers, Rejected};
