//! OpenCV's Gaussian taps: bit-exact in double precision, then in fixed point.

/// OpenCV's tables for small kernels when sigma ≤ 0 (`getGaussianKernelBitExact`).
fn small_table(n: usize) -> Option<&'static [f64]> {
    const S: f64 = 1.0 / 256.0;
    Some(match n {
        1 => &[1.0],
        3 => &[0.25, 0.5, 0.25],
        5 => &[0.0625, 0.25, 0.375, 0.25, 0.0625],
        7 => &[
            0.03125, 0.109375, 0.21875, 0.28125, 0.21875, 0.109375, 0.03125,
        ],
        9 => &[
            4.0 * S,
            13.0 * S,
            30.0 * S,
            51.0 * S,
            60.0 * S,
            51.0 * S,
            30.0 * S,
            13.0 * S,
            4.0 * S,
        ],
        _ => return None,
    })
}

/// OpenCV's `getGaussianKernelBitExact` for an odd `taps.len()`: taps that
/// sum to 1, computed in the same order and precision as OpenCV's softdouble.
/// A sigma ≤ 0 is derived from the size as `n·0.15 + 0.35` (one fused rounding).
pub(super) fn exact_taps(taps: &mut [f64], sigma: f64) {
    let n = taps.len();
    debug_assert!(n % 2 == 1);
    if sigma <= 0.0
        && let Some(table) = small_table(n)
    {
        taps.copy_from_slice(table);
        return;
    }
    let sigma = if sigma > 0.0 {
        sigma
    } else {
        (n as f64).mul_add(0.15, 0.35)
    };
    // Offsets are doubled (x = 2i + 1 - n), so the scale is -0.5 / σ² / 4.
    let scale = -0.125 / (sigma * sigma);
    let half = n / 2;
    let mut sum = 0.0;
    for (i, tap) in taps[..half].iter_mut().enumerate() {
        let x = 2 * i as i64 + 1 - n as i64;
        *tap = ((x * x) as f64 * scale).exp();
        sum += *tap;
    }
    let sum = sum * 2.0 + 1.0;
    let to_one = 1.0 / sum;
    for i in 0..half {
        let tap = taps[i] * to_one;
        taps[i] = tap;
        taps[n - 1 - i] = tap;
    }
    taps[half] = to_one;
}

/// OpenCV's `getGaussianKernelFixedPoint_ED`: `taps` with `bits` fraction
/// bits, rounded with error diffusion from the edges inwards, the centre
/// taking what remains so that the fixed-point taps sum to exactly 1.
/// Taps fit in `bits + 1` bits (at most `1 << bits`).
pub(super) fn fixed_taps(taps: &[f64], bits: u32, fixed: &mut [u32]) {
    debug_assert!(bits <= 16);
    let n = taps.len();
    let one = 1u32 << bits;
    let half = n / 2;
    let mut error = 0.0;
    let mut sum = 0;
    for i in 0..half {
        let adjusted = taps[i] * one as f64 + error;
        let rounded = adjusted.round_ties_even();
        error = adjusted - rounded;
        fixed[i] = rounded as u32;
        fixed[n - 1 - i] = rounded as u32;
        sum += rounded as u32;
    }
    fixed[half] = one - 2 * sum;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_taps_are_symmetric_and_sum_to_one() {
        let mut taps = [0.0; 13];
        exact_taps(&mut taps, 2.0);
        assert!((taps.iter().sum::<f64>() - 1.0).abs() < 1e-15);
        for i in 0..13 {
            assert_eq!(taps[i], taps[12 - i]);
        }
        assert!(taps[6] > taps[5] && taps[1] > taps[0]);
    }

    /// OpenCV's `getGaussianKernel(k, 0)`, as `tests/fixtures/make.py` saved it.
    fn opencv_taps(bytes: &[u8]) -> Vec<f64> {
        bytes
            .chunks_exact(8)
            .map(|b| f64::from_le_bytes(b.try_into().unwrap()))
            .collect()
    }

    #[test]
    fn gaussian_sigma_zero_tables_match_opencv() {
        macro_rules! fixture {
            ($k:literal) => {
                (
                    $k,
                    include_bytes!(concat!(
                        "../../../tests/fixtures/gaussian_taps_k",
                        $k,
                        ".bin"
                    )),
                )
            };
        }
        let cases: [(&str, &[u8]); 5] = [
            fixture!("1"),
            fixture!("3"),
            fixture!("5"),
            fixture!("7"),
            fixture!("9"),
        ];
        for (k, bytes) in cases {
            let want = opencv_taps(bytes);
            assert_eq!(want.len().to_string(), k);
            for sigma in [0.0, -1.0] {
                let mut taps = vec![f64::NAN; want.len()];
                exact_taps(&mut taps, sigma);
                assert_eq!(taps, want, "ksize {k}, σ {sigma}");
            }
        }
    }

    /// Beyond the tables, σ ≤ 0 is derived from the size: `0.3·((n − 1)·0.5 − 1) + 0.8`.
    #[test]
    fn sigma_zero_beyond_the_tables_derives_sigma_from_the_size() {
        for n in [11usize, 13, 21] {
            let mut derived = vec![0.0; n];
            exact_taps(&mut derived, 0.0);
            let sigma = 0.3 * ((n as f64 - 1.0) * 0.5 - 1.0) + 0.8;
            let mut explicit = vec![0.0; n];
            exact_taps(&mut explicit, sigma);
            for (d, e) in derived.iter().zip(&explicit) {
                assert!((d - e).abs() < 1e-15, "n {n}: {derived:?} vs {explicit:?}");
            }
        }
    }

    /// Taps from the definition, `exp(−x²/2σ²)` normalized, in f64.
    #[test]
    fn exact_taps_follow_the_definition() {
        for (n, sigma) in [(3usize, 0.8), (9, 1.7), (13, 2.0), (25, 3.0), (101, 12.5)] {
            let mut taps = vec![0.0; n];
            exact_taps(&mut taps, sigma);
            let half = (n / 2) as f64;
            let raw: Vec<f64> = (0..n)
                .map(|i| (-(i as f64 - half).powi(2) / (2.0 * sigma * sigma)).exp())
                .collect();
            let sum: f64 = raw.iter().sum();
            for (i, (&t, &r)) in taps.iter().zip(&raw).enumerate() {
                assert!(
                    (t - r / sum).abs() < 1e-14,
                    "n {n} σ {sigma} tap {i}: {t} vs {}",
                    r / sum
                );
            }
        }
    }

    /// Each fixed tap lies within one unit of its exact value, the taps are
    /// symmetric, and they sum to exactly one: error diffusion keeps the
    /// running error below half a unit, so the centre cannot stray further.
    #[test]
    fn fixed_taps_sum_to_exactly_one() {
        for (n, sigma) in [
            (3, 0.8),
            (9, 0.0),
            (13, 2.0),
            (19, 3.0),
            (25, 3.0),
            (101, 12.5),
        ] {
            let mut taps = vec![0.0; n];
            exact_taps(&mut taps, sigma);
            for bits in [8, 16] {
                let mut fixed = vec![0u32; n];
                fixed_taps(&taps, bits, &mut fixed);
                let what = format!("n={n} sigma={sigma} bits={bits}");
                assert_eq!(fixed.iter().sum::<u32>(), 1 << bits, "{what}");
                let one = (1u32 << bits) as f64;
                for i in 0..n {
                    assert_eq!(fixed[i], fixed[n - 1 - i], "{what}: tap {i}");
                    let exact = taps[i] * one;
                    assert!(
                        (fixed[i] as f64 - exact).abs() <= 1.0,
                        "{what}: tap {i} is {}, exactly {exact}",
                        fixed[i]
                    );
                }
            }
        }
    }
}
