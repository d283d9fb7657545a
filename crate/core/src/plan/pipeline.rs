//! `Pipeline`: a planned graph of steps with its work buffers, run per frame
//! from the caller's input to the caller's output without allocating.

use super::builder::{Node, PipelineBuilder, Step};
use super::slots::{Location, SlotPlan, assign};
use crate::image::check_byte_len;
use crate::storage::AlignedBytes;
use crate::{ImageSpec, Result, Workspace};

/// What a pipeline holds and does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PipelineStats {
    /// Frame-sized work buffers held.
    pub work_buffers: usize,
    /// Their bytes: `work_buffers` × the largest intermediate frame.
    pub work_bytes: usize,
    /// Frame-sized allocations since creation.
    pub allocations: usize,
    /// Full-frame passes per run.
    pub passes: usize,
    /// Runs so far.
    pub runs: usize,
}

/// A planned pipeline and its work buffers.
#[derive(Debug)]
pub struct Pipeline {
    steps: PipelineBuilder,
    plan: SlotPlan,
    slots: Vec<AlignedBytes>,
    workspace: Workspace,
    allocations: usize,
    runs: usize,
}

impl Pipeline {
    /// Plans `steps` and allocates the work buffers the plan needs.
    pub fn new(steps: PipelineBuilder) -> Result<Self> {
        let plan = assign(&steps)?;
        let slots = (0..plan.slots)
            .map(|_| AlignedBytes::zeroed(plan.slot_bytes))
            .collect();
        Ok(Self {
            allocations: plan.slots,
            steps,
            plan,
            slots,
            workspace: Workspace::new(),
            runs: 0,
        })
    }

    pub fn input_spec(&self) -> ImageSpec {
        self.steps.input_spec()
    }

    pub fn output_spec(&self) -> ImageSpec {
        self.steps.current_spec()
    }

    pub fn stats(&self) -> PipelineStats {
        PipelineStats {
            work_buffers: self.plan.slots,
            work_bytes: self.plan.slots * self.plan.slot_bytes,
            allocations: self.allocations,
            passes: self.steps.len(),
            runs: self.runs,
        }
    }

    /// Plans the same steps for frames of `input` and allocates new work
    /// buffers for them; the old ones are freed. Nothing changes on error.
    pub fn rebuild(&mut self, input: ImageSpec) -> Result<()> {
        let steps = self.steps.with_input(input)?;
        let plan = assign(&steps)?;
        self.slots = (0..plan.slots)
            .map(|_| AlignedBytes::zeroed(plan.slot_bytes))
            .collect();
        self.allocations += plan.slots;
        self.steps = steps;
        self.plan = plan;
        Ok(())
    }

    /// Runs every step from `input` (a frame of the input spec) into `output`
    /// (a frame of the output spec). Lengths are checked before any step, so
    /// a refused run leaves `output` untouched.
    pub fn run(&mut self, input: &[u8], output: &mut [u8]) -> Result<()> {
        check_byte_len(self.input_spec(), input.len(), "input")?;
        check_byte_len(self.output_spec(), output.len(), "output")?;
        let specs = &self.steps.specs;
        for (i, node) in self.steps.nodes.iter().enumerate() {
            let out_spec = specs[i + 1];
            match self.plan.locations[i + 1] {
                Location::Slot(slot) => {
                    // Taken out while written, so operands may borrow the other slots.
                    let mut target = std::mem::take(&mut self.slots[slot]);
                    let sources = Sources {
                        input,
                        output: Some(output),
                        slots: &self.slots,
                        locations: &self.plan.locations,
                    };
                    let result = run_node(
                        node,
                        specs,
                        &sources,
                        target.view_mut(out_spec.byte_len()),
                        &mut self.workspace,
                    );
                    self.slots[slot] = target;
                    result?;
                }
                Location::Output => {
                    // The output is made once, by this step, so no operand lives there.
                    let sources = Sources {
                        input,
                        output: None,
                        slots: &self.slots,
                        locations: &self.plan.locations,
                    };
                    run_node(node, specs, &sources, output, &mut self.workspace)?;
                }
                Location::Input => unreachable!("a step's result never lives in the input"),
            }
        }
        self.runs += 1;
        Ok(())
    }
}

/// Where the operands of a step can be read from.
struct Sources<'a> {
    input: &'a [u8],
    output: Option<&'a [u8]>,
    slots: &'a [AlignedBytes],
    locations: &'a [Location],
}

impl Sources<'_> {
    fn bytes(&self, value: usize, spec: ImageSpec) -> &[u8] {
        let len = spec.byte_len();
        match self.locations[value] {
            Location::Input => self.input,
            Location::Output => &self
                .output
                .expect("the output is read only after the step that makes it")[..len],
            Location::Slot(slot) => self.slots[slot].view(len),
        }
    }
}

fn run_node(
    node: &Node,
    specs: &[ImageSpec],
    sources: &Sources<'_>,
    dst: &mut [u8],
    workspace: &mut Workspace,
) -> Result<()> {
    let spec = specs[node.src];
    let src = sources.bytes(node.src, spec);
    match &node.step {
        Step::Unary(op) => op.run_bytes(spec, src, dst, workspace),
        Step::Binary { op, .. } => {
            let other = node.other.expect("two-image steps have a second operand");
            op.run_bytes(spec, src, sources.bytes(other, specs[other]), dst)
        }
    }
}
