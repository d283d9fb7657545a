//! `PipelineBuilder`: records steps and infers each result's spec, so a step
//! that cannot apply is refused when it is added, naming it.

use std::collections::HashMap;

use crate::{BinaryOp, Error, ImageSpec, Op, Result};

/// Saved names an error lists before it counts the rest.
const MAX_LISTED: usize = 12;

/// A result of the pipeline: the input (0) or the output of a step (i + 1).
pub(crate) type ValueId = usize;

/// One step: a kernel reading the current result, and for two-image kernels
/// a named one besides.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    Unary(Op),
    Binary { op: BinaryOp, other: String },
}

/// A step with its operands resolved to results.
#[derive(Clone, Debug)]
pub(crate) struct Node {
    pub step: Step,
    pub src: ValueId,
    pub other: Option<ValueId>,
}

impl Node {
    /// Whether the step reads only its operand's sample at each position (see `Op::is_pointwise`).
    pub(crate) fn is_pointwise(&self) -> bool {
        matches!(&self.step, Step::Unary(op) if op.is_pointwise())
    }
}

/// What the builder was told, kept so the same steps can be planned again
/// for another input size.
#[derive(Clone, Debug)]
enum Action {
    Push(Step),
    Save(String),
    From(String),
}

/// Records steps, `save`/`from` names, and the spec of every result.
#[derive(Clone, Debug)]
pub struct PipelineBuilder {
    actions: Vec<Action>,
    pub(crate) nodes: Vec<Node>,
    /// `specs[v]`: the spec of result `v`; `specs[0]` is the input's.
    pub(crate) specs: Vec<ImageSpec>,
    names: HashMap<String, ValueId>,
    current: ValueId,
}

impl PipelineBuilder {
    pub fn new(input: ImageSpec) -> Self {
        Self {
            actions: Vec::new(),
            nodes: Vec::new(),
            specs: vec![input],
            names: HashMap::from([("input".to_owned(), 0)]),
            current: 0,
        }
    }

    pub fn input_spec(&self) -> ImageSpec {
        self.specs[0]
    }

    /// The spec of the current result: the pipeline's output if no step follows.
    pub fn current_spec(&self) -> ImageSpec {
        self.specs[self.current]
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Appends a step reading the current result; refuses one that cannot apply.
    pub fn push(&mut self, step: Step) -> Result<()> {
        let src = self.current;
        let input = self.specs[src];
        let (other, out) = match &step {
            Step::Unary(op) => (
                None,
                op.validate(input).and_then(|()| op.output_spec(input)),
            ),
            Step::Binary { op, other } => {
                let id = self.lookup("other", other)?;
                op.validate().map_err(|error| self.at_step(&step, error))?;
                (Some(id), op.output_spec(input, self.specs[id]))
            }
        };
        let out = out.map_err(|error| self.at_step(&step, error))?;
        self.actions.push(Action::Push(step.clone()));
        self.nodes.push(Node { step, src, other });
        self.specs.push(out);
        self.current = self.specs.len() - 1;
        Ok(())
    }

    /// Names the current result, so later two-image steps and `from` can use it.
    pub fn save(&mut self, name: &str) -> Result<()> {
        if name == "input" {
            return Err(Error::param(
                "name",
                "a name other than \"input\"",
                "\"input\"",
            ));
        }
        self.names.insert(name.to_owned(), self.current);
        self.actions.push(Action::Save(name.to_owned()));
        Ok(())
    }

    /// Continues from a named result (`"input"` is the pipeline's input).
    pub fn from(&mut self, name: &str) -> Result<()> {
        self.current = self.lookup("from", name)?;
        self.actions.push(Action::From(name.to_owned()));
        Ok(())
    }

    /// The same steps for frames of `input`, or the first that cannot apply to them.
    pub fn with_input(&self, input: ImageSpec) -> Result<Self> {
        let mut builder = Self::new(input);
        for action in &self.actions {
            match action {
                Action::Push(step) => builder.push(step.clone())?,
                Action::Save(name) => builder.save(name)?,
                Action::From(name) => builder.from(name)?,
            }
        }
        Ok(builder)
    }

    /// The result the pipeline writes to its output.
    pub(crate) fn output(&self) -> ValueId {
        self.current
    }

    /// The value saved as `name`; `role` names the argument in the error,
    /// which lists up to [`MAX_LISTED`] known names.
    fn lookup(&self, role: &'static str, name: &str) -> Result<ValueId> {
        self.names.get(name).copied().ok_or_else(|| {
            let mut known: Vec<&str> = self.names.keys().map(String::as_str).collect();
            known.sort_unstable();
            // A few names teach; thousands would bury the message.
            let mut listed: Vec<String> = known
                .iter()
                .take(MAX_LISTED)
                .map(|k| format!("{k:?}"))
                .collect();
            if known.len() > MAX_LISTED {
                listed.push(format!("and {} more", known.len() - MAX_LISTED));
            }
            let expected = format!("\"input\" or a name given to save(): {}", listed.join(", "));
            Error::param(role, expected, format!("{name:?}"))
        })
    }

    /// Names the step in an error raised while adding it.
    fn at_step(&self, step: &Step, error: Error) -> Error {
        let name = match step {
            Step::Unary(op) => op.name(),
            Step::Binary { op, .. } => op.name(),
        };
        Error::Step {
            index: self.nodes.len() + 1,
            name,
            error: Box::new(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{InvertParams, PixelType};

    fn spec() -> ImageSpec {
        ImageSpec::new(8, 4, 1, PixelType::U8).unwrap()
    }

    fn invert() -> Step {
        Step::Unary(Op::Invert(InvertParams::default()))
    }

    #[test]
    fn counts_steps_but_not_saves_or_reads() {
        let mut builder = PipelineBuilder::new(spec());
        assert_eq!((builder.len(), builder.is_empty()), (0, true));
        builder.push(invert()).unwrap();
        builder.save("a").unwrap();
        builder.from("input").unwrap();
        assert_eq!((builder.len(), builder.is_empty()), (1, false));
        builder
            .push(Step::Binary {
                op: BinaryOp::Add,
                other: "a".into(),
            })
            .unwrap();
        assert_eq!((builder.len(), builder.is_empty()), (2, false));
        assert_eq!(builder.with_input(spec()).unwrap().len(), 2);
    }

    #[test]
    fn the_input_cannot_be_renamed() {
        let mut builder = PipelineBuilder::new(spec());
        let error = builder.save("input").unwrap_err();
        assert_eq!(error.code(), "ERR_PIXCHAIN_PARAM");
        builder.push(invert()).unwrap();
        builder.from("input").unwrap();
        assert_eq!(
            builder.output(),
            0,
            "\"input\" still names the pipeline's input"
        );
    }

    #[test]
    fn an_unknown_name_lists_twelve_known_names_and_counts_the_rest() {
        let mut builder = PipelineBuilder::new(spec());
        for i in 0..14 {
            builder.save(&format!("n{i:02}")).unwrap();
        }
        let message = builder.from("zz").unwrap_err().to_string();
        assert!(message.contains("\"input\", \"n00\""), "{message}");
        assert!(message.contains("\"n10\", and 3 more"), "{message}");
        assert!(!message.contains("\"n11\""), "{message}");
    }

    #[test]
    fn a_refused_step_is_named_by_its_place() {
        let mut builder = PipelineBuilder::new(spec());
        builder.push(invert()).unwrap();
        let gray = Step::Unary(Op::Grayscale(Default::default()));
        match builder.push(gray).unwrap_err() {
            Error::Step { index, name, .. } => assert_eq!((index, name), (2, "grayscale")),
            other => panic!("not a step error: {other}"),
        }
        assert_eq!(builder.len(), 1, "the refused step is not recorded");
    }
}
