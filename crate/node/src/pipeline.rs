//! The `Pipeline` class as the TypeScript layer drives it: steps recorded
//! into a core `PipelineBuilder`, planned on `compile()` or the first run.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use napi::Env;
use napi::bindgen_prelude::{AsyncTask, Either, ObjectFinalize, Unknown};
use napi_derive::napi;
use pixchain::{Pipeline, PipelineBuilder, Step, simd};

use crate::async_run::FramesTask;
use crate::external_memory::Reported;
use crate::failure::{Failure, Result, guard};
use crate::js_memory::JsPixels;
use crate::ops::{NativeBinaryOp, NativeOp};
use crate::pipeline_run::{InFlight, PipelineJob};
use crate::runtime::{limit_pixels, pixel_limit};
use crate::spec::NativeImageSpec;
use crate::staged::Spares;

/// What a pipeline holds and does.
#[derive(Debug)]
#[napi(object)]
pub struct NativePipelineStats {
    pub work_buffers: u32,
    pub frame_bytes: f64,
    pub line_bytes: f64,
    pub work_bytes: f64,
    pub allocations: u32,
    pub passes: u32,
    pub runs: f64,
}

/// One pass of the plan: rows per band when streamed (absent for a
/// whole-frame step), its stages as step indexes (push order, graph steps
/// not counted), and which stages run their point steps as a u8 table.
#[derive(Debug)]
#[napi(object)]
pub struct NativePass {
    pub band_rows: Option<u32>,
    pub stages: Vec<Vec<u32>>,
    pub tables: Vec<bool>,
}

/// Steps, and once compiled the plan with its work buffers.
///
/// Every method takes `&self` and the state sits in a `RefCell`: an
/// asynchronous run keeps a shared borrow of the object until it settles,
/// and calls meanwhile must reach `settle` to be refused with
/// `ERR_PIXCHAIN_BUSY` rather than fail to borrow.
#[derive(Debug)]
#[napi(custom_finalize)]
pub struct NativePipeline {
    state: RefCell<State>,
}

impl ObjectFinalize for NativePipeline {
    fn finalize(self, env: Env) -> napi::Result<()> {
        self.state.borrow_mut().reported.update(&env, 0);
        Ok(())
    }
}

#[derive(Debug)]
struct State {
    steps: Option<PipelineBuilder>,
    compiled: Option<Pipeline>,
    threads: Option<usize>,
    /// This pipeline's pixel limit; `None` follows the process-wide one.
    limit: Option<u64>,
    /// The last asynchronous run, until its pipeline is taken back.
    in_flight: Option<Arc<InFlight>>,
    /// Native memory asynchronous runs copy their frames through, kept for the next.
    spares: Spares,
    /// The work buffers' bytes as V8 knows them.
    reported: Reported,
}

const CLASS: &str = "Pipeline";

/// What a user with a frame of another size can do.
const OTHER_SIZES: &str = "for frames of another size, make the Pipeline with { resize: 'rebuild' } and pass the frame's spec to run()";

impl State {
    /// Tells V8 the bytes of the work buffers and staging memory held now.
    /// While a run holds them, they stay reported until taken back.
    fn account(&mut self, env: &Env) {
        if self.compiled.is_none() && self.steps.is_some() && self.in_flight.is_some() {
            return;
        }
        let work = self.compiled.as_ref().map_or(0, |p| p.stats().work_bytes);
        self.reported.update(env, work + self.spares.bytes());
    }

    /// Refuses any call while a run is in flight; after one, takes its pipeline back.
    fn settle(&mut self) -> std::result::Result<(), Failure> {
        if let Some(in_flight) = &self.in_flight {
            if in_flight.running.load(Ordering::Acquire) {
                return Err(Failure::Busy(CLASS));
            }
            let returned = in_flight
                .returned
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .take();
            if let Some((pipeline, spares)) = returned {
                self.compiled = self.compiled.take().or(Some(pipeline));
                self.spares = spares;
            }
            self.in_flight = None;
        }
        Ok(())
    }

    fn steps_mut(&mut self) -> std::result::Result<&mut PipelineBuilder, Failure> {
        self.settle()?;
        // A changed pipeline is planned again on its next run.
        self.compiled = None;
        self.steps.as_mut().ok_or(Failure::Disposed(CLASS))
    }

    fn compiled(&mut self) -> std::result::Result<&mut Pipeline, Failure> {
        self.settle()?;
        let steps = self.steps.as_ref().ok_or(Failure::Disposed(CLASS))?;
        if self.compiled.is_none() {
            let mut pipeline = Pipeline::new(steps.clone())?;
            pipeline.set_threads(self.threads);
            self.compiled = Some(pipeline);
        }
        let pipeline = self.compiled.as_mut().expect("compiled just above");
        // The path JavaScript set for the process (setSimdPath) now, however
        // long ago the pipeline was planned.
        pipeline.set_isa(simd::preferred())?;
        Ok(pipeline)
    }

    /// The compiled pipeline with a run's input and output, each checked to
    /// be a TypedArray of the kind and length its frame takes, and the
    /// input's row stride in samples (`stride`, or a row's). A length that
    /// is not the input's hints at other sizes.
    fn frames<'call>(
        &mut self,
        input: &Unknown<'call>,
        output: &Unknown<'call>,
        stride: Option<u32>,
    ) -> std::result::Result<(&mut Pipeline, JsPixels<'call>, JsPixels<'call>, usize), Failure>
    {
        let pipeline = self.compiled()?;
        let input = JsPixels::new(input, "input")?;
        let output = JsPixels::new(output, "output")?;
        input.expect_pixels(pipeline.input_spec().pixel_type(), "input")?;
        output.expect_pixels(pipeline.output_spec().pixel_type(), "output")?;
        let stride = stride.map_or(pipeline.input_spec().row_len(), |stride| stride as usize);
        pipeline
            .check_frames(input.byte_len(), stride, output.byte_len())
            .map_err(|error| match error {
                pixchain::Error::Length { role: "input", .. } => {
                    Failure::Hinted(error, OTHER_SIZES)
                }
                error => Failure::from(error),
            })?;
        Ok((pipeline, input, output, stride))
    }
}

impl NativePipeline {
    /// Runs a method's body on the state, then tells V8 of the work buffers
    /// the state holds afterwards (the body may have planned or dropped them).
    fn with_state<T>(
        &self,
        env: &Env,
        body: impl FnOnce(&mut State) -> std::result::Result<T, Failure>,
    ) -> Result<T> {
        let result = guard(|| body(&mut self.state.borrow_mut()));
        self.state.borrow_mut().account(env);
        result
    }
}

#[napi]
impl NativePipeline {
    #[napi(constructor)]
    pub fn new(
        spec: NativeImageSpec,
        threads: Option<u32>,
        limit_input_pixels: Option<Either<bool, f64>>,
    ) -> Result<Self> {
        guard(|| {
            let spec = spec.to_core()?;
            let limit = limit_input_pixels.map(limit_pixels).transpose()?;
            spec.check_pixel_limit("input", pixel_limit(limit))?;
            let state = State {
                steps: Some(PipelineBuilder::new(spec)),
                compiled: None,
                threads: threads.map(|n| n as usize),
                limit,
                in_flight: None,
                spares: Spares::default(),
                reported: Reported::default(),
            };
            Ok(Self {
                state: RefCell::new(state),
            })
        })
    }

    /// Appends a kernel reading the current result.
    #[napi]
    pub fn push(&self, env: Env, op: NativeOp) -> Result<()> {
        self.with_state(&env, |state| {
            let op = op.to_core()?;
            let limit = pixel_limit(state.limit);
            let steps = state.steps_mut()?;
            // A step may grow the frame (pad): what it makes is held to the
            // input's pixel limit, before the plan allocates it.
            if let Ok(made) = op.output_spec(steps.current_spec()) {
                made.check_pixel_limit("output", limit)?;
            }
            Ok(steps.push(Step::Unary(op))?)
        })
    }

    /// Appends a two-image kernel reading the current result and the one named `other`.
    #[napi]
    pub fn push_binary(&self, env: Env, op: NativeBinaryOp, other: String) -> Result<()> {
        self.with_state(&env, |state| {
            Ok(state.steps_mut()?.push(Step::Binary {
                op: op.to_core(),
                other,
            })?)
        })
    }

    #[napi]
    pub fn save(&self, env: Env, name: String) -> Result<()> {
        self.with_state(&env, |state| Ok(state.steps_mut()?.save(&name)?))
    }

    #[napi]
    pub fn from(&self, env: Env, name: String) -> Result<()> {
        self.with_state(&env, |state| Ok(state.steps_mut()?.from(&name)?))
    }

    /// Plans the pipeline and allocates its work buffers, if not done yet.
    #[napi]
    pub fn compile(&self, env: Env) -> Result<()> {
        self.with_state(&env, |state| state.compiled().map(|_| ()))
    }

    /// Prepares for input frames of `spec`: nothing if it is the current input
    /// spec; otherwise plans the steps again and replaces the work buffers
    /// when `rebuild`, or refuses with `ERR_PIXCHAIN_SHAPE`.
    #[napi]
    pub fn resize(&self, env: Env, spec: NativeImageSpec, rebuild: bool) -> Result<()> {
        self.with_state(&env, |state| {
            let spec = spec.to_core()?;
            state.settle()?;
            let steps = state.steps.as_ref().ok_or(Failure::Disposed(CLASS))?;
            let current = steps.input_spec();
            if spec == current {
                return Ok(());
            }
            if !rebuild {
                let error = pixchain::Error::Shape {
                    role: "input",
                    expected: current,
                    given: spec,
                };
                return Err(Failure::Hinted(error, OTHER_SIZES));
            }
            spec.check_pixel_limit("input", pixel_limit(state.limit))?;
            let steps = steps.with_input(spec)?;
            if let Some(pipeline) = state.compiled.as_mut() {
                pipeline.rebuild(spec)?;
            }
            state.steps = Some(steps);
            Ok(())
        })
    }

    #[napi(getter)]
    pub fn output_spec(&self) -> Result<NativeImageSpec> {
        guard(|| {
            let state = self.state.borrow();
            let steps = state.steps.as_ref().ok_or(Failure::Disposed(CLASS))?;
            Ok(NativeImageSpec::from_core(steps.current_spec()))
        })
    }

    /// Runs every step from `input` into `output` in this one call.
    #[napi]
    pub fn run(
        &self,
        env: Env,
        input: Unknown<'_>,
        output: Unknown<'_>,
        stride: Option<u32>,
    ) -> Result<()> {
        self.with_state(&env, |state| {
            let (pipeline, input, mut output, stride) = state.frames(&input, &output, stride)?;
            let dst = output.bytes_mut_apart(&[&input])?;
            Ok(pipeline.run_strided(input.bytes(), stride, dst)?)
        })
    }

    /// Runs every step from `input` into `output` on the libuv thread pool,
    /// over copies of both (see `staged`). Resolves to how it settled
    /// (`ERR_PIXCHAIN_ABORTED` when `abort()` stopped it).
    #[napi(ts_return_type = "Promise<RunOutcome>")]
    pub fn run_async(
        &self,
        env: Env,
        input: Unknown<'_>,
        output: Unknown<'_>,
        stride: Option<u32>,
    ) -> Result<AsyncTask<FramesTask<PipelineJob>>> {
        let result = guard(|| {
            let state = &mut *self.state.borrow_mut();
            let (_, input, output, stride) = state.frames(&input, &output, stride)?;
            // Reported before the run takes the pipeline, so that a first
            // run without `compile()` is counted too.
            state.account(&env);
            let spares = std::mem::take(&mut state.spares);
            let task = FramesTask::new(env.raw(), &[&input], Some(&output), spares)?;
            let shared = Arc::new(InFlight::default());
            let job = PipelineJob {
                pipeline: state.compiled.take().expect("compiled by frames()"),
                stride,
                shared: shared.clone(),
            };
            shared.running.store(true, Ordering::Release);
            state.in_flight = Some(shared);
            Ok(AsyncTask::new(task.with(job)))
        });
        self.state.borrow_mut().account(&env);
        result
    }

    /// Asks the run in flight, if any, to stop before its next pass.
    #[napi]
    pub fn abort(&self) {
        if let Some(in_flight) = &self.state.borrow().in_flight {
            in_flight.abort.store(true, Ordering::Relaxed);
        }
    }

    /// Frame buffers and line buffers, their bytes, allocations, passes per run and runs, once compiled.
    #[napi(getter)]
    pub fn stats(&self, env: Env) -> Result<NativePipelineStats> {
        self.with_state(&env, |state| {
            let stats = state.compiled()?.stats();
            Ok(NativePipelineStats {
                work_buffers: stats.work_buffers as u32,
                frame_bytes: stats.frame_bytes as f64,
                line_bytes: stats.line_bytes as f64,
                work_bytes: stats.work_bytes as f64,
                allocations: stats.allocations as u32,
                passes: stats.passes as u32,
                runs: stats.runs as f64,
            })
        })
    }

    /// The passes a run makes, once compiled.
    #[napi(getter)]
    pub fn passes(&self, env: Env) -> Result<Vec<NativePass>> {
        self.with_state(&env, |state| {
            let count = |n: usize| n as u32;
            Ok(state
                .compiled()?
                .passes()
                .into_iter()
                .map(|pass| NativePass {
                    band_rows: pass.band_rows.map(count),
                    stages: pass
                        .stages
                        .into_iter()
                        .map(|nodes| nodes.into_iter().map(count).collect())
                        .collect(),
                    tables: pass.tables,
                })
                .collect())
        })
    }

    /// Frees the work buffers now; later calls fail with `ERR_PIXCHAIN_DISPOSED`.
    #[napi]
    pub fn dispose(&self, env: Env) {
        let state = &mut *self.state.borrow_mut();
        state.steps = None;
        state.compiled = None;
        // A run in flight drops its pipeline when it settles.
        if let Some(in_flight) = state.in_flight.take() {
            in_flight.disposed.store(true, Ordering::Release);
            in_flight.abort.store(true, Ordering::Relaxed);
        }
        state.account(&env);
    }

    #[napi(getter)]
    pub fn disposed(&self) -> bool {
        self.state.borrow().steps.is_none()
    }
}
