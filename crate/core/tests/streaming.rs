//! A streamed pipeline gives the bytes of its steps run one by one over
//! whole frames, for every band size (one row included), thread count, SIMD
//! path and frame height (frames smaller than a band, one row tall), with
//! every border, and for graphs whose branches stream side by side (f32
//! frames carry NaN and infinities).

mod common;

use common::frame;
use pixchain::simd::Isa;
use pixchain::{
    AddWeightedParams, AnyImageMut, AnyImageRef, BinaryOp, Border, BoxParams, ChannelOrder,
    ClipParams, ConvertParams, ConvolveParams, ExtractChannelParams, GammaParams, GaussianParams,
    GrayscaleParams, ImageSpec, Kernel, LinearParams, MedianParams, Op, Pipeline, PipelineBuilder,
    PixelType, ReorderChannelsParams, SobelParams, Step, ThresholdParams, Workspace,
};
use pixchain::{ClaheParams, LaplacianParams, ScharrParams};

fn gaussian(sigma: f64, border: Border) -> Step {
    Step::Unary(Op::GaussianBlur(GaussianParams {
        sigma,
        border,
        ..Default::default()
    }))
}

fn unary(op: Op) -> Step {
    Step::Unary(op)
}

fn convert(to: PixelType, scale: f64, offset: f64) -> Step {
    unary(Op::Convert {
        to: Some(to),
        params: ConvertParams { scale, offset },
    })
}

/// What a builder was told: steps, saves and jumps.
#[derive(Clone)]
enum Action {
    Push(Step),
    Save(&'static str),
    From(&'static str),
}

fn build(input: ImageSpec, actions: &[Action]) -> PipelineBuilder {
    let mut builder = PipelineBuilder::new(input);
    for action in actions {
        match action {
            Action::Push(step) => builder.push(step.clone()).unwrap(),
            Action::Save(name) => builder.save(name).unwrap(),
            Action::From(name) => builder.from(name).unwrap(),
        }
    }
    builder
}

/// The graph run step by step over whole frames with the one-shot kernels,
/// every result kept: the definition a pipeline must equal.
fn one_by_one(input: ImageSpec, actions: &[Action], pixels: &[u8]) -> Vec<u8> {
    let mut values: Vec<(ImageSpec, Vec<u8>)> = vec![(input, pixels.to_vec())];
    let mut names = vec![("input", 0)];
    let mut current = 0;
    let mut workspace = Workspace::new();
    workspace.set_threads(Some(1));
    for action in actions {
        match action {
            Action::Save(name) => names.push((name, current)),
            Action::From(name) => {
                current = names.iter().rev().find(|(n, _)| n == name).unwrap().1;
            }
            Action::Push(step) => {
                let (spec, src) = values[current].clone();
                let (out_spec, out) = match step {
                    Step::Unary(op) => {
                        let out_spec = op.output_spec(spec).unwrap();
                        let mut out = vec![0u8; out_spec.byte_len()];
                        op.run_bytes(spec, &src, &mut out, &mut workspace).unwrap();
                        (out_spec, out)
                    }
                    Step::Binary { op, other } => {
                        let at = names.iter().rev().find(|(n, _)| n == other).unwrap().1;
                        let (other_spec, other) = &values[at];
                        let out_spec = op.output_spec(spec, *other_spec).unwrap();
                        let mut out = vec![0u8; out_spec.byte_len()];
                        let a = AnyImageRef::from_bytes(spec, &src, "input").unwrap();
                        let b = AnyImageRef::from_bytes(*other_spec, other, "other").unwrap();
                        let dst = AnyImageMut::from_bytes(out_spec, &mut out, "output").unwrap();
                        op.run(a, b, dst, workspace.isa()).unwrap();
                        (out_spec, out)
                    }
                };
                values.push((out_spec, out));
                current = values.len() - 1;
            }
        }
    }
    values.swap_remove(current).1
}

/// Named graphs over an input of `channels` channels of `pixel_type`.
fn graphs() -> Vec<(&'static str, PixelType, usize, Vec<Action>)> {
    use Action::{From, Push, Save};
    let clip = unary(Op::Clip(ClipParams {
        min: 20.0.into(),
        max: 230.0.into(),
    }));
    let median = |ksize| unary(Op::MedianBlur(MedianParams { ksize }));
    vec![
        (
            "u8 blur, clip, linear, median, threshold",
            PixelType::U8,
            1,
            vec![
                Push(gaussian(1.5, Border::Reflect101)),
                Push(clip.clone()),
                Push(unary(Op::Linear(LinearParams {
                    a: 1.2.into(),
                    b: (-10.0).into(),
                }))),
                Push(median(3)),
                Push(unary(Op::Threshold(ThresholdParams {
                    thresh: Some(120.0.into()),
                    ..Default::default()
                }))),
            ],
        ),
        (
            "u16 blur, clip, to f32, blur, to u8",
            PixelType::U16,
            3,
            vec![
                Push(gaussian(2.0, Border::Reflect)),
                Push(unary(Op::Clip(ClipParams {
                    min: 1000.0.into(),
                    max: 60000.0.into(),
                }))),
                Push(convert(PixelType::F32, 1.0 / 65535.0, 0.0)),
                Push(gaussian(1.0, Border::Replicate)),
                Push(convert(PixelType::U8, 255.0, 0.0)),
            ],
        ),
        (
            "RGB u8 to gray, blur, to f32",
            PixelType::U8,
            3,
            vec![
                Push(unary(Op::Grayscale(GrayscaleParams {
                    order: ChannelOrder::Rgb,
                }))),
                Push(gaussian(1.0, Border::Constant(17.0))),
                Push(convert(PixelType::F32, 1.0 / 255.0, -0.5)),
            ],
        ),
        (
            "u8 point steps only, through a lookup table",
            PixelType::U8,
            2,
            vec![
                Push(clip.clone()),
                Push(unary(Op::Linear(LinearParams {
                    a: (-1.7).into(),
                    b: 300.0.into(),
                }))),
                Push(convert(PixelType::I16, 3.5, -400.0)),
                Push(unary(Op::Threshold(ThresholdParams {
                    thresh: Some((-50.0).into()),
                    maxval: Some(1234.0.into()),
                    ..Default::default()
                }))),
            ],
        ),
        (
            "u8 gamma streamed between blurs",
            PixelType::U8,
            1,
            vec![
                Push(gaussian(1.0, Border::Reflect101)),
                Push(unary(Op::Gamma(GammaParams { gamma: 0.45 }))),
                Push(median(3)),
                Push(convert(PixelType::F32, 1.0 / 255.0, 0.0)),
                Push(unary(Op::Gamma(GammaParams { gamma: 2.2 }))),
            ],
        ),
        (
            "unsharp mask",
            PixelType::U8,
            1,
            vec![
                Push(gaussian(3.0, Border::Reflect101)),
                Push(Step::Binary {
                    op: BinaryOp::AddWeighted(AddWeightedParams {
                        alpha: -0.5,
                        beta: 1.5,
                        gamma: 0.0,
                    }),
                    other: "input".into(),
                }),
            ],
        ),
        (
            "difference of a blur and an even box, then a median",
            PixelType::U16,
            2,
            vec![
                Push(gaussian(1.0, Border::Constant(300.0))),
                Save("narrow"),
                From("input"),
                Push(unary(Op::BoxBlur(BoxParams {
                    ksize: 4,
                    ksize_y: Some(6),
                    border: Border::Reflect,
                }))),
                Push(Step::Binary {
                    op: BinaryOp::Absdiff,
                    other: "narrow".into(),
                }),
                Push(median(5)),
            ],
        ),
        (
            "sobel, a 2-D kernel, an f32 median",
            PixelType::U8,
            1,
            vec![
                Push(unary(Op::Sobel(SobelParams {
                    dx: 1,
                    dy: 1,
                    ksize: 5,
                    border: Border::Replicate,
                    to: Some(PixelType::F32),
                }))),
                Push(unary(Op::Convolve {
                    to: None,
                    params: ConvolveParams {
                        kernel: Kernel::Full {
                            width: 3,
                            height: 5,
                            taps: (0..15).map(|i| (i as f32 - 7.0) / 10.0).collect(),
                        },
                        border: Border::Reflect101,
                    },
                })),
                Push(median(3)),
            ],
        ),
        (
            "a branch read after a whole-frame step",
            PixelType::U8,
            1,
            vec![
                Push(gaussian(1.0, Border::Reflect101)),
                Save("blurred"),
                Push(median(3)),
                Push(unary(Op::Normalize(Default::default()))),
                Push(gaussian(2.0, Border::Reflect101)),
                Push(Step::Binary {
                    op: BinaryOp::Add,
                    other: "blurred".into(),
                }),
            ],
        ),
        (
            "an equalization between a blur and two derivatives",
            PixelType::U8,
            1,
            vec![
                Push(gaussian(1.0, Border::Reflect101)),
                Push(unary(Op::EqualizeHist)),
                Push(unary(Op::Laplacian(LaplacianParams {
                    ksize: 5,
                    border: Border::Reflect,
                    to: None,
                }))),
                Push(unary(Op::Scharr(ScharrParams {
                    dx: 0,
                    dy: 1,
                    border: Border::Constant(3.0),
                    to: Some(PixelType::F32),
                }))),
            ],
        ),
        (
            "clahe, then a laplacian",
            PixelType::U16,
            1,
            vec![
                Push(unary(Op::Clahe(ClaheParams {
                    clip_limit: 2.0,
                    tiles: [3, 2],
                }))),
                Push(unary(Op::Laplacian(LaplacianParams {
                    ksize: 1,
                    border: Border::Replicate,
                    to: Some(PixelType::I16),
                }))),
            ],
        ),
        (
            "RGBA u16: drop alpha, swap, blur one channel, merge it back",
            PixelType::U16,
            4,
            vec![
                Push(unary(Op::ReorderChannels(ReorderChannelsParams {
                    order: vec![2, 1, 0],
                }))),
                Save("bgr"),
                Push(unary(Op::ExtractChannel(ExtractChannelParams {
                    channel: 1,
                }))),
                Push(gaussian(1.5, Border::Reflect101)),
                Save("green"),
                From("bgr"),
                Push(unary(Op::ReorderChannels(ReorderChannelsParams {
                    order: vec![0, 2],
                }))),
                Push(Step::Binary {
                    op: BinaryOp::MergeChannels,
                    other: "green".into(),
                }),
                Push(median(3)),
            ],
        ),
    ]
}

/// `pixels`, a frame of `spec`, as a crop of a wider frame read in place:
/// the bytes from its first row's start to its last row's end, and the row
/// stride in samples.
fn within_wider_rows(spec: ImageSpec, pixels: &[u8]) -> (Vec<u8>, usize) {
    let size = spec.pixel_type().size();
    let stride = spec.row_len() + 3;
    let row = spec.row_len() * size;
    let mut wider = vec![0x5a; (spec.height() - 1) * stride * size + row];
    for (y, pixels) in pixels.chunks_exact(row).enumerate() {
        wider[y * stride * size..][..row].copy_from_slice(pixels);
    }
    (wider, stride)
}

#[test]
fn bands_threads_paths_and_heights_give_the_bytes_of_one_step_at_a_time() {
    for (name, pixel_type, channels, actions) in graphs() {
        for height in [1, 2, 3, 7, 33] {
            let input = ImageSpec::new(9, height, channels, pixel_type).unwrap();
            let pixels = frame(input, height as u32);
            let expected = one_by_one(input, &actions, &pixels);
            let (cropped, stride) = within_wider_rows(input, &pixels);
            let mut pipeline = Pipeline::new(build(input, &actions)).unwrap();
            let mut out = vec![0u8; pipeline.output_spec().byte_len()];
            for band in [Some(1), Some(2), Some(5), None] {
                pipeline.set_band_rows(band).unwrap();
                for threads in [1, 2, 3, 7] {
                    pipeline.set_threads(Some(threads));
                    for isa in Isa::available() {
                        let case =
                            format!("height {height}, band {band:?}, {threads} threads, {isa:?}");
                        out.fill(0xa5);
                        pipeline.set_isa(isa).unwrap();
                        pipeline.run(&pixels, &mut out).unwrap();
                        assert!(out == expected, "{name}: {case}");
                        out.fill(0xa5);
                        pipeline.run_strided(&cropped, stride, &mut out).unwrap();
                        assert!(out == expected, "{name}: a crop read in place, {case}");
                    }
                }
            }
        }
    }
}

#[test]
fn a_large_frame_streams_in_many_bands_with_the_same_bytes() {
    for (name, pixel_type, channels, actions) in graphs() {
        let input = ImageSpec::new(130, 301, channels, pixel_type).unwrap();
        let pixels = frame(input, 7);
        let expected = one_by_one(input, &actions, &pixels);
        let mut pipeline = Pipeline::new(build(input, &actions)).unwrap();
        let mut out = vec![0u8; pipeline.output_spec().byte_len()];
        for threads in [1, 2, 4] {
            pipeline.set_threads(Some(threads));
            pipeline.run(&pixels, &mut out).unwrap();
            assert!(out == expected, "{name}: {threads} threads");
        }
    }
}

#[test]
fn band_rows_of_zero_are_refused() {
    let input = ImageSpec::new(4, 4, 1, PixelType::U8).unwrap();
    let mut pipeline = Pipeline::new(build(
        input,
        &[Action::Push(gaussian(1.0, Border::Reflect))],
    ))
    .unwrap();
    assert_eq!(
        pipeline.set_band_rows(Some(0)).unwrap_err().code(),
        "ERR_PIXCHAIN_PARAM"
    );
}

#[test]
fn a_thread_count_beyond_the_frame_holds_no_more_lanes_than_it_uses() {
    let input = ImageSpec::new(64, 40, 1, PixelType::U8).unwrap();
    let actions = [
        Action::Push(gaussian(1.0, Border::Reflect)),
        Action::Push(gaussian(2.0, Border::Reflect)),
    ];
    let pixels = frame(input, 3);
    let run = |threads| {
        let mut pipeline = Pipeline::new(build(input, &actions)).unwrap();
        pipeline.set_threads(Some(threads));
        let mut out = vec![0u8; input.byte_len()];
        pipeline.run(&pixels, &mut out).unwrap();
        (out, pipeline.stats().line_bytes)
    };
    // 40 rows make two bands of at least 16 rows: two lanes at most.
    let (two, two_bytes) = run(2);
    let (many, many_bytes) = run(1_000_000);
    assert_eq!(many, two);
    assert_eq!(many_bytes, two_bytes);
}

#[test]
fn misaligned_frames_are_an_alignment_error_not_a_panic() {
    let input = ImageSpec::new(8, 8, 1, PixelType::U16).unwrap();
    let mut pipeline = Pipeline::new(build(
        input,
        &[Action::Push(gaussian(1.0, Border::Reflect101))],
    ))
    .unwrap();
    let backing = vec![0u16; 65];
    let bytes: &[u8] = bytemuck::cast_slice(&backing);
    let mut out = vec![0u16; 64];
    let error = pipeline
        .run(
            &bytes[1..1 + input.byte_len()],
            bytemuck::cast_slice_mut(&mut out),
        )
        .unwrap_err();
    assert_eq!(error.code(), "ERR_PIXCHAIN_ALIGN");
    let mut out_bytes = vec![0u16; 65];
    let error = pipeline
        .run(
            &bytes[..input.byte_len()],
            &mut bytemuck::cast_slice_mut(&mut out_bytes)[1..1 + input.byte_len()],
        )
        .unwrap_err();
    assert_eq!(error.code(), "ERR_PIXCHAIN_ALIGN");
}

#[test]
fn a_band_taller_than_the_frame_is_the_frame() {
    let input = ImageSpec::new(9, 33, 1, PixelType::U8).unwrap();
    let actions = [
        Action::Push(gaussian(1.0, Border::Reflect101)),
        Action::Push(gaussian(2.0, Border::Reflect101)),
    ];
    let pixels = frame(input, 5);
    let expected = one_by_one(input, &actions, &pixels);
    let mut pipeline = Pipeline::new(build(input, &actions)).unwrap();
    for band in [33, 34, 1 << 30, usize::MAX] {
        pipeline.set_band_rows(Some(band)).unwrap();
        let mut out = vec![0u8; input.byte_len()];
        pipeline.run(&pixels, &mut out).unwrap();
        assert!(out == expected, "band {band}");
    }
}

// 64 bits: on 32, a frame this wide has no spec at all.
#[cfg(target_pointer_width = "64")]
#[test]
fn a_rebuild_that_cannot_have_its_memory_changes_nothing() {
    let input = ImageSpec::new(9, 33, 4, PixelType::F32).unwrap();
    let actions = [
        Action::Push(gaussian(1.0, Border::Reflect101)),
        Action::Push(gaussian(1.0, Border::Reflect101)),
    ];
    let mut pipeline = Pipeline::new(build(input, &actions)).unwrap();
    let before = pipeline.stats();
    // Rows of 2³¹ four-channel f32 pixels: 32 GiB each.
    let wide = ImageSpec::new(1 << 31, 8, 4, PixelType::F32).unwrap();
    assert_eq!(
        pipeline.rebuild(wide).unwrap_err().code(),
        "ERR_PIXCHAIN_MEMORY"
    );
    assert_eq!(pipeline.input_spec(), input);
    assert_eq!(pipeline.stats(), before);
    let pixels = frame(input, 9);
    let mut out = vec![0u8; input.byte_len()];
    pipeline.run(&pixels, &mut out).unwrap();
    assert!(out == one_by_one(input, &actions, &pixels));
}
