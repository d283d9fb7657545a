//! The planning pass: which steps fuse into one pass, and where every
//! result lives while the pipeline runs. Each materialized intermediate gets
//! a slot, and its slot returns to the pool right after the pass that reads
//! it last, so the slots held equal the most intermediates alive at once.

use super::builder::{Node, PipelineBuilder, Step, ValueId};
use crate::{Error, Result};

/// Where a result lives during a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Location {
    /// The caller's input, read in place.
    Input,
    /// The caller's output, written in place by the pass that makes it.
    Output,
    /// A work buffer of the pipeline.
    Slot(usize),
    /// Never a whole frame: made and consumed chunk by chunk inside a fused pass.
    Fused,
}

/// The passes, the locations of all results, and the slots they need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SlotPlan {
    /// Each pass runs nodes `first..=last`; more than one node fuse.
    pub passes: Vec<(usize, usize)>,
    /// Whether each pass writes over the slot of an operand that dies with it.
    pub in_place: Vec<bool>,
    pub locations: Vec<Location>,
    pub slots: usize,
    /// Bytes of each slot: the largest materialized intermediate frame.
    pub slot_bytes: usize,
}

/// Whether node `i` is a pointwise step that its successor continues.
fn fuses_into_next(builder: &PipelineBuilder, last_reader: &[Option<usize>], i: usize) -> bool {
    let value = i + 1;
    let pointwise = |node: usize| builder.nodes[node].is_pointwise();
    i + 1 < builder.nodes.len()
        && pointwise(i)
        && pointwise(i + 1)
        && builder.nodes[i + 1].src == value
        && last_reader[value] == Some(i + 1)
        && value != builder.output()
}

pub(crate) fn assign(builder: &PipelineBuilder) -> Result<SlotPlan> {
    let output = builder.output();
    if builder.nodes.is_empty() {
        return Err(Error::param("pipeline", "at least one step", "no steps"));
    }
    if output == 0 {
        return Err(Error::param(
            "pipeline",
            "a step after from(\"input\") that makes the output",
            "none",
        ));
    }
    let nodes = &builder.nodes;
    let mut last_reader: Vec<Option<usize>> = vec![None; builder.specs.len()];
    for (i, node) in nodes.iter().enumerate() {
        last_reader[node.src] = Some(i);
        if let Some(other) = node.other {
            last_reader[other] = Some(i);
        }
    }

    let mut passes = Vec::new();
    let mut first = 0;
    for i in 0..nodes.len() {
        if !fuses_into_next(builder, &last_reader, i) {
            passes.push((first, i));
            first = i + 1;
        }
    }

    let mut locations = vec![Location::Input; builder.specs.len()];
    let mut in_place = Vec::with_capacity(passes.len());
    let mut free: Vec<usize> = Vec::new();
    let (mut slots, mut slot_bytes) = (0, 0);
    for &(first, last) in &passes {
        locations[first + 1..=last].fill(Location::Fused);
        let value: ValueId = last + 1;
        let reused = reusable_operand(builder, &last_reader, &locations, first, last);
        in_place.push(reused.is_some());
        locations[value] = if value == output {
            Location::Output
        } else if let Some(slot) = reused {
            Location::Slot(slot)
        } else {
            slot_bytes = slot_bytes.max(builder.specs[value].byte_len());
            Location::Slot(free.pop().unwrap_or_else(|| {
                slots += 1;
                slots - 1
            }))
        };
        // After this pass, operands that no later pass reads free their slots;
        // so does its own result if nothing reads it.
        let mut done: Vec<ValueId> = Vec::new();
        for node in &nodes[first..=last] {
            done.push(node.src);
            done.extend(node.other);
        }
        if last_reader[value].is_none() {
            done.push(value);
        }
        done.sort_unstable();
        done.dedup();
        for finished in done {
            if last_reader[finished].is_none_or(|reader| reader <= last)
                && let Location::Slot(slot) = locations[finished]
                && !(reused == Some(slot) && finished != value)
            {
                free.push(slot);
            }
        }
    }
    Ok(SlotPlan {
        passes,
        in_place,
        locations,
        slots,
        slot_bytes,
    })
}

/// The slot a pointwise pass may write over: its operand's, when the operand
/// dies with this pass and each output sample is no wider than an input
/// sample, so that writing chunk by chunk never reaches samples not yet read.
/// A two-image step may write over either operand that dies with it (not
/// one it reads twice).
fn reusable_operand(
    builder: &PipelineBuilder,
    last_reader: &[Option<usize>],
    locations: &[Location],
    first: usize,
    last: usize,
) -> Option<usize> {
    let nodes = &builder.nodes[first..=last];
    if let [
        Node {
            step: Step::Binary { .. },
            src,
            other: Some(other),
        },
    ] = nodes
    {
        let dies_here = |value: ValueId| last_reader[value].is_some_and(|reader| reader <= last);
        return [*src, *other]
            .into_iter()
            .filter(|_| src != other && last + 1 != builder.output())
            .filter(|&value| dies_here(value))
            .find_map(|value| match locations[value] {
                Location::Slot(slot) => Some(slot),
                _ => None,
            });
    }
    let pointwise = nodes.iter().all(Node::is_pointwise);
    let src = nodes[0].src;
    let (from, to) = (builder.specs[src], builder.specs[last + 1]);
    match locations[src] {
        Location::Slot(slot)
            if pointwise
                && last_reader[src].is_some_and(|reader| reader <= last)
                && last + 1 != builder.output()
                && to.pixel_type().size() <= from.pixel_type().size() =>
        {
            Some(slot)
        }
        _ => None,
    }
}
