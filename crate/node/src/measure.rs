//! Measurements of a frame (`stats`, `histogram`, `percentiles`): the
//! core's figures as one Float64Array, which TypeScript shapes per channel.
//! Each has a sync route and an async one, sharing one body.

use std::cell::RefCell;

use napi::Env;
use napi::bindgen_prelude::{AsyncTask, Float64Array, Unknown};
use napi_derive::napi;
use pixchain::{AnyImageRef, HistogramParams, ImageSpec, Workspace, measure};

use crate::async_run::{FramesTask, Job, missing_frames};
use crate::failure::{Failure, Result, guard};
use crate::js_memory::JsPixels;
use crate::spec::NativeImageSpec;
use crate::staged::Spares;

thread_local! {
    /// Count tables of measurements, kept between calls.
    static MEASURE: RefCell<Workspace> = RefCell::new(Workspace::new());
}

/// One measurement and its options.
#[derive(Debug, Clone)]
pub enum Measurement {
    /// Per channel: min, then max, mean, std, each a run of `channels` values.
    Stats,
    /// Counts, channel by channel.
    Histogram(HistogramParams),
    /// Values, channel by channel, one per percentile.
    Percentiles(Vec<f64>),
}

impl Measurement {
    /// The figures of `input`, a frame of `spec`: the body of every route.
    pub fn run(&self, spec: ImageSpec, input: &[u8]) -> std::result::Result<Vec<f64>, Failure> {
        let src = AnyImageRef::from_bytes(spec, input, "input")?;
        MEASURE.with_borrow_mut(|workspace| {
            Ok(match self {
                Measurement::Stats => {
                    let stats = measure::stats(src, workspace);
                    let pick = |f: fn(&pixchain::ChannelStats) -> f64| stats.iter().map(f);
                    pick(|s| s.min)
                        .chain(pick(|s| s.max))
                        .chain(pick(|s| s.mean))
                        .chain(pick(|s| s.std))
                        .collect()
                }
                Measurement::Histogram(params) => measure::histogram(src, params, workspace)?
                    .counts
                    .into_iter()
                    .map(f64::from)
                    .collect(),
                Measurement::Percentiles(values) => measure::percentiles(src, values, workspace)?,
            })
        })
    }

    /// Refuses options out of range before any frame is read or staged.
    fn validate(&self, spec: ImageSpec) -> std::result::Result<(), Failure> {
        match self {
            Measurement::Stats => Ok(()),
            Measurement::Histogram(params) => Ok(params.resolve(spec.pixel_type()).map(|_| ())?),
            Measurement::Percentiles(values) => Ok(pixchain::check_percentiles(values)?),
        }
    }
}

/// The input of a measurement, checked to be a TypedArray of its spec's type.
fn measured<'call>(
    input: &Unknown<'call>,
    spec: &NativeImageSpec,
    measurement: &Measurement,
) -> std::result::Result<(JsPixels<'call>, ImageSpec), Failure> {
    let spec = spec.to_core()?;
    measurement.validate(spec)?;
    let input = JsPixels::new(input, "input")?;
    input.expect_pixels(spec.pixel_type(), "input")?;
    Ok((input, spec))
}

fn measure_now(
    input: Unknown<'_>,
    spec: NativeImageSpec,
    measurement: Measurement,
) -> Result<Float64Array> {
    guard(|| {
        let (input, spec) = measured(&input, &spec, &measurement)?;
        Ok(Float64Array::new(measurement.run(spec, input.bytes())?))
    })
}

/// A measurement on the thread pool, over a staged copy of its input.
#[derive(Debug)]
pub struct MeasureJob {
    measurement: Measurement,
    spec: ImageSpec,
    values: Option<Vec<f64>>,
}

impl Job for MeasureJob {
    fn run(
        &mut self,
        inputs: &[&[u8]],
        _output: Option<&mut [u8]>,
    ) -> std::result::Result<Option<f64>, Failure> {
        let Some(input) = inputs.first() else {
            return Err(missing_frames());
        };
        self.values = Some(self.measurement.run(self.spec, input)?);
        Ok(None)
    }

    fn values(&mut self) -> Option<Vec<f64>> {
        self.values.take()
    }
}

fn measure_later(
    env: Env,
    input: Unknown<'_>,
    spec: NativeImageSpec,
    measurement: Measurement,
) -> Result<AsyncTask<FramesTask<MeasureJob>>> {
    guard(|| {
        let (input, spec) = measured(&input, &spec, &measurement)?;
        let task = FramesTask::new(env.raw(), &[&input], None, Spares::take_kept())?;
        Ok(AsyncTask::new(task.with(MeasureJob {
            measurement,
            spec,
            values: None,
        })))
    })
}

fn histogram_params(bins: Option<u32>, min: Option<f64>, max: Option<f64>) -> Measurement {
    Measurement::Histogram(HistogramParams { bins, min, max })
}

/// Each channel's min, max, mean and std of `input`, a frame of `spec`.
#[napi]
pub fn stats(input: Unknown<'_>, spec: NativeImageSpec) -> Result<Float64Array> {
    measure_now(input, spec, Measurement::Stats)
}

/// `stats` on the thread pool.
#[napi(ts_return_type = "Promise<RunOutcome>")]
pub fn stats_async(
    env: Env,
    input: Unknown<'_>,
    spec: NativeImageSpec,
) -> Result<AsyncTask<FramesTask<MeasureJob>>> {
    measure_later(env, input, spec, Measurement::Stats)
}

/// Each channel's histogram of `input`, channel by channel.
#[napi]
pub fn histogram(
    input: Unknown<'_>,
    spec: NativeImageSpec,
    bins: Option<u32>,
    min: Option<f64>,
    max: Option<f64>,
) -> Result<Float64Array> {
    measure_now(input, spec, histogram_params(bins, min, max))
}

/// `histogram` on the thread pool.
#[napi(ts_return_type = "Promise<RunOutcome>")]
pub fn histogram_async(
    env: Env,
    input: Unknown<'_>,
    spec: NativeImageSpec,
    bins: Option<u32>,
    min: Option<f64>,
    max: Option<f64>,
) -> Result<AsyncTask<FramesTask<MeasureJob>>> {
    measure_later(env, input, spec, histogram_params(bins, min, max))
}

/// Each channel's values at `percentiles`, channel by channel.
#[napi]
pub fn percentiles(
    input: Unknown<'_>,
    spec: NativeImageSpec,
    percentiles: Vec<f64>,
) -> Result<Float64Array> {
    measure_now(input, spec, Measurement::Percentiles(percentiles))
}

/// `percentiles` on the thread pool.
#[napi(ts_return_type = "Promise<RunOutcome>")]
pub fn percentiles_async(
    env: Env,
    input: Unknown<'_>,
    spec: NativeImageSpec,
    percentiles: Vec<f64>,
) -> Result<AsyncTask<FramesTask<MeasureJob>>> {
    measure_later(env, input, spec, Measurement::Percentiles(percentiles))
}
