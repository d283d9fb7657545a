//! Morphology as OpenCV's `erode`, `dilate` and `morphologyEx`: the least
//! or greatest sample under a structuring element ([`element`]), one pass
//! at a time ([`pass`]), passes chained band by band ([`chain`]).

mod chain;
mod element;
mod extremum;
mod pass;
#[cfg(test)]
mod tests;

use chain::{BAND_ROWS, ChainScratch, Plan, operation_rows};
pub(crate) use element::Element;
pub use element::MorphShape;
use extremum::Extremum;
use pass::{PassScratch, extended_len, shared_rows_len};

use super::{Border, check_same_shape};
use crate::names::parse_name;
use crate::simd::dispatch;
use crate::{Error, ImageMut, ImageRef, Pixel, PixelType, Result, Workspace};

/// The largest element side accepted.
pub const MAX_MORPH_KSIZE: u32 = 255;
/// The most iterations accepted.
pub const MAX_MORPH_ITERATIONS: u32 = 255;

/// OpenCV's `morphologyDefaultBorderValue()`: a constant border of this
/// value is the type's maximum for an erosion and its minimum (f32: −FLT_MAX)
/// for a dilation, so the border never wins.
pub const MORPH_DEFAULT_BORDER_VALUE: f64 = f64::MAX;

/// Parameters of [`erode`] and [`dilate`]: a `ksize` × `ksize_y` (default:
/// `ksize`) element of `shape`, anchored at its centre, applied
/// `iterations` times, and the border (default: constant, of
/// [`MORPH_DEFAULT_BORDER_VALUE`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MorphParams {
    pub ksize: u32,
    pub ksize_y: Option<u32>,
    pub shape: MorphShape,
    pub iterations: u32,
    pub border: Border,
}

impl Default for MorphParams {
    fn default() -> Self {
        Self {
            ksize: 3,
            ksize_y: None,
            shape: MorphShape::Rect,
            iterations: 1,
            border: Border::Constant(MORPH_DEFAULT_BORDER_VALUE),
        }
    }
}

impl MorphParams {
    pub fn validate(&self) -> Result<()> {
        self.border.validate()?;
        let sides = [("ksize", Some(self.ksize)), ("ksizeY", self.ksize_y)];
        for (name, side) in sides {
            if let Some(side) = side
                && !(1..=MAX_MORPH_KSIZE).contains(&side)
            {
                let expected = format!("an integer from 1 to {MAX_MORPH_KSIZE}");
                return Err(Error::param(name, expected, side));
            }
        }
        if self.iterations > MAX_MORPH_ITERATIONS {
            let expected = format!("an integer from 0 to {MAX_MORPH_ITERATIONS}");
            return Err(Error::param("iterations", expected, self.iterations));
        }
        Ok(())
    }

    /// The border named `name` (default `constant`), whose constant is
    /// `value` (default [`MORPH_DEFAULT_BORDER_VALUE`]).
    pub fn border_from(name: Option<&str>, value: Option<f64>) -> Result<Border> {
        let value = value.unwrap_or(MORPH_DEFAULT_BORDER_VALUE);
        Border::parse(name.unwrap_or(Border::Constant(value).name()), Some(value))
    }

    pub(crate) fn element(&self) -> Element {
        let width = self.ksize as usize;
        Element::new(
            self.shape,
            width,
            self.ksize_y.map_or(width, |h| h as usize),
        )
    }
}

/// The operations of OpenCV's `morphologyEx`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MorphOp {
    Erode,
    Dilate,
    /// Dilation of the erosion.
    Open,
    /// Erosion of the dilation.
    Close,
    /// Dilation minus erosion.
    Gradient,
    /// The source minus its opening.
    TopHat,
    /// The closing minus the source.
    BlackHat,
}

impl MorphOp {
    pub const ALL: [MorphOp; 7] = [
        MorphOp::Erode,
        MorphOp::Dilate,
        MorphOp::Open,
        MorphOp::Close,
        MorphOp::Gradient,
        MorphOp::TopHat,
        MorphOp::BlackHat,
    ];

    pub const fn name(&self) -> &'static str {
        match self {
            MorphOp::Erode => "erode",
            MorphOp::Dilate => "dilate",
            MorphOp::Open => "open",
            MorphOp::Close => "close",
            MorphOp::Gradient => "gradient",
            MorphOp::TopHat => "tophat",
            MorphOp::BlackHat => "blackhat",
        }
    }

    pub fn parse(name: &str) -> Result<Self> {
        parse_name("op", name, Self::ALL, MorphOp::name)
    }
}

/// Parameters of [`morphology`]: the operation (no default, as in OpenCV)
/// and its element, iterations and border.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MorphologyParams {
    pub op: MorphOp,
    pub element: MorphParams,
}

impl MorphologyParams {
    /// `op` with the default element.
    pub fn new(op: MorphOp) -> Self {
        Self {
            op,
            element: MorphParams::default(),
        }
    }

    pub fn validate(&self) -> Result<()> {
        self.element.validate()
    }

    /// Rows read above and below each output row: the element's reach once
    /// per pass of the longest chain.
    pub(crate) fn reach(&self) -> usize {
        let (element, passes) = self
            .element
            .element()
            .passes(self.element.iterations as usize);
        let chain = match self.op {
            MorphOp::Erode | MorphOp::Dilate | MorphOp::Gradient => passes,
            _ => 2 * passes,
        };
        element.reach() * chain
    }
}

/// OpenCV's `erode`: each sample the least under the element.
pub fn erode<T: Pixel>(
    src: ImageRef<T>,
    dst: ImageMut<T>,
    params: &MorphParams,
    workspace: &mut Workspace,
) -> Result<()> {
    let params = MorphologyParams {
        op: MorphOp::Erode,
        element: *params,
    };
    morphology(src, dst, &params, workspace)
}

/// OpenCV's `dilate`: each sample the greatest under the element.
pub fn dilate<T: Pixel>(
    src: ImageRef<T>,
    dst: ImageMut<T>,
    params: &MorphParams,
    workspace: &mut Workspace,
) -> Result<()> {
    let params = MorphologyParams {
        op: MorphOp::Dilate,
        element: *params,
    };
    morphology(src, dst, &params, workspace)
}

/// OpenCV's `morphologyEx`, exact for every pixel type: integer differences
/// saturate as `cv::subtract` does. For f32, NaN never wins against a number,
/// and −0 comes out as +0.
pub fn morphology<T: Pixel>(
    src: ImageRef<T>,
    mut dst: ImageMut<T>,
    params: &MorphologyParams,
    workspace: &mut Workspace,
) -> Result<()> {
    params.validate()?;
    check_same_shape(src.spec(), dst.spec())?;
    match T::TYPE {
        PixelType::U8 => typed::<u8>(retype(src), retype_mut(&mut dst), params, workspace),
        PixelType::U16 => typed::<u16>(retype(src), retype_mut(&mut dst), params, workspace),
        PixelType::I16 => typed::<i16>(retype(src), retype_mut(&mut dst), params, workspace),
        PixelType::F32 => typed::<f32>(retype(src), retype_mut(&mut dst), params, workspace),
    }
    Ok(())
}

/// The same rows, as the concrete type that `T` is (checked by the caller).
fn retype<T: Pixel, U: Pixel>(view: ImageRef<'_, T>) -> ImageRef<'_, U> {
    view.cast()
}

fn retype_mut<'a, T: Pixel, U: Pixel>(view: &'a mut ImageMut<'_, T>) -> ImageMut<'a, U> {
    let (spec, first) = (view.spec(), view.rows().start);
    ImageMut::window(spec, first, bytemuck::cast_slice_mut(view.data_mut()))
}

fn typed<T: Extremum>(
    src: ImageRef<T>,
    dst: ImageMut<T>,
    params: &MorphologyParams,
    workspace: &mut Workspace,
) {
    let spec = src.spec();
    let (element, passes) = params
        .element
        .element()
        .passes(params.element.iterations as usize);
    let plan = Plan::<T>::new(params.op, element, passes, params.element.border);
    let (row_len, channels) = (spec.row_len(), spec.channels());
    let chained = plan.chain_len() > 1 || params.op == MorphOp::Gradient;
    let extended = extended_len(&element, row_len, channels);
    let halo = plan.halo();
    let band_rows = |strip_rows: usize| {
        if chained {
            BAND_ROWS.max(2 * halo).min(strip_rows)
        } else {
            strip_rows
        }
    };
    workspace.split(0, 0).1.run(dst, |mut strip, workspace| {
        let (rows, isa) = (strip.rows(), strip.isa());
        let band = band_rows(rows.len()).max(1);
        let between = if plan.chain_len() > 1 {
            ((band + 2 * halo).min(spec.height())) * row_len
        } else {
            0
        };
        let subtracted = if params.op == MorphOp::Gradient {
            band * row_len
        } else {
            0
        };
        let shared = shared_rows_len(&element, row_len);
        let bytes = element.height * 4
            + (3 * extended + 2 * between + subtracted + shared) * size_of::<T>();
        let mut carver = workspace.carve(8, bytes);
        let mut scratch = ChainScratch {
            pass: PassScratch {
                order: carver.take::<u32>(element.height),
                extended: carver.take::<T>(extended),
                spare: [carver.take::<T>(extended), carver.take::<T>(extended)],
                shared: carver.take::<T>(shared),
            },
            between: [carver.take::<T>(between), carver.take::<T>(between)],
            subtracted: carver.take::<T>(subtracted),
        };
        let out = strip.data_mut();
        dispatch!(
            isa,
            operation_rows(src, &plan, rows, out, band, &mut scratch)
        )
    });
}
