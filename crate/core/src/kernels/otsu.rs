//! Otsu's threshold: the level that best separates a u8 frame's histogram
//! into two classes, as OpenCV's `THRESH_OTSU` picks it.

use crate::{AnyImageRef, Error, ImageRef, PixelType, Result};

/// [`otsu_threshold`] of a frame whose type is known at run time; only u8 frames have one.
pub fn otsu_threshold_any(src: AnyImageRef<'_>) -> Result<f64> {
    match src {
        AnyImageRef::U8(image) => Ok(otsu_threshold(image)),
        other => Err(Error::PixelType {
            role: "input",
            expected: PixelType::U8,
            given: other.spec().pixel_type(),
        }),
    }
}

/// The level maximizing the between-class variance of all samples'
/// histogram, computed in OpenCV's order and precision
/// (`getThreshVal_Otsu_8u`), so `threshold` with it matches OpenCV's Otsu.
pub fn otsu_threshold(src: ImageRef<u8>) -> f64 {
    let mut histogram = [0u64; 256];
    for &x in src.data() {
        histogram[x as usize] += 1;
    }
    let scale = 1.0 / src.data().len() as f64;
    let mu = histogram
        .iter()
        .enumerate()
        .map(|(i, &h)| i as f64 * h as f64)
        .sum::<f64>()
        * scale;
    let (mut mu1, mut q1) = (0.0, 0.0);
    let (mut max_sigma, mut level) = (0.0, 0.0);
    for (i, &h) in histogram.iter().enumerate() {
        let p = h as f64 * scale;
        mu1 *= q1;
        q1 += p;
        let q2 = 1.0 - q1;
        if q1.min(q2) < f32::EPSILON as f64 || q1.max(q2) > 1.0 - f32::EPSILON as f64 {
            continue;
        }
        mu1 = (mu1 + i as f64 * p) / q1;
        let mu2 = (mu - q1 * mu1) / q2;
        let sigma = q1 * q2 * (mu1 - mu2) * (mu1 - mu2);
        if sigma > max_sigma {
            max_sigma = sigma;
            level = i as f64;
        }
    }
    level
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ImageSpec, PixelType};

    #[test]
    fn a_two_level_frame_splits_between_its_levels() {
        let data: Vec<u8> = (0..100).map(|i| if i < 60 { 40 } else { 200 }).collect();
        let spec = ImageSpec::new(10, 10, 1, PixelType::U8).unwrap();
        let level = otsu_threshold(ImageRef::new(spec, &data, "input").unwrap());
        assert!((40.0..200.0).contains(&level), "level {level}");
    }
}
