//! `Pipeline`: a planned graph of steps with its memory, run per frame from
//! the caller's input to the caller's output without allocating.

use std::sync::atomic::{AtomicBool, Ordering};

use super::builder::{PipelineBuilder, Step};
use super::passes::{Pass, cut};
use super::slots::{Location, SlotPlan, assign};
use super::stream::{Frames, Lane, Layout, Streamed, band_rows, lanes_for, run_segment};
use super::table::ByteTable;
use crate::image::{check_byte_len, check_strided_byte_len};
use crate::simd::Isa;
use crate::storage::AlignedBytes;
use crate::{AnyImageMut, AnyImageRef, Error, ImageSpec, Result, Workspace};

/// What a pipeline holds and does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PipelineStats {
    /// Whole-frame work buffers held: for results read across whole-frame steps.
    pub work_buffers: usize,
    /// Their bytes: `work_buffers` × the largest such frame.
    pub frame_bytes: usize,
    /// Line buffers held: rows of the streamed intermediates and kernel
    /// scratch, for every thread.
    pub line_bytes: usize,
    /// Everything the pipeline holds: `frame_bytes + line_bytes`.
    pub work_bytes: usize,
    /// Allocations since creation: work buffers, line buffers and their growth.
    pub allocations: usize,
    /// Passes over the frame per run: streamed segments and whole-frame steps.
    pub passes: usize,
    /// Runs so far.
    pub runs: usize,
}

/// One pass of a plan, as a description of the pipeline shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PassSummary {
    /// Rows per band of a streamed segment; `None` for a step that reads whole frames.
    pub band_rows: Option<usize>,
    /// The pass's stages in the order they run, each the steps it runs
    /// (indexes in push order, `save` and `from` not counted): a head and
    /// the point steps fused after it. A whole-frame pass has one stage.
    pub stages: Vec<Vec<usize>>,
    /// Per stage, whether its point steps run as one u8 lookup table.
    pub tables: Vec<bool>,
}

/// A planned pipeline and its memory.
#[derive(Debug)]
pub struct Pipeline {
    steps: PipelineBuilder,
    plan: Plan,
    slots: Vec<AlignedBytes>,
    lanes: Vec<Lane>,
    /// Scratch of whole-frame steps, and the thread count for every pass.
    workspace: Workspace,
    forced_band: Option<usize>,
    allocations: usize,
    runs: usize,
}

/// The passes, where their frames live, each segment's line layout, and the
/// lookup tables of its stages' point steps where they pay.
#[derive(Debug)]
struct Plan {
    passes: Vec<Pass>,
    frames: SlotPlan,
    layouts: Vec<Option<Layout>>,
    tables: Vec<Vec<Option<(usize, ByteTable)>>>,
}

impl Plan {
    fn new(steps: &PipelineBuilder, forced_band: Option<usize>) -> Result<Self> {
        let passes = cut(steps)?;
        let frames = assign(steps, &passes);
        let layouts = passes
            .iter()
            .map(|pass| match pass {
                Pass::Segment(segment) => {
                    let band = band_rows(segment, &steps.specs, forced_band);
                    Some(Layout::new(segment, &steps.nodes, &steps.specs, band))
                }
                Pass::Frame(_) => None,
            })
            .collect();
        let tables = passes
            .iter()
            .map(|pass| match pass {
                Pass::Segment(segment) => segment
                    .stages
                    .iter()
                    .map(|stage| stage_table(steps, &stage.nodes))
                    .collect(),
                Pass::Frame(_) => Ok(Vec::new()),
            })
            .collect::<Result<_>>()?;
        Ok(Self {
            passes,
            frames,
            layouts,
            tables,
        })
    }

    /// Arena bytes a lane needs for every segment.
    fn lane_bytes(&self) -> usize {
        self.layouts
            .iter()
            .flatten()
            .map(Layout::bytes)
            .max()
            .unwrap_or(0)
    }

    fn most_stages(&self) -> usize {
        self.passes
            .iter()
            .map(|pass| match pass {
                Pass::Segment(segment) => segment.stages.len(),
                Pass::Frame(_) => 0,
            })
            .max()
            .unwrap_or(0)
    }

    /// `count` lanes, each with arena for every segment (none without segments).
    fn lanes(&self, count: usize) -> Result<Vec<Lane>> {
        let (bytes, stages) = (self.lane_bytes(), self.most_stages());
        if stages == 0 {
            return Ok(Vec::new());
        }
        (0..count).map(|_| Lane::new(bytes, stages)).collect()
    }

    fn slots(&self) -> Result<Vec<AlignedBytes>> {
        (0..self.frames.slots)
            .map(|_| AlignedBytes::try_zeroed(self.frames.slot_bytes, "a work buffer"))
            .collect()
    }
}

/// A table for the point steps of a stage: all of them when its head is a
/// point step too, else those after the head; with the index of the first.
fn stage_table(steps: &PipelineBuilder, nodes: &[usize]) -> Result<Option<(usize, ByteTable)>> {
    let first = usize::from(!steps.nodes[nodes[0]].is_pointwise());
    Ok(ByteTable::worth_it(steps, &nodes[first..])?.map(|table| (first, table)))
}

impl Pipeline {
    /// Plans `steps` and allocates the memory the plan needs.
    pub fn new(steps: PipelineBuilder) -> Result<Self> {
        let plan = Plan::new(&steps, None)?;
        let slots = plan.slots()?;
        let mut pipeline = Self {
            allocations: slots.len(),
            steps,
            plan,
            slots,
            lanes: Vec::new(),
            workspace: Workspace::new(),
            forced_band: None,
            runs: 0,
        };
        let count = pipeline.lane_count(pipeline.input_spec());
        pipeline.provide_lanes(count)?;
        Ok(pipeline)
    }

    pub fn input_spec(&self) -> ImageSpec {
        self.steps.input_spec()
    }

    pub fn output_spec(&self) -> ImageSpec {
        self.steps.current_spec()
    }

    /// Threads each pass may use; `None` follows the process default. Results do not depend on it.
    /// Makes every step take the SIMD path `isa`, on every thread; refused
    /// (`ERR_PIXCHAIN_PARAM`) when the CPU lacks it. A pipeline starts on
    /// the process default ([`simd::preferred`](crate::simd::preferred)).
    /// Results do not depend on it.
    pub fn set_isa(&mut self, isa: Isa) -> Result<()> {
        self.workspace.set_isa(isa)
    }

    /// The SIMD path the steps take.
    pub fn isa(&self) -> Isa {
        self.workspace.isa()
    }

    pub fn set_threads(&mut self, threads: Option<usize>) {
        self.workspace.set_threads(threads);
    }

    /// Rows per band of the streamed passes; `None` sizes bands for the
    /// cache. Results do not depend on it (tests force bands of one row).
    pub fn set_band_rows(&mut self, rows: Option<usize>) -> Result<()> {
        if rows == Some(0) {
            return Err(Error::param("bandRows", "at least 1", 0));
        }
        let plan = Plan::new(&self.steps, rows)?;
        let lanes = plan.lanes(self.lane_count(self.input_spec()))?;
        self.allocations += lanes.len();
        (self.forced_band, self.plan, self.lanes) = (rows, plan, lanes);
        Ok(())
    }

    pub fn stats(&self) -> PipelineStats {
        let frame_bytes = self.frames_bytes();
        let line_bytes = self.lanes.iter().map(Lane::bytes).sum::<usize>() + self.workspace.bytes();
        PipelineStats {
            work_buffers: self.plan.frames.slots,
            frame_bytes,
            line_bytes,
            work_bytes: frame_bytes + line_bytes,
            allocations: self.allocations
                + self.workspace.allocations()
                + self.lanes.iter().map(Lane::allocations).sum::<usize>(),
            passes: self.plan.passes.len(),
            runs: self.runs,
        }
    }

    /// The passes a run makes, in order: what runs streamed, fused and by table.
    pub fn passes(&self) -> Vec<PassSummary> {
        let plan = &self.plan;
        plan.passes
            .iter()
            .zip(&plan.layouts)
            .zip(&plan.tables)
            .map(|((pass, layout), tables)| match pass {
                Pass::Segment(segment) => PassSummary {
                    // A band never holds more rows than the frame has.
                    band_rows: layout.as_ref().map(|layout| {
                        layout
                            .band
                            .min(self.steps.specs[segment.sink().value].height())
                    }),
                    stages: segment
                        .stages
                        .iter()
                        .map(|stage| stage.nodes.clone())
                        .collect(),
                    tables: tables.iter().map(Option::is_some).collect(),
                },
                Pass::Frame(node) => PassSummary {
                    band_rows: None,
                    stages: vec![vec![*node]],
                    tables: vec![false],
                },
            })
            .collect()
    }

    fn frames_bytes(&self) -> usize {
        self.slots.iter().map(AlignedBytes::capacity).sum()
    }

    /// Plans the same steps for frames of `input` and allocates new memory
    /// for them; the old is freed. Nothing changes on error.
    pub fn rebuild(&mut self, input: ImageSpec) -> Result<()> {
        let steps = self.steps.with_input(input)?;
        let plan = Plan::new(&steps, self.forced_band)?;
        let slots = plan.slots()?;
        let lanes = plan.lanes(self.lane_count(input))?;
        self.allocations += slots.len() + lanes.len();
        (self.slots, self.steps, self.plan, self.lanes) = (slots, steps, plan, lanes);
        Ok(())
    }

    /// Lanes (threads) the streamed passes run on now, for frames of
    /// `input`: no more than the frame has bands for, whatever the thread
    /// count asked.
    fn lane_count(&self, input: ImageSpec) -> usize {
        if cfg!(feature = "parallel") {
            lanes_for(self.workspace.threads(), input.height())
        } else {
            1
        }
    }

    /// Makes sure `count` lanes exist, each with arena for every segment.
    fn provide_lanes(&mut self, count: usize) -> Result<()> {
        if self.lanes.len() < count {
            let more = self.plan.lanes(count - self.lanes.len())?;
            self.allocations += more.len();
            self.lanes.extend(more);
        }
        Ok(())
    }

    /// Runs every step from `input` (a frame of the input spec) into `output`
    /// (a frame of the output spec). Lengths are checked before any step, so
    /// a refused run leaves `output` untouched.
    pub fn run(&mut self, input: &[u8], output: &mut [u8]) -> Result<()> {
        self.run_strided(input, self.input_spec().row_len(), output)
    }

    /// [`run`](Self::run) from an input whose rows start `stride` samples
    /// apart: a crop of a larger frame, read in place.
    pub fn run_strided(&mut self, input: &[u8], stride: usize, output: &mut [u8]) -> Result<()> {
        self.run_unless(input, stride, output, &AtomicBool::new(false))
    }

    /// Refuses an input of `input` bytes whose rows start `stride` samples
    /// apart, or an output of `output` bytes, that is not a frame of its spec.
    pub fn check_frames(&self, input: usize, stride: usize, output: usize) -> Result<()> {
        let spec = self.input_spec();
        if stride == spec.row_len() {
            check_byte_len(spec, input, "input")?;
        } else {
            check_strided_byte_len(spec, stride, input, "input")?;
        }
        check_byte_len(self.output_spec(), output, "output")
    }

    /// [`run_strided`](Self::run_strided), stopping with
    /// `ERR_PIXCHAIN_ABORTED` before any pass that starts once `abort` is
    /// set. Only the last pass writes the output, so an aborted run leaves
    /// it untouched.
    pub fn run_unless(
        &mut self,
        input: &[u8],
        stride: usize,
        output: &mut [u8],
        abort: &AtomicBool,
    ) -> Result<()> {
        self.check_frames(input.len(), stride, output.len())?;
        // Misaligned frames are refused here, once: passes view them in windows.
        AnyImageRef::from_bytes_strided(self.input_spec(), stride, input, "input")?;
        AnyImageMut::from_bytes(self.output_spec(), output, "output")?;
        // More threads than when planned: more lanes, once.
        let lanes = self.lane_count(self.input_spec());
        self.provide_lanes(lanes)?;
        let passes = self.plan.passes.len();
        let isa = self.workspace.isa();
        for (p, pass) in self.plan.passes.iter().enumerate() {
            if abort.load(Ordering::Relaxed) {
                return Err(Error::Aborted {
                    pass: p + 1,
                    passes,
                });
            }
            let specs = &self.steps.specs;
            let value = pass.result();
            let location = self.plan.frames.locations[value];
            // The result is written while the frames it reads are borrowed:
            // a slot is taken out meanwhile (no pass reads its own result).
            let mut taken = match location {
                Some(Location::Slot(slot)) => Some(std::mem::take(&mut self.slots[slot])),
                _ => None,
            };
            let frames = Frames {
                input,
                input_stride: stride,
                slots: &self.slots,
                locations: &self.plan.frames.locations,
                specs,
            };
            let dst: &mut [u8] = match &mut taken {
                Some(slot) => slot.view_mut(specs[value].byte_len()),
                None => &mut *output,
            };
            let result = match pass {
                Pass::Segment(segment) => {
                    let streamed = Streamed {
                        segment,
                        layout: self.plan.layouts[p]
                            .as_ref()
                            .expect("segments have a layout"),
                        tables: &self.plan.tables[p],
                        nodes: &self.steps.nodes,
                        frames,
                    };
                    run_segment(&streamed, dst, &mut self.lanes[..lanes], isa)
                }
                Pass::Frame(node) => {
                    let node = &self.steps.nodes[*node];
                    let Step::Unary(op) = &node.step else {
                        unreachable!("whole-frame steps read one frame")
                    };
                    let src = frames.view(node.src);
                    let dst = AnyImageMut::from_bytes(specs[value], dst, "output")?;
                    op.run(src, dst, &mut self.workspace)
                }
            };
            if let (Some(Location::Slot(slot)), Some(bytes)) = (location, taken) {
                self.slots[slot] = bytes;
            }
            result?;
        }
        self.runs += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{GaussianParams, LinearParams, Op, PixelType, Step};

    fn plan_of(steps: &[Op]) -> (PipelineBuilder, Plan) {
        let mut builder = PipelineBuilder::new(ImageSpec::new(64, 32, 1, PixelType::U8).unwrap());
        for op in steps {
            builder.push(Step::Unary(op.clone())).unwrap();
        }
        let plan = Plan::new(&builder, None).unwrap();
        (builder, plan)
    }

    #[test]
    fn u8_point_steps_after_a_head_share_one_table_and_the_head_runs_itself() {
        let blur = Op::GaussianBlur(GaussianParams {
            sigma: 1.0,
            ..Default::default()
        });
        let linear = Op::Linear(LinearParams {
            a: 1.5.into(),
            b: (-3.0).into(),
        });
        let (_, plan) = plan_of(&[blur.clone(), linear.clone(), linear.clone()]);
        assert!(matches!(plan.tables[..], [ref stages] if matches!(stages[..], [Some((1, _))])));
        // Two u8 → u8 rescales cost less than a lookup where they have vector code.
        fn table(plan: &Plan) -> &ByteTable {
            &plan.tables[0][0].as_ref().expect("a table").1
        }
        assert!(table(&plan).pays_on(Isa::Sse41) && !table(&plan).pays_on(Isa::Avx2));
        let (_, plan) = plan_of(&[blur, linear.clone(), linear.clone(), linear.clone()]);
        assert!(table(&plan).pays_on(Isa::Sse41) && table(&plan).pays_on(Isa::Avx2));
        // Clip and threshold alone are cheaper than a lookup everywhere.
        let clip = Op::Clip(Default::default());
        let (_, plan) = plan_of(&[clip.clone(), Op::Threshold(Default::default()), clip]);
        assert!(matches!(plan.tables[..], [ref stages] if matches!(stages[..], [None])));

        // A stage of point steps alone is one table from its first step.
        let (_, plan) = plan_of(&[linear.clone(), linear]);
        assert!(matches!(plan.tables[..], [ref stages] if matches!(stages[..], [Some((0, _))])));
    }
}
