//! Cutting a pipeline into passes over the frame. A pass is a *segment* —
//! a run of row-local steps streamed band by band, each intermediate held
//! as a few rows — or one step that reads whole frames. Inside a segment,
//! point steps fuse into the *stage* that makes their operand: they run over
//! its rows while those are still in cache.

use super::builder::{PipelineBuilder, Step, ValueId};
use crate::{Error, Result};

/// One pass over the frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Pass {
    Segment(Segment),
    /// A step that reads whole frames (normalize; gamma on u16 and i16): node index.
    Frame(usize),
}

impl Pass {
    /// The value the pass writes as a whole frame.
    pub(crate) fn result(&self) -> ValueId {
        match self {
            Pass::Segment(segment) => segment.sink().value,
            Pass::Frame(node) => node + 1,
        }
    }
}

/// Stages in an order where each reads only earlier ones; the last, the
/// sink, makes the segment's one whole-frame result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Segment {
    pub stages: Vec<Stage>,
}

impl Segment {
    pub(crate) fn sink(&self) -> &Stage {
        self.stages.last().expect("a segment has a stage")
    }

    /// Whole-frame values the segment reads.
    pub(crate) fn frames_read(&self) -> impl Iterator<Item = ValueId> + '_ {
        self.stages
            .iter()
            .flat_map(|stage| &stage.operands)
            .filter_map(|operand| match *operand {
                Operand::Frame(value) => Some(value),
                Operand::Stage(_) => None,
            })
    }
}

/// A step that reads rows (the head, `nodes[0]`) and the point steps fused
/// after it, each reading the one before.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Stage {
    pub nodes: Vec<usize>,
    /// The head's operands: its source, then a two-image step's other.
    pub operands: Vec<Operand>,
    /// What the last node makes.
    pub value: ValueId,
    /// Rows the head reads above and below each row it makes.
    pub reach: usize,
    /// Rows made beyond a band on each side, for the stages that read them.
    pub ext: usize,
    /// Later stages that read this one's rows.
    pub consumers: Vec<usize>,
    /// Rows the stage's ring holds beyond one band's worth; `None` for the
    /// sink, which writes its frame directly.
    pub ring_extra: Option<usize>,
}

/// Where a stage's operand comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Operand {
    /// The rows of an earlier stage of the segment.
    Stage(usize),
    /// A whole frame: the input, or a result of an earlier pass.
    Frame(ValueId),
}

/// The passes that make the pipeline's output, in order. Steps whose results
/// never reach the output are left out.
pub(crate) fn cut(builder: &PipelineBuilder) -> Result<Vec<Pass>> {
    let nodes = &builder.nodes;
    let output = builder.output();
    if nodes.is_empty() {
        return Err(Error::param("pipeline", "at least one step", "no steps"));
    }
    if output == 0 {
        return Err(Error::param(
            "pipeline",
            "a step after from(\"input\") that makes the output",
            "none",
        ));
    }
    let reach = nodes
        .iter()
        .map(|node| match &node.step {
            Step::Unary(op) => op.reach(builder.specs[node.src]),
            Step::Binary { .. } => Ok(Some(0)),
        })
        .collect::<Result<Vec<_>>>()?;

    // Steps that the output depends on, and who reads each value.
    let mut needed = vec![false; builder.specs.len()];
    needed[output] = true;
    let mut live = vec![false; nodes.len()];
    for i in (0..nodes.len()).rev() {
        if needed[i + 1] {
            live[i] = true;
            needed[nodes[i].src] = true;
            if let Some(other) = nodes[i].other {
                needed[other] = true;
            }
        }
    }
    let order: Vec<usize> = (0..nodes.len()).filter(|&i| live[i]).collect();
    let mut readers: Vec<Vec<usize>> = vec![Vec::new(); builder.specs.len()];
    for &i in &order {
        readers[nodes[i].src].push(i);
        if let Some(other) = nodes[i].other {
            readers[other].push(i);
        }
    }

    // Cut around whole-frame steps and after the last step (the output's:
    // later steps are dead), then after any step whose result a later
    // segment reads, until no segment leaks a value.
    let same_height =
        |a: usize, b: usize| builder.specs[a + 1].height() == builder.specs[b + 1].height();
    let mut cut_after: Vec<bool> = order
        .windows(2)
        .map(|pair| {
            let (i, next) = (pair[0], pair[1]);
            reach[i].is_none() || reach[next].is_none() || !same_height(i, next)
        })
        .chain([true])
        .collect();
    loop {
        let mut changed = false;
        let mut start = 0;
        for end in 0..order.len() {
            if !cut_after[end] {
                continue;
            }
            for p in start..end {
                let leaks = readers[order[p] + 1].iter().any(|&j| j > order[end]);
                if leaks && !cut_after[p] {
                    cut_after[p] = true;
                    changed = true;
                }
            }
            start = end + 1;
        }
        if !changed {
            break;
        }
    }

    let mut passes = Vec::new();
    let mut start = 0;
    for end in 0..order.len() {
        if !cut_after[end] {
            continue;
        }
        let group = &order[start..=end];
        start = end + 1;
        if let [node] = group
            && reach[*node].is_none()
        {
            passes.push(Pass::Frame(*node));
            continue;
        }
        passes.push(Pass::Segment(segment(builder, group, &reach, &readers)));
    }
    Ok(passes)
}

/// The stages of one segment of `group` (live nodes in order, all row-local).
fn segment(
    builder: &PipelineBuilder,
    group: &[usize],
    reach: &[Option<usize>],
    readers: &[Vec<usize>],
) -> Segment {
    let nodes = &builder.nodes;
    let mut stages: Vec<Stage> = Vec::new();
    // The stage whose rows hold each value made in the segment so far.
    let stage_of = |stages: &[Stage], value: ValueId| stages.iter().position(|s| s.value == value);
    for &i in group {
        let node = &nodes[i];
        if node.is_pointwise()
            && readers[node.src].len() == 1
            && let Some(k) = stage_of(&stages, node.src)
        {
            stages[k].nodes.push(i);
            stages[k].value = i + 1;
            continue;
        }
        let operand = |value: ValueId| match stage_of(&stages, value) {
            Some(k) => Operand::Stage(k),
            None => Operand::Frame(value),
        };
        let operands = [Some(node.src), node.other]
            .into_iter()
            .flatten()
            .map(operand)
            .collect();
        stages.push(Stage {
            nodes: vec![i],
            operands,
            value: i + 1,
            reach: reach[i].expect("segments hold row-local steps"),
            ext: 0,
            consumers: Vec::new(),
            ring_extra: None,
        });
    }
    // The sink makes only its band; each stage makes what its readers read.
    for k in (0..stages.len()).rev() {
        let consumers: Vec<usize> = (k + 1..stages.len())
            .filter(|&w| stages[w].operands.contains(&Operand::Stage(k)))
            .collect();
        let reads = |w: &usize| {
            let (ext, reach) = (stages[*w].ext as isize, stages[*w].reach as isize);
            (ext - reach, ext + reach)
        };
        let highest = consumers.iter().map(|w| reads(w).1).max();
        let lowest = consumers.iter().map(|w| reads(w).0).min();
        let stage = &mut stages[k];
        if let (Some(highest), Some(lowest)) = (highest, lowest) {
            stage.ext = highest as usize;
            stage.ring_extra = Some((highest - lowest) as usize);
        }
        stage.consumers = consumers;
    }
    debug_assert_eq!(stages.last().map(|s| s.value), group.last().map(|i| i + 1));
    Segment { stages }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{BinaryOp, ClipParams, GaussianParams, ImageSpec, MedianParams, NormalizeParams};
    use crate::{Op, PixelType};

    fn builder() -> PipelineBuilder {
        PipelineBuilder::new(ImageSpec::new(64, 48, 1, PixelType::U8).unwrap())
    }

    fn gaussian(sigma: f64) -> Step {
        Step::Unary(Op::GaussianBlur(GaussianParams {
            sigma,
            ..Default::default()
        }))
    }

    fn clip() -> Step {
        Step::Unary(Op::Clip(ClipParams {
            min: 10.0.into(),
            max: 200.0.into(),
        }))
    }

    fn median() -> Step {
        Step::Unary(Op::MedianBlur(MedianParams { ksize: 3 }))
    }

    fn segments(passes: &[Pass]) -> Vec<&Segment> {
        passes
            .iter()
            .filter_map(|pass| match pass {
                Pass::Segment(segment) => Some(segment),
                Pass::Frame(_) => None,
            })
            .collect()
    }

    #[test]
    fn a_chain_of_row_local_steps_is_one_segment_with_point_steps_fused() {
        let mut b = builder();
        for step in [gaussian(1.5), clip(), clip(), median(), clip()] {
            b.push(step).unwrap();
        }
        let passes = cut(&b).unwrap();
        let [segment] = segments(&passes)[..] else {
            panic!("{passes:?}")
        };
        let nodes: Vec<_> = segment.stages.iter().map(|s| s.nodes.clone()).collect();
        assert_eq!(nodes, [vec![0, 1, 2], vec![3, 4]]);
        // σ 1.5 on u8: an 11-tap kernel; the median reads one row each way.
        assert_eq!(segment.stages[0].reach, 5);
        assert_eq!(segment.stages[0].ext, 1);
        assert_eq!(segment.stages[0].ring_extra, Some(2));
        assert_eq!(segment.sink().ring_extra, None);
        assert_eq!(segment.stages[0].operands, [Operand::Frame(0)]);
    }

    #[test]
    fn whole_frame_steps_end_segments_and_run_alone() {
        let mut b = builder();
        b.push(gaussian(1.0)).unwrap();
        b.push(Step::Unary(Op::Normalize(NormalizeParams::default())))
            .unwrap();
        b.push(median()).unwrap();
        let passes = cut(&b).unwrap();
        assert_eq!(passes.len(), 3);
        assert_eq!(passes[1], Pass::Frame(1));
        assert_eq!(
            passes.iter().map(Pass::result).collect::<Vec<_>>(),
            [1, 2, 3]
        );
    }

    #[test]
    fn a_difference_of_gaussians_streams_as_one_segment() {
        let mut b = builder();
        b.push(gaussian(1.0)).unwrap();
        b.save("narrow").unwrap();
        b.from("input").unwrap();
        b.push(gaussian(3.0)).unwrap();
        b.push(Step::Binary {
            op: BinaryOp::Absdiff,
            other: "narrow".into(),
        })
        .unwrap();
        let passes = cut(&b).unwrap();
        let [segment] = segments(&passes)[..] else {
            panic!("{passes:?}")
        };
        assert_eq!(segment.stages.len(), 3);
        assert_eq!(
            segment.sink().operands,
            [Operand::Stage(1), Operand::Stage(0)]
        );
        assert_eq!(segment.stages[0].consumers, [2]);
    }

    #[test]
    fn a_result_read_after_a_whole_frame_step_is_a_frame() {
        let mut b = builder();
        b.push(gaussian(1.0)).unwrap();
        b.save("blurred").unwrap();
        b.push(median()).unwrap();
        b.push(Step::Unary(Op::Normalize(NormalizeParams::default())))
            .unwrap();
        b.push(Step::Binary {
            op: BinaryOp::Add,
            other: "blurred".into(),
        })
        .unwrap();
        let passes = cut(&b).unwrap();
        let results: Vec<_> = passes.iter().map(Pass::result).collect();
        assert_eq!(results, [1, 2, 3, 4]);
    }

    #[test]
    fn steps_that_do_not_reach_the_output_are_left_out() {
        let mut b = builder();
        b.push(gaussian(1.0)).unwrap();
        b.from("input").unwrap();
        b.push(median()).unwrap();
        let passes = cut(&b).unwrap();
        let [segment] = segments(&passes)[..] else {
            panic!("{passes:?}")
        };
        assert_eq!(segment.stages.len(), 1);
        assert_eq!(segment.sink().nodes, [1]);
    }
}
