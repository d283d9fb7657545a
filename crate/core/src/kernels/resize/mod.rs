//! `resize`: a frame scaled to another width and height, as OpenCV's `resize`.
//!
//! Each interpolation follows the reference (non-SIMD) C++ of OpenCV's
//! `imgproc/src/resize.cpp` step for step, so integer results equal it bit
//! for bit, and every path here (SIMD, threads) gives the same bytes:
//! - [`nearest`]: `INTER_NEAREST` and `INTER_NEAREST_EXACT`, index maps;
//! - [`separable`]: `INTER_LINEAR`, `INTER_CUBIC` and `INTER_AREA` when it
//!   enlarges: a horizontal pass into cached rows, then a vertical one, with
//!   11-bit coefficients for u8 and f32 coefficients otherwise;
//! - [`exact`]: `INTER_LINEAR_EXACT`, OpenCV's 8/16-bit fixed point;
//! - [`area`]: `INTER_AREA` when it shrinks, by whole factors or not.

mod area;
mod exact;
mod nearest;
mod sample_taps;
mod separable;
#[cfg(test)]
mod tests;
#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
mod x86;

use crate::names::parse_name;
use crate::{Error, ImageMut, ImageRef, ImageSpec, Pixel, PixelType, Result, Workspace};

/// How [`resize`] computes a sample between source pixels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Interpolation {
    /// `INTER_NEAREST`: the pixel at `floor(x · scale)`.
    Nearest,
    /// `INTER_NEAREST_EXACT`: the pixel whose centre is nearest, in 16-bit fixed point.
    NearestExact,
    /// `INTER_LINEAR`: bilinear.
    #[default]
    Linear,
    /// `INTER_LINEAR_EXACT`: bilinear in OpenCV's bit-exact fixed point.
    LinearExact,
    /// `INTER_AREA`: the mean over each output pixel's area when shrinking.
    Area,
    /// `INTER_CUBIC`: bicubic, a = −0.75.
    Cubic,
}

impl Interpolation {
    pub const ALL: [Self; 6] = [
        Self::Nearest,
        Self::NearestExact,
        Self::Linear,
        Self::LinearExact,
        Self::Area,
        Self::Cubic,
    ];

    /// The interpolation's name in options.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Nearest => "nearest",
            Self::NearestExact => "nearestExact",
            Self::Linear => "linear",
            Self::LinearExact => "linearExact",
            Self::Area => "area",
            Self::Cubic => "cubic",
        }
    }

    pub fn parse(name: &str) -> Result<Self> {
        parse_name("interpolation", name, Self::ALL, |i| i.name())
    }
}

/// Parameters of [`resize`]: the output's `width` and `height` (both must
/// be given: the default 0 is refused) and the interpolation (default linear).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ResizeParams {
    pub width: usize,
    pub height: usize,
    pub interpolation: Interpolation,
}

impl ResizeParams {
    pub fn validate(&self) -> Result<()> {
        for (name, value) in [("width", self.width), ("height", self.height)] {
            if value == 0 {
                return Err(Error::param(name, "an integer ≥ 1", value));
            }
        }
        Ok(())
    }

    /// The frame `resize` writes from `input`: the given size, the input's channels and type.
    pub fn output_spec(&self, input: ImageSpec) -> Result<ImageSpec> {
        self.validate()?;
        ImageSpec::new(
            self.width,
            self.height,
            input.channels(),
            input.pixel_type(),
        )
    }
}

/// How one call computes its samples: OpenCV's choice for the sizes,
/// channels and type, made as `hal::resize` makes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Method {
    Copy,
    Nearest,
    NearestExact,
    Separable(separable::Kind),
    LinearExact,
    /// Whole shrink factors across and down: means of `kx`×`ky` cells.
    AreaFast {
        kx: usize,
        ky: usize,
    },
    Area,
}

/// Scale factors (source / output), as OpenCV derives them from the sizes.
#[derive(Clone, Copy, Debug)]
struct Scale {
    /// Output ÷ source, per axis.
    inv_x: f64,
    inv_y: f64,
    /// Source ÷ output, per axis: `1 / inv`.
    x: f64,
    y: f64,
}

impl Scale {
    fn of(src: ImageSpec, dst: ImageSpec) -> Self {
        let inv_x = dst.width() as f64 / src.width() as f64;
        let inv_y = dst.height() as f64 / src.height() as f64;
        Self {
            inv_x,
            inv_y,
            x: 1.0 / inv_x,
            y: 1.0 / inv_y,
        }
    }
}

impl Method {
    fn choose(interpolation: Interpolation, src: ImageSpec, dst: ImageSpec) -> Self {
        use Interpolation as I;
        if src.width() == dst.width() && src.height() == dst.height() {
            return Method::Copy;
        }
        let scale = Scale::of(src, dst);
        // `saturate_cast<int>`: rounded half to even.
        let whole = |s: f64| s.round_ties_even().clamp(i32::MIN as f64, i32::MAX as f64);
        let (ix, iy) = (whole(scale.x), whole(scale.y));
        let whole_factors =
            (scale.x - ix).abs() < f64::EPSILON && (scale.y - iy).abs() < f64::EPSILON;
        let halves = whole_factors && ix == 2.0 && iy == 2.0;
        let mut interpolation = interpolation;
        if interpolation == I::LinearExact && src.pixel_type() == PixelType::F32 {
            interpolation = I::Linear;
        }
        match interpolation {
            // OpenCV's 2×2 means equal its exact bilinear, except for two
            // channels, whose means it rounds otherwise.
            I::LinearExact if halves && src.channels() != 2 => interpolation = I::Area,
            I::LinearExact => return Method::LinearExact,
            I::Nearest => return Method::Nearest,
            I::NearestExact => return Method::NearestExact,
            I::Linear if halves => interpolation = I::Area,
            _ => {}
        }
        if interpolation == I::Area && scale.x >= 1.0 && scale.y >= 1.0 {
            return if whole_factors {
                Method::AreaFast {
                    kx: ix as usize,
                    ky: iy as usize,
                }
            } else {
                Method::Area
            };
        }
        Method::Separable(match interpolation {
            I::Cubic => separable::Kind::Cubic,
            I::Area => separable::Kind::AreaUp,
            _ => separable::Kind::Linear,
        })
    }
}

/// OpenCV's `resize(src, dst, Size(width, height), 0, 0, interpolation)`:
/// `dst` must have the params' size and the source's channels and type.
pub fn resize<T: Pixel>(
    src: ImageRef<T>,
    mut dst: ImageMut<T>,
    params: &ResizeParams,
    workspace: &mut Workspace,
) -> Result<()> {
    let expected = params.output_spec(src.spec())?;
    if dst.spec() != expected {
        return Err(Error::Shape {
            role: "output",
            expected,
            given: dst.spec(),
        });
    }
    match Method::choose(params.interpolation, src.spec(), dst.spec()) {
        Method::Copy => {
            for y in 0..expected.height() {
                dst.row_mut(y).copy_from_slice(src.row(y));
            }
        }
        Method::Nearest => nearest::nearest(src, dst, false, workspace),
        Method::NearestExact => nearest::nearest(src, dst, true, workspace),
        Method::Separable(kind) => separable::resize(src, dst, kind, workspace),
        Method::LinearExact => exact::resize(src, dst, workspace),
        Method::AreaFast { kx, ky } => area::whole_factors(src, dst, kx, ky, workspace),
        Method::Area => area::fractional(src, dst, workspace),
    }
    Ok(())
}
