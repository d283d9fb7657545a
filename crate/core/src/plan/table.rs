//! Lookup tables for fused point operations on u8 and u16 frames: every
//! possible input value goes through the steps once, at planning time, so a
//! run maps each sample with one read. Exact by construction: the table
//! holds what the steps compute for each value.

use super::builder::{Node, Step};
use crate::{ImageSpec, PixelType, Result, Workspace};

/// The composed steps' result for every value of the input type.
#[derive(Debug)]
pub(crate) struct Table {
    /// Output samples, `out_size` bytes each, indexed by input value.
    bytes: Vec<u8>,
    in_type: PixelType,
    out_size: usize,
}

impl Table {
    /// The table for `nodes` (pointwise, consecutive) reading `in_type`
    /// samples, or `None` when the input type has too many values.
    pub(crate) fn compose(
        nodes: &[Node],
        specs: &[ImageSpec],
        first: usize,
    ) -> Result<Option<Self>> {
        let in_type = specs[nodes[0].src].pixel_type();
        let values: Vec<u8> = match in_type {
            PixelType::U8 => (0..=u8::MAX).collect(),
            PixelType::U16 => (0..=u16::MAX).flat_map(u16::to_ne_bytes).collect(),
            PixelType::I16 | PixelType::F32 => return Ok(None),
        };
        let count = values.len() / in_type.size();
        let mut workspace = Workspace::new();
        let mut current = values;
        for (k, node) in nodes.iter().enumerate() {
            let Step::Unary(op) = &node.step else {
                unreachable!("only pointwise steps compose")
            };
            let from = specs[node.src].pixel_type();
            let to = specs[first + k + 1].pixel_type();
            let spec = ImageSpec::new(count, 1, 1, from)?;
            // Byte vectors carry no alignment: stage through aligned storage.
            let mut src = crate::storage::AlignedBytes::zeroed(current.len());
            src.view_mut::<u8>(current.len()).copy_from_slice(&current);
            let mut dst = crate::storage::AlignedBytes::zeroed(count * to.size());
            op.run_bytes(
                spec,
                src.view(current.len()),
                dst.view_mut(count * to.size()),
                &mut workspace,
            )?;
            current = dst.view::<u8>(count * to.size()).to_vec();
        }
        let out_size = specs[first + nodes.len()].pixel_type().size();
        Ok(Some(Self {
            bytes: current,
            in_type,
            out_size,
        }))
    }

    /// Maps `input` samples through the table into `output`.
    pub(crate) fn apply(&self, input: &[u8], output: &mut [u8]) {
        let size = self.out_size;
        match self.in_type {
            PixelType::U8 => {
                for (&value, out) in input.iter().zip(output.chunks_exact_mut(size)) {
                    let at = value as usize * size;
                    out.copy_from_slice(&self.bytes[at..at + size]);
                }
            }
            _ => {
                for (value, out) in input.chunks_exact(2).zip(output.chunks_exact_mut(size)) {
                    let at = u16::from_ne_bytes([value[0], value[1]]) as usize * size;
                    out.copy_from_slice(&self.bytes[at..at + size]);
                }
            }
        }
    }
}
