//! `Pipeline`: a planned graph of steps with its work buffers, run per frame
//! from the caller's input to the caller's output without allocating.

use std::sync::atomic::{AtomicBool, Ordering};

use super::builder::{Node, PipelineBuilder, Step};
use super::slots::{Location, SlotPlan, assign};
use super::table::Table;
use crate::image::check_byte_len;
use crate::storage::AlignedBytes;
use crate::{Error, ImageSpec, PixelType, Result, Workspace};

/// Pixels per chunk of a fused pass: small enough to stay in cache.
const CHUNK_PIXELS: usize = 2048;

/// Chunk buffers of a fused pass: one step's result, read by the next, and
/// for passes in place, the operand's chunk copied out before it is overwritten.
#[derive(Debug)]
struct ChunkBuffers {
    read: AlignedBytes,
    write: AlignedBytes,
    staged: AlignedBytes,
}

impl ChunkBuffers {
    fn new() -> Self {
        let bytes = CHUNK_PIXELS * crate::image::MAX_CHANNELS * PixelType::WIDEST;
        Self {
            read: AlignedBytes::zeroed(bytes),
            write: AlignedBytes::zeroed(bytes),
            staged: AlignedBytes::zeroed(bytes),
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
        let (plan, slots, tables) = prepare(&steps)?;
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

    /// Threads each step may use; `None` follows the process default. Results do not depend on it.
    pub fn set_threads(&mut self, threads: Option<usize>) {
        self.workspace.set_threads(threads);
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
        let (plan, slots, tables) = prepare(&steps)?;
        self.slots = slots;
        self.tables = tables;
        self.allocations += plan.slots;
        self.steps = steps;
        self.plan = plan;
        Ok(())
    }

    /// Runs every step from `input` (a frame of the input spec) into `output`
    /// (a frame of the output spec). Lengths are checked before any step, so
    /// a refused run leaves `output` untouched.
    pub fn run(&mut self, input: &[u8], output: &mut [u8]) -> Result<()> {
        self.run_unless(input, output, &AtomicBool::new(false))
    }

    /// Refuses an input or output of `input` or `output` bytes that is not a frame of its spec.
    pub fn check_frames(&self, input: usize, output: usize) -> Result<()> {
        check_byte_len(self.input_spec(), input, "input")?;
        check_byte_len(self.output_spec(), output, "output")
    }

    /// [`run`](Self::run), stopping with `ERR_PIXCHAIN_ABORTED` before any
    /// pass that starts once `abort` is set. Only the last pass writes the
    /// output, so an aborted run leaves it untouched.
    pub fn run_unless(
        &mut self,
        input: &[u8],
        output: &mut [u8],
        abort: &AtomicBool,
    ) -> Result<()> {
        self.check_frames(input.len(), output.len())?;
        let specs = &self.steps.specs;
        let passes = self.plan.passes.len();
        for (pass, &(first, last)) in self.plan.passes.iter().enumerate() {
            if abort.load(Ordering::Relaxed) {
                return Err(Error::Aborted {
                    pass: pass + 1,
                    passes,
                });
            }
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
                Location::Slot(slot) if self.plan.in_place[pass] && !two_images(nodes) => {
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
                    let result = match nodes {
                        [node] if self.plan.in_place[pass] => {
                            run_two_in_place(&pass_steps, node, &sources, slot, dst, chunks)
                        }
                        _ => run_pass(&pass_steps, &sources, dst, workspace, chunks),
                    };
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

/// The plan for `steps`, its work buffers, and its lookup tables.
fn prepare(steps: &PipelineBuilder) -> Result<(SlotPlan, Vec<AlignedBytes>, Vec<Option<Table>>)> {
    let plan = assign(steps)?;
    let slots = (0..plan.slots)
        .map(|_| AlignedBytes::try_zeroed(plan.slot_bytes, "a work buffer"))
        .collect::<Result<_>>()?;
    let tables = tables_for(steps, &plan)?;
    Ok((plan, slots, tables))
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

impl PassSteps<'_> {
    /// Bytes per sample of the pass's operand and of its result.
    fn sample_sizes(&self) -> (usize, usize) {
        let from = self.specs[self.nodes[0].src].pixel_type();
        let to = self.specs[self.first + self.nodes.len()].pixel_type();
        (from.size(), to.size())
    }

    /// `(first sample, pixels)` of each chunk of the frame.
    fn chunks(&self) -> impl Iterator<Item = (usize, usize)> + use<> {
        let spec = self.specs[self.nodes[0].src];
        let (pixels, channels) = (spec.width() * spec.height(), spec.channels());
        (0..pixels)
            .step_by(CHUNK_PIXELS)
            .map(move |start| (start * channels, CHUNK_PIXELS.min(pixels - start)))
    }
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
    if let [node] = pass.nodes {
        return run_node(node, pass.specs, sources, dst, workspace);
    }
    let in_spec = pass.specs[pass.nodes[0].src];
    let src = sources.bytes(pass.nodes[0].src, in_spec);
    let (in_size, out_size) = pass.sample_sizes();
    for (start, count) in pass.chunks() {
        let samples = count * in_spec.channels();
        let input = &src[start * in_size..(start + samples) * in_size];
        let output = &mut dst[start * out_size..(start + samples) * out_size];
        run_chunk(pass, count, input, output, chunks, workspace)?;
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
    let channels = pass.specs[pass.nodes[0].src].channels();
    let (in_size, out_size) = pass.sample_sizes();
    for (start, count) in pass.chunks() {
        let samples = count * channels;
        let mut staged = std::mem::take(&mut chunks.staged);
        staged
            .view_mut::<u8>(samples * in_size)
            .copy_from_slice(&slot[start * in_size..(start + samples) * in_size]);
        let output = &mut slot[start * out_size..(start + samples) * out_size];
        let result = run_chunk(
            pass,
            count,
            staged.view(samples * in_size),
            output,
            chunks,
            workspace,
        );
        chunks.staged = staged;
        result?;
    }
    Ok(())
}

/// Whether a pass is a single two-image step.
fn two_images(nodes: &[Node]) -> bool {
    matches!(
        nodes,
        [Node {
            step: Step::Binary { .. },
            ..
        }]
    )
}

/// Runs a two-image step over the slot of the operand that dies with it:
/// each chunk of that operand is copied out before its results are written
/// over it, and each result sample reads only the samples at its position.
fn run_two_in_place(
    pass: &PassSteps<'_>,
    node: &Node,
    sources: &Sources<'_>,
    slot: usize,
    bytes: &mut [u8],
    chunks: &mut ChunkBuffers,
) -> Result<()> {
    let Step::Binary { op, .. } = &node.step else {
        unreachable!("called for two-image steps only")
    };
    let other = node.other.expect("two-image steps have a second operand");
    let spec = pass.specs[node.src];
    let over_src = sources.locations[node.src] == Location::Slot(slot);
    let kept = sources.bytes(if over_src { other } else { node.src }, spec);
    let size = spec.pixel_type().size();
    for (start, count) in pass.chunks() {
        let range = start * size..(start + count * spec.channels()) * size;
        let staged = chunks.staged.view_mut::<u8>(range.len());
        staged.copy_from_slice(&bytes[range.clone()]);
        let chunk = ImageSpec::new(count, 1, spec.channels(), spec.pixel_type())?;
        let (staged, kept) = (&*staged, &kept[range.clone()]);
        let (a, b) = if over_src {
            (staged, kept)
        } else {
            (kept, staged)
        };
        op.run_bytes(chunk, a, b, &mut bytes[range])?;
    }
    Ok(())
}

/// Runs the pass's steps over one chunk of `count` pixels, through the
/// composed table when there is one.
fn run_chunk(
    pass: &PassSteps<'_>,
    count: usize,
    input: &[u8],
    output: &mut [u8],
    chunks: &mut ChunkBuffers,
    workspace: &mut Workspace,
) -> Result<()> {
    if let Some(table) = pass.table {
        table.apply(input, output);
        return Ok(());
    }
    let channels = pass.specs[pass.nodes[0].src].channels();
    let (mut read, mut write) = (&mut chunks.read, &mut chunks.write);
    for (k, node) in pass.nodes.iter().enumerate() {
        let Step::Unary(op) = &node.step else {
            unreachable!("only pointwise steps fuse")
        };
        let (from, to) = (
            pass.specs[node.src].pixel_type(),
            pass.specs[pass.first + k + 1].pixel_type(),
        );
        let chunk = ImageSpec::new(count, 1, channels, from)?;
        let out_len = count * channels * to.size();
        let source = if k == 0 {
            input
        } else {
            read.view::<u8>(chunk.byte_len())
        };
        if k + 1 == pass.nodes.len() {
            op.run_bytes(chunk, source, output, workspace)?;
        } else {
            op.run_bytes(chunk, source, write.view_mut(out_len), workspace)?;
            std::mem::swap(&mut read, &mut write);
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
