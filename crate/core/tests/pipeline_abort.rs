//! A run told to stop before it starts its last pass ends with
//! `ERR_PIXCHAIN_ABORTED` and leaves the output as it was; an unset flag
//! changes nothing.

use std::sync::atomic::AtomicBool;

use pixchain::{
    GaussianParams, ImageSpec, MedianParams, Op, Pipeline, PipelineBuilder, PixelType, Step,
};

fn pipeline(spec: ImageSpec) -> Pipeline {
    let mut steps = PipelineBuilder::new(spec);
    let blur = Op::GaussianBlur(GaussianParams {
        sigma: 1.5,
        ..Default::default()
    });
    steps.push(Step::Unary(blur)).unwrap();
    // A whole-frame step between the two: two streamed passes around it.
    steps
        .push(Step::Unary(Op::Normalize(Default::default())))
        .unwrap();
    steps
        .push(Step::Unary(Op::MedianBlur(MedianParams { ksize: 3 })))
        .unwrap();
    Pipeline::new(steps).unwrap()
}

#[test]
fn an_aborted_run_leaves_the_output_untouched() {
    let spec = ImageSpec::new(40, 30, 1, PixelType::U8).unwrap();
    let input: Vec<u8> = (0..spec.byte_len()).map(|i| (i * 37 % 251) as u8).collect();
    let mut output = vec![0xab; spec.byte_len()];
    let error = pipeline(spec)
        .run_unless(&input, spec.row_len(), &mut output, &AtomicBool::new(true))
        .unwrap_err();
    assert_eq!(error.code(), "ERR_PIXCHAIN_ABORTED");
    assert_eq!(
        error.to_string(),
        "run: expected to finish, got aborted before pass 1 of 3"
    );
    assert!(output.iter().all(|&v| v == 0xab));

    let mut expected = vec![0; spec.byte_len()];
    pipeline(spec).run(&input, &mut expected).unwrap();
    pipeline(spec)
        .run_unless(&input, spec.row_len(), &mut output, &AtomicBool::new(false))
        .unwrap();
    assert_eq!(output, expected);
}
