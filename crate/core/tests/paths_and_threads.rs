//! Every SIMD path and every thread count give the scalar, one-thread
//! result, bit for bit, for every kernel on every pixel type, on shapes
//! from 1×1 up (with widths that leave vector remainders).

use pixchain::simd::{self, Isa};
use pixchain::{
    AddWeightedParams, BinaryOp, Border, BoxParams, ChannelOrder, ClipParams, ConvertParams,
    ConvolveParams, GammaParams, GaussianParams, GrayscaleParams, ImageSpec, InvertParams, Kernel,
    LinearParams, MedianParams, MultiplyParams, NormalizeParams, Op, PixelType, SobelParams,
    ThresholdKind, ThresholdParams, Workspace,
};

const TYPES: [PixelType; 4] = [
    PixelType::U8,
    PixelType::U16,
    PixelType::I16,
    PixelType::F32,
];
const SHAPES: [(usize, usize); 6] = [(1, 1), (1, 9), (9, 1), (7, 5), (67, 37), (130, 70)];

/// Deterministic samples over the type's whole range (f32 in [-2, 2]).
fn frame(spec: ImageSpec, seed: u32) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state
    };
    let n = spec.samples();
    match spec.pixel_type() {
        PixelType::U8 => (0..n).map(|_| next() as u8).collect(),
        PixelType::U16 => (0..n).flat_map(|_| (next() as u16).to_ne_bytes()).collect(),
        PixelType::I16 => (0..n).flat_map(|_| (next() as i16).to_ne_bytes()).collect(),
        PixelType::F32 => (0..n)
            .flat_map(|_| ((next() as f32 / u32::MAX as f32) * 4.0 - 2.0).to_ne_bytes())
            .collect(),
    }
}

fn unary_ops() -> Vec<Op> {
    let mut ops = vec![
        Op::Clip(ClipParams {
            min: 10.0,
            max: 200.0,
        }),
        Op::Linear(LinearParams { a: 1.25, b: 3.0 }),
        Op::Invert(InvertParams::default()),
        Op::Gamma(GammaParams { gamma: 0.5 }),
        Op::Convert {
            to: None,
            params: ConvertParams {
                scale: 0.5,
                offset: 1.0,
            },
        },
        Op::Convert {
            to: Some(PixelType::F32),
            params: ConvertParams {
                scale: 0.25,
                offset: 0.0,
            },
        },
        Op::Convert {
            to: Some(PixelType::U8),
            params: ConvertParams {
                scale: 0.01,
                offset: 3.0,
            },
        },
        Op::Normalize(NormalizeParams::MinMax {
            min: 0.0,
            max: Some(100.0),
        }),
        Op::Normalize(NormalizeParams::ZScore),
        Op::GaussianBlur(GaussianParams {
            sigma: 2.0,
            ..Default::default()
        }),
        Op::GaussianBlur(GaussianParams {
            sigma: 1.0,
            sigma_y: Some(3.0),
            border: Border::Constant(7.0),
            ..Default::default()
        }),
        Op::BoxBlur(BoxParams {
            ksize: 5,
            ..Default::default()
        }),
        Op::BoxBlur(BoxParams {
            ksize: 4,
            ksize_y: Some(3),
            border: Border::Replicate,
        }),
        Op::Sobel(SobelParams {
            dx: 1,
            dy: 0,
            ksize: 3,
            ..Default::default()
        }),
        Op::Sobel(SobelParams {
            dx: 1,
            dy: 1,
            ksize: 5,
            border: Border::Reflect,
            to: None,
        }),
        Op::Convolve {
            to: None,
            params: ConvolveParams {
                kernel: Kernel::Separable {
                    row: vec![1.0, -2.0, 0.5],
                    column: vec![0.25, 0.5],
                },
                border: Border::Reflect101,
            },
        },
    ];
    for kind in [
        ThresholdKind::Binary,
        ThresholdKind::BinaryInv,
        ThresholdKind::Trunc,
        ThresholdKind::ToZero,
        ThresholdKind::ToZeroInv,
    ] {
        ops.push(Op::Threshold(ThresholdParams {
            thresh: Some(100.0),
            maxval: None,
            kind,
        }));
    }
    for ksize in [3, 5, 7, 9, 15] {
        ops.push(Op::MedianBlur(MedianParams { ksize }));
    }
    ops
}

fn binary_ops() -> Vec<BinaryOp> {
    vec![
        BinaryOp::Add,
        BinaryOp::Subtract,
        BinaryOp::Absdiff,
        BinaryOp::Multiply(MultiplyParams { scale: 0.5 }),
        BinaryOp::AddWeighted(AddWeightedParams {
            alpha: 0.7,
            beta: 0.4,
            gamma: 2.0,
        }),
    ]
}

/// The output of `op` on a frame of `spec`, or None when the op refuses the frame.
fn run(op: &Op, spec: ImageSpec, input: &[u8], threads: usize) -> Option<Vec<u8>> {
    let out_spec = op.output_spec(spec).ok()?;
    let mut output = vec![0u8; out_spec.byte_len()];
    let mut workspace = Workspace::new();
    workspace.set_threads(Some(threads));
    op.run_bytes(spec, input, &mut output, &mut workspace)
        .ok()?;
    Some(output)
}

fn specs() -> impl Iterator<Item = ImageSpec> {
    TYPES.into_iter().flat_map(|t| {
        SHAPES
            .into_iter()
            .flat_map(move |(w, h)| [1, 3, 4].map(|c| ImageSpec::new(w, h, c, t).unwrap()))
    })
}

#[test]
fn every_simd_path_matches_scalar_for_every_kernel() {
    let paths: Vec<Isa> = Isa::available().filter(|&isa| isa != Isa::Scalar).collect();
    let mut compared = 0;
    for spec in specs() {
        let input = frame(spec, spec.byte_len() as u32);
        let other = frame(spec, 99);
        let mut ops: Vec<Op> = unary_ops();
        if spec.channels() == 3 {
            ops.push(Op::Grayscale(GrayscaleParams {
                order: ChannelOrder::Bgr,
            }));
        }
        for op in &ops {
            let scalar = simd::with_isa(Isa::Scalar, || run(op, spec, &input, 1)).unwrap();
            for &isa in &paths {
                let got = simd::with_isa(isa, || run(op, spec, &input, 1)).unwrap();
                assert!(
                    got == scalar,
                    "{} on {spec}: {isa} differs from scalar",
                    op.name()
                );
                compared += 1;
            }
        }
        for op in binary_ops() {
            let mut outputs = Vec::new();
            for isa in Isa::available() {
                let mut output = vec![0u8; spec.byte_len()];
                simd::with_isa(isa, || op.run_bytes(spec, &input, &other, &mut output))
                    .unwrap()
                    .unwrap();
                outputs.push((isa, output));
            }
            let (_, scalar) = outputs.last().unwrap();
            for (isa, output) in &outputs {
                assert!(output == scalar, "{} on {spec}: {isa} differs", op.name());
            }
        }
    }
    assert!(paths.is_empty() || compared > 1000);
}

#[test]
fn any_thread_count_matches_one_thread() {
    let tall = [
        // Large enough to split: strips take at least 16 rows and 2¹⁴ samples.
        ImageSpec::new(160, 240, 1, PixelType::U8).unwrap(),
        ImageSpec::new(129, 150, 3, PixelType::U16).unwrap(),
        ImageSpec::new(201, 200, 1, PixelType::F32).unwrap(),
        ImageSpec::new(90, 121, 4, PixelType::I16).unwrap(),
    ];
    for spec in tall {
        let input = frame(spec, 5);
        for op in unary_ops() {
            let one = run(&op, spec, &input, 1);
            for threads in [2, 3, 7, 64] {
                let many = run(&op, spec, &input, threads);
                assert!(
                    many == one,
                    "{} on {spec} with {threads} threads",
                    op.name()
                );
            }
        }
    }
}
