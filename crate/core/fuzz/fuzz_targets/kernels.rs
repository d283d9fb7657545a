#![no_main]
//! One kernel on one frame: any parameters are refused with an error or run;
//! nothing panics, and a refused kernel leaves the output as it was.

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use pixchain::Workspace;
use pixchain_fuzz::{binary_op, frame, op, spec};

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let (Ok(spec), Ok(op), Ok(binary)) = (spec(&mut u), op(&mut u), binary_op(&mut u)) else {
        return;
    };
    let input = frame(&mut u, spec);
    let other = frame(&mut u, spec);
    let threads = u.int_in_range(1..=3).unwrap_or(1);
    let out_len = op.output_spec(spec).map_or(spec.byte_len(), |s| s.byte_len());
    let mut output = vec![0xa5u8; out_len];
    let mut workspace = Workspace::new();
    workspace.set_threads(Some(threads));
    if op.run_bytes(spec, &input, &mut output, &mut workspace).is_err() {
        assert!(output.iter().all(|&b| b == 0xa5), "{} wrote before refusing", op.name());
    }
    let mut output = vec![0xa5u8; spec.byte_len()];
    if binary
        .run_bytes(spec, &input, &other, &mut output, workspace.isa())
        .is_err()
    {
        assert!(output.iter().all(|&b| b == 0xa5), "{} wrote before refusing", binary.name());
    }
});
