//! Per-channel `linear`, `clip` and `threshold`: each channel gives exactly
//! what the same kernel with that channel's scalar gives on the channel
//! alone, on every SIMD path, thread count, and streamed in a pipeline.

mod common;

use common::frame;
use pixchain::simd::Isa;
use pixchain::{
    ClipParams, ExtractChannelParams, ImageSpec, LinearParams, Op, PerChannel, Pipeline,
    PipelineBuilder, PixelType, Step, ThresholdKind, ThresholdParams, Workspace,
};

/// `op` with each channel's scalar, run on that channel alone, merged back.
fn channel_by_channel(op_for: impl Fn(usize) -> Op, spec: ImageSpec, pixels: &[u8]) -> Vec<u8> {
    let mut workspace = Workspace::new();
    let plane = spec.with_channels(1).unwrap();
    let size = spec.pixel_type().size();
    let mut out = vec![0u8; spec.byte_len()];
    for c in 0..spec.channels() {
        let pick = Op::ExtractChannel(ExtractChannelParams { channel: c as u32 });
        let mut alone = vec![0u8; plane.byte_len()];
        pick.run_bytes(spec, pixels, &mut alone, &mut workspace)
            .unwrap();
        let mut done = vec![0u8; plane.byte_len()];
        op_for(c)
            .run_bytes(plane, &alone, &mut done, &mut workspace)
            .unwrap();
        for (p, sample) in done.chunks_exact(size).enumerate() {
            let at = (p * spec.channels() + c) * size;
            out[at..at + size].copy_from_slice(sample);
        }
    }
    out
}

fn each(values: &[f64]) -> PerChannel {
    PerChannel::each("test", values).unwrap()
}

/// The scalar op of channel `c`.
type Alone = Box<dyn Fn(usize) -> Op>;

/// Per-channel ops and the scalar op of each channel.
fn cases(channels: usize) -> Vec<(Op, Alone)> {
    let a = [1.7, -0.6, 0.25, 3.0];
    let b = [-20.5, 300.0, 0.5, 7.0];
    let lo = [10.0, -5.0, 0.1, 2000.0];
    let hi = [200.0, 60000.0, 0.9, 2000.0];
    let thresh = [100.0, -0.5, 0.3, 30000.5];
    let maxval = [255.0, 1234.0, 0.75, 65535.0];
    let n = channels;
    let mut cases: Vec<(Op, Alone)> = vec![
        (
            Op::Linear(LinearParams {
                a: each(&a[..n]),
                b: each(&b[..n]),
            }),
            Box::new(move |c| {
                Op::Linear(LinearParams {
                    a: a[c].into(),
                    b: b[c].into(),
                })
            }),
        ),
        (
            Op::Linear(LinearParams {
                a: 2.0.into(),
                b: each(&b[..n]),
            }),
            Box::new(move |c| {
                Op::Linear(LinearParams {
                    a: 2.0.into(),
                    b: b[c].into(),
                })
            }),
        ),
        (
            Op::Clip(ClipParams {
                min: each(&lo[..n]),
                max: each(&hi[..n]),
            }),
            Box::new(move |c| {
                Op::Clip(ClipParams {
                    min: lo[c].into(),
                    max: hi[c].into(),
                })
            }),
        ),
    ];
    for kind in ThresholdKind::ALL {
        cases.push((
            Op::Threshold(ThresholdParams {
                thresh: Some(each(&thresh[..n])),
                maxval: Some(each(&maxval[..n])),
                kind,
            }),
            Box::new(move |c| {
                Op::Threshold(ThresholdParams {
                    thresh: Some(thresh[c].into()),
                    maxval: Some(maxval[c].into()),
                    kind,
                })
            }),
        ));
    }
    cases
}

#[test]
fn each_channel_gives_what_it_gives_alone_on_every_path_and_thread_count() {
    for pixel_type in PixelType::ALL {
        for channels in 2..=4 {
            let spec = ImageSpec::new(37, 5, channels, pixel_type).unwrap();
            let pixels = frame(spec, channels as u32);
            for (op, alone) in cases(channels) {
                let expected = channel_by_channel(&alone, spec, &pixels);
                let mut workspace = Workspace::new();
                let mut out = vec![0u8; spec.byte_len()];
                for isa in Isa::available() {
                    for threads in [1, 3] {
                        workspace.set_isa(isa).unwrap();
                        workspace.set_threads(Some(threads));
                        out.fill(0xa5);
                        op.run_bytes(spec, &pixels, &mut out, &mut workspace)
                            .unwrap();
                        assert!(
                            out == expected,
                            "{op:?} on {spec}, {isa:?}, {threads} threads"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn a_streamed_chain_of_per_channel_steps_equals_the_steps_one_by_one() {
    // u8 point steps alone would go through a lookup table: per channel they must not.
    let spec = ImageSpec::new(29, 17, 3, PixelType::U8).unwrap();
    let pixels = frame(spec, 9);
    let steps = [
        Op::Clip(ClipParams {
            min: each(&[10.0, 0.0, 50.0]),
            max: 240.0.into(),
        }),
        Op::Linear(LinearParams {
            a: each(&[1.5, 0.5, -1.0]),
            b: each(&[-10.0, 3.0, 255.0]),
        }),
        Op::Threshold(ThresholdParams {
            thresh: Some(each(&[100.0, 60.0, 128.0])),
            maxval: None,
            kind: ThresholdKind::ToZero,
        }),
    ];
    let mut workspace = Workspace::new();
    let mut expected = pixels.clone();
    for op in &steps {
        let mut next = vec![0u8; spec.byte_len()];
        op.run_bytes(spec, &expected, &mut next, &mut workspace)
            .unwrap();
        expected = next;
    }
    let mut builder = PipelineBuilder::new(spec);
    for op in &steps {
        builder.push(Step::Unary(op.clone())).unwrap();
    }
    let mut pipeline = Pipeline::new(builder).unwrap();
    let mut out = vec![0u8; spec.byte_len()];
    for threads in [1, 2] {
        pipeline.set_threads(Some(threads));
        pipeline.run(&pixels, &mut out).unwrap();
        assert!(out == expected, "{threads} threads");
    }
}

#[test]
fn a_value_per_channel_for_another_channel_count_is_refused_when_added() {
    let spec = ImageSpec::new(4, 4, 3, PixelType::U16).unwrap();
    let op = Op::Linear(LinearParams {
        a: each(&[1.0, 2.0]),
        b: 0.0.into(),
    });
    assert_eq!(op.validate(spec).unwrap_err().code(), "ERR_PIXCHAIN_PARAM");
    let mut builder = PipelineBuilder::new(spec);
    assert_eq!(
        builder.push(Step::Unary(op)).unwrap_err().code(),
        "ERR_PIXCHAIN_PARAM"
    );
    let clip = Op::Clip(ClipParams {
        min: each(&[5.0, 1.0, 0.0]),
        max: each(&[4.0, 9.0, 9.0]),
    });
    assert_eq!(
        clip.validate(spec).unwrap_err().code(),
        "ERR_PIXCHAIN_PARAM"
    );
}
