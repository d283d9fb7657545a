//! The memory contract of pipelines: line buffers for streamed steps,
//! frames only around whole-frame steps, results equal to stepping the same
//! kernels, and zero allocations on re-runs, counted by a global allocator.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use pixchain::{
    AddWeightedParams, AnyImageBuffers, BinaryOp, ClipParams, ConvertParams, GaussianParams,
    ImageSpec, LinearParams, MedianParams, Op, Pipeline, PipelineBuilder, PixelType, Step,
    ThresholdParams,
};

/// Counts allocations per thread, so tests running in parallel do not see each other's.
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn count() {
    // `try_with`: the thread's counter may already be gone while it exits.
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
}

fn allocations() -> usize {
    ALLOCATIONS.with(Cell::get)
}

// SAFETY: forwards to the system allocator, only counting calls.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn spec(pixel_type: PixelType) -> ImageSpec {
    ImageSpec::new(48, 32, 3, pixel_type).unwrap()
}

fn frame(spec: ImageSpec) -> Vec<u8> {
    (0..spec.byte_len())
        .map(|i| (i * 7919 % 251) as u8)
        .collect()
}

fn gaussian(sigma: f64) -> Step {
    Step::Unary(Op::GaussianBlur(GaussianParams {
        sigma,
        ..Default::default()
    }))
}

fn convert(to: PixelType, scale: f64) -> Step {
    Step::Unary(Op::Convert {
        to: Some(to),
        params: ConvertParams { scale, offset: 0.0 },
    })
}

fn chain(input: ImageSpec, steps: Vec<Step>) -> PipelineBuilder {
    let mut builder = PipelineBuilder::new(input);
    for step in steps {
        builder.push(step).unwrap();
    }
    builder
}

/// `|blur(σ=2) − blur(σ=1)|` of the input: a graph with two blurs alive at once.
fn difference_of_gaussians(input: ImageSpec) -> PipelineBuilder {
    let mut dog = chain(input, vec![gaussian(1.0)]);
    dog.save("g1").unwrap();
    dog.from("input").unwrap();
    dog.push(gaussian(2.0)).unwrap();
    dog.push(Step::Binary {
        op: BinaryOp::Absdiff,
        other: "g1".into(),
    })
    .unwrap();
    dog
}

/// A 12-step u16 → f32 → u8 chain.
fn long_chain() -> Vec<Step> {
    vec![
        gaussian(1.0),
        Step::Unary(Op::Clip(ClipParams {
            min: 1000.0.into(),
            max: 60000.0.into(),
        })),
        Step::Unary(Op::Linear(LinearParams {
            a: 1.1.into(),
            b: (-500.0).into(),
        })),
        Step::Unary(Op::MedianBlur(MedianParams { ksize: 3 })),
        convert(PixelType::F32, 1.0 / 65535.0),
        gaussian(0.8),
        Step::Unary(Op::Linear(LinearParams {
            a: 2.0.into(),
            b: (-0.5).into(),
        })),
        Step::Unary(Op::Clip(ClipParams {
            min: 0.0.into(),
            max: 1.0.into(),
        })),
        convert(PixelType::U8, 255.0),
        Step::Unary(Op::MedianBlur(MedianParams { ksize: 5 })),
        Step::Unary(Op::Threshold(ThresholdParams {
            thresh: Some(100.0.into()),
            ..Default::default()
        })),
        gaussian(1.5),
    ]
}

/// The same steps through ImageBuffers, one kernel at a time.
fn stepwise(input: ImageSpec, pixels: &[u8], steps: &[Step]) -> Vec<u8> {
    let mut buffers = AnyImageBuffers::new(input, PixelType::F32).unwrap();
    buffers.load(pixels).unwrap();
    for step in steps {
        let Step::Unary(op) = step else {
            panic!("linear chains only")
        };
        buffers.apply(op).unwrap();
    }
    let mut out = vec![0; buffers.spec().byte_len()];
    buffers.read(&mut out).unwrap();
    out
}

fn normalize() -> Step {
    Step::Unary(Op::Normalize(Default::default()))
}

fn run(pipeline: &mut Pipeline, pixels: &[u8]) -> Vec<u8> {
    let mut out = vec![0; pipeline.output_spec().byte_len()];
    pipeline.run(pixels, &mut out).unwrap();
    out
}

#[test]
fn chain_of_twelve_steps_streams_in_line_buffers() {
    let input = spec(PixelType::U16);
    let mut pipeline = Pipeline::new(chain(input, long_chain())).unwrap();
    let stats = pipeline.stats();
    assert_eq!(
        (stats.work_buffers, stats.frame_bytes, stats.passes),
        (0, 0, 1)
    );
    let pixels = frame(input);
    assert_eq!(
        run(&mut pipeline, &pixels),
        stepwise(input, &pixels, &long_chain())
    );

    // On a 4K frame, on two threads: a few MiB of rows, not frames.
    let uhd = ImageSpec::new(3840, 2160, 1, PixelType::U16).unwrap();
    let mut pipeline = Pipeline::new(chain(uhd, long_chain())).unwrap();
    pipeline.set_threads(Some(2));
    run(&mut pipeline, &frame(uhd));
    let stats = pipeline.stats();
    assert_eq!(stats.work_bytes, stats.line_bytes);
    assert!(
        stats.work_bytes <= 4 << 20,
        "{} bytes of line buffers",
        stats.work_bytes
    );
}

#[test]
fn point_operations_fuse_into_the_stage_before_them() {
    let input = spec(PixelType::U16);
    // clip, linear, convert, linear, clip, convert, threshold: one pass, no work buffer.
    let steps = vec![
        Step::Unary(Op::Clip(ClipParams {
            min: 1000.0.into(),
            max: 60000.0.into(),
        })),
        Step::Unary(Op::Linear(LinearParams {
            a: 1.1.into(),
            b: (-500.0).into(),
        })),
        convert(PixelType::F32, 1.0 / 65535.0),
        Step::Unary(Op::Linear(LinearParams {
            a: 2.0.into(),
            b: (-0.5).into(),
        })),
        Step::Unary(Op::Clip(ClipParams {
            min: 0.0.into(),
            max: 1.0.into(),
        })),
        convert(PixelType::U8, 255.0),
        Step::Unary(Op::Threshold(ThresholdParams {
            thresh: Some(100.0.into()),
            ..Default::default()
        })),
    ];
    let big = ImageSpec::new(301, 170, 3, PixelType::U16).unwrap();
    for spec in [input, big] {
        let mut pipeline = Pipeline::new(chain(spec, steps.clone())).unwrap();
        assert_eq!(pipeline.stats().passes, 1);
        assert_eq!(pipeline.stats().work_buffers, 0);
        let pixels = frame(spec);
        assert_eq!(run(&mut pipeline, &pixels), stepwise(spec, &pixels, &steps));
    }

    // Blurs between point operations stream in the same pass.
    let mixed = vec![
        steps[0].clone(),
        steps[1].clone(),
        gaussian(1.0),
        steps[1].clone(),
        steps[0].clone(),
    ];
    let mut pipeline = Pipeline::new(chain(input, mixed.clone())).unwrap();
    assert_eq!(pipeline.stats().passes, 1);
    assert_eq!(pipeline.stats().work_buffers, 0);
    let pixels = frame(input);
    assert_eq!(
        run(&mut pipeline, &pixels),
        stepwise(input, &pixels, &mixed)
    );
}

#[test]
fn whole_frame_steps_hold_the_frames_around_them() {
    let input = spec(PixelType::U16);
    // blur → normalize → median: the blurred frame is read whole, and the
    // normalized one is written while it is.
    let steps = vec![
        gaussian(1.0),
        normalize(),
        Step::Unary(Op::MedianBlur(MedianParams { ksize: 3 })),
    ];
    let mut pipeline = Pipeline::new(chain(input, steps.clone())).unwrap();
    let stats = pipeline.stats();
    assert_eq!((stats.passes, stats.work_buffers), (3, 2));
    assert_eq!(stats.frame_bytes, 2 * input.byte_len().next_multiple_of(64));
    let pixels = frame(input);
    assert_eq!(
        run(&mut pipeline, &pixels),
        stepwise(input, &pixels, &steps)
    );
}

#[test]
fn one_step_and_chains_of_row_local_steps_hold_no_frame() {
    let input = spec(PixelType::U8);
    for steps in [
        vec![gaussian(1.0)],
        vec![gaussian(1.0), gaussian(2.0)],
        long_chain(),
    ] {
        let stats = Pipeline::new(chain(input, steps)).unwrap().stats();
        assert_eq!((stats.work_buffers, stats.passes), (0, 1));
    }
}

#[test]
fn graphs_stream_when_their_operands_are_rows_of_the_same_place() {
    let input = spec(PixelType::U8);
    // Unsharp mask: blur, then weigh against the input.
    let mut unsharp = chain(input, vec![gaussian(3.0)]);
    let weights = AddWeightedParams {
        alpha: -0.5,
        beta: 1.5,
        gamma: 0.0,
    };
    unsharp
        .push(Step::Binary {
            op: BinaryOp::AddWeighted(weights),
            other: "input".into(),
        })
        .unwrap();
    let stats = Pipeline::new(unsharp).unwrap().stats();
    assert_eq!((stats.work_buffers, stats.passes), (0, 1));

    // Difference of Gaussians: two blurs streamed side by side.
    let mut pipeline = Pipeline::new(difference_of_gaussians(input)).unwrap();
    let stats = pipeline.stats();
    assert_eq!((stats.work_buffers, stats.passes), (0, 1));

    let pixels = frame(input);
    let out = run(&mut pipeline, &pixels);
    let g1 = stepwise(input, &pixels, &[gaussian(1.0)]);
    let g2 = stepwise(input, &pixels, &[gaussian(2.0)]);
    let expected: Vec<u8> = g2.iter().zip(&g1).map(|(a, b)| a.abs_diff(*b)).collect();
    assert_eq!(out, expected);
}

#[test]
fn slots_are_recycled_after_their_last_reader() {
    let input = spec(PixelType::U8);
    // A saved result read after a whole-frame step stays a frame until its
    // last reader, beside the two frames around the whole-frame step.
    let mut builder = chain(input, vec![gaussian(1.0)]);
    builder.save("a").unwrap();
    for step in [gaussian(1.0), normalize(), gaussian(1.0), normalize()] {
        builder.push(step).unwrap();
    }
    builder
        .push(Step::Binary {
            op: BinaryOp::Add,
            other: "a".into(),
        })
        .unwrap();
    builder.push(normalize()).unwrap();
    builder.push(gaussian(1.0)).unwrap();
    let mut pipeline = Pipeline::new(builder).unwrap();
    let stats = pipeline.stats();
    assert_eq!(stats.passes, 8);
    assert_eq!(stats.work_buffers, 3);
    let pixels = frame(input);
    let a = stepwise(input, &pixels, &[gaussian(1.0)]);
    let b = stepwise(
        input,
        &a,
        &[gaussian(1.0), normalize(), gaussian(1.0), normalize()],
    );
    let sum: Vec<u8> = a
        .iter()
        .zip(&b)
        .map(|(x, y)| x.saturating_add(*y))
        .collect();
    let expected = stepwise(input, &sum, &[normalize(), gaussian(1.0)]);
    assert_eq!(run(&mut pipeline, &pixels), expected);
}

#[test]
fn a_step_that_cannot_apply_is_refused_naming_it() {
    let mut builder = PipelineBuilder::new(spec(PixelType::U8));
    builder.push(gaussian(1.0)).unwrap();
    let error = builder
        .push(Step::Unary(Op::MedianBlur(MedianParams { ksize: 4 })))
        .unwrap_err();
    assert_eq!(error.code(), "ERR_PIXCHAIN_PARAM");
    assert_eq!(
        error.to_string(),
        "step 2 (medianBlur): ksize: expected an odd integer from 3 to 255, got 4"
    );
    let error = builder
        .push(Step::Binary {
            op: BinaryOp::Add,
            other: "nope".into(),
        })
        .unwrap_err();
    assert!(
        error.to_string().starts_with(
            "other: expected \"input\" or a name given to save(): \"input\", got \"nope\""
        ),
        "{error}"
    );
}

#[test]
fn reruns_allocate_nothing() {
    let u16_spec = spec(PixelType::U16);
    let u8_spec = spec(PixelType::U8);
    let cases = [
        (
            "chain",
            chain(
                u8_spec,
                vec![
                    gaussian(1.0),
                    gaussian(2.0),
                    Step::Unary(Op::MedianBlur(MedianParams { ksize: 5 })),
                ],
            ),
        ),
        ("type-changing chain", chain(u16_spec, long_chain())),
        (
            "point operations",
            chain(u8_spec, long_chain()[1..4].to_vec()),
        ),
        ("graph", difference_of_gaussians(u8_spec)),
        (
            "whole-frame step",
            chain(u8_spec, vec![gaussian(1.0), normalize(), gaussian(2.0)]),
        ),
        (
            "clip by percentiles",
            chain(
                u16_spec,
                vec![
                    gaussian(1.0),
                    Step::Unary(Op::ClipPercentiles(pixchain::PercentileClipParams {
                        low: 0.5,
                        high: 99.5,
                    })),
                    gaussian(2.0),
                ],
            ),
        ),
    ];
    let threads = [Some(1), Some(2), Some(3)];
    for ((name, builder), threads) in cases.into_iter().zip(threads.into_iter().cycle()) {
        let mut pipeline = Pipeline::new(builder).unwrap();
        pipeline.set_threads(threads);
        let input = frame(pipeline.input_spec());
        let mut out = vec![0; pipeline.output_spec().byte_len()];
        pipeline.run(&input, &mut out).unwrap();
        // Counted on this thread, and by the pipeline for its lanes' threads.
        let (before, counted) = (allocations(), pipeline.stats().allocations);
        for _ in 0..3 {
            pipeline.run(&input, &mut out).unwrap();
        }
        let after = allocations();
        assert_eq!(after - before, 0, "{name}: allocations during re-runs");
        assert_eq!(pipeline.stats().allocations, counted, "{name}");
        assert_eq!(pipeline.stats().runs, 4);
    }
}

#[test]
fn three_blurs_summed_stream_in_one_pass() {
    let input = spec(PixelType::U8);
    // Three blurs of the input summed: rows of a, b and c side by side.
    let mut builder = chain(input, vec![gaussian(1.0)]);
    builder.save("a").unwrap();
    builder.from("input").unwrap();
    builder.push(gaussian(2.0)).unwrap();
    builder.save("b").unwrap();
    builder.from("input").unwrap();
    builder.push(gaussian(3.0)).unwrap();
    for other in ["a", "b"] {
        let op = BinaryOp::Add;
        builder
            .push(Step::Binary {
                op,
                other: other.into(),
            })
            .unwrap();
    }
    let mut pipeline = Pipeline::new(builder).unwrap();
    assert_eq!(pipeline.stats().work_buffers, 0);

    let pixels = frame(input);
    let mut out = vec![0; input.byte_len()];
    pipeline.run(&pixels, &mut out).unwrap();
    let blurs: Vec<Vec<u8>> = [1.0, 2.0, 3.0]
        .into_iter()
        .map(|sigma| stepwise(input, &pixels, &[gaussian(sigma)]))
        .collect();
    let expected: Vec<u8> = (0..out.len())
        .map(|i| {
            blurs[2][i]
                .saturating_add(blurs[0][i])
                .saturating_add(blurs[1][i])
        })
        .collect();
    assert_eq!(out, expected);

    // A two-image step reading the caller's input first: subtract keeps its order.
    let mut builder = chain(input, vec![gaussian(2.0)]);
    builder.save("b").unwrap();
    builder.from("input").unwrap();
    let op = BinaryOp::Subtract;
    builder
        .push(Step::Binary {
            op,
            other: "b".into(),
        })
        .unwrap();
    builder.push(gaussian(1.0)).unwrap();
    let mut pipeline = Pipeline::new(builder).unwrap();
    assert_eq!(pipeline.stats().work_buffers, 0);
    pipeline.run(&pixels, &mut out).unwrap();
    let difference: Vec<u8> = (0..out.len())
        .map(|i| pixels[i].saturating_sub(blurs[1][i]))
        .collect();
    assert_eq!(out, stepwise(input, &difference, &[gaussian(1.0)]));
}

#[test]
fn an_unknown_name_lists_a_few_known_ones_and_counts_the_rest() {
    let mut builder = PipelineBuilder::new(spec(PixelType::U8));
    builder.push(gaussian(1.0)).unwrap();
    for i in 0..5000 {
        builder.save(&format!("n{i:04}")).unwrap();
    }
    let message = builder.from("g1").unwrap_err().to_string();
    assert!(
        message.starts_with(
            "from: expected \"input\" or a name given to save(): \"input\", \"n0000\""
        ),
        "{message}"
    );
    assert!(message.contains("and 4989 more, got \"g1\""), "{message}");
    assert!(message.len() < 300, "{message}");
}

#[test]
fn stats_count_every_allocation_and_every_lane() {
    let input = spec(PixelType::U8);
    let steps = vec![
        gaussian(1.0),
        gaussian(2.0),
        normalize(),
        gaussian(1.0),
        gaussian(2.0),
    ];
    let mut pipeline = Pipeline::new(chain(input, steps)).unwrap();

    // A rebuild makes the work buffers and the lanes of the thread count
    // asked, and counts each.
    pipeline.set_threads(Some(1));
    let before = pipeline.stats().allocations;
    pipeline.rebuild(input).unwrap();
    let stats = pipeline.stats();
    assert_eq!((stats.passes, stats.work_buffers), (3, 2));
    assert_eq!(stats.allocations, before + stats.work_buffers + 1);

    // One lane runs on this thread: whatever the first run allocates, the
    // pipeline counts (its line buffers hold room for every stage at once).
    let pixels = frame(input);
    let mut out = vec![0; pipeline.output_spec().byte_len()];
    let (before, counted) = (allocations(), stats.allocations);
    pipeline.run(&pixels, &mut out).unwrap();
    let one = pipeline.stats();
    assert_eq!(allocations() - before, one.allocations - counted);
    assert_eq!(one.work_bytes, one.frame_bytes + one.line_bytes);

    if cfg!(feature = "parallel") {
        // A second thread is a second lane like the first, made once.
        pipeline.set_threads(Some(2));
        pipeline.run(&pixels, &mut out).unwrap();
        let two = pipeline.stats();
        assert_eq!(two.line_bytes, 2 * one.line_bytes);
        // The new lane, and the kernel scratch it grows as the first did.
        let first_run = one.allocations - stats.allocations;
        assert_eq!(two.allocations, one.allocations + 1 + first_run);
        pipeline.run(&pixels, &mut out).unwrap();
        assert_eq!(pipeline.stats().allocations, two.allocations);
    }
}
