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
    super::samples::for_each_run(&src, |run| {
        for &x in run {
            histogram[x as usize] += 1;
        }
    });
    let scale = 1.0 / src.spec().samples() as f64;
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

    /// Otsu from the definition, exactly: the level t maximizing the
    /// between-class variance of {x ≤ t} and {x > t}, proportional to
    /// (s₀·n₁ − s₁·n₀)² / (n₀·n₁), compared as exact fractions; `None` when
    /// no level leaves both classes non-empty.
    fn best_score(data: &[u8]) -> Option<(u128, u128)> {
        let mut best: Option<(u128, u128)> = None;
        for t in 0..=255u8 {
            let Some(score) = score_at(data, t) else {
                continue;
            };
            if best.is_none_or(|(num, den)| score.0 * den > num * score.1) {
                best = Some(score);
            }
        }
        best
    }

    /// The score of level `t` as a fraction, `None` when a class is empty.
    fn score_at(data: &[u8], t: u8) -> Option<(u128, u128)> {
        let (n0, s0) = data
            .iter()
            .filter(|&&x| x <= t)
            .fold((0u128, 0u128), |(n, s), &x| (n + 1, s + x as u128));
        let (n1, s1) = (
            data.len() as u128 - n0,
            data.iter().map(|&x| x as u128).sum::<u128>() - s0,
        );
        if n0 == 0 || n1 == 0 {
            return None;
        }
        let d = (s0 * n1).abs_diff(s1 * n0);
        Some((d * d, n0 * n1))
    }

    fn level(data: &[u8], width: usize) -> f64 {
        let spec = ImageSpec::new(width, data.len() / width, 1, PixelType::U8).unwrap();
        otsu_threshold(ImageRef::new(spec, data, "input").unwrap())
    }

    #[test]
    fn a_two_level_frame_splits_at_its_lower_level() {
        let data: Vec<u8> = (0..100).map(|i| if i < 60 { 40 } else { 200 }).collect();
        assert_eq!(level(&data, 10), 40.0);
    }

    #[test]
    fn otsu_level_maximizes_the_between_class_variance() {
        let mut state = 0x1234_5678u32;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state
        };
        for case in 0..40u32 {
            // Mixtures of two or three clusters of varied spread and weight.
            let centres = [next() % 256, next() % 256, next() % 256];
            let spread = 1 + next() % 40;
            let data: Vec<u8> = (0..1200)
                .map(|_| {
                    let c = centres[(next() % (2 + case % 2)) as usize] as i64;
                    let offset = (next() % (2 * spread + 1)) as i64 - spread as i64;
                    (c + offset).clamp(0, 255) as u8
                })
                .collect();
            let got = level(&data, 40);
            assert!((0.0..=255.0).contains(&got) && got.fract() == 0.0);
            match best_score(&data) {
                Some((num, den)) => {
                    // A level that leaves a class empty scores nothing.
                    let (gnum, gden) = score_at(&data, got as u8).unwrap_or((0, 1));
                    assert!(
                        gnum * den == num * gden,
                        "case {case}: level {got} scores {gnum}/{gden}, the best is {num}/{den}"
                    );
                }
                None => assert_eq!(got, 0.0, "case {case}: one value only"),
            }
        }
    }
}
