//! Two-image arithmetic, saturating like OpenCV: add, subtract, absdiff,
//! multiply, addWeighted.

use super::samples::zip_samples;
use super::{check_finite, check_same_shape};
use crate::simd::Isa;
use crate::{Error, ImageMut, ImageRef, Pixel, PixelType, Result};

/// Scale of [`multiply`]: `dst = saturate(scale·a·b)`. Default 1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MultiplyParams {
    pub scale: f64,
}

impl Default for MultiplyParams {
    fn default() -> Self {
        Self { scale: 1.0 }
    }
}

impl MultiplyParams {
    pub fn validate(&self) -> Result<()> {
        check_finite("scale", self.scale)
    }
}

/// Weights of [`add_weighted`]: `dst = saturate(alpha·a + beta·b + gamma)`.
/// Default 0.5, 0.5, 0: the mean of the two frames.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AddWeightedParams {
    pub alpha: f64,
    pub beta: f64,
    pub gamma: f64,
}

impl Default for AddWeightedParams {
    fn default() -> Self {
        Self {
            alpha: 0.5,
            beta: 0.5,
            gamma: 0.0,
        }
    }
}

impl AddWeightedParams {
    pub fn validate(&self) -> Result<()> {
        check_finite("alpha", self.alpha)?;
        check_finite("beta", self.beta)?;
        check_finite("gamma", self.gamma)
    }
}

/// Refuses a second operand of another shape or pixel type than the first.
fn check_operands<T: Pixel>(a: &ImageRef<T>, b: &ImageRef<T>, dst: &ImageMut<T>) -> Result<()> {
    if a.spec() != b.spec() {
        return Err(Error::Shape {
            role: "other",
            expected: a.spec(),
            given: b.spec(),
        });
    }
    check_same_shape(a.spec(), dst.spec())
}

fn zip_with<T: Pixel>(
    a: ImageRef<T>,
    b: ImageRef<T>,
    mut dst: ImageMut<T>,
    isa: Isa,
    f: impl Fn(T, T) -> T,
) -> Result<()> {
    check_operands(&a, &b, &dst)?;
    zip_samples(isa, a.data(), b.data(), dst.data_mut(), f);
    Ok(())
}

fn is_float<T: Pixel>() -> bool {
    T::TYPE == PixelType::F32
}

/// Integer samples as i64, where sums and products of two never overflow.
fn int<T: Pixel>(x: T) -> i64 {
    x.to_i64()
}

fn saturate_int<T: Pixel>(v: i64) -> T {
    T::saturate_i32(v.clamp(i32::MIN as i64, i32::MAX as i64) as i32)
}

/// `dst = saturate(a + b)`.
pub fn add<T: Pixel>(a: ImageRef<T>, b: ImageRef<T>, dst: ImageMut<T>, isa: Isa) -> Result<()> {
    if is_float::<T>() {
        zip_with(a, b, dst, isa, |x, y| {
            T::saturate_f32(x.to_f32() + y.to_f32())
        })
    } else {
        zip_with(a, b, dst, isa, |x, y| saturate_int(int(x) + int(y)))
    }
}

/// `dst = saturate(a − b)`.
pub fn subtract<T: Pixel>(
    a: ImageRef<T>,
    b: ImageRef<T>,
    dst: ImageMut<T>,
    isa: Isa,
) -> Result<()> {
    if is_float::<T>() {
        zip_with(a, b, dst, isa, |x, y| {
            T::saturate_f32(x.to_f32() - y.to_f32())
        })
    } else {
        zip_with(a, b, dst, isa, |x, y| saturate_int(int(x) - int(y)))
    }
}

/// `dst = saturate(|a − b|)`.
pub fn absdiff<T: Pixel>(a: ImageRef<T>, b: ImageRef<T>, dst: ImageMut<T>, isa: Isa) -> Result<()> {
    if is_float::<T>() {
        zip_with(a, b, dst, isa, |x, y| {
            T::saturate_f32((x.to_f32() - y.to_f32()).abs())
        })
    } else {
        zip_with(a, b, dst, isa, |x, y| saturate_int((int(x) - int(y)).abs()))
    }
}

/// `dst = saturate(scale·a·b)`, as OpenCV's `multiply`: exact integer
/// products when `scale` is 1, otherwise `(scale·a)·b` in f32 for integer
/// types; f32 frames compute in f64 and round once.
pub fn multiply<T: Pixel>(
    a: ImageRef<T>,
    b: ImageRef<T>,
    dst: ImageMut<T>,
    params: &MultiplyParams,
    isa: Isa,
) -> Result<()> {
    params.validate()?;
    let scale = params.scale;
    if is_float::<T>() {
        zip_with(a, b, dst, isa, |x, y| {
            T::saturate_f64(scale * x.to_f64() * y.to_f64())
        })
    } else if scale == 1.0 {
        zip_with(a, b, dst, isa, |x, y| saturate_int(int(x) * int(y)))
    } else {
        let scale = scale as f32;
        zip_with(a, b, dst, isa, |x, y| {
            T::saturate_f32(scale * x.to_f32() * y.to_f32())
        })
    }
}

/// `dst = saturate(alpha·a + beta·b + gamma)`, as OpenCV's `addWeighted`:
/// in f32 for integer types, in f64 rounded once for f32 frames.
pub fn add_weighted<T: Pixel>(
    a: ImageRef<T>,
    b: ImageRef<T>,
    dst: ImageMut<T>,
    params: &AddWeightedParams,
    isa: Isa,
) -> Result<()> {
    params.validate()?;
    let AddWeightedParams { alpha, beta, gamma } = *params;
    if is_float::<T>() {
        zip_with(a, b, dst, isa, |x, y| {
            T::saturate_f64(x.to_f64() * alpha + y.to_f64() * beta + gamma)
        })
    } else {
        let (alpha, beta, gamma) = (alpha as f32, beta as f32, gamma as f32);
        zip_with(a, b, dst, isa, |x, y| {
            T::saturate_f32(x.to_f32() * alpha + y.to_f32() * beta + gamma)
        })
    }
}
