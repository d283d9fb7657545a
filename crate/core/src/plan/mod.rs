//! Pipelines: a list or graph of steps, planned once — cut into passes, the
//! row-local steps of each streamed band by band through rings of rows, the
//! frames between passes given buffer slots recycled after their last
//! reader — then run per frame without allocating.

mod builder;
mod passes;
mod pipeline;
mod slots;
mod stream;
mod table;

pub use builder::{PipelineBuilder, Step};
pub use pipeline::{PassSummary, Pipeline, PipelineStats};
