//! The memory contract of pipelines: work buffers per plan shape, results
//! equal to stepping the same kernels, and zero allocations on re-runs,
//! counted by a global allocator.

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
            min: 1000.0,
            max: 60000.0,
        })),
        Step::Unary(Op::Linear(LinearParams { a: 1.1, b: -500.0 })),
        Step::Unary(Op::MedianBlur(MedianParams { ksize: 3 })),
        convert(PixelType::F32, 1.0 / 65535.0),
        gaussian(0.8),
        Step::Unary(Op::Linear(LinearParams { a: 2.0, b: -0.5 })),
        Step::Unary(Op::Clip(ClipParams { min: 0.0, max: 1.0 })),
        convert(PixelType::U8, 255.0),
        Step::Unary(Op::MedianBlur(MedianParams { ksize: 5 })),
        Step::Unary(Op::Threshold(ThresholdParams {
            thresh: Some(100.0),
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

#[test]
fn chain_of_twelve_steps_holds_two_buffers_and_matches_stepping() {
    let input = spec(PixelType::U16);
    let mut pipeline = Pipeline::new(chain(input, long_chain())).unwrap();
    let stats = pipeline.stats();
    assert_eq!(stats.work_buffers, 2);
    assert_eq!(
        stats.work_bytes,
        2 * input.with_type(PixelType::F32).byte_len()
    );
    let pixels = frame(input);
    let mut out = vec![0; pipeline.output_spec().byte_len()];
    pipeline.run(&pixels, &mut out).unwrap();
    assert_eq!(out, stepwise(input, &pixels, &long_chain()));
}

#[test]
fn consecutive_point_operations_fuse_into_one_pass_with_the_same_result() {
    let input = spec(PixelType::U16);
    // clip, linear, convert, linear, clip, convert, threshold: one pass, no work buffer.
    let steps = vec![
        Step::Unary(Op::Clip(ClipParams {
            min: 1000.0,
            max: 60000.0,
        })),
        Step::Unary(Op::Linear(LinearParams { a: 1.1, b: -500.0 })),
        convert(PixelType::F32, 1.0 / 65535.0),
        Step::Unary(Op::Linear(LinearParams { a: 2.0, b: -0.5 })),
        Step::Unary(Op::Clip(ClipParams { min: 0.0, max: 1.0 })),
        convert(PixelType::U8, 255.0),
        Step::Unary(Op::Threshold(ThresholdParams {
            thresh: Some(100.0),
            ..Default::default()
        })),
    ];
    let mut pipeline = Pipeline::new(chain(input, steps.clone())).unwrap();
    assert_eq!(pipeline.stats().passes, 1);
    assert_eq!(pipeline.stats().work_buffers, 0);
    // A frame larger than one chunk, and not a multiple of it.
    let big = ImageSpec::new(301, 17, 3, PixelType::U16).unwrap();
    let mut pipeline_big = Pipeline::new(chain(big, steps.clone())).unwrap();
    for (pipeline, spec) in [(&mut pipeline, input), (&mut pipeline_big, big)] {
        let pixels = frame(spec);
        let mut out = vec![0; pipeline.output_spec().byte_len()];
        pipeline.run(&pixels, &mut out).unwrap();
        assert_eq!(out, stepwise(spec, &pixels, &steps));
    }

    // Blurs between point operations split the passes.
    let mixed = vec![
        steps[0].clone(),
        steps[1].clone(),
        gaussian(1.0),
        steps[1].clone(),
        steps[0].clone(),
    ];
    let pipeline = Pipeline::new(chain(input, mixed)).unwrap();
    assert_eq!(pipeline.stats().passes, 3);
    assert_eq!(pipeline.stats().work_buffers, 2);
}

#[test]
fn point_operations_write_over_an_operand_that_dies_with_them() {
    let input = spec(PixelType::U16);
    // blur → (linear, clip, convert to u8: narrower, in place) → blur: one buffer.
    let steps = vec![
        gaussian(1.0),
        Step::Unary(Op::Linear(LinearParams { a: 1.5, b: -100.0 })),
        Step::Unary(Op::Clip(ClipParams {
            min: 500.0,
            max: 50000.0,
        })),
        convert(PixelType::U8, 1.0 / 257.0),
        gaussian(2.0),
    ];
    let big = ImageSpec::new(301, 17, 3, PixelType::U16).unwrap();
    for spec in [input, big] {
        let mut pipeline = Pipeline::new(chain(spec, steps.clone())).unwrap();
        assert_eq!(pipeline.stats().work_buffers, 1);
        let pixels = frame(spec);
        let mut out = vec![0; pipeline.output_spec().byte_len()];
        pipeline.run(&pixels, &mut out).unwrap();
        assert_eq!(out, stepwise(spec, &pixels, &steps));
    }
    // Widening (u16 → f32) cannot write over its operand: two buffers.
    let widening = vec![gaussian(1.0), convert(PixelType::F32, 1.0), gaussian(2.0)];
    assert_eq!(
        Pipeline::new(chain(input, widening))
            .unwrap()
            .stats()
            .work_buffers,
        2
    );
}

#[test]
fn one_step_holds_no_buffer_and_two_steps_hold_one() {
    let input = spec(PixelType::U8);
    assert_eq!(
        Pipeline::new(chain(input, vec![gaussian(1.0)]))
            .unwrap()
            .stats()
            .work_buffers,
        0
    );
    let two = chain(input, vec![gaussian(1.0), gaussian(2.0)]);
    assert_eq!(Pipeline::new(two).unwrap().stats().work_buffers, 1);
}

#[test]
fn graphs_hold_the_most_intermediates_alive_at_once() {
    let input = spec(PixelType::U8);
    // Unsharp mask: blur, then weigh against the input: one intermediate.
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
    assert_eq!(Pipeline::new(unsharp).unwrap().stats().work_buffers, 1);

    // Difference of Gaussians: two blurs alive at once.
    let mut pipeline = Pipeline::new(difference_of_gaussians(input)).unwrap();
    assert_eq!(pipeline.stats().work_buffers, 2);

    let pixels = frame(input);
    let mut out = vec![0; input.byte_len()];
    pipeline.run(&pixels, &mut out).unwrap();
    let g1 = stepwise(input, &pixels, &[gaussian(1.0)]);
    let g2 = stepwise(input, &pixels, &[gaussian(2.0)]);
    let expected: Vec<u8> = g2.iter().zip(&g1).map(|(a, b)| a.abs_diff(*b)).collect();
    assert_eq!(out, expected);
}

#[test]
fn slots_are_recycled_after_their_last_reader() {
    let input = spec(PixelType::U8);
    // A result nothing reads frees its slot at once: the branch after it reuses it.
    let mut builder = chain(input, vec![gaussian(1.0)]);
    builder.save("unused").unwrap();
    builder.from("input").unwrap();
    builder.push(gaussian(2.0)).unwrap();
    builder.push(gaussian(3.0)).unwrap();
    assert_eq!(Pipeline::new(builder).unwrap().stats().work_buffers, 1);

    // A saved result stays alive until its last reader, beside the chain's two.
    let mut builder = chain(input, vec![gaussian(1.0)]);
    builder.save("a").unwrap();
    for _ in 0..4 {
        builder.push(gaussian(1.0)).unwrap();
    }
    builder
        .push(Step::Binary {
            op: BinaryOp::Add,
            other: "a".into(),
        })
        .unwrap();
    builder.push(gaussian(1.0)).unwrap();
    builder.push(gaussian(1.0)).unwrap();
    assert_eq!(Pipeline::new(builder).unwrap().stats().work_buffers, 3);
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
    ];
    for (name, builder) in cases {
        let mut pipeline = Pipeline::new(builder).unwrap();
        let input = frame(pipeline.input_spec());
        let mut out = vec![0; pipeline.output_spec().byte_len()];
        pipeline.run(&input, &mut out).unwrap();
        let before = allocations();
        for _ in 0..3 {
            pipeline.run(&input, &mut out).unwrap();
        }
        let after = allocations();
        assert_eq!(after - before, 0, "{name}: allocations during re-runs");
        assert_eq!(pipeline.stats().runs, 4);
    }
}

#[test]
fn two_image_steps_write_over_an_operand_that_dies_with_them() {
    let input = spec(PixelType::U8);
    // Three blurs of the input summed: a, b and c alive at once, then
    // c + a written over c (both die there), then + b into the output.
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
    assert_eq!(pipeline.stats().work_buffers, 3);

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

    // The operand written over may be the second one (here the first is the
    // caller's input): subtract keeps its order.
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
    assert_eq!(pipeline.stats().work_buffers, 1);
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
