//! Point functions of u8 samples through a 256-entry table: the function is
//! evaluated once per possible input, so the table gives its results exactly,
//! and a lookup costs less than the function's own float arithmetic.

use crate::simd::{Isa, dispatch};
use crate::{Pixel, PixelType};

/// Frames smaller than this compute each sample rather than fill a table.
const MIN_SAMPLES: usize = 4096;

/// `dst[i] = f(src[i])` through a table of `f` when `T` is u8, `U` an integer
/// type and the frame large enough for the table to pay; otherwise `false`,
/// with `dst` untouched. (To f32 the vector float path is faster: it has no
/// rounding or narrowing, and stores 8 samples at once.)
#[inline(always)]
pub(crate) fn map_u8_through_table<T: Pixel, U: Pixel>(
    isa: Isa,
    src: &[T],
    dst: &mut [U],
    f: impl Fn(T) -> U,
) -> bool {
    if T::TYPE != PixelType::U8 || U::TYPE == PixelType::F32 || src.len() < MIN_SAMPLES {
        return false;
    }
    let bytes: &[u8] = bytemuck::cast_slice(src);
    let mut table = [U::default(); 256];
    for (x, entry) in table.iter_mut().enumerate() {
        *entry = f(T::saturate_i32(x as i32));
    }
    dispatch!(isa, look_up(bytes, dst, &table));
    true
}

#[inline(always)]
fn look_up<U: Copy>(src: &[u8], dst: &mut [U], table: &[U; 256]) {
    for (out, &x) in dst.iter_mut().zip(src) {
        *out = table[x as usize];
    }
}

#[cfg(test)]
mod tests {
    use crate::kernels::{ConvertParams, LinearParams, convert, linear};
    use crate::{ImageMut, ImageRef, ImageSpec, Pixel, PixelType, simd::Isa};

    /// OpenCV's `convertTo` per sample: `a·x + b` in f32, rounded half to
    /// even and saturated (NaN to 0), written out here from the definition.
    fn definition<U: Pixel>(x: u8, a: f64, b: f64) -> U {
        let v = x as f32 * a as f32 + b as f32;
        if U::TYPE == PixelType::F32 {
            return U::saturate_f64(v as f64);
        }
        let (lo, hi) = (U::MIN.to_f64(), U::MAX.to_f64());
        let v = if v.is_nan() {
            0.0
        } else {
            (v as f64).round_ties_even().clamp(lo, hi)
        };
        U::saturate_i32(v as i32)
    }

    const PARAMS: [(f64, f64); 12] = [
        (1.25, 3.0),
        (0.5, 0.0),
        (1.0, 0.5),
        (-1.0, 255.0),
        (0.1, -0.5),
        (3.7, -100.25),
        (1.0 / 255.0, 0.0),
        (257.0, 0.0),
        (-300.5, 40000.0),
        (1e30, 0.0),
        (1e39, 1.0),
        (0.0, -2.5),
    ];

    /// Every u8 value, many times over so that the frame takes the table.
    fn every_value() -> Vec<u8> {
        (0..64).flat_map(|_| 0..=255u8).collect()
    }

    fn check_convert<U: Pixel>(src: &[u8]) {
        let spec = ImageSpec::new(256, src.len() / 256, 1, PixelType::U8).unwrap();
        for (a, b) in PARAMS {
            let params = ConvertParams {
                scale: a,
                offset: b,
            };
            for isa in Isa::available() {
                let mut out = vec![U::default(); src.len()];
                let dst = ImageMut::new(spec.with_type(U::TYPE), &mut out, "output").unwrap();
                convert(
                    ImageRef::new(spec, src, "input").unwrap(),
                    dst,
                    &params,
                    isa,
                )
                .unwrap();
                for (&x, &got) in src.iter().zip(&out) {
                    let want = definition::<U>(x, a, b);
                    assert!(
                        format!("{got:?}") == format!("{want:?}"),
                        "u8 → {} ×{a} + {b} on {isa}: {x} gave {got:?}, expected {want:?}",
                        U::TYPE
                    );
                }
            }
        }
    }

    #[test]
    fn u8_tables_give_the_float_definition_for_every_value() {
        let src = every_value();
        check_convert::<u8>(&src);
        check_convert::<u16>(&src);
        check_convert::<i16>(&src);
        check_convert::<f32>(&src);
        let spec = ImageSpec::new(256, src.len() / 256, 1, PixelType::U8).unwrap();
        for (a, b) in PARAMS {
            for isa in Isa::available() {
                let mut out = vec![0u8; src.len()];
                let dst = ImageMut::new(spec, &mut out, "output").unwrap();
                let params = LinearParams {
                    a: a.into(),
                    b: b.into(),
                };
                linear(
                    ImageRef::new(spec, &src, "input").unwrap(),
                    dst,
                    &params,
                    isa,
                )
                .unwrap();
                for (&x, &got) in src.iter().zip(&out) {
                    assert_eq!(
                        got,
                        definition::<u8>(x, a, b),
                        "linear {a}·{x} + {b} on {isa}"
                    );
                }
            }
        }
    }
}
