//! The streamed pass: a segment's stages run band by band through rings of
//! rows, so its intermediates never exist as frames.
//!
//! The sink's rows are shared among lanes (threads), each a band of rows
//! with its own rings. In a lane, the stages advance together, `band` rows
//! of the sink at a time; a stage runs `ext` rows ahead of the sink, so that
//! the rows its readers need are made before them, and its ring keeps the
//! rows they still read. Rows beyond a lane's band on each side (the halo)
//! are made by both lanes that need them. Every row is made by the same
//! kernel code from the same source rows, borders resolved against the
//! frame's edges, so the bytes do not depend on bands, lanes or threads.

use std::ops::Range;

use super::builder::{Node, Step};
use super::passes::{Operand, Segment, Stage};
use super::slots::Location;
use super::table::ByteTable;
use crate::image::check_byte_len;
use crate::simd::Isa;
use crate::storage::AlignedBytes;
use crate::strips::{MAX_STRIPS, join_all};
use crate::{AnyImageMut, AnyImageRef, Error, ImageSpec, Result, Workspace};

/// Rows of each intermediate a band aims to hold: an L2 cache's share (32 KiB
/// to 256 KiB measured alike on the chains of `npm run bench:chains`).
const BAND_BYTES: usize = 64 << 10;
/// Fewer rows per band would spend more on calls than on pixels.
const MIN_BAND_ROWS: usize = 4;
const MAX_BAND_ROWS: usize = 64;
/// A lane's band of the sink: fewer rows would spend more on halo than they save.
const MIN_LANE_ROWS: usize = 16;

/// The rows per band for a segment: `forced`, or as many as fit [`BAND_BYTES`]
/// of its widest row.
pub(crate) fn band_rows(segment: &Segment, specs: &[ImageSpec], forced: Option<usize>) -> usize {
    // A band taller than the frame is the frame.
    let height = specs[segment.sink().value].height();
    forced.map(|rows| rows.min(height)).unwrap_or_else(|| {
        // Every row a band holds: each step's result, fused ones included,
        // but not the sink's, which goes straight to the output frame.
        let written = segment.sink().nodes.last();
        let widest = segment
            .stages
            .iter()
            .flat_map(|stage| &stage.nodes)
            .filter(|&node| Some(node) != written)
            .map(|&node| row_bytes(specs[node + 1]))
            .max()
            .unwrap_or(1);
        (BAND_BYTES / widest).clamp(MIN_BAND_ROWS, MAX_BAND_ROWS)
    })
}

fn row_bytes(spec: ImageSpec) -> usize {
    spec.row_len() * spec.pixel_type().size()
}

/// Where one segment's rings and fused steps' rows lie in a lane's arena.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Layout {
    pub band: usize,
    /// Each stage's ring (empty for the sink).
    rings: Vec<Range<usize>>,
    /// Two areas of `band` rows the fused point steps pass rows through.
    tails: [Range<usize>; 2],
}

impl Layout {
    pub(crate) fn new(segment: &Segment, nodes: &[Node], specs: &[ImageSpec], band: usize) -> Self {
        let mut at = 0;
        let mut take = |bytes: usize| {
            // Every area starts on a cache line, aligned for any pixel type.
            let range = at..at + bytes;
            at += bytes.next_multiple_of(64);
            range
        };
        let rings = segment
            .stages
            .iter()
            .map(|stage| {
                let rows = stage.ring_extra.map_or(0, |extra| band + extra);
                take(rows * row_bytes(specs[stage.value]))
            })
            .collect();
        // Rows between a stage's head and its last point step.
        let widest_tail = segment
            .stages
            .iter()
            .flat_map(|stage| &stage.nodes[1..])
            .map(|&node| row_bytes(specs[nodes[node].src]))
            .max()
            .unwrap_or(0);
        let tails = [take(band * widest_tail), take(band * widest_tail)];
        Self { band, rings, tails }
    }

    /// Bytes of the arena the layout needs.
    pub(crate) fn bytes(&self) -> usize {
        self.tails[1].end.next_multiple_of(64)
    }
}

/// One thread's memory for streamed passes: rings and rows, kernel scratch.
#[derive(Debug, Default)]
pub(crate) struct Lane {
    arena: AlignedBytes,
    workspace: Workspace,
    /// Per stage: the rows its ring holds now.
    held: Vec<Range<usize>>,
    failure: Option<Error>,
}

impl Lane {
    /// A lane with `bytes` of arena for up to `stages` stages.
    pub(crate) fn new(bytes: usize, stages: usize) -> Result<Self> {
        let mut workspace = Workspace::new();
        // The lanes are the threads: kernels inside one run on it alone.
        workspace.set_threads(Some(1));
        Ok(Self {
            arena: AlignedBytes::try_zeroed(bytes, "line buffers")?,
            workspace,
            held: Vec::with_capacity(stages),
            failure: None,
        })
    }

    /// Bytes held: arena and kernel scratch.
    pub(crate) fn bytes(&self) -> usize {
        self.arena.capacity() + self.workspace.bytes()
    }

    pub(crate) fn allocations(&self) -> usize {
        self.workspace.allocations()
    }
}

/// The whole frames a pass may read (never the caller's output: the pass
/// that makes it is the last).
pub(crate) struct Frames<'a> {
    pub input: &'a [u8],
    /// Samples from one input row's start to the next (a crop of a larger frame).
    pub input_stride: usize,
    pub slots: &'a [AlignedBytes],
    pub locations: &'a [Option<Location>],
    pub specs: &'a [ImageSpec],
}

impl Frames<'_> {
    /// The frame of `value`, from its first row's start to its last row's
    /// end, and the samples from one row's start to the next.
    pub(crate) fn bytes(&self, value: usize) -> (&[u8], usize) {
        let spec = self.specs[value];
        match self.locations[value] {
            Some(Location::Input) => (self.input, self.input_stride),
            Some(Location::Slot(slot)) => (self.slots[slot].view(spec.byte_len()), spec.row_len()),
            Some(Location::Output) => unreachable!("no pass reads the output"),
            None => unreachable!("value {value} is streamed, never a frame"),
        }
    }

    /// The frame of `value`, all rows.
    pub(crate) fn view(&self, value: usize) -> AnyImageRef<'_> {
        let (bytes, stride) = self.bytes(value);
        AnyImageRef::window(self.specs[value], 0, stride, bytes)
    }
}

/// What a streamed pass runs with.
pub(crate) struct Streamed<'a> {
    pub segment: &'a Segment,
    pub layout: &'a Layout,
    /// Per stage: a table for its point steps from the one at this index on,
    /// used on the SIMD paths where it pays.
    pub tables: &'a [Option<(usize, ByteTable)>],
    pub nodes: &'a [Node],
    pub frames: Frames<'a>,
}

/// The lanes a segment of `height` rows runs on with `threads` threads: each
/// at least [`MIN_LANE_ROWS`], at most [`MAX_STRIPS`] of them.
pub(crate) fn lanes_for(threads: usize, height: usize) -> usize {
    threads.min(height / MIN_LANE_ROWS).clamp(1, MAX_STRIPS)
}

/// Runs the segment into `dst`, the sink's frame, on up to `lanes.len()`
/// lanes at once, each on the SIMD path `isa` (the pipeline's).
pub(crate) fn run_segment(
    pass: &Streamed<'_>,
    dst: &mut [u8],
    lanes: &mut [Lane],
    isa: Isa,
) -> Result<()> {
    let spec = pass.frames.specs[pass.segment.sink().value];
    check_byte_len(spec, dst.len(), "output")?;
    let height = spec.height();
    let count = lanes_for(lanes.len(), height);
    let rows_per_lane = height.div_ceil(count);
    for lane in lanes.iter_mut() {
        lane.workspace.follow(isa);
    }
    let mut jobs: [Option<Job<'_, '_>>; MAX_STRIPS] = std::array::from_fn(|_| None);
    let bands = dst.chunks_mut(rows_per_lane * row_bytes(spec)).enumerate();
    for ((slot, (i, band)), lane) in jobs.iter_mut().zip(bands).zip(lanes.iter_mut()) {
        let first = i * rows_per_lane;
        *slot = Some((first..first + band.len() / row_bytes(spec), band, lane));
    }
    let ran = count.min(height.div_ceil(rows_per_lane));
    join_all(&mut jobs[..ran], &|(rows, band, lane): Job<'_, '_>| {
        lane.failure = run_lane(pass, rows, band, lane).err();
    });
    // Every lane that ran gives its failure back; the first is the run's.
    let mut failure = None;
    for lane in &mut lanes[..ran] {
        if let Some(error) = lane.failure.take() {
            failure.get_or_insert(error);
        }
    }
    failure.map_or(Ok(()), Err)
}

type Job<'d, 'l> = (Range<usize>, &'d mut [u8], &'l mut Lane);

/// Runs the segment for the sink's rows `band`, written into `dst` (those rows).
fn run_lane(
    pass: &Streamed<'_>,
    band: Range<usize>,
    dst: &mut [u8],
    lane: &mut Lane,
) -> Result<()> {
    let stages = &pass.segment.stages;
    let specs = pass.frames.specs;
    let height = specs[pass.segment.sink().value].height();
    let rows = pass.layout.band;
    let widest_ext = stages.iter().map(|s| s.ext).max().unwrap_or(0);
    let span_of = |stage: &Stage| {
        let lowest = band.start.saturating_sub(stage.ext);
        lowest..(band.end + stage.ext).min(height)
    };
    lane.held.clear();
    lane.held.extend(stages.iter().map(|stage| {
        let lowest = span_of(stage).start;
        lowest..lowest
    }));
    // The sink's target row: stage `k` makes rows up to `target + ext`.
    // Starting low enough that no stage's first step exceeds a band (the
    // first few steps may make nothing: that is intended).
    let mut target = band.start as isize + rows as isize - 2 * widest_ext as isize;
    loop {
        for (k, stage) in stages.iter().enumerate() {
            let span = span_of(stage);
            let end = (target + stage.ext as isize).clamp(span.start as isize, span.end as isize)
                as usize;
            let held = lane.held[k].clone();
            if end <= held.end {
                continue;
            }
            let mut base = held.start;
            if let Some(extra) = stage.ring_extra
                && end - base > rows + extra
            {
                // Drop the rows no reader needs again.
                let keep = stage
                    .consumers
                    .iter()
                    .map(|&w| lane.held[w].end.saturating_sub(stages[w].reach))
                    .min()
                    .unwrap_or(held.end)
                    .clamp(base, held.end);
                let size = row_bytes(specs[stage.value]);
                let ring = &mut lane.arena.view_mut::<u8>(pass.layout.bytes())
                    [pass.layout.rings[k].clone()];
                ring.copy_within((keep - base) * size..(held.end - base) * size, 0);
                base = keep;
                assert!(
                    end - base <= rows + extra,
                    "ring of stage {k} holds {} rows, needs {}",
                    rows + extra,
                    end - base
                );
            }
            lane.held[k] = base..held.end;
            make_rows(pass, k, held.end..end, &band, dst, lane)?;
            lane.held[k].end = end;
        }
        if lane.held[stages.len() - 1].end >= band.end {
            return Ok(());
        }
        target += rows as isize;
    }
}

/// Makes rows `rows` of stage `k`: its head reads its operands, then each
/// fused point step reads the rows the one before wrote.
fn make_rows(
    pass: &Streamed<'_>,
    k: usize,
    rows: Range<usize>,
    band: &Range<usize>,
    sink: &mut [u8],
    lane: &mut Lane,
) -> Result<()> {
    let stage = &pass.segment.stages[k];
    let specs = pass.frames.specs;
    let layout = pass.layout;
    let arena = lane.arena.view_mut::<u8>(layout.bytes());
    let ring = &layout.rings[k];
    let (before, after) = arena.split_at_mut(ring.start);
    let (own, after) = after.split_at_mut(ring.len());
    let (tail_a, tail_b) =
        after[layout.tails[0].start - ring.end..].split_at_mut(layout.tails[0].len());
    let tail_b =
        &mut tail_b[layout.tails[1].start - layout.tails[0].end..][..layout.tails[1].len()];
    let before: &[u8] = before;

    // The rows of an operand: all that are held, or just `rows` for a head
    // that reads each row alone (point and two-image steps need equal views);
    // with the first row's index and the samples from one row to the next.
    let held = &lane.held;
    let operand_rows = |operand: &Operand| -> (ImageSpec, &[u8], usize, usize) {
        let (spec, bytes, first, stride) = match *operand {
            Operand::Stage(j) => {
                let spec = specs[pass.segment.stages[j].value];
                let h = &held[j];
                let bytes = &before[layout.rings[j].clone()][..h.len() * row_bytes(spec)];
                (spec, bytes, h.start, spec.row_len())
            }
            Operand::Frame(value) => {
                let (bytes, stride) = pass.frames.bytes(value);
                (specs[value], bytes, 0, stride)
            }
        };
        if stage.reach == 0 {
            let step = stride * spec.pixel_type().size();
            let (start, last) = ((rows.start - first) * step, (rows.end - 1 - first) * step);
            (
                spec,
                &bytes[start..last + row_bytes(spec)],
                rows.start,
                stride,
            )
        } else {
            (spec, bytes, first, stride)
        }
    };
    let operand = |operand: &Operand| -> AnyImageRef<'_> {
        let (spec, bytes, first, stride) = operand_rows(operand);
        AnyImageRef::window(spec, first, stride, bytes)
    };
    let out_spec = specs[stage.value];
    let out_size = row_bytes(out_spec);
    let destination: &mut [u8] = match stage.ring_extra {
        Some(_) => {
            let from = rows.start - held[k].start;
            &mut own[from * out_size..(from + rows.len()) * out_size]
        }
        None => &mut sink[(rows.start - band.start) * out_size..(rows.end - band.start) * out_size],
    };
    let workspace = &mut lane.workspace;
    let nodes = &stage.nodes;
    let head = &pass.nodes[nodes[0]];
    let mut tails = [tail_a, tail_b];
    let head_spec = specs[nodes[0] + 1];
    let table = pass.tables[k]
        .as_ref()
        .filter(|(_, table)| table.pays_on(workspace.isa()));
    match table {
        // The whole stage is point steps on u8 rows: one lookup per sample.
        Some((0, table)) => {
            let (spec, bytes, _, stride) = operand_rows(&stage.operands[0]);
            apply_by_rows(table, spec, bytes, stride, destination);
            return Ok(());
        }
        Some((1, table)) => {
            let head_rows = &mut tails[0][..rows.len() * row_bytes(head_spec)];
            let dst = AnyImageMut::window(head_spec, rows.start, &mut *head_rows);
            run_head(&head.step, &operand, stage, dst, workspace)?;
            table.apply(head_rows, destination);
            return Ok(());
        }
        Some(_) => unreachable!("a table covers a stage from its head or the step after it"),
        None => {}
    }
    {
        let dst = match nodes.len() {
            1 => AnyImageMut::window(out_spec, rows.start, &mut *destination),
            _ => AnyImageMut::window(
                head_spec,
                rows.start,
                &mut tails[0][..rows.len() * row_bytes(head_spec)],
            ),
        };
        run_head(&head.step, &operand, stage, dst, workspace)?;
    }
    for (i, &node) in nodes.iter().enumerate().skip(1) {
        let Step::Unary(op) = &pass.nodes[node].step else {
            unreachable!("only point steps fuse")
        };
        let (from_spec, to_spec) = (specs[pass.nodes[node].src], specs[node + 1]);
        let [a, b] = &mut tails;
        let (read, write) = if i % 2 == 1 { (a, b) } else { (b, a) };
        let src = AnyImageRef::window(
            from_spec,
            rows.start,
            from_spec.row_len(),
            &read[..rows.len() * row_bytes(from_spec)],
        );
        let dst = if i + 1 == nodes.len() {
            AnyImageMut::window(to_spec, rows.start, &mut *destination)
        } else {
            AnyImageMut::window(
                to_spec,
                rows.start,
                &mut write[..rows.len() * row_bytes(to_spec)],
            )
        };
        op.run(src, dst, workspace)?;
    }
    Ok(())
}

/// `table` over the u8 rows of `spec` that start `stride` samples apart in
/// `src`, into as many whole rows of `dst`.
fn apply_by_rows(table: &ByteTable, spec: ImageSpec, src: &[u8], stride: usize, dst: &mut [u8]) {
    let row_len = spec.row_len();
    if stride == row_len {
        return table.apply(src, dst);
    }
    let rows = (src.len() - row_len) / stride + 1;
    for (i, out) in dst.chunks_exact_mut(dst.len() / rows).enumerate() {
        table.apply(&src[i * stride..i * stride + row_len], out);
    }
}

/// Runs a stage's head step from its operands into `dst`.
fn run_head<'a>(
    step: &Step,
    operand: &impl Fn(&Operand) -> AnyImageRef<'a>,
    stage: &Stage,
    dst: AnyImageMut<'_>,
    workspace: &mut Workspace,
) -> Result<()> {
    match step {
        Step::Unary(op) => op.run(operand(&stage.operands[0]), dst, workspace),
        Step::Binary { op, .. } => op.run(
            operand(&stage.operands[0]),
            operand(&stage.operands[1]),
            dst,
            workspace.isa(),
        ),
    }
}
