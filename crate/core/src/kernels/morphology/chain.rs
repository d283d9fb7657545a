//! A morphology operation as chains of passes run band by band: an opening
//! is erosions then dilations, a gradient two chains subtracted, a top-hat
//! the source minus an opening. Between passes, rows live in two row
//! buffers; each band makes the rows its later passes read (its halo) again,
//! so a band needs nothing but the source rows around it.

use std::ops::Range;

use super::MorphOp;
use super::element::Element;
use super::extremum::{Extremum, Greatest, Least};
use super::pass::{Pass, PassScratch, pass_rows};
use crate::ImageRef;
use crate::kernels::Border;

/// One pass of a chain: erode or dilate.
#[derive(Clone, Copy, Debug)]
struct Stage<T> {
    erode: bool,
    pass: Pass<T>,
}

/// The passes of an operation, resolved for a pixel type.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Plan<T> {
    pub op: MorphOp,
    pub element: Element,
    /// Passes of each erosion and each dilation (0: a copy).
    pub passes: usize,
    pub erode: Pass<T>,
    pub dilate: Pass<T>,
}

impl<T: Extremum> Plan<T> {
    pub(crate) fn new(op: MorphOp, element: Element, passes: usize, border: Border) -> Self {
        let constant = |erode: bool| match border {
            Border::Constant(value) if value == super::MORPH_DEFAULT_BORDER_VALUE => {
                if erode {
                    T::MAX
                } else {
                    T::MIN
                }
            }
            Border::Constant(value) => T::saturate_f64(value),
            _ => T::default(),
        };
        let pass = |erode| Pass {
            element,
            border,
            constant: constant(erode),
        };
        Self {
            op,
            element,
            passes,
            erode: pass(true),
            dilate: pass(false),
        }
    }

    /// The stages of the operation's main chain, and of the chain subtracted from it (gradient).
    fn stages(&self, second: bool) -> impl Iterator<Item = Stage<T>> + '_ {
        let (erode, dilate) = (
            Stage {
                erode: true,
                pass: self.erode,
            },
            Stage {
                erode: false,
                pass: self.dilate,
            },
        );
        let (a, b) = match (self.op, second) {
            (MorphOp::Gradient, true) => (erode, None),
            (MorphOp::Erode, _) => (erode, None),
            (MorphOp::Dilate | MorphOp::Gradient, _) => (dilate, None),
            (MorphOp::Open | MorphOp::TopHat, _) => (erode, Some(dilate)),
            (MorphOp::Close | MorphOp::BlackHat, _) => (dilate, Some(erode)),
        };
        let n = self.passes;
        std::iter::repeat_n(a, n).chain(b.into_iter().flat_map(move |b| std::iter::repeat_n(b, n)))
    }

    /// Passes in the longest chain.
    pub(crate) fn chain_len(&self) -> usize {
        self.stages(false).count()
    }

    /// Rows each side of a band that its first pass makes beyond it.
    pub(crate) fn halo(&self) -> usize {
        self.element.reach() * self.chain_len().saturating_sub(1)
    }
}

/// Rows made per band when passes are chained: more would hold more rows,
/// fewer would make the halo again more often.
pub(crate) const BAND_ROWS: usize = 32;

/// The row buffers of a strip.
pub(crate) struct ChainScratch<'a, T> {
    pub pass: PassScratch<'a, T>,
    /// Two buffers of `band + 2 · halo` rows between passes.
    pub between: [&'a mut [T]; 2],
    /// `band` rows of the gradient's erosion.
    pub subtracted: &'a mut [T],
}

/// Rows `rows` of the operation, into `out` (those rows, contiguous).
#[inline(always)]
pub(crate) fn operation_rows<T: Extremum>(
    src: ImageRef<T>,
    plan: &Plan<T>,
    rows: Range<usize>,
    out: &mut [T],
    band: usize,
    scratch: &mut ChainScratch<'_, T>,
) {
    let row_len = src.spec().row_len();
    let mut start = rows.start;
    while start < rows.end {
        let end = (start + band).min(rows.end);
        let band_out = &mut out[(start - rows.start) * row_len..(end - rows.start) * row_len];
        chain_rows(src, plan, false, start..end, band_out, scratch);
        match plan.op {
            MorphOp::Gradient => {
                let taken = std::mem::take(&mut scratch.subtracted);
                let eroded = &mut taken[..(end - start) * row_len];
                chain_rows(src, plan, true, start..end, eroded, scratch);
                for (o, &e) in band_out.iter_mut().zip(eroded.iter()) {
                    *o = o.difference(e);
                }
                scratch.subtracted = taken;
            }
            MorphOp::TopHat => {
                for (k, y) in (start..end).enumerate() {
                    let row = &mut band_out[k * row_len..(k + 1) * row_len];
                    for (o, &s) in row.iter_mut().zip(src.row(y)) {
                        *o = s.difference(*o);
                    }
                }
            }
            MorphOp::BlackHat => {
                for (k, y) in (start..end).enumerate() {
                    let row = &mut band_out[k * row_len..(k + 1) * row_len];
                    for (o, &s) in row.iter_mut().zip(src.row(y)) {
                        *o = o.difference(s);
                    }
                }
            }
            _ => {}
        }
        start = end;
    }
}

/// Rows `rows` of one chain of passes (the `second` of a gradient), into `out`.
#[inline(always)]
fn chain_rows<T: Extremum>(
    src: ImageRef<T>,
    plan: &Plan<T>,
    second: bool,
    rows: Range<usize>,
    out: &mut [T],
    scratch: &mut ChainScratch<'_, T>,
) {
    let spec = src.spec();
    let (height, row_len) = (spec.height(), spec.row_len());
    let count = plan.stages(second).count();
    if count == 0 {
        for (k, y) in rows.clone().enumerate() {
            out[k * row_len..(k + 1) * row_len].copy_from_slice(src.row(y));
        }
        return;
    }
    let reach = plan.element.reach();
    let mut made = 0..0;
    for (s, stage) in plan.stages(second).enumerate() {
        let halo = reach * (count - 1 - s);
        let span = rows.start.saturating_sub(halo)..(rows.end + halo).min(height);
        let [a, b] = &mut scratch.between;
        let (read, write) = if s % 2 == 0 {
            (&**b, &mut **a)
        } else {
            (&**a, &mut **b)
        };
        let source = if s == 0 {
            src
        } else {
            ImageRef::window(spec, made.start, &read[..made.len() * row_len])
        };
        let dst = if s + 1 == count {
            &mut *out
        } else {
            &mut write[..span.len() * row_len]
        };
        if stage.erode {
            pass_rows::<Least, T>(source, &stage.pass, span.clone(), dst, &mut scratch.pass);
        } else {
            pass_rows::<Greatest, T>(source, &stage.pass, span.clone(), dst, &mut scratch.pass);
        }
        made = span;
    }
}
