//! Properties on random frames and random chains: every SIMD path equals
//! the scalar one, any thread count equals one thread, and a pipeline
//! (fused and planned) equals its steps run one by one.

use pixchain::simd::{self, Isa};
use pixchain::{
    Border, BoxParams, ClipParams, ConvertParams, GaussianParams, ImageSpec, LinearParams,
    MedianParams, Op, Pipeline, PipelineBuilder, PixelType, Step, ThresholdKind, ThresholdParams,
    Workspace,
};
use proptest::prelude::*;

fn pixel_type() -> impl Strategy<Value = PixelType> {
    prop_oneof![
        Just(PixelType::U8),
        Just(PixelType::U16),
        Just(PixelType::I16),
        Just(PixelType::F32)
    ]
}

/// A spec up to `max_side` on each side, 1–4 channels.
fn spec(max_side: usize) -> impl Strategy<Value = ImageSpec> {
    (1..=max_side, 1..=max_side, 1usize..=4, pixel_type())
        .prop_map(|(w, h, c, t)| ImageSpec::new(w, h, c, t).unwrap())
}

fn border() -> impl Strategy<Value = Border> {
    prop_oneof![
        Just(Border::Reflect101),
        Just(Border::Reflect),
        Just(Border::Replicate),
        (-10.0f64..300.0).prop_map(Border::Constant)
    ]
}

/// A kernel that keeps the frame's shape and type.
fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0.3f64..3.0, border()).prop_map(|(sigma, border)| Op::GaussianBlur(GaussianParams {
            sigma,
            border,
            ..Default::default()
        })),
        (1u32..=7, border()).prop_map(|(ksize, border)| Op::BoxBlur(BoxParams {
            ksize,
            ksize_y: None,
            border
        })),
        prop_oneof![Just(3u32), Just(5), Just(7), Just(9)]
            .prop_map(|ksize| Op::MedianBlur(MedianParams { ksize })),
        (-100.0f64..200.0, 0.0f64..100.0).prop_map(|(min, span)| Op::Clip(ClipParams {
            min: min.into(),
            max: (min + span).into()
        })),
        (-2.0f64..2.0, -50.0f64..50.0).prop_map(|(a, b)| Op::Linear(LinearParams {
            a: a.into(),
            b: b.into()
        })),
        (-10.0f64..300.0).prop_map(|thresh| Op::Threshold(ThresholdParams {
            thresh: Some(thresh.into()),
            maxval: None,
            kind: ThresholdKind::Trunc
        })),
        (0.1f64..2.0).prop_map(|scale| Op::Convert {
            to: None,
            params: ConvertParams { scale, offset: 1.0 }
        }),
    ]
}

/// Deterministic samples of any value (f32 from −2 to 2).
fn frame(spec: ImageSpec, seed: u64) -> Vec<u8> {
    let mut state = seed | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    match spec.pixel_type() {
        PixelType::F32 => (0..spec.samples())
            .flat_map(|_| ((next() % 4001) as f32 / 1000.0 - 2.0).to_ne_bytes())
            .collect(),
        _ => (0..spec.byte_len()).map(|_| next() as u8).collect(),
    }
}

fn run(op: &Op, spec: ImageSpec, input: &[u8], threads: usize) -> Vec<u8> {
    run_on(simd::preferred(), op, spec, input, threads)
}

/// [`run`] on the SIMD path `isa`, through the workspace's own choice of path.
fn run_on(isa: Isa, op: &Op, spec: ImageSpec, input: &[u8], threads: usize) -> Vec<u8> {
    let mut output = vec![0u8; op.output_spec(spec).unwrap().byte_len()];
    let mut workspace = Workspace::with_isa(isa).unwrap();
    workspace.set_threads(Some(threads));
    op.run_bytes(spec, input, &mut output, &mut workspace)
        .unwrap();
    output
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn every_simd_path_equals_scalar(spec in spec(40), op in op(), seed in any::<u64>()) {
        let input = frame(spec, seed);
        let scalar = run_on(Isa::Scalar, &op, spec, &input, 1);
        for isa in Isa::available() {
            let got = run_on(isa, &op, spec, &input, 1);
            prop_assert!(got == scalar, "{} on {}: {} differs", op.name(), spec, isa);
        }
    }

    #[test]
    fn any_thread_count_equals_one(
        (w, h, c, t) in (64usize..200, 16usize..260, 1usize..=3, pixel_type()),
        op in op(),
        threads in 2usize..6,
        seed in any::<u64>(),
    ) {
        let spec = ImageSpec::new(w, h, c, t).unwrap();
        let input = frame(spec, seed);
        prop_assert!(run(&op, spec, &input, threads) == run(&op, spec, &input, 1));
    }

    #[test]
    fn a_pipeline_equals_its_steps_one_by_one(
        spec in spec(48),
        ops in proptest::collection::vec(op(), 1..5),
        seed in any::<u64>(),
    ) {
        let input = frame(spec, seed);
        let mut builder = PipelineBuilder::new(spec);
        for op in &ops {
            builder.push(Step::Unary(op.clone())).unwrap();
        }
        let mut pipeline = Pipeline::new(builder).unwrap();
        let mut planned = vec![0u8; spec.byte_len()];
        pipeline.run(&input, &mut planned).unwrap();
        let stepped = ops.iter().fold(input, |frame, op| run(op, spec, &frame, 1));
        prop_assert!(planned == stepped, "{:?} on {}", ops.iter().map(Op::name).collect::<Vec<_>>(), spec);
    }
}
