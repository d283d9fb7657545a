//! The `Pipeline` class as the TypeScript layer drives it: steps recorded
//! into a core `PipelineBuilder`, planned on `compile()` or the first run.

use napi::bindgen_prelude::Unknown;
use napi_derive::napi;
use pixchain::{Pipeline, PipelineBuilder, Step};

use crate::failure::{Failure, Result, guard};
use crate::js_memory::JsPixels;
use crate::ops::{NativeBinaryOp, NativeOp};
use crate::spec::NativeImageSpec;

/// What a pipeline holds and does.
#[derive(Debug)]
#[napi(object)]
pub struct NativePipelineStats {
    pub work_buffers: u32,
    pub work_bytes: f64,
    pub allocations: u32,
    pub passes: u32,
    pub runs: f64,
}

/// Steps, and once compiled the plan with its work buffers.
#[derive(Debug)]
#[napi]
pub struct NativePipeline {
    steps: Option<PipelineBuilder>,
    compiled: Option<Pipeline>,
    threads: Option<usize>,
}

const CLASS: &str = "Pipeline";

impl NativePipeline {
    fn steps_mut(&mut self) -> std::result::Result<&mut PipelineBuilder, Failure> {
        // A changed pipeline is planned again on its next run.
        self.compiled = None;
        self.steps.as_mut().ok_or(Failure::Disposed(CLASS))
    }

    fn compiled(&mut self) -> std::result::Result<&mut Pipeline, Failure> {
        let steps = self.steps.as_ref().ok_or(Failure::Disposed(CLASS))?;
        if self.compiled.is_none() {
            let mut pipeline = Pipeline::new(steps.clone())?;
            pipeline.set_threads(self.threads);
            self.compiled = Some(pipeline);
        }
        Ok(self.compiled.as_mut().expect("compiled just above"))
    }
}

#[napi]
impl NativePipeline {
    #[napi(constructor)]
    pub fn new(spec: NativeImageSpec, threads: Option<u32>) -> Result<Self> {
        guard(|| {
            Ok(Self {
                steps: Some(PipelineBuilder::new(spec.to_core()?)),
                compiled: None,
                threads: threads.map(|n| n as usize),
            })
        })
    }

    /// Appends a kernel reading the current result.
    #[napi]
    pub fn push(&mut self, op: NativeOp) -> Result<()> {
        guard(|| {
            let op = op.to_core()?;
            Ok(self.steps_mut()?.push(Step::Unary(op))?)
        })
    }

    /// Appends a two-image kernel reading the current result and the one named `other`.
    #[napi]
    pub fn push_binary(&mut self, op: NativeBinaryOp, other: String) -> Result<()> {
        guard(|| {
            Ok(self.steps_mut()?.push(Step::Binary {
                op: op.to_core(),
                other,
            })?)
        })
    }

    #[napi]
    pub fn save(&mut self, name: String) -> Result<()> {
        guard(|| Ok(self.steps_mut()?.save(&name)?))
    }

    #[napi]
    pub fn from(&mut self, name: String) -> Result<()> {
        guard(|| Ok(self.steps_mut()?.from(&name)?))
    }

    /// Plans the pipeline and allocates its work buffers, if not done yet.
    #[napi]
    pub fn compile(&mut self) -> Result<()> {
        guard(|| self.compiled().map(|_| ()))
    }

    /// Prepares for input frames of `spec`: nothing if it is the current input
    /// spec; otherwise plans the steps again and replaces the work buffers
    /// when `rebuild`, or refuses with `ERR_PIXCHAIN_SHAPE`.
    #[napi]
    pub fn resize(&mut self, spec: NativeImageSpec, rebuild: bool) -> Result<()> {
        guard(|| {
            let spec = spec.to_core()?;
            let steps = self.steps.as_ref().ok_or(Failure::Disposed(CLASS))?;
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
                return Err(error.into());
            }
            let steps = steps.with_input(spec)?;
            if let Some(pipeline) = self.compiled.as_mut() {
                pipeline.rebuild(spec)?;
            }
            self.steps = Some(steps);
            Ok(())
        })
    }

    #[napi(getter)]
    pub fn output_spec(&self) -> Result<NativeImageSpec> {
        guard(|| {
            let steps = self.steps.as_ref().ok_or(Failure::Disposed(CLASS))?;
            Ok(NativeImageSpec::from_core(steps.current_spec()))
        })
    }

    /// Runs every step from `input` into `output` in this one call.
    #[napi]
    pub fn run(&mut self, input: Unknown<'_>, output: Unknown<'_>) -> Result<()> {
        guard(|| {
            let pipeline = self.compiled()?;
            let input = JsPixels::new(&input, "input")?;
            let mut output = JsPixels::new(&output, "output")?;
            input.expect_pixels(pipeline.input_spec().pixel_type(), "input")?;
            output.expect_pixels(pipeline.output_spec().pixel_type(), "output")?;
            let dst = output.bytes_mut_apart(&[&input])?;
            Ok(pipeline.run(input.bytes(), dst)?)
        })
    }

    /// Work buffers, their bytes, allocations, passes per run and runs, once compiled.
    #[napi(getter)]
    pub fn stats(&mut self) -> Result<NativePipelineStats> {
        guard(|| {
            let stats = self.compiled()?.stats();
            Ok(NativePipelineStats {
                work_buffers: stats.work_buffers as u32,
                work_bytes: stats.work_bytes as f64,
                allocations: stats.allocations as u32,
                passes: stats.passes as u32,
                runs: stats.runs as f64,
            })
        })
    }

    /// Frees the work buffers now; later calls fail with `ERR_PIXCHAIN_DISPOSED`.
    #[napi]
    pub fn dispose(&mut self) {
        self.steps = None;
        self.compiled = None;
    }

    #[napi(getter)]
    pub fn disposed(&self) -> bool {
        self.steps.is_none()
    }
}
