//! Lookup tables for the fused point steps of a stage whose samples are u8:
//! all 256 values go through the steps once, when the pipeline is planned,
//! so a run maps each sample with one load. Exact by construction: the
//! table holds what the steps compute for each value.
//!
//! Used only where it measures faster than running the steps over the rows
//! (4K u8 rows, one thread, `PIXCHAIN_SIMD` forcing each path): a lookup
//! costs about what one step that rounds through f32 costs on a path
//! without an explicit vector conversion, so one such step already pays for
//! it there; on AVX2, `linear` and `convert` from u8 to u8 cost 0.4 of a
//! lookup and `clip`, `threshold` and `invert` 0.15, so the table pays
//! only from three rounding steps (`clip → linear`: 5.7 ms without the
//! table against 6.7 with it; four `linear`s: 7.8 against 6.8).

use super::builder::{PipelineBuilder, Step};
use crate::simd::Isa;
use crate::storage::AlignedBytes;
use crate::{ImageSpec, Op, PixelType, Result, Workspace};

/// The composed steps' result for each of the 256 u8 values.
#[derive(Debug)]
pub(crate) struct ByteTable {
    /// 256 output samples, native endianness.
    entries: AlignedBytes,
    out: PixelType,
    /// What the steps cost per sample, in lookups, on AVX2 and on the other paths.
    cost_avx2: f32,
    cost_other: f32,
}

impl ByteTable {
    /// The table for the point steps `nodes` (each reading the one before)
    /// if they read u8 samples and a table pays for itself on some SIMD path
    /// ([`pays_on`](Self::pays_on) tells which).
    pub(crate) fn worth_it(steps: &PipelineBuilder, nodes: &[usize]) -> Result<Option<Self>> {
        let (Some(&first), Some(&last)) = (nodes.first(), nodes.last()) else {
            return Ok(None);
        };
        let per_channel = nodes
            .iter()
            .any(|&i| matches!(&steps.nodes[i].step, Step::Unary(op) if op.varies_by_channel()));
        let specs = &steps.specs;
        // A result in f32 is a few vector instructions from u8, cheaper than
        // a load from the table (4K u8 blur → convert to f32: 20.6 ms
        // without the table, 22.4 ms with it).
        if per_channel
            || specs[steps.nodes[first].src].pixel_type() != PixelType::U8
            || specs[last + 1].pixel_type() == PixelType::F32
        {
            return Ok(None);
        }
        let cost = |avx2: bool| -> f32 {
            nodes
                .iter()
                .map(|&i| {
                    let node = &steps.nodes[i];
                    let same_u8 = specs[node.src].pixel_type() == PixelType::U8
                        && specs[i + 1].pixel_type() == PixelType::U8;
                    match &node.step {
                        Step::Unary(Op::Linear(_) | Op::Convert { .. }) if avx2 && same_u8 => 0.4,
                        Step::Unary(
                            Op::Linear(_) | Op::Convert { .. } | Op::ConvertScaleAbs(_),
                        ) => {
                            if avx2 {
                                0.75
                            } else {
                                1.1
                            }
                        }
                        _ => 0.15,
                    }
                })
                .sum()
        };
        let (cost_avx2, cost_other) = (cost(true), cost(false));
        if cost_avx2.max(cost_other) <= 1.0 {
            return Ok(None);
        }
        let mut workspace = Workspace::new();
        workspace.set_threads(Some(1));
        let mut spec = ImageSpec::new(256, 1, 1, PixelType::U8)?;
        let mut values = AlignedBytes::zeroed(256 * PixelType::WIDEST);
        values
            .view_mut::<u8>(256)
            .copy_from_slice(&std::array::from_fn::<u8, 256, _>(|i| i as u8));
        for &i in nodes {
            let Step::Unary(op) = &steps.nodes[i].step else {
                unreachable!("only point steps fuse")
            };
            let out = op.output_spec(spec)?;
            let mut next = AlignedBytes::zeroed(256 * PixelType::WIDEST);
            op.run_bytes(
                spec,
                values.view(spec.byte_len()),
                next.view_mut(out.byte_len()),
                &mut workspace,
            )?;
            (values, spec) = (next, out);
        }
        Ok(Some(Self {
            entries: values,
            out: spec.pixel_type(),
            cost_avx2,
            cost_other,
        }))
    }

    /// Whether a lookup costs less than the steps on the SIMD path `isa`.
    pub(crate) fn pays_on(&self, isa: Isa) -> bool {
        let steps = if isa.runs_avx2() {
            self.cost_avx2
        } else {
            self.cost_other
        };
        steps > 1.0
    }

    /// Maps the u8 samples of `src` into `dst` (samples of the table's output type).
    pub(crate) fn apply(&self, src: &[u8], dst: &mut [u8]) {
        match self.out.size() {
            1 => lookup::<u8>(self.entries.view(256), src, dst),
            2 => lookup::<u16>(self.entries.view(256), src, dst),
            _ => lookup::<u32>(self.entries.view(256), src, dst),
        }
    }
}

/// `dst[i] = table[src[i]]`: an index of u8 into 256 entries needs no bounds check.
fn lookup<T: bytemuck::Pod>(table: &[T], src: &[u8], dst: &mut [u8]) {
    let table: &[T; 256] = table.try_into().expect("256 entries");
    let dst: &mut [T] = bytemuck::cast_slice_mut(dst);
    for (out, &value) in dst.iter_mut().zip(src) {
        *out = table[value as usize];
    }
}
