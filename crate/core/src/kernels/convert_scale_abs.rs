//! `convert` with `abs`: OpenCV's `convertScaleAbs`, into u8 always.

use super::convert::ConvertParams;
use super::samples::map_samples;
use super::{check_output_type, check_same_shape};
use crate::simd::Isa;
use crate::{ImageMut, ImageRef, Pixel, PixelType, Result};

/// `dst = saturate_u8(|src·scale + offset|)`, computed in f32 and rounded
/// half to even, as OpenCV's `convertScaleAbs` does for these types.
pub fn convert_scale_abs<T: Pixel, U: Pixel>(
    src: ImageRef<T>,
    mut dst: ImageMut<U>,
    params: &ConvertParams,
    isa: Isa,
) -> Result<()> {
    params.validate()?;
    check_same_shape(src.spec(), dst.spec())?;
    check_output_type::<U>(PixelType::U8)?;
    let (scale, offset) = (params.scale as f32, params.offset as f32);
    map_samples(isa, src.data(), dst.data_mut(), move |x: T| {
        U::saturate_f32((x.to_f32() * scale + offset).abs())
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ImageSpec;

    /// The definition in f64 from the f32 sum: |x·s + o| rounded half to even into 0…255.
    fn definition(x: f32, scale: f32, offset: f32) -> u8 {
        let v = (x * scale + offset).abs();
        if v.is_nan() {
            return 0;
        }
        v.round_ties_even().clamp(0.0, 255.0) as u8
    }

    fn check<T: Pixel>(values: &[T], scale: f64, offset: f64) {
        let spec = ImageSpec::new(values.len(), 1, 1, T::TYPE).unwrap();
        let params = ConvertParams { scale, offset };
        let want: Vec<u8> = values
            .iter()
            .map(|x| definition(x.to_f32(), scale as f32, offset as f32))
            .collect();
        for isa in Isa::available() {
            let mut out = vec![0u8; values.len()];
            convert_scale_abs(
                ImageRef::new(spec, values, "input").unwrap(),
                ImageMut::new(spec.with_type(PixelType::U8), &mut out, "output").unwrap(),
                &params,
                isa,
            )
            .unwrap();
            assert_eq!(out, want, "{} ×{scale} +{offset} on {isa}", T::TYPE);
        }
    }

    #[test]
    fn absolute_values_round_half_to_even_and_saturate_into_u8() {
        let u8s: Vec<u8> = (0..=255).collect();
        check(&u8s, -1.0, 0.0);
        check(&u8s, 0.5, -64.0);
        let i16s: Vec<i16> = (-32768..=32767)
            .step_by(97)
            .chain([-3, -2, -1, 0, 1])
            .collect();
        check(&i16s, 0.5, 0.0);
        check(&i16s, 1.0, 0.5);
        let u16s: Vec<u16> = (0..=65535).step_by(101).collect();
        check(&u16s, 1.0 / 257.0, -128.0);
        let f32s = [
            -300.0f32,
            -255.5,
            -2.5,
            -1.5,
            -0.5,
            0.5,
            1.5,
            254.5,
            1e9,
            f32::NAN,
            f32::NEG_INFINITY,
        ];
        check(&f32s, 1.0, 0.0);
    }

    #[test]
    fn another_output_type_is_refused() {
        let spec = ImageSpec::new(2, 1, 1, PixelType::U8).unwrap();
        let mut out = [0u16; 2];
        let error = convert_scale_abs(
            ImageRef::new(spec, &[1u8, 2], "input").unwrap(),
            ImageMut::new(spec.with_type(PixelType::U16), &mut out, "output").unwrap(),
            &ConvertParams::default(),
            Isa::Scalar,
        )
        .unwrap_err();
        assert_eq!(error.code(), "ERR_PIXCHAIN_TYPE");
    }
}
