//! Pipelines: a list or graph of steps, planned once (shapes inferred,
//! every intermediate given a buffer slot that is recycled after its last
//! reader), then run per frame without allocating.

mod builder;
mod pipeline;
mod slots;
mod table;

pub use builder::{PipelineBuilder, Step};
pub use pipeline::{Pipeline, PipelineStats};
