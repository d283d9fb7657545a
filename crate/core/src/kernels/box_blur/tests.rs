use super::*;
use crate::simd::Isa;
use crate::{ImageSpec, simd};

/// The window mean from the definition: every sample under the window,
/// borders resolved, summed in f64 (exact for integers, and for the f32
/// samples of these tests, multiples of 1/8 of magnitude below 2¹⁰) and
/// scaled as OpenCV does: u8 windows of up to 256 pixels by its fixed-point
/// division, others by 1/area.
fn reference<T: Pixel>(src: &[T], spec: ImageSpec, params: &BoxParams) -> Vec<T> {
    let (w, h, channels) = (spec.width(), spec.height(), spec.channels());
    let (kx, ky) = params.sides().unwrap();
    let area = kx * ky;
    let scale = 1.0 / area as f64;
    let constant = match params.border {
        Border::Constant(value) => T::saturate_f64(value),
        _ => T::default(),
    };
    let mut out = vec![T::default(); src.len()];
    for y in 0..h {
        for x in 0..w {
            for c in 0..channels {
                let mut sum = 0.0;
                for dy in 0..ky {
                    let sy = params
                        .border
                        .source_index((y + dy) as isize - (ky / 2) as isize, h);
                    for dx in 0..kx {
                        let sx = params
                            .border
                            .source_index((x + dx) as isize - (kx / 2) as isize, w);
                        sum += match (sy, sx) {
                            (Some(sy), Some(sx)) => src[(sy * w + sx) * channels + c],
                            _ => constant,
                        }
                        .to_f64();
                    }
                }
                out[(y * w + x) * channels + c] = match T::TYPE {
                    PixelType::U8 if area <= 256 => {
                        T::saturate_i32(u8_divider(area as u32)(sum as u32) as i32)
                    }
                    _ => T::saturate_f64(sum * scale),
                };
            }
        }
    }
    out
}

/// OpenCV's division of a u8 window sum by `area` (≤ 256), in u32 as it
/// computes it.
fn u8_divider(area: u32) -> impl Fn(u32) -> u32 + Copy {
    let (scale, delta) = u8_division(area);
    move |sum| {
        if area == 1 {
            sum
        } else {
            ((sum + delta) * scale) >> U8_SHIFT
        }
    }
}

/// Samples spread over the type's range (f32: multiples of 1/8 in ±1000).
fn samples<T: Pixel>(spec: ImageSpec, seed: usize) -> Vec<T> {
    (0..spec.samples())
        .map(|i| {
            let r = (i + seed).wrapping_mul(2_654_435_761) >> 7;
            match T::TYPE {
                PixelType::F32 => T::saturate_f64((r % 16_000) as f64 / 8.0 - 1000.0),
                PixelType::I16 => T::saturate_f64((r % 65_536) as f64 - 32_768.0),
                _ => T::saturate_f64((r % 65_536) as f64),
            }
        })
        .collect()
}

/// The filter of `src` on `isa` at `threads` threads.
fn blurred<T: Pixel>(
    src: &[T],
    spec: ImageSpec,
    params: &BoxParams,
    isa: Isa,
    threads: usize,
) -> Vec<T> {
    let mut workspace = Workspace::with_isa(isa).unwrap();
    workspace.set_threads(Some(threads));
    let mut out = vec![T::default(); src.len()];
    let input = ImageRef::new(spec, src, "input").unwrap();
    let output = ImageMut::new(spec, &mut out, "output").unwrap();
    box_blur(input, output, params, &mut workspace).unwrap();
    out
}

/// Every SIMD path at 1, 2 and 3 threads gives `expected`, bit for bit.
fn every_path_and_thread_count_gives<T: Pixel>(
    src: &[T],
    spec: ImageSpec,
    params: &BoxParams,
    expected: &[T],
    case: &str,
) {
    for isa in Isa::available() {
        for threads in [1, 2, 3] {
            let got = blurred(src, spec, params, isa, threads);
            assert!(
                got.iter()
                    .zip(expected)
                    .all(|(a, b)| a.to_f64().to_bits() == b.to_f64().to_bits()),
                "{case} on {isa}, {threads} threads"
            );
        }
    }
}

const BORDERS: [Border; 4] = [
    Border::Reflect101,
    Border::Reflect,
    Border::Replicate,
    Border::Constant(77.5),
];

/// Window sides: odd, even, tall, wide, and wider or taller than the frames
/// below; sides up to 8 are summed afresh, wider ones slide along the row.
const SIDES: [(u32, u32); 11] = [
    (1, 1),
    (2, 2),
    (3, 3),
    (4, 5),
    (5, 5),
    (8, 3),
    (9, 9),
    (1, 12),
    (16, 2),
    (23, 17),
    (40, 41),
];

/// Every type, size, border and channel count on every SIMD path against the
/// definition, in small frames (narrower and shorter than some windows).
fn every_path_gives_the_window_mean<T: Pixel>() {
    for (w, h) in [(1, 1), (2, 3), (7, 5), (19, 13)] {
        for channels in 1..=4 {
            let spec = ImageSpec::new(w, h, channels, T::TYPE).unwrap();
            let src = samples::<T>(spec, w + h + channels);
            for border in BORDERS {
                for (ksize, ksize_y) in SIDES {
                    let params = BoxParams {
                        ksize,
                        ksize_y: Some(ksize_y),
                        border,
                    };
                    let expected = reference(&src, spec, &params);
                    for isa in Isa::available() {
                        let got = blurred(&src, spec, &params, isa, 1);
                        assert!(
                            got.iter()
                                .zip(&expected)
                                .all(|(a, b)| a.to_f64().to_bits() == b.to_f64().to_bits()),
                            "{T:?} {w}×{h}×{channels} {ksize}×{ksize_y} {border:?} on {isa}",
                            T = T::TYPE
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn u8_on_every_path_is_the_window_mean() {
    every_path_gives_the_window_mean::<u8>();
}

#[test]
fn u16_on_every_path_is_the_window_mean() {
    every_path_gives_the_window_mean::<u16>();
}

#[test]
fn i16_on_every_path_is_the_window_mean() {
    every_path_gives_the_window_mean::<i16>();
}

/// f32 sums are exact here (see `reference`), so any order of addition
/// gives the definition's bytes.
#[test]
fn f32_on_every_path_is_the_window_mean() {
    every_path_gives_the_window_mean::<f32>();
}

/// Strips start their sums afresh: 1, 2 and 3 threads and every path give
/// the definition's bytes on frames large enough to be split.
fn threads_give_the_window_mean<T: Pixel>() {
    for channels in [1, 3] {
        let spec = ImageSpec::new(512 / channels, 97, channels, T::TYPE).unwrap();
        let src = samples::<T>(spec, channels);
        for (ksize, ksize_y) in [(5, 5), (4, 7), (17, 9)] {
            for border in [Border::Reflect101, Border::Constant(3.0)] {
                let params = BoxParams {
                    ksize,
                    ksize_y: Some(ksize_y),
                    border,
                };
                let expected = reference(&src, spec, &params);
                let case = format!("{:?} ×{channels} {ksize}×{ksize_y} {border:?}", T::TYPE);
                every_path_and_thread_count_gives(&src, spec, &params, &expected, &case);
            }
        }
    }
}

#[test]
fn u8_strips_on_any_thread_count_are_the_window_mean() {
    threads_give_the_window_mean::<u8>();
}

#[test]
fn u16_strips_on_any_thread_count_are_the_window_mean() {
    threads_give_the_window_mean::<u16>();
}

#[test]
fn f32_strips_on_any_thread_count_are_the_window_mean() {
    threads_give_the_window_mean::<f32>();
}

/// Windows of rows, as a streamed pipeline runs the kernel: the output rows
/// `a..b` from the source rows they reach equal the same rows of the frame.
fn windows_of_rows_equal_the_frame<T: Pixel>() {
    let spec = ImageSpec::new(11, 23, 2, T::TYPE).unwrap();
    let row_len = spec.row_len();
    let src = samples::<T>(spec, 5);
    for (ksize, ksize_y) in [(3, 3), (4, 6), (12, 9), (5, 31)] {
        for border in BORDERS {
            let params = BoxParams {
                ksize,
                ksize_y: Some(ksize_y),
                border,
            };
            let frame = blurred(&src, spec, &params, Isa::Scalar, 1);
            // The rows a pipeline holds: its reach above and below.
            let reach = params.reach().unwrap();
            for (a, b) in [(0usize, 1usize), (0, 23), (1, 2), (3, 9), (7, 23), (22, 23)] {
                let (first, last) = (a.saturating_sub(reach), (b + reach).min(23));
                for isa in Isa::available() {
                    let input =
                        ImageRef::window(spec, first, &src[first * row_len..last * row_len]);
                    let mut out = vec![T::default(); (b - a) * row_len];
                    let output = ImageMut::window(spec, a, &mut out);
                    let mut workspace = Workspace::with_isa(isa).unwrap();
                    box_blur(input, output, &params, &mut workspace).unwrap();
                    assert!(
                        out.iter()
                            .zip(&frame[a * row_len..b * row_len])
                            .all(|(x, y)| x.to_f64().to_bits() == y.to_f64().to_bits()),
                        "{T:?} rows {a}..{b}, {ksize}×{ksize_y} {border:?} on {isa}",
                        T = T::TYPE
                    );
                }
            }
        }
    }
}

#[test]
fn windows_of_rows_equal_the_frame_for_every_type() {
    windows_of_rows_equal_the_frame::<u8>();
    windows_of_rows_equal_the_frame::<u16>();
    windows_of_rows_equal_the_frame::<i16>();
    windows_of_rows_equal_the_frame::<f32>();
}

/// u8 windows past 256 pixels (f64 scale) and past 257 rows (u32 column sums).
#[test]
fn u8_windows_past_the_fixed_point_division_are_window_means() {
    let spec = ImageSpec::new(21, 8, 1, PixelType::U8).unwrap();
    let src = samples::<u8>(spec, 9);
    for (ksize, ksize_y) in [(16, 16), (17, 17), (1, 257), (2, 300)] {
        let params = BoxParams {
            ksize,
            ksize_y: Some(ksize_y),
            border: Border::Reflect,
        };
        let expected = reference(&src, spec, &params);
        for isa in Isa::available() {
            assert_eq!(
                blurred(&src, spec, &params, isa, 1),
                expected,
                "{ksize}×{ksize_y} on {isa}"
            );
        }
    }
}

#[test]
fn u16_windows_either_side_of_65536_pixels_are_window_means() {
    let (w, h) = (23, 9);
    let src: Vec<u16> = (0..w * h)
        .map(|i| (i * 2_654_435_761 % 65_536) as u16)
        .collect();
    let spec = ImageSpec::new(w, h, 1, PixelType::U16).unwrap();
    // 255×257 sums in u32 alone; 257×257 (66,049 pixels) needs u64 window sums.
    for (ksize, ksize_y) in [(255, 257), (257, 257), (3, 301)] {
        let params = BoxParams {
            ksize,
            ksize_y: Some(ksize_y),
            border: Border::Replicate,
        };
        let expected = reference(&src, spec, &params);
        for isa in simd::Isa::available() {
            assert_eq!(
                blurred(&src, spec, &params, isa, 1),
                expected,
                "{ksize}×{ksize_y} on {isa}"
            );
        }
    }
}

/// The sums where f32 and f64 could round a mean apart: those nearest to
/// each half-integer mean, for every area where the f32 path is taken.
#[test]
fn f32_means_round_as_f64_wherever_they_are_used() {
    for (max, signed) in [(255, false), (32_768, true), (65_535, false)] {
        for area in (1..=1 << 16).filter(|&area| f32_rounds_as_f64(max, area)) {
            let (scale, scale32) = (1.0 / area as f64, 1.0 / area as f32);
            let lowest = if signed { -(max as i64) } else { 0 };
            for k in lowest..=max as i64 {
                let tie = k * area as i64 + area as i64 / 2;
                for sum in tie - 1..=tie + 1 {
                    if sum.abs() > (max * area) as i64 || (!signed && sum < 0) {
                        continue;
                    }
                    assert_eq!(
                        nearest_f32(sum as f32 * scale32),
                        nearest_f64(sum as f64 * scale),
                        "sum {sum} over {area} pixels"
                    );
                }
            }
        }
    }
}

/// The 16-bit division equals OpenCV's 32-bit one for every area and sum.
#[test]
fn u8_division_in_16_bits_equals_opencvs() {
    for area in 2..=256 {
        let (wide, narrow) = (u8_divider(area), u8_divider_16(area));
        for sum in 0..=255 * area {
            assert_eq!(
                u32::from(narrow(sum as u16)),
                wide(sum),
                "{sum} over {area}"
            );
        }
    }
}

/// `Σ value(t), t < k` in the order `fresh` documents: for odd `k` the
/// centre, then each pair at equal distance from it (added first),
/// outermost first; for even `k` one after another from zero.
fn fixed_order_sum(k: usize, value: impl Fn(usize) -> f64) -> f64 {
    if k % 2 == 1 {
        (0..k / 2).fold(value(k / 2), |sum, t| sum + (value(t) + value(k - 1 - t)))
    } else {
        (0..k).fold(0.0, |sum, t| sum + value(t))
    }
}

/// The f32 filter from its documented order: column sums down the window,
/// then their sum along the row, each in the fixed order, then `·1/area`.
fn fixed_order_reference(src: &[f32], spec: ImageSpec, params: &BoxParams) -> Vec<f32> {
    let (w, h, channels) = (spec.width(), spec.height(), spec.channels());
    let (kx, ky) = params.sides().unwrap();
    let scale = 1.0 / (kx * ky) as f64;
    let constant = match params.border {
        Border::Constant(value) => f32::saturate_f64(value),
        _ => 0.0,
    };
    let sample = |sy: Option<usize>, sx: Option<usize>, c: usize| match (sy, sx) {
        (Some(sy), Some(sx)) => src[(sy * w + sx) * channels + c] as f64,
        _ => constant as f64,
    };
    let mut out = vec![0.0; src.len()];
    for y in 0..h {
        for x in 0..w {
            for c in 0..channels {
                let column = |dx: usize| {
                    let sx = params
                        .border
                        .source_index((x + dx) as isize - (kx / 2) as isize, w);
                    fixed_order_sum(ky, |dy| {
                        let sy = params
                            .border
                            .source_index((y + dy) as isize - (ky / 2) as isize, h);
                        sample(sy, sx, c)
                    })
                };
                let sum = fixed_order_sum(kx, column);
                out[(y * w + x) * channels + c] = f32::saturate_f64(sum * scale);
            }
        }
    }
    out
}

/// Samples with full mantissas and mixed magnitudes, whose sums round:
/// only the documented order of additions gives the reference's bytes.
fn rounding_samples(spec: ImageSpec, seed: usize) -> Vec<f32> {
    (0..spec.samples())
        .map(|i| {
            let r = (i + seed).wrapping_mul(2_654_435_761) >> 5;
            let magnitude = [1e-3, 1.0, 3e4, 7e7][r % 4];
            ((r % 1_000_003) as f64 / 1_000_003.0 - 0.37) as f32 * magnitude
        })
        .collect()
}

/// f32 sums that round keep the documented order on every path, at 1 to 3
/// threads, for every unrolled window side and a wide one.
#[test]
fn f32_sums_add_in_the_documented_order() {
    for (w, h, channels) in [(37, 29, 1), (23, 31, 3), (600, 9, 1), (5, 4, 2)] {
        let spec = ImageSpec::new(w, h, channels, PixelType::F32).unwrap();
        let src = rounding_samples(spec, w * h);
        for (ksize, ksize_y) in [
            (5, 5),
            (3, 3),
            (7, 7),
            (4, 6),
            (2, 3),
            (6, 1),
            (1, 7),
            (9, 5),
        ] {
            for border in [Border::Reflect101, Border::Constant(0.3), Border::Replicate] {
                let params = BoxParams {
                    ksize,
                    ksize_y: Some(ksize_y),
                    border,
                };
                let expected = fixed_order_reference(&src, spec, &params);
                let case = format!("{w}×{h}×{channels} {ksize}×{ksize_y} {border:?}");
                every_path_and_thread_count_gives(&src, spec, &params, &expected, &case);
            }
        }
    }
}
