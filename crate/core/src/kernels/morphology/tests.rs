//! Every operation against a reference written from OpenCV's definition
//! (each output sample the extreme over the element's ones, borders resolved
//! per pass, repeated full rectangles folded as OpenCV folds them), on every
//! SIMD path and several thread counts, and in windows of rows as a
//! streamed pipeline runs it.

use super::extremum::Extremum;
use super::*;
use crate::ImageSpec;
use crate::simd::Isa;
use crate::test_rng::Rng;

trait Random: Extremum {
    fn random(rng: &mut Rng) -> Self;
}

impl Random for u8 {
    fn random(rng: &mut Rng) -> Self {
        rng.next() as u8
    }
}
impl Random for u16 {
    fn random(rng: &mut Rng) -> Self {
        rng.next() as u16
    }
}
impl Random for i16 {
    fn random(rng: &mut Rng) -> Self {
        rng.next() as i16
    }
}
/// Values on a grid around 0, with −0, +0 and NaN of several payloads among them.
impl Random for f32 {
    fn random(rng: &mut Rng) -> Self {
        match rng.next() % 64 {
            0 => -0.0,
            1 => 0.0,
            2 => f32::from_bits(0x7fc0_0000 | (rng.next() as u32 & 0xffff)),
            3 => f32::from_bits(0xffc0_0001),
            _ => (rng.next() % 20001) as f32 / 8.0 - 1250.0,
        }
    }
}

/// The same samples, bit for bit.
fn same_bits<T: Pixel>(a: &[T], b: &[T]) -> bool {
    bytemuck::cast_slice::<T, u8>(a) == bytemuck::cast_slice::<T, u8>(b)
}

/// One erosion or dilation pass over the whole frame, sample by sample.
fn reference_pass<T: Extremum>(
    src: &[T],
    spec: ImageSpec,
    element: &Element,
    border: Border,
    erode: bool,
) -> Vec<T> {
    let (w, h, c) = (spec.width(), spec.height(), spec.channels());
    let constant = match border {
        Border::Constant(v) if v == MORPH_DEFAULT_BORDER_VALUE => {
            if erode {
                T::MAX
            } else {
                T::MIN
            }
        }
        Border::Constant(v) => T::saturate_f64(v),
        _ => T::default(),
    };
    let (ax, ay) = element.anchor;
    let mut out = vec![T::default(); src.len()];
    for y in 0..h {
        for x in 0..w {
            for ch in 0..c {
                let mut acc: Option<T> = None;
                for i in 0..element.height {
                    for j in element.run(i) {
                        let sy = border.source_index(y as isize + i as isize - ay as isize, h);
                        let sx = border.source_index(x as isize + j as isize - ax as isize, w);
                        let v = match (sy, sx) {
                            (Some(sy), Some(sx)) => src[(sy * w + sx) * c + ch],
                            _ => constant,
                        };
                        acc = Some(match acc {
                            None => v,
                            Some(a) if erode => a.lesser(v),
                            Some(a) => a.greater(v),
                        });
                    }
                }
                out[(y * w + x) * c + ch] = acc.unwrap().canonical();
            }
        }
    }
    out
}

fn reference<T: Extremum>(src: &[T], spec: ImageSpec, params: &MorphologyParams) -> Vec<T> {
    let p = params.element;
    let (element, passes) = p.element().passes(p.iterations as usize);
    let chain = |from: &[T], erode: bool| {
        let mut frame = from.to_vec();
        for _ in 0..passes {
            frame = reference_pass(&frame, spec, &element, p.border, erode);
        }
        frame
    };
    let subtract = |a: &[T], b: &[T]| a.iter().zip(b).map(|(&a, &b)| a.difference(b)).collect();
    match params.op {
        MorphOp::Erode => chain(src, true),
        MorphOp::Dilate => chain(src, false),
        MorphOp::Open => chain(&chain(src, true), false),
        MorphOp::Close => chain(&chain(src, false), true),
        MorphOp::Gradient => subtract(&chain(src, false), &chain(src, true)),
        MorphOp::TopHat => subtract(src, &chain(&chain(src, true), false)),
        MorphOp::BlackHat => subtract(&chain(&chain(src, false), true), src),
    }
}

fn run<T: Pixel>(
    src: &[T],
    spec: ImageSpec,
    params: &MorphologyParams,
    ws: &mut Workspace,
) -> Vec<T> {
    let mut out = vec![T::default(); src.len()];
    let view = ImageRef::new(spec, src, "input").unwrap();
    morphology(
        view,
        ImageMut::new(spec, &mut out, "output").unwrap(),
        params,
        ws,
    )
    .unwrap();
    out
}

/// Rows `rows` computed from a window of the source holding just the rows
/// within the operation's reach, as a streamed pass hands them over.
fn run_window<T: Pixel>(
    src: &[T],
    spec: ImageSpec,
    params: &MorphologyParams,
    rows: std::ops::Range<usize>,
) -> Vec<T> {
    let reach = params.reach();
    let (lo, hi) = (
        rows.start.saturating_sub(reach),
        (rows.end + reach).min(spec.height()),
    );
    let row_len = spec.row_len();
    let window = ImageRef::window(spec, lo, &src[lo * row_len..hi * row_len]);
    let mut out = vec![T::default(); rows.len() * row_len];
    let dst = ImageMut::window(spec, rows.start, &mut out);
    let mut ws = Workspace::new();
    ws.set_threads(Some(1));
    morphology(window, dst, params, &mut ws).unwrap();
    out
}

fn check<T: Random>(seed: u64, spec: ImageSpec, params: MorphologyParams) {
    let mut rng = Rng::new(seed);
    let src: Vec<T> = (0..spec.samples()).map(|_| T::random(&mut rng)).collect();
    let want = reference(&src, spec, &params);
    let mut ws = Workspace::new();
    for isa in Isa::available() {
        ws.set_isa(isa).unwrap();
        for threads in [1, 3] {
            ws.set_threads(Some(threads));
            let got = run(&src, spec, &params, &mut ws);
            assert!(
                same_bits(&got, &want),
                "{params:?} on {spec}, {isa}, {threads} threads"
            );
        }
    }
    let row_len = spec.row_len();
    let rows = 3.min(spec.height())..(spec.height() * 2 / 3).max(3.min(spec.height()));
    if rows.is_empty() {
        return;
    }
    let got = run_window(&src, spec, &params, rows.clone());
    assert!(
        same_bits(&got, &want[rows.start * row_len..rows.end * row_len]),
        "{params:?} on {spec}, rows {rows:?}"
    );
}

fn params(
    op: MorphOp,
    ksize: u32,
    ksize_y: Option<u32>,
    shape: MorphShape,
    iterations: u32,
    border: Border,
) -> MorphologyParams {
    MorphologyParams {
        op,
        element: MorphParams {
            ksize,
            ksize_y,
            shape,
            iterations,
            border,
        },
    }
}

const BORDERS: [Border; 5] = [
    Border::Constant(MORPH_DEFAULT_BORDER_VALUE),
    Border::Constant(100.0),
    Border::Reflect101,
    Border::Reflect,
    Border::Replicate,
];

#[test]
fn erode_and_dilate_match_the_reference_for_every_shape_border_and_type() {
    let spec = |c, t| ImageSpec::new(13, 11, c, t).unwrap();
    let mut seed = 1;
    for shape in MorphShape::ALL {
        for (k, ky) in [(3, None), (5, Some(3)), (2, Some(4)), (1, Some(9))] {
            for border in BORDERS {
                for op in [MorphOp::Erode, MorphOp::Dilate] {
                    seed += 1;
                    let p = params(op, k, ky, shape, 1, border);
                    // The types take turns: each meets every shape and border.
                    match seed % 4 {
                        0 => check::<u8>(seed, spec(1, PixelType::U8), p),
                        1 => check::<u16>(seed, spec(3, PixelType::U16), p),
                        2 => check::<i16>(seed, spec(2, PixelType::I16), p),
                        _ => check::<f32>(seed, spec(4, PixelType::F32), p),
                    }
                }
            }
        }
    }
}

#[test]
fn rows_of_several_chunks_match_the_reference() {
    // Rows longer than the loops' chunk, with a last chunk that overlaps.
    let mut seed = 900;
    for shape in MorphShape::ALL {
        for (op, k) in [
            (MorphOp::Erode, 3),
            (MorphOp::Dilate, 5),
            (MorphOp::Open, 15),
        ] {
            seed += 1;
            let p = params(op, k, None, shape, 1, Border::Reflect101);
            check::<u8>(seed, ImageSpec::new(149, 6, 1, PixelType::U8).unwrap(), p);
            check::<u16>(seed, ImageSpec::new(75, 5, 2, PixelType::U16).unwrap(), p);
            check::<f32>(seed, ImageSpec::new(70, 5, 3, PixelType::F32).unwrap(), p);
        }
    }
}

#[test]
fn iterations_and_compound_operations_match_the_reference() {
    let spec = ImageSpec::new(11, 13, 2, PixelType::U8).unwrap();
    let mut seed = 100;
    for op in MorphOp::ALL {
        for shape in MorphShape::ALL {
            for iterations in [0, 2] {
                for border in [BORDERS[0], BORDERS[1], BORDERS[2]] {
                    seed += 1;
                    check::<u8>(
                        seed,
                        spec,
                        params(op, 3, Some(5), shape, iterations, border),
                    );
                }
            }
        }
        check::<i16>(
            seed,
            ImageSpec::new(9, 8, 1, PixelType::I16).unwrap(),
            params(op, 5, None, MorphShape::Ellipse, 1, Border::Constant(-7.0)),
        );
        check::<f32>(
            seed,
            ImageSpec::new(9, 8, 3, PixelType::F32).unwrap(),
            params(op, 3, None, MorphShape::Cross, 2, Border::Reflect),
        );
    }
}

#[test]
fn frames_smaller_than_the_element_and_tall_frames_in_bands() {
    let mut seed = 500;
    for (w, h) in [(1, 1), (2, 3), (4, 1), (1, 9)] {
        for border in BORDERS {
            seed += 1;
            let spec = ImageSpec::new(w, h, 1, PixelType::U16).unwrap();
            check::<u16>(
                seed,
                spec,
                params(MorphOp::Open, 7, None, MorphShape::Ellipse, 2, border),
            );
            check::<u16>(
                seed,
                spec,
                params(MorphOp::Gradient, 5, Some(3), MorphShape::Rect, 2, border),
            );
        }
    }
    let tall = ImageSpec::new(5, 150, 1, PixelType::U8).unwrap();
    check::<u8>(
        9,
        tall,
        params(
            MorphOp::TopHat,
            3,
            None,
            MorphShape::Cross,
            3,
            Border::Reflect101,
        ),
    );
    check::<u8>(
        10,
        tall,
        params(
            MorphOp::Erode,
            21,
            Some(13),
            MorphShape::Rect,
            1,
            Border::Replicate,
        ),
    );
}

#[test]
fn nan_never_wins_against_a_number() {
    let spec = ImageSpec::new(3, 1, 1, PixelType::F32).unwrap();
    let src = [f32::NAN, 2.0, f32::NAN];
    let mut ws = Workspace::new();
    let p = params(
        MorphOp::Erode,
        3,
        Some(1),
        MorphShape::Rect,
        1,
        Border::Replicate,
    );
    assert_eq!(run(&src, spec, &p, &mut ws), [2.0; 3]);
}

#[test]
fn the_default_border_never_wins() {
    let spec = ImageSpec::new(4, 3, 1, PixelType::F32).unwrap();
    let src = [f32::INFINITY; 12];
    let mut ws = Workspace::new();
    let p = MorphologyParams::new(MorphOp::Erode);
    // OpenCV pads with FLT_MAX, which is less than +∞.
    let eroded = run(&src, spec, &p, &mut ws);
    assert_eq!((eroded[0], eroded[5]), (f32::MAX, f32::INFINITY));
    let u8_spec = ImageSpec::new(4, 3, 1, PixelType::U8).unwrap();
    let dark = [0u8; 12];
    assert_eq!(run(&dark, u8_spec, &p, &mut ws), dark);
    let bright = [255u8; 12];
    assert_eq!(
        run(
            &bright,
            u8_spec,
            &MorphologyParams::new(MorphOp::Dilate),
            &mut ws
        ),
        bright
    );
}

#[test]
fn bad_parameters_are_refused() {
    let mut p = MorphParams {
        ksize: 0,
        ..MorphParams::default()
    };
    assert_eq!(p.validate().unwrap_err().code(), "ERR_PIXCHAIN_PARAM");
    p.ksize = 3;
    p.ksize_y = Some(256);
    assert!(p.validate().is_err());
    p.ksize_y = None;
    p.iterations = 256;
    assert!(p.validate().is_err());
    assert!(MorphOp::parse("hitmiss").is_err());
    assert_eq!(
        MorphParams::border_from(None, None).unwrap(),
        Border::Constant(MORPH_DEFAULT_BORDER_VALUE)
    );
    assert_eq!(
        MorphParams::border_from(Some("constant"), Some(3.0)).unwrap(),
        Border::Constant(3.0)
    );
    assert_eq!(
        MorphParams::border_from(Some("replicate"), None).unwrap(),
        Border::Replicate
    );
}

#[test]
fn tall_rectangles_share_columns_between_rows_exactly() {
    let spec = ImageSpec::new(5, 80, 1, PixelType::U16).unwrap();
    let f32_spec = ImageSpec::new(5, 80, 1, PixelType::F32).unwrap();
    let mut seed = 700;
    for height in [4, 17, 65] {
        for border in [BORDERS[0], BORDERS[2], BORDERS[4]] {
            for op in [MorphOp::Erode, MorphOp::Dilate] {
                seed += 1;
                let p = params(op, 3, Some(height), MorphShape::Rect, 1, border);
                check::<u16>(seed, spec, p);
                check::<f32>(seed, f32_spec, p);
            }
        }
    }
    let small = ImageSpec::new(7, 5, 1, PixelType::I16).unwrap();
    check::<i16>(
        9,
        small,
        params(
            MorphOp::Close,
            5,
            Some(9),
            MorphShape::Rect,
            2,
            Border::Reflect101,
        ),
    );
}
