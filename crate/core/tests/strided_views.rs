//! A region of a larger frame, read in place through a row stride, gives
//! every kernel the bytes the same region copied out gives it, on every
//! thread count.

mod common;

use common::frame;
use pixchain::{
    Border, BoxParams, ChannelOrder, ClipParams, ConvertParams, ConvolveParams, CropParams,
    FlipDirection, FlipParams, GammaParams, GaussianParams, GrayscaleParams, ImageSpec,
    InvertParams, Kernel, LinearParams, MedianParams, NormalizeParams, Op, PadParams, PixelType,
    RotateParams, SobelParams, ThresholdKind, ThresholdParams, Workspace,
};
use pixchain::{
    ExtractChannelParams, Interpolation, LaplacianParams, MorphOp, MorphParams, MorphologyParams,
    PercentileClipParams, ReorderChannelsParams, ResizeParams, ScharrParams,
};
use pixchain::{TensorLayout, ToTensorParams};

fn ops(channels: usize) -> Vec<Op> {
    let mut ops = vec![
        Op::Clip(ClipParams {
            min: 10.0.into(),
            max: 200.0.into(),
        }),
        Op::Linear(LinearParams {
            a: 1.25.into(),
            b: 3.0.into(),
        }),
        Op::Threshold(ThresholdParams {
            thresh: Some(100.0.into()),
            maxval: None,
            kind: ThresholdKind::Trunc,
        }),
        Op::Invert(InvertParams::default()),
        Op::Gamma(GammaParams { gamma: 0.5 }),
        Op::Convert {
            to: Some(PixelType::F32),
            params: ConvertParams {
                scale: 0.25,
                offset: 1.0,
            },
        },
        Op::Normalize(NormalizeParams::MinMax {
            min: 0.0,
            max: Some(100.0),
        }),
        Op::Normalize(NormalizeParams::ZScore),
        Op::GaussianBlur(GaussianParams {
            sigma: 1.5,
            ..Default::default()
        }),
        Op::BoxBlur(BoxParams {
            ksize: 4,
            ksize_y: Some(3),
            border: Border::Constant(7.0),
        }),
        Op::Sobel(SobelParams::default()),
        Op::Convolve {
            to: None,
            params: ConvolveParams {
                kernel: Kernel::Full {
                    width: 3,
                    height: 2,
                    taps: vec![0.5, -1.0, 0.25, 1.0, 0.0, 2.0],
                },
                border: Border::Reflect,
            },
        },
        Op::Rotate(RotateParams { angle: 90 }),
        Op::Transpose,
        Op::Pad(PadParams {
            top: 2,
            bottom: 1,
            left: 3,
            right: 4,
            border: Border::Reflect101,
        }),
        Op::Crop(CropParams {
            x: 1,
            y: 2,
            width: Some(5),
            height: None,
        }),
    ];
    ops.extend([
        Op::Erode(MorphParams::default()),
        Op::Morphology(MorphologyParams::new(MorphOp::Gradient)),
        Op::Laplacian(LaplacianParams::default()),
        Op::Scharr(ScharrParams::default()),
        Op::ExtractChannel(ExtractChannelParams { channel: 0 }),
        Op::ReorderChannels(ReorderChannelsParams {
            order: vec![0, 0, 0],
        }),
        Op::ConvertScaleAbs(ConvertParams {
            scale: -2.0,
            offset: 1.0,
        }),
        Op::ClipPercentiles(PercentileClipParams {
            low: 5.0,
            high: 95.0,
        }),
        Op::Normalize(NormalizeParams::ZScorePerChannel),
    ]);
    ops.extend(TensorLayout::ALL.map(|layout| {
        Op::ToTensor(ToTensorParams {
            scale: 0.5,
            mean: 3.0.into(),
            std: 0.25.into(),
            layout,
            swap_rb: channels == 3,
        })
    }));
    ops.extend(Interpolation::ALL.map(|interpolation| {
        Op::Resize(ResizeParams {
            width: 7,
            height: 17,
            interpolation,
        })
    }));
    ops.extend([3, 5, 7].map(|ksize| Op::MedianBlur(MedianParams { ksize })));
    ops.extend(FlipDirection::ALL.map(|direction| Op::Flip(FlipParams { direction })));
    if channels == 3 {
        ops.push(Op::Grayscale(GrayscaleParams {
            order: ChannelOrder::Bgr,
        }));
    }
    ops
}

fn run(op: &Op, spec: ImageSpec, stride: usize, input: &[u8], threads: usize) -> Vec<u8> {
    let mut output = vec![0u8; op.output_spec(spec).unwrap().byte_len()];
    let mut workspace = Workspace::new();
    workspace.set_threads(Some(threads));
    op.run_bytes_strided(spec, stride, input, &mut output, &mut workspace)
        .unwrap_or_else(|error| panic!("{} on {spec}: {error}", op.name()));
    output
}

#[test]
fn every_kernel_reads_a_strided_region_as_its_copy() {
    for pixel_type in [
        PixelType::U8,
        PixelType::U16,
        PixelType::I16,
        PixelType::F32,
    ] {
        for channels in [1, 3] {
            let whole = ImageSpec::new(29, 23, channels, pixel_type).unwrap();
            let pixels = frame(whole, 17);
            let size = pixel_type.size();
            // The region at (3, 4), 13 × 11: rows `stride` samples apart.
            let region = ImageSpec::new(13, 11, channels, pixel_type).unwrap();
            let stride = whole.row_len();
            let start = (4 * whole.width() + 3) * channels * size;
            let span = ((region.height() - 1) * stride + region.row_len()) * size;
            let view = &pixels[start..start + span];
            let copied: Vec<u8> = (0..region.height())
                .flat_map(|y| {
                    let at = y * stride * size;
                    view[at..at + region.row_len() * size].iter().copied()
                })
                .collect();
            for op in ops(channels) {
                for threads in [1, 3] {
                    let expected = run(&op, region, region.row_len(), &copied, threads);
                    let got = run(&op, region, stride, view, threads);
                    assert!(
                        got == expected,
                        "{} on {region}, {threads} threads",
                        op.name()
                    );
                }
            }
        }
    }
}

#[test]
fn a_stride_shorter_than_a_row_or_a_span_of_another_length_is_refused() {
    let spec = ImageSpec::new(4, 3, 2, PixelType::U16).unwrap();
    let op = Op::Invert(InvertParams::default());
    let mut output = vec![0u8; spec.byte_len()];
    let mut workspace = Workspace::new();
    let input = vec![0u8; 2 * (2 * 10 + 8)];
    let short = op
        .run_bytes_strided(spec, 7, &input, &mut output, &mut workspace)
        .unwrap_err();
    assert_eq!(
        short.to_string(),
        "stride: expected at least width × channels (8) samples, got 7"
    );
    let long = op
        .run_bytes_strided(spec, 10, &input[..54], &mut output, &mut workspace)
        .unwrap_err();
    assert_eq!(long.code(), "ERR_PIXCHAIN_LENGTH");
    assert_eq!(
        long.to_string(),
        "input: expected 56 bytes for 4×3×2 u16 with rows 10 samples apart \
         ((height − 1)·stride + width·channels samples), got 54"
    );
    assert!(output.iter().all(|&b| b == 0));
    op.run_bytes_strided(spec, 10, &input, &mut output, &mut workspace)
        .unwrap();
}
