//! `BinaryOp`: a two-image kernel and its parameters, chosen at run time.

use crate::image::type_mismatch;
use crate::kernels::{self, AddWeightedParams, MultiplyParams};
use crate::simd::Isa;
use crate::{AnyImageMut, AnyImageRef, Error, ImageMut, ImageRef, ImageSpec, Pixel, Result};

/// A step that reads a second frame besides its input: of the same spec,
/// or for `MergeChannels` one channel of the same size and type.
#[derive(Clone, Debug, PartialEq)]
pub enum BinaryOp {
    Add,
    Subtract,
    Absdiff,
    Multiply(MultiplyParams),
    AddWeighted(AddWeightedParams),
    /// Appends the other frame's one channel after the input's channels.
    MergeChannels,
}

impl BinaryOp {
    /// The kernel's name, as JavaScript calls it.
    pub fn name(&self) -> &'static str {
        match self {
            BinaryOp::Add => "add",
            BinaryOp::Subtract => "subtract",
            BinaryOp::Absdiff => "absdiff",
            BinaryOp::Multiply(_) => "multiply",
            BinaryOp::AddWeighted(_) => "addWeighted",
            BinaryOp::MergeChannels => "mergeChannels",
        }
    }

    /// The spec the other frame must have beside an input of `input`.
    pub fn other_spec(&self, input: ImageSpec) -> Result<ImageSpec> {
        match self {
            BinaryOp::MergeChannels => input.with_channels(1),
            _ => Ok(input),
        }
    }

    /// The frame this step writes from an input of `input` and an other of `other`.
    pub fn output_spec(&self, input: ImageSpec, other: ImageSpec) -> Result<ImageSpec> {
        match self {
            BinaryOp::MergeChannels => kernels::appended_spec(input, other),
            _ if other != input => Err(Error::Shape {
                role: "other",
                expected: input,
                given: other,
            }),
            _ => Ok(input),
        }
    }

    /// Refuses parameters out of range, before any run.
    pub fn validate(&self) -> Result<()> {
        match self {
            BinaryOp::Multiply(p) => p.validate(),
            BinaryOp::AddWeighted(p) => p.validate(),
            _ => Ok(()),
        }
    }

    /// Runs the kernel from `a` and `b` into `dst`, all three of one pixel
    /// type, on the SIMD path `isa` (a workspace's: [`Workspace::isa`](crate::Workspace::isa)).
    pub fn run(
        &self,
        a: AnyImageRef<'_>,
        b: AnyImageRef<'_>,
        dst: AnyImageMut<'_>,
        isa: Isa,
    ) -> Result<()> {
        self.output_spec(a.spec(), b.spec())?;
        // Both specs give `a` and `b` one pixel type; `dst` is checked here.
        macro_rules! run_typed {
            ($kernel:expr) => {
                match (a, b, dst) {
                    (AnyImageRef::U8(a), AnyImageRef::U8(b), AnyImageMut::U8(d)) => {
                        in_gapless_rows(a, b, d, isa, $kernel)
                    }
                    (AnyImageRef::U16(a), AnyImageRef::U16(b), AnyImageMut::U16(d)) => {
                        in_gapless_rows(a, b, d, isa, $kernel)
                    }
                    (AnyImageRef::I16(a), AnyImageRef::I16(b), AnyImageMut::I16(d)) => {
                        in_gapless_rows(a, b, d, isa, $kernel)
                    }
                    (AnyImageRef::F32(a), AnyImageRef::F32(b), AnyImageMut::F32(d)) => {
                        in_gapless_rows(a, b, d, isa, $kernel)
                    }
                    (a, _, d) => Err(type_mismatch(a.spec(), d.spec())),
                }
            };
        }
        match self {
            BinaryOp::Add => run_typed!(kernels::add),
            BinaryOp::Subtract => run_typed!(kernels::subtract),
            BinaryOp::Absdiff => run_typed!(kernels::absdiff),
            BinaryOp::Multiply(p) => run_typed!(|a, b, d, isa| kernels::multiply(a, b, d, p, isa)),
            BinaryOp::AddWeighted(p) => {
                run_typed!(|a, b, d, isa| kernels::add_weighted(a, b, d, p, isa))
            }
            BinaryOp::MergeChannels => run_typed!(kernels::append_channel),
        }
    }

    /// Runs the kernel over raw bytes: `a` holds a frame of `spec`, `b` one of
    /// [`other_spec`](Self::other_spec), `dst` receives one of [`output_spec`](Self::output_spec).
    pub fn run_bytes(
        &self,
        spec: ImageSpec,
        a: &[u8],
        b: &[u8],
        dst: &mut [u8],
        isa: Isa,
    ) -> Result<()> {
        let other = self.other_spec(spec)?;
        let out = self.output_spec(spec, other)?;
        let a = AnyImageRef::from_bytes(spec, a, "input")?;
        let b = AnyImageRef::from_bytes(other, b, "other")?;
        let dst = AnyImageMut::from_bytes(out, dst, "output")?;
        self.run(a, b, dst, isa)
    }
}

/// Runs `kernel` once over views whose rows follow one another without
/// gaps, and row by row (each row gapless) when either operand is a crop
/// read in place: two-image kernels read whole runs of samples. Every row
/// checks the same shapes, so a refusal comes from the first.
fn in_gapless_rows<T: Pixel>(
    a: ImageRef<'_, T>,
    b: ImageRef<'_, T>,
    mut dst: ImageMut<'_, T>,
    isa: Isa,
    kernel: impl Fn(ImageRef<'_, T>, ImageRef<'_, T>, ImageMut<'_, T>, Isa) -> Result<()>,
) -> Result<()> {
    let same_rows = a.rows() == dst.rows() && b.rows() == dst.rows();
    if (a.is_contiguous() && b.is_contiguous()) || !same_rows {
        return kernel(a, b, dst, isa);
    }
    for y in dst.rows() {
        kernel(
            a.band(y..y + 1),
            b.band(y..y + 1),
            dst.band_mut(y..y + 1),
            isa,
        )?;
    }
    Ok(())
}
