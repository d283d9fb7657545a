//! `Pipeline`: a planned graph of steps with its work buffers, run per frame
//! from the caller's input to the caller's output without allocating.

use super::builder::{Node, PipelineBuilder, Step};
use super::slots::{Location, SlotPlan, assign};
use super::table::Table;
use crate::image::check_byte_len;
use crate::storage::AlignedBytes;
use crate::{ImageSpec, PixelType, Result, Workspace};

/// Pixels per chunk of a fused pass: small enough to stay in cache.
const CHUNK_PIXELS: usize = 2048;

/// Chunk buffers of a fused pass: one step's result, read by the next.
#[derive(Debug)]
struct ChunkBuffers {
    read: AlignedBytes,
    write: AlignedBytes,
}

impl ChunkBuffers {
    fn new() -> Self {
        let bytes = CHUNK_PIXELS * crate::image::MAX_CHANNELS * PixelType::WIDEST;
        Self {
            read: AlignedBytes::zeroed(bytes),
            write: AlignedBytes::zeroed(bytes),
        }
    }
}

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
    /// A composed lookup table for each fused pass on u8 or u16 samples.
    tables: Vec<Option<Table>>,
    chunks: ChunkBuffers,
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
        let tables = tables_for(&steps, &plan)?;
        Ok(Self {
            allocations: plan.slots,
            steps,
            plan,
            slots,
            tables,
            chunks: ChunkBuffers::new(),
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
            passes: self.plan.passes.len(),
            runs: self.runs,
        }
    }

    /// Plans the same steps for frames of `input` and allocates new work
    /// buffers for them; the old ones are freed. Nothing changes on error.
    pub fn rebuild(&mut self, input: ImageSpec) -> Result<()> {
        let steps = self.steps.with_input(input)?;
        let plan = assign(&steps)?;
        self.tables = tables_for(&steps, &plan)?;
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
        for (pass, &(first, last)) in self.plan.passes.iter().enumerate() {
            let nodes = &self.steps.nodes[first..=last];
            let out_spec = specs[last + 1];
            let locations = &self.plan.locations;
            let (workspace, chunks) = (&mut self.workspace, &mut self.chunks);
            let table = self.tables[pass].as_ref();
            let pass_steps = PassSteps {
                nodes,
                first,
                specs,
                table,
            };
            match locations[last + 1] {
                Location::Slot(slot) if self.plan.in_place[pass] => {
                    let bytes = self.slots[slot].view_mut(self.plan.slot_bytes);
                    run_in_place(&pass_steps, bytes, workspace, chunks)?;
                }
                Location::Slot(slot) => {
                    // Taken out while written, so operands may borrow the other slots.
                    let mut target = std::mem::take(&mut self.slots[slot]);
                    let sources = Sources {
                        input,
                        output: Some(output),
                        slots: &self.slots,
                        locations,
                    };
                    let dst = target.view_mut(out_spec.byte_len());
                    let result = run_pass(&pass_steps, &sources, dst, workspace, chunks);
                    self.slots[slot] = target;
                    result?;
                }
                Location::Output => {
                    // The output is made once, by this pass, so no operand lives there.
                    let sources = Sources {
                        input,
                        output: None,
                        slots: &self.slots,
                        locations,
                    };
                    run_pass(&pass_steps, &sources, output, workspace, chunks)?;
                }
                Location::Input | Location::Fused => {
                    unreachable!("a pass's result is a slot or the output")
                }
            }
        }
        self.runs += 1;
        Ok(())
    }
}

/// Lookup tables for the fused passes that read u8 or u16 samples.
fn tables_for(steps: &PipelineBuilder, plan: &SlotPlan) -> Result<Vec<Option<Table>>> {
    plan.passes
        .iter()
        .map(|&(first, last)| match last > first {
            true => Table::compose(&steps.nodes[first..=last], &steps.specs, first),
            false => Ok(None),
        })
        .collect()
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
            Location::Fused => unreachable!("fused results are never read as frames"),
        }
    }
}

/// The steps of one pass, with what they read.
struct PassSteps<'a> {
    nodes: &'a [Node],
    /// Index of the first node: step `k` of the pass makes result `first + k + 1`.
    first: usize,
    specs: &'a [ImageSpec],
    table: Option<&'a Table>,
}

/// Runs one pass: a single step over whole frames, or fused pointwise steps
/// chunk by chunk, each chunk passing through every step before the next.
fn run_pass(
    pass: &PassSteps<'_>,
    sources: &Sources<'_>,
    dst: &mut [u8],
    workspace: &mut Workspace,
    chunks: &mut ChunkBuffers,
) -> Result<()> {
    let PassSteps {
        nodes,
        first,
        specs,
        table,
    } = *pass;
    if let [node] = nodes {
        return run_node(node, specs, sources, dst, workspace);
    }
    let in_spec = specs[nodes[0].src];
    let src = sources.bytes(nodes[0].src, in_spec);
    if let Some(table) = table {
        table.apply(src, dst);
        return Ok(());
    }
    let channels = in_spec.channels();
    let pixels = in_spec.width() * in_spec.height();
    let ChunkBuffers { read, write } = chunks;
    let (mut read, mut write) = (read, write);
    for start in (0..pixels).step_by(CHUNK_PIXELS) {
        let count = CHUNK_PIXELS.min(pixels - start);
        for (k, node) in nodes.iter().enumerate() {
            let (from, to) = (
                specs[first + k].pixel_type(),
                specs[first + k + 1].pixel_type(),
            );
            let chunk = ImageSpec::new(count, 1, channels, from)?;
            let Step::Unary(op) = &node.step else {
                unreachable!("only pointwise steps fuse")
            };
            let out_len = count * channels * to.size();
            let input = if k == 0 {
                let offset = start * channels * from.size();
                &src[offset..offset + chunk.byte_len()]
            } else {
                read.view::<u8>(chunk.byte_len())
            };
            if k + 1 == nodes.len() {
                let offset = start * channels * to.size();
                op.run_bytes(chunk, input, &mut dst[offset..offset + out_len], workspace)?;
            } else {
                op.run_bytes(chunk, input, write.view_mut(out_len), workspace)?;
                std::mem::swap(&mut read, &mut write);
            }
        }
    }
    Ok(())
}

/// Runs a pointwise pass over its operand's own slot: each chunk is copied
/// out before any result is written over it, and results are never wider
/// than operands, so no write reaches a sample still to be read.
fn run_in_place(
    pass: &PassSteps<'_>,
    slot: &mut [u8],
    workspace: &mut Workspace,
    chunks: &mut ChunkBuffers,
) -> Result<()> {
    let PassSteps {
        nodes,
        first,
        specs,
        table,
    } = *pass;
    let in_spec = specs[nodes[0].src];
    let channels = in_spec.channels();
    let pixels = in_spec.width() * in_spec.height();
    let ChunkBuffers { read, write } = chunks;
    let (mut read, mut write) = (read, write);
    for start in (0..pixels).step_by(CHUNK_PIXELS) {
        let count = CHUNK_PIXELS.min(pixels - start);
        let in_size = in_spec.pixel_type().size();
        let copied = count * channels * in_size;
        let offset = start * channels * in_size;
        read.view_mut::<u8>(copied)
            .copy_from_slice(&slot[offset..offset + copied]);
        if let Some(table) = table {
            let out_size = specs[first + nodes.len()].pixel_type().size();
            let out_offset = start * channels * out_size;
            let out_len = count * channels * out_size;
            table.apply(
                read.view::<u8>(copied),
                &mut slot[out_offset..out_offset + out_len],
            );
            continue;
        }
        for (k, node) in nodes.iter().enumerate() {
            let (from, to) = (
                specs[node.src].pixel_type(),
                specs[first + k + 1].pixel_type(),
            );
            let chunk = ImageSpec::new(count, 1, channels, from)?;
            let Step::Unary(op) = &node.step else {
                unreachable!("only pointwise steps run in place")
            };
            let out_len = count * channels * to.size();
            let input = read.view::<u8>(chunk.byte_len());
            if k + 1 == nodes.len() {
                let offset = start * channels * to.size();
                op.run_bytes(chunk, input, &mut slot[offset..offset + out_len], workspace)?;
            } else {
                op.run_bytes(chunk, input, write.view_mut(out_len), workspace)?;
                std::mem::swap(&mut read, &mut write);
            }
        }
    }
    Ok(())
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
