//! A pipeline run on the libuv thread pool, and what the pipeline object
//! and the run share while it is in flight.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use pixchain::Pipeline;

use crate::async_run::Job;
use crate::failure::Failure;
use crate::staged::Spares;

/// What the pipeline object and its run in flight share.
#[derive(Debug, Default)]
pub struct InFlight {
    /// Set until the run has settled and handed the pipeline back.
    pub running: AtomicBool,
    /// Asked to stop before the next pass.
    pub abort: AtomicBool,
    /// The object was disposed meanwhile: the pipeline is dropped, not handed back.
    pub disposed: AtomicBool,
    /// The pipeline and its staging memory, once the run is done with them.
    pub returned: Mutex<Option<(Pipeline, Spares)>>,
}

/// One run of a pipeline over staged frames.
#[derive(Debug)]
pub struct PipelineJob {
    pub pipeline: Pipeline,
    /// Samples from one input row's start to the next.
    pub stride: usize,
    pub shared: std::sync::Arc<InFlight>,
}

impl Job for PipelineJob {
    fn run(&mut self, inputs: &[&[u8]], output: Option<&mut [u8]>) -> Result<Option<f64>, Failure> {
        let (Some(input), Some(output)) = (inputs.first(), output) else {
            return Err(Failure::Internal(
                "internal error: a run without its frames".into(),
            ));
        };
        self.pipeline
            .run_unless(input, self.stride, output, &self.shared.abort)?;
        Ok(None)
    }

    fn settled(self, spares: Spares) {
        if !self.shared.disposed.load(Ordering::Acquire) {
            *self
                .shared
                .returned
                .lock()
                .unwrap_or_else(|e| e.into_inner()) = Some((self.pipeline, spares));
        }
        self.shared.running.store(false, Ordering::Release);
    }
}
