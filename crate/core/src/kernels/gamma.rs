//! `gamma`: `x^γ` over the type's range; integer types through a lookup table.

use super::samples::map_frame;
use super::{check_finite, check_same_shape};
use crate::{Error, ImageMut, ImageRef, Pixel, PixelType, Result, Workspace};

/// The exponent of [`gamma`]: finite and > 0. Default 1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GammaParams {
    pub gamma: f64,
}

impl Default for GammaParams {
    fn default() -> Self {
        Self { gamma: 1.0 }
    }
}

impl GammaParams {
    pub fn validate(&self) -> Result<()> {
        check_finite("gamma", self.gamma)?;
        if self.gamma <= 0.0 {
            return Err(Error::param("gamma", "a number > 0", self.gamma));
        }
        Ok(())
    }
}

/// Integer types: `lo + (hi − lo)·((x − lo)/(hi − lo))^γ` over the type's
/// range `[lo, hi]`, rounded and saturated, computed once per value into a
/// lookup table. f32: `sign(x)·|x|^γ`, so [0, 1] maps onto itself.
pub fn gamma<T: Pixel>(
    src: ImageRef<T>,
    mut dst: ImageMut<T>,
    params: &GammaParams,
    workspace: &mut Workspace,
) -> Result<()> {
    params.validate()?;
    check_same_shape(src.spec(), dst.spec())?;
    let g = params.gamma;
    if T::TYPE == PixelType::F32 {
        map_frame(workspace.isa(), &src, &mut dst, move |x| {
            let x = x.to_f64();
            T::saturate_f64(x.signum() * x.abs().powf(g))
        });
        return Ok(());
    }
    let isa = workspace.isa();
    let (lo, hi) = (T::MIN.to_f64(), T::MAX.to_f64());
    let len = (hi - lo) as usize + 1;
    let table = workspace.carve(1, len * size_of::<T>()).take::<T>(len);
    for (i, entry) in table.iter_mut().enumerate() {
        let t = i as f64 / (hi - lo);
        *entry = T::saturate_f64(lo + (hi - lo) * t.powf(g));
    }
    let table = &*table;
    map_frame(isa, &src, &mut dst, move |x| {
        table[(x.to_i64() - lo as i64) as usize]
    });
    Ok(())
}
