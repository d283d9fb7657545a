//! Every SIMD path and every thread count give the scalar, one-thread
//! result, bit for bit, for every kernel on every pixel type, on shapes
//! from 1×1 up (with widths that leave vector remainders).

mod common;

use common::frame;
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

fn unary_ops() -> Vec<Op> {
    let mut ops = vec![
        Op::Clip(ClipParams {
            min: 10.0.into(),
            max: 200.0.into(),
        }),
        Op::Linear(LinearParams {
            a: 1.25.into(),
            b: 3.0.into(),
        }),
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
            thresh: Some(100.0.into()),
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

/// The output of `op` on a frame of `spec`, or the refusal's message.
fn run(op: &Op, spec: ImageSpec, input: &[u8], threads: usize) -> Result<Vec<u8>, String> {
    run_on(simd::preferred(), op, spec, input, threads)
}

/// [`run`] on the SIMD path `isa`, through the workspace's own choice of path.
fn run_on(
    isa: Isa,
    op: &Op,
    spec: ImageSpec,
    input: &[u8],
    threads: usize,
) -> Result<Vec<u8>, String> {
    let out_spec = op.output_spec(spec).map_err(|e| e.to_string())?;
    let mut output = vec![0u8; out_spec.byte_len()];
    let mut workspace = Workspace::with_isa(isa).map_err(|e| e.to_string())?;
    workspace.set_threads(Some(threads));
    op.run_bytes(spec, input, &mut output, &mut workspace)
        .map_err(|e| e.to_string())?;
    Ok(output)
}

/// FNV-1a, 64 bits: a digest of outputs, to compare a target's scalar
/// results with those recorded here.
fn fnv1a(hash: &mut u64, bytes: &[u8]) {
    for &b in bytes {
        *hash ^= b as u64;
        *hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
}

fn specs() -> impl Iterator<Item = ImageSpec> {
    TYPES.into_iter().flat_map(|t| {
        SHAPES
            .into_iter()
            .flat_map(move |(w, h)| [1, 3, 4].map(|c| ImageSpec::new(w, h, c, t).unwrap()))
    })
}

/// The scalar path's outputs of every unary op over every spec, as one
/// digest per op (in `unary_ops()` order, then grayscale), recorded on
/// x86-64. A target with only the scalar path still compares its results
/// with these. Print new ones with `PIXCHAIN_PRINT_DIGESTS=1` when a
/// kernel's output changes on purpose.
const SCALAR_DIGESTS: [u64; 32] = [
    0x4568762db9fc8d31,
    0x07f00519fef824ce,
    0xd451da9d754999b1,
    0xc4f71050b36eca15,
    0xc7cc07a0b0552a3b,
    0x93c5791f396e3330,
    0xd816eeb9005585fa,
    0xb669cfc5a2ddd69c,
    0xcf3cc04d642144fa,
    0xbf3a5a508b15d7b8,
    0x77219b7e5c1a7463,
    0x014fbce9ea88b702,
    0x77e6de4336b8bea1,
    0x7f82c68ad8c0558a,
    0x6afcdf5fbae21609,
    0x80ad45db10c636b2,
    0x29ab0f7979426f60,
    0x0794ca4053822908,
    0xacdd3c90a0d0b7e0,
    0xb05c551a78642204,
    0xf1ecfe916f18923c,
    0xb48fad88ab87589b,
    0xefab819e37ba40bd,
    0x7955c1012bae237c,
    0xe6db1e35f7de5725,
    0x0424b02021aade1b,
    0xda1af21548b88fb4,
    0xfc8cdef234e60673,
    0xa9057afe761c8aa5,
    0x2dc94e135d080bf7,
    0xf512a5e0287d1d3e,
    0xf1a600e0ffb6bccd,
];

#[test]
fn every_simd_path_matches_scalar_for_every_kernel() {
    let paths: Vec<Isa> = Isa::available().filter(|&isa| isa != Isa::Scalar).collect();
    let mut digests = [0xcbf2_9ce4_8422_2325u64; 32];
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
        for (index, op) in ops.iter().enumerate() {
            let scalar = run_on(Isa::Scalar, op, spec, &input, 1);
            // No op here refuses a frame: a refusal is a failure, never an
            // agreement between two paths.
            let scalar = scalar.unwrap_or_else(|e| panic!("{} on {spec} refused: {e}", op.name()));
            fnv1a(&mut digests[index], &scalar);
            for &isa in &paths {
                let got = run_on(isa, op, spec, &input, 1);
                let got =
                    got.unwrap_or_else(|e| panic!("{} on {spec} refused on {isa}: {e}", op.name()));
                assert!(
                    got == scalar,
                    "{} on {spec}: {isa} differs from scalar",
                    op.name()
                );
                compared += 1;
            }
        }
        for (index, op) in binary_ops().into_iter().enumerate() {
            let mut outputs = Vec::new();
            for isa in Isa::available() {
                let mut output = vec![0u8; spec.byte_len()];
                op.run_bytes(spec, &input, &other, &mut output, isa)
                    .unwrap();
                outputs.push((isa, output));
            }
            let (_, scalar) = outputs.iter().find(|(isa, _)| *isa == Isa::Scalar).unwrap();
            fnv1a(&mut digests[27 + index], scalar);
            for (isa, output) in &outputs {
                assert!(output == scalar, "{} on {spec}: {isa} differs", op.name());
            }
            compared += outputs.len() - 1;
        }
    }
    assert_eq!(
        compared,
        paths.len() * (specs().count() * (unary_ops().len() + binary_ops().len()) + 24)
    );
    if std::env::var_os("PIXCHAIN_PRINT_DIGESTS").is_some() {
        println!("{digests:#018x?}");
    }
    let names: Vec<String> = unary_ops()
        .iter()
        .map(|op| op.name().to_string())
        .chain(["grayscale".to_string()])
        .chain(binary_ops().iter().map(|op| op.name().to_string()))
        .collect();
    for (i, (got, want)) in digests.iter().zip(SCALAR_DIGESTS).enumerate() {
        assert_eq!(
            *got, want,
            "op {i} ({}): the scalar outputs changed",
            names[i]
        );
    }
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
        let mut ops = unary_ops();
        if spec.channels() == 3 {
            ops.push(Op::Grayscale(GrayscaleParams::default()));
        }
        for op in ops {
            let one = run(&op, spec, &input, 1)
                .unwrap_or_else(|e| panic!("{} on {spec} refused: {e}", op.name()));
            for threads in [2, 3, 7, 64] {
                let many = run(&op, spec, &input, threads).unwrap();
                assert!(
                    many == one,
                    "{} on {spec} with {threads} threads",
                    op.name()
                );
            }
        }
    }
}

#[test]
fn frames_larger_than_the_caches_match_the_same_rows_in_smaller_frames() {
    // Outputs of 2 MiB and more are written with non-temporal stores; a
    // quarter of the frame is below that and written plainly. (Bands of two
    // threads are below it too: threads are the other test's.)
    let large = [
        ImageSpec::new(1536, 1400, 1, PixelType::U8).unwrap(),
        ImageSpec::new(1536, 1400, 3, PixelType::U8).unwrap(),
        ImageSpec::new(1100, 1000, 1, PixelType::U16).unwrap(),
        ImageSpec::new(760, 700, 1, PixelType::F32).unwrap(),
    ];
    let point = ["clip", "linear", "convert", "threshold"];
    for spec in large {
        let input = frame(spec, 11);
        let mut ops: Vec<Op> = unary_ops()
            .into_iter()
            .filter(|op| point.contains(&op.name()))
            .collect();
        if spec.channels() == 3 {
            ops = vec![Op::Grayscale(GrayscaleParams::default())];
        }
        let quarter = ImageSpec::new(
            spec.width(),
            spec.height() / 4,
            spec.channels(),
            spec.pixel_type(),
        )
        .unwrap();
        for op in ops {
            for isa in Isa::available() {
                let whole = run_on(isa, &op, spec, &input, 1).unwrap();
                let parts: Vec<u8> = input
                    .chunks(quarter.byte_len())
                    .flat_map(|part| run_on(isa, &op, quarter, part, 1).unwrap())
                    .collect();
                assert!(whole == parts, "{} on {spec}, {isa}", op.name());
            }
        }
    }
}
