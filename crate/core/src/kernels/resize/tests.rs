//! `resize` against references written from the definitions, and the same
//! bytes on every SIMD path and thread count. (Bit-for-bit agreement with
//! OpenCV itself is the JavaScript suite's, against OpenCV.js.)

use super::*;
use crate::simd::Isa;

fn hash(i: usize) -> u32 {
    (i as u32).wrapping_mul(2_654_435_761) >> 7
}

fn frame<T: Pixel>(spec: ImageSpec, value: impl Fn(usize) -> T) -> Vec<T> {
    (0..spec.samples()).map(value).collect()
}

fn run<T: Pixel>(
    src: &[T],
    spec: ImageSpec,
    params: ResizeParams,
    isa: Isa,
    threads: usize,
) -> Vec<T> {
    let out_spec = params.output_spec(spec).unwrap();
    let mut out = vec![T::default(); out_spec.samples()];
    let mut workspace = Workspace::with_isa(isa).unwrap();
    workspace.set_threads(Some(threads));
    resize(
        ImageRef::new(spec, src, "input").unwrap(),
        ImageMut::new(out_spec, &mut out, "output").unwrap(),
        &params,
        &mut workspace,
    )
    .unwrap();
    out
}

fn params(width: usize, height: usize, interpolation: Interpolation) -> ResizeParams {
    ResizeParams {
        width,
        height,
        interpolation,
    }
}

/// Source and output sizes that take every method: copies, whole and
/// fractional shrinks, enlargements (rows of several vector steps and a
/// remainder), one-pixel sides.
const SIZES: [((usize, usize), (usize, usize)); 8] = [
    ((37, 23), (18, 11)),
    ((40, 24), (20, 12)),
    ((36, 24), (12, 8)),
    ((13, 9), (41, 29)),
    ((1, 7), (5, 3)),
    ((29, 31), (29, 31)),
    ((64, 40), (33, 70)),
    ((70, 5), (151, 9)),
];

fn same_bytes_everywhere<T: Pixel>(value: impl Fn(usize) -> T) {
    for interpolation in Interpolation::ALL {
        for (((sw, sh), (dw, dh)), channels) in
            SIZES.into_iter().flat_map(|s| (1..=4).map(move |c| (s, c)))
        {
            let spec = ImageSpec::new(sw, sh, channels, T::TYPE).unwrap();
            let src = frame(spec, &value);
            let p = params(dw, dh, interpolation);
            let want = run(&src, spec, p, Isa::Scalar, 1);
            // Threads on the best path; every path on one.
            let runs = Isa::available()
                .map(|isa| (isa, 1))
                .chain([(Isa::best(), 3)]);
            for (isa, threads) in runs {
                let got = run(&src, spec, p, isa, threads);
                assert!(
                    bytemuck::cast_slice::<T, u8>(&got) == bytemuck::cast_slice::<T, u8>(&want),
                    "{interpolation:?} {spec} → {dw}×{dh} on {isa}, {threads} threads"
                );
            }
        }
    }
}

#[test]
fn every_path_and_thread_count_gives_the_same_bytes() {
    same_bytes_everywhere::<u8>(|i| hash(i) as u8);
    same_bytes_everywhere::<f32>(|i| hash(i) as f32 / 1e4 - 100.0);
}

#[test]
fn nearest_reads_the_pixel_at_the_scaled_index() {
    // Distinct values, so each output names the source pixel it copies.
    let spec = ImageSpec::new(10, 7, 1, PixelType::U16).unwrap();
    let src = frame(spec, |i| i as u16);
    let out = run(
        &src,
        spec,
        params(4, 3, Interpolation::Nearest),
        Isa::Scalar,
        1,
    );
    // floor(x · 10/4) and floor(y · 7/3).
    let want: Vec<u16> = [0, 2, 4]
        .iter()
        .flat_map(|&y| [0, 2, 5, 7].map(|x| (y * 10 + x) as u16))
        .collect();
    assert_eq!(out, want);
    // Centres: x maps to floor((x + ½) · 10/4), y to floor((y + ½) · 7/3).
    let out = run(
        &src,
        spec,
        params(4, 3, Interpolation::NearestExact),
        Isa::Scalar,
        1,
    );
    let want: Vec<u16> = [1, 3, 5]
        .iter()
        .flat_map(|&y| [1, 3, 6, 8].map(|x| (y * 10 + x) as u16))
        .collect();
    assert_eq!(out, want);
}

#[test]
fn linear_f32_is_bilinear_between_pixel_centres() {
    bilinear_by_definition((9, 6, 2), (14, 5));
    // Rows of many vectors, split among threads.
    bilinear_by_definition((250, 200, 3), (500, 400));
}

fn bilinear_by_definition((sw, sh, cn): (usize, usize, usize), (dw, dh): (usize, usize)) {
    let spec = ImageSpec::new(sw, sh, cn, PixelType::F32).unwrap();
    let src = frame(spec, |i| (hash(i) % 1000) as f32 / 10.0);
    let out = run(
        &src,
        spec,
        params(dw, dh, Interpolation::Linear),
        Isa::best(),
        2,
    );
    // The definition in f64: centres map by (d + ½)·scale − ½, clamped to the frame.
    let coordinate = |d: usize, src_len: usize, dst_len: usize| {
        let f = ((d as f64 + 0.5) * src_len as f64 / dst_len as f64 - 0.5)
            .clamp(0.0, src_len as f64 - 1.0);
        let i = (f.floor() as usize).min(src_len - 2);
        (i, f - i as f64)
    };
    for y in 0..dh {
        let (sy, fy) = coordinate(y, sh, dh);
        for x in 0..dw {
            let (sx, fx) = coordinate(x, sw, dw);
            for c in 0..cn {
                let at = |yy: usize, xx: usize| f64::from(src[(yy * sw + xx) * cn + c]);
                let top = at(sy, sx) * (1.0 - fx) + at(sy, sx + 1) * fx;
                let bottom = at(sy + 1, sx) * (1.0 - fx) + at(sy + 1, sx + 1) * fx;
                let want = top * (1.0 - fy) + bottom * fy;
                let got = f64::from(out[(y * dw + x) * cn + c]);
                assert!(
                    (got - want).abs() < 1e-3,
                    "{sw}×{sh} → {dw}×{dh} ({x}, {y}, {c}): {got} vs {want}"
                );
            }
        }
    }
}

#[test]
fn whole_factor_area_is_the_rounded_cell_mean() {
    let spec = ImageSpec::new(9, 6, 1, PixelType::U16).unwrap();
    let src = frame(spec, |i| (hash(i) % 60000) as u16);
    let out = run(
        &src,
        spec,
        params(3, 2, Interpolation::Area),
        Isa::Scalar,
        1,
    );
    for (i, &got) in out.iter().enumerate() {
        let (x, y) = (i % 3, i / 3);
        let sum: u32 = (0..9)
            .map(|k| u32::from(src[(y * 3 + k / 3) * 9 + x * 3 + k % 3]))
            .sum();
        let want = (f64::from(sum) / 9.0).round_ties_even();
        assert!((f64::from(got) - want).abs() <= 0.0, "{i}: {got} vs {want}");
    }
}

#[test]
fn halving_by_two_in_each_direction_averages_each_square() {
    let spec = ImageSpec::new(6, 4, 3, PixelType::U8).unwrap();
    let src = frame(spec, |i| hash(i) as u8);
    for interpolation in [
        Interpolation::Linear,
        Interpolation::LinearExact,
        Interpolation::Area,
    ] {
        let out = run(&src, spec, params(3, 2, interpolation), Isa::Scalar, 1);
        for (i, &got) in out.iter().enumerate() {
            let (c, x, y) = (i % 3, (i / 3) % 3, i / 9);
            let at = |yy: usize, xx: usize| u32::from(src[(yy * 6 + xx) * 3 + c]);
            let sum = at(2 * y, 2 * x)
                + at(2 * y, 2 * x + 1)
                + at(2 * y + 1, 2 * x)
                + at(2 * y + 1, 2 * x + 1);
            assert_eq!(u32::from(got), (sum + 2) >> 2, "{interpolation:?} at {i}");
        }
    }
}

#[test]
fn a_flat_frame_stays_flat() {
    for interpolation in Interpolation::ALL {
        for ((sw, sh), (dw, dh)) in SIZES {
            for value in [1u8, 254, 255] {
                let spec = ImageSpec::new(sw, sh, 2, PixelType::U8).unwrap();
                let src = vec![value; spec.samples()];
                let out = run(&src, spec, params(dw, dh, interpolation), Isa::Scalar, 1);
                assert!(
                    out.iter().all(|&v| v == value),
                    "{interpolation:?} {sw}×{sh} → {dw}×{dh} of {value}: {out:?}"
                );
            }
        }
    }
}

#[test]
fn sizes_of_zero_and_outputs_of_another_size_are_refused() {
    let spec = ImageSpec::new(4, 4, 1, PixelType::U8).unwrap();
    let error = params(0, 3, Interpolation::Linear)
        .output_spec(spec)
        .unwrap_err();
    assert_eq!(error.to_string(), "width: expected an integer ≥ 1, got 0");
    let src = [0u8; 16];
    let mut out = [7u8; 6];
    let error = resize(
        ImageRef::new(spec, &src, "input").unwrap(),
        ImageMut::new(
            ImageSpec::new(3, 2, 1, PixelType::U8).unwrap(),
            &mut out,
            "output",
        )
        .unwrap(),
        &params(2, 3, Interpolation::Linear),
        &mut Workspace::new(),
    )
    .unwrap_err();
    assert_eq!(error.code(), "ERR_PIXCHAIN_SHAPE");
    assert_eq!(out, [7; 6]);
    assert_eq!(
        Interpolation::parse("bilinear").unwrap_err().to_string(),
        "interpolation: expected one of nearest, nearestExact, linear, linearExact, area, cubic, got \"bilinear\""
    );
}

#[test]
fn reruns_allocate_nothing() {
    let spec = ImageSpec::new(50, 30, 3, PixelType::U8).unwrap();
    let src = frame(spec, |i| hash(i) as u8);
    for interpolation in Interpolation::ALL {
        let p = params(37, 41, interpolation);
        let out_spec = p.output_spec(spec).unwrap();
        let mut out = vec![0u8; out_spec.samples()];
        let mut workspace = Workspace::new();
        workspace.set_threads(Some(2));
        let mut after_first = 0;
        for round in 0..3 {
            resize(
                ImageRef::new(spec, &src, "input").unwrap(),
                ImageMut::new(out_spec, &mut out, "output").unwrap(),
                &p,
                &mut workspace,
            )
            .unwrap();
            if round == 0 {
                after_first = workspace.allocations();
            }
        }
        assert_eq!(workspace.allocations(), after_first, "{interpolation:?}");
    }
}
