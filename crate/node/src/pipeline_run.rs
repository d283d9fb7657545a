//! A pipeline run on the libuv thread pool: the task, and what the pipeline
//! object and the task share while it is in flight.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use napi::bindgen_prelude::{Env, Task};
use napi_derive::napi;
use pixchain::Pipeline;

use crate::failure::internal_message;
use crate::js_memory::HeldPixels;

/// Why a run did not finish, as the TypeScript layer turns it into an `Error`.
#[derive(Debug)]
#[napi(object)]
pub struct RunFailure {
    pub code: String,
    pub message: String,
}

/// What the pipeline object and its task in flight share.
#[derive(Debug, Default)]
pub struct InFlight {
    /// Set until the task has settled and handed the pipeline back.
    pub running: AtomicBool,
    /// Asked to stop before the next pass.
    pub abort: AtomicBool,
    /// The object was disposed meanwhile: the pipeline is dropped, not handed back.
    pub disposed: AtomicBool,
    /// The pipeline, once the task is done with it.
    pub returned: Mutex<Option<Pipeline>>,
}

/// One run of `pipeline` from `input` into `output`, off the JavaScript thread.
#[derive(Debug)]
pub struct RunTask {
    pub pipeline: Option<Pipeline>,
    pub input: Option<HeldPixels>,
    pub output: Option<HeldPixels>,
    pub shared: std::sync::Arc<InFlight>,
}

impl Task for RunTask {
    type Output = Option<RunFailure>;
    type JsValue = Option<RunFailure>;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        let (Some(pipeline), Some(input), Some(output)) = (
            self.pipeline.as_mut(),
            self.input.as_ref(),
            self.output.as_mut(),
        ) else {
            return Ok(Some(RunFailure::missing_frames()));
        };
        let abort = &self.shared.abort;
        Ok(RunFailure::of(|| pipeline.run_unless(input.bytes(), output.bytes_mut(), abort)).err())
    }

    fn resolve(&mut self, _env: Env, outcome: Self::Output) -> napi::Result<Self::JsValue> {
        Ok(outcome)
    }

    fn finally(mut self, env: Env) -> napi::Result<()> {
        for pixels in [self.input.take(), self.output.take()]
            .into_iter()
            .flatten()
        {
            pixels.release(env.raw());
        }
        let pipeline = self.pipeline.take();
        if !self.shared.disposed.load(Ordering::Acquire) {
            *self
                .shared
                .returned
                .lock()
                .unwrap_or_else(|e| e.into_inner()) = pipeline;
        }
        self.shared.running.store(false, Ordering::Release);
        Ok(())
    }
}

impl RunFailure {
    fn new(code: &str, message: String) -> Self {
        Self {
            code: code.to_owned(),
            message,
        }
    }

    /// Runs `body` on the worker thread: its value, else its error's code
    /// and message, a panic becoming `ERR_PIXCHAIN_INTERNAL`.
    pub fn of<T>(body: impl FnOnce() -> pixchain::Result<T>) -> Result<T, Self> {
        match catch_unwind(AssertUnwindSafe(body)) {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(error)) => Err(Self::new(error.code(), error.to_string())),
            Err(panic) => Err(Self::new(
                "ERR_PIXCHAIN_INTERNAL",
                internal_message(panic.as_ref()),
            )),
        }
    }

    /// A task asked to run twice (its frames are gone after the first run).
    pub fn missing_frames() -> Self {
        Self::new(
            "ERR_PIXCHAIN_INTERNAL",
            "internal error: a run without its frames".into(),
        )
    }
}
