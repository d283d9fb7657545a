//! The planning pass: where every result lives while the pipeline runs.
//! Each intermediate gets a slot, and its slot returns to the pool right
//! after its last reader, so the slots held equal the most intermediates
//! alive at once.

use super::builder::{PipelineBuilder, ValueId};
use crate::{Error, Result};

/// Where a result lives during a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Location {
    /// The caller's input, read in place.
    Input,
    /// The caller's output, written in place by the step that makes it.
    Output,
    /// A work buffer of the pipeline.
    Slot(usize),
}

/// Locations of all results, and the slots they need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SlotPlan {
    pub locations: Vec<Location>,
    pub slots: usize,
    /// Bytes of each slot: the largest intermediate frame.
    pub slot_bytes: usize,
}

pub(crate) fn assign(builder: &PipelineBuilder) -> Result<SlotPlan> {
    let output = builder.output();
    if output == 0 {
        return Err(Error::param(
            "pipeline",
            "a step after from(\"input\") that makes the output",
            "none",
        ));
    }
    let values = builder.specs.len();
    let mut last_reader: Vec<Option<usize>> = vec![None; values];
    for (i, node) in builder.nodes.iter().enumerate() {
        last_reader[node.src] = Some(i);
        if let Some(other) = node.other {
            last_reader[other] = Some(i);
        }
    }

    let mut locations = vec![Location::Input; values];
    let mut free: Vec<usize> = Vec::new();
    let (mut slots, mut slot_bytes) = (0, 0);
    for (i, node) in builder.nodes.iter().enumerate() {
        let value: ValueId = i + 1;
        locations[value] = if value == output {
            Location::Output
        } else {
            slot_bytes = slot_bytes.max(builder.specs[value].byte_len());
            Location::Slot(free.pop().unwrap_or_else(|| {
                slots += 1;
                slots - 1
            }))
        };
        // After this step, its operands that no later step reads free their
        // slots; so does its own result if nothing reads it.
        let mut done = vec![node.src];
        done.extend(node.other.filter(|&other| other != node.src));
        if last_reader[value].is_none() {
            done.push(value);
        }
        for finished in done {
            if last_reader[finished].is_none_or(|reader| reader == i)
                && let Location::Slot(slot) = locations[finished]
            {
                free.push(slot);
            }
        }
    }
    Ok(SlotPlan {
        locations,
        slots,
        slot_bytes,
    })
}
