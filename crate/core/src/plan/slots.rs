//! Where the whole frames of a run live: the caller's input and output, and
//! work buffers (slots) for the results that later passes read. A slot
//! returns to the pool right after the last pass that reads it, so the slots
//! held equal the most such frames alive at once.

use super::builder::{PipelineBuilder, ValueId};
use super::passes::Pass;

/// Where a whole frame lives during a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Location {
    /// The caller's input, read in place.
    Input,
    /// The caller's output, written in place by the pass that makes it.
    Output,
    /// A work buffer of the pipeline.
    Slot(usize),
}

/// The location of each pass's result, and the slots they need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SlotPlan {
    /// `locations[v]`: where value `v` lives, for the input and pass results.
    pub locations: Vec<Option<Location>>,
    pub slots: usize,
    /// Bytes of each slot: the largest frame a slot holds.
    pub slot_bytes: usize,
}

pub(crate) fn assign(builder: &PipelineBuilder, passes: &[Pass]) -> SlotPlan {
    let output = builder.output();
    let mut last_read: Vec<Option<usize>> = vec![None; builder.specs.len()];
    for (p, pass) in passes.iter().enumerate() {
        let mut read = |value: ValueId| last_read[value] = Some(p);
        match pass {
            Pass::Segment(segment) => segment.frames_read().for_each(&mut read),
            Pass::Frame(node) => read(builder.nodes[*node].src),
        }
    }
    let mut locations = vec![None; builder.specs.len()];
    locations[0] = Some(Location::Input);
    let mut free: Vec<usize> = Vec::new();
    let (mut slots, mut slot_bytes) = (0, 0);
    for (p, pass) in passes.iter().enumerate() {
        let value = pass.result();
        locations[value] = Some(if value == output {
            Location::Output
        } else {
            slot_bytes = slot_bytes.max(builder.specs[value].byte_len());
            Location::Slot(free.pop().unwrap_or_else(|| {
                slots += 1;
                slots - 1
            }))
        });
        // Frames no later pass reads give their slots back.
        for (v, last) in last_read.iter().enumerate() {
            if *last == Some(p)
                && let Some(Location::Slot(slot)) = locations[v]
            {
                free.push(slot);
            }
        }
    }
    SlotPlan {
        locations,
        slots,
        slot_bytes,
    }
}
