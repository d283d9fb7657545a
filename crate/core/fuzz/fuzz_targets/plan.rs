#![no_main]
//! Any sequence of steps, saves and reads of names: the builder refuses
//! what cannot run; whatever it accepts plans, runs (and runs again after a
//! rebuild for another size) without a panic.

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use pixchain::{ImageSpec, Pipeline, PipelineBuilder, Step};
use pixchain_fuzz::{binary_op, frame, op, spec};

const NAMES: [&str; 4] = ["input", "a", "b", "c"];

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(input_spec) = spec(&mut u) else { return };
    let mut builder = PipelineBuilder::new(input_spec);
    for _ in 0..u.int_in_range(0..=8).unwrap_or(0) {
        let name = *u.choose(&NAMES).unwrap_or(&"a");
        let _ = match u.int_in_range(0..=3).unwrap_or(0) {
            0 => op(&mut u).map(|op| builder.push(Step::Unary(op))).unwrap_or(Ok(())),
            1 => binary_op(&mut u)
                .map(|op| builder.push(Step::Binary { op, other: name.to_owned() }))
                .unwrap_or(Ok(())),
            2 => builder.save(name),
            _ => builder.from(name),
        };
    }
    let Ok(mut pipeline) = Pipeline::new(builder) else { return };
    pipeline.set_threads(Some(u.int_in_range(1..=3).unwrap_or(1)));
    let run = |pipeline: &mut Pipeline, spec: ImageSpec, u: &mut Unstructured| {
        let input = frame(u, spec);
        let mut output = vec![0u8; pipeline.output_spec().byte_len()];
        let _ = pipeline.run(&input, &mut output);
    };
    run(&mut pipeline, input_spec, &mut u);
    if let Ok(other) = spec(&mut u)
        && pipeline.rebuild(other).is_ok()
    {
        run(&mut pipeline, other, &mut u);
    }
});
