//! Work on frames on the libuv thread pool: the one task behind every
//! asynchronous entry. Its frames are staged (see `staged`), so nothing
//! JavaScript does while it is in flight can reach the memory it uses.

use napi::bindgen_prelude::{Env, Float64Array, Task};
use napi::sys;
use napi_derive::napi;

use crate::failure::{Failure, catch};
use crate::js_memory::JsPixels;
use crate::staged::{Spares, StagedInput, StagedOutput};

/// Why a run did not finish, as the TypeScript layer turns it into an `Error`.
#[derive(Debug)]
#[napi(object)]
pub struct RunFailure {
    pub code: String,
    pub message: String,
}

impl From<Failure> for RunFailure {
    fn from(failure: Failure) -> Self {
        let (code, message) = failure.code_and_message();
        Self {
            code: code.to_owned(),
            message,
        }
    }
}

/// How a run settled: its value (Otsu's level; none for a frame written),
/// or its failure; a measurement's figures in `values`.
#[napi(object)]
pub struct RunOutcome {
    pub value: Option<f64>,
    pub failure: Option<RunFailure>,
    pub values: Option<Float64Array>,
}

impl std::fmt::Debug for RunOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunOutcome")
            .field("value", &self.value)
            .field("failure", &self.failure)
            .field("values", &self.values.as_ref().map(|values| values.len()))
            .finish()
    }
}

/// A job run without the frames its entry staged: a bug in pixchain.
pub fn missing_frames() -> Failure {
    Failure::Internal("internal error: a run without its frames".into())
}

/// What one asynchronous entry does with its staged frames.
pub trait Job: Send + Sized + 'static {
    /// On a pool thread: reads `inputs`, writes `output` when there is one.
    fn run(&mut self, inputs: &[&[u8]], output: Option<&mut [u8]>) -> Result<Option<f64>, Failure>;

    /// On the JavaScript thread once the run has succeeded: the figures a
    /// measurement made, taken from the job (none for a kernel).
    fn values(&mut self) -> Option<Vec<f64>> {
        None
    }

    /// On the JavaScript thread once the run has settled, with the native
    /// memory the frames were staged in, for the next run: by default the
    /// pair one-shot runs share (an object with its own overrides this).
    fn settled(self, spares: Spares) {
        spares.keep();
    }
}

/// A job with its frames, from the call that starts it until it settles.
#[derive(Debug)]
pub struct FramesTask<J: Job> {
    job: Option<J>,
    inputs: Vec<StagedInput>,
    output: Option<StagedOutput>,
}

impl<J: Job> FramesTask<J> {
    /// Stages `inputs` and `output` for a job, after refusing an output that
    /// shares memory with an input (`ERR_PIXCHAIN_ALIAS`). `spares` is
    /// reused for the first input and the output when large enough.
    pub fn new(
        env: sys::napi_env,
        inputs: &[&JsPixels<'_>],
        output: Option<&JsPixels<'_>>,
        mut spares: Spares,
    ) -> Result<Self, Failure> {
        if let Some(output) = output {
            output.check_apart(inputs)?;
        }
        let mut task = Self {
            job: None,
            inputs: Vec::with_capacity(inputs.len()),
            output: None,
        };
        let staged = (|| {
            for pixels in inputs {
                let spare = spares.input.take();
                task.inputs.push(StagedInput::new(pixels, spare)?);
            }
            if let Some(pixels) = output {
                task.output = Some(StagedOutput::new(pixels, spares.output.take())?);
            }
            Ok(())
        })();
        match staged {
            Ok(()) => Ok(task),
            Err(failure) => {
                // Arrays held so far are let go now: no task will settle them.
                task.release(env);
                Err(failure)
            }
        }
    }

    /// The task that runs `job` over the staged frames.
    pub fn with(mut self, job: J) -> Self {
        self.job = Some(job);
        self
    }

    /// Lets every held array go; the native memory, for the next run.
    fn release(&mut self, env: sys::napi_env) -> Spares {
        let mut spares = Spares::default();
        for (index, input) in self.inputs.drain(..).enumerate() {
            let bytes = input.finish(env);
            if index == 0 {
                spares.input = bytes;
            }
        }
        spares.output = self.output.take().and_then(|output| output.finish(env));
        spares
    }
}

impl<J: Job> Task for FramesTask<J> {
    type Output = Result<Option<f64>, RunFailure>;
    type JsValue = RunOutcome;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        let Some(job) = self.job.as_mut() else {
            return Ok(Err(Failure::Internal(
                "internal error: a run without its job".into(),
            )
            .into()));
        };
        let inputs: Vec<&[u8]> = self.inputs.iter().map(StagedInput::bytes).collect();
        let output = self.output.as_mut().map(StagedOutput::bytes_mut);
        Ok(catch(|| job.run(&inputs, output)).map_err(RunFailure::from))
    }

    fn resolve(&mut self, env: Env, outcome: Self::Output) -> napi::Result<Self::JsValue> {
        // A failed run leaves the output array untouched.
        let committed = outcome.and_then(|value| match self.output.as_mut() {
            Some(output) => output
                .commit(env.raw())
                .map(|()| value)
                .map_err(RunFailure::from),
            None => Ok(value),
        });
        Ok(match committed {
            Ok(value) => RunOutcome {
                value,
                failure: None,
                values: self
                    .job
                    .as_mut()
                    .and_then(Job::values)
                    .map(Float64Array::new),
            },
            Err(failure) => RunOutcome {
                value: None,
                failure: Some(failure),
                values: None,
            },
        })
    }

    fn finally(mut self, env: Env) -> napi::Result<()> {
        let spares = self.release(env.raw());
        if let Some(job) = self.job.take() {
            job.settled(spares);
        }
        Ok(())
    }
}
