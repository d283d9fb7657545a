#![no_main]
//! Frame sizes as hostile callers give them: `ImageSpec::new` refuses every
//! spec it cannot address, `check_pixel_limit` refuses exactly the frames
//! with more pixels than the limit (with `ERR_PIXCHAIN_LIMIT`), a frame
//! within the limit and small enough to afford is allocated and run, and
//! `AlignedBytes::try_zeroed` answers a size no system can give with
//! `ERR_PIXCHAIN_MEMORY` — never a panic or an abort. Run it with
//! `ASAN_OPTIONS=allocator_may_return_null=1`: AddressSanitizer otherwise
//! stops at the first size no system could give instead of returning null.

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use pixchain::{AlignedBytes, AnyImageBuffers, ImageSpec, PixelType, Pipeline, PipelineBuilder, Step};
use pixchain_fuzz::{byte_count, frame, op, pixel_limit, raw_spec};

/// The largest frame the target allocates, so that neither the fuzzer's
/// memory limit nor its timeout decides: a 255-wide box window over a
/// 1 MiB frame, or a Gaussian of σ = 255 (1,531 taps) over 32 KiB, takes
/// 15–40 s under AddressSanitizer.
const AFFORDABLE: usize = 1 << 14;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let (Ok((width, height, channels, pixel_type)), Ok(limit), Ok(bytes)) =
        (raw_spec(&mut u), pixel_limit(&mut u), byte_count(&mut u))
    else {
        return;
    };

    match AlignedBytes::try_zeroed(bytes, "a fuzzed frame") {
        Ok(mut memory) => {
            assert!(bytes <= isize::MAX as usize, "{bytes} bytes allocated");
            assert!(memory.capacity() >= bytes && memory.capacity() % 64 == 0);
            assert_eq!(memory.view::<u8>(0).as_ptr() as usize % 64, 0);
            let view = memory.view_mut::<u8>(bytes);
            assert!(view.iter().all(|&b| b == 0));
            view.fill(0xa5);
        }
        Err(error) => assert_eq!(error.code(), "ERR_PIXCHAIN_MEMORY"),
    }

    // Past u128 when every factor is near usize::MAX: as refused as any frame past isize::MAX.
    let f32_bytes = (width as u128)
        .checked_mul(height as u128)
        .and_then(|n| n.checked_mul(channels as u128 * 4))
        .unwrap_or(u128::MAX);
    let spec = match ImageSpec::new(width, height, channels, pixel_type) {
        Ok(spec) => spec,
        Err(error) => {
            assert_eq!(error.code(), "ERR_PIXCHAIN_SPEC");
            assert!(
                width == 0 || height == 0 || !(1..=4).contains(&channels) || f32_bytes > isize::MAX as u128,
                "{width}×{height}×{channels} refused: {error}"
            );
            return;
        }
    };
    assert!(f32_bytes <= isize::MAX as u128);
    let pixels = width as u128 * height as u128;
    match spec.check_pixel_limit("input", limit) {
        Ok(()) => assert!(limit == 0 || pixels <= u128::from(limit)),
        Err(error) => {
            assert!(limit != 0 && pixels > u128::from(limit));
            assert_eq!(error.code(), "ERR_PIXCHAIN_LIMIT");
            return;
        }
    }
    if spec.byte_len() > AFFORDABLE || spec.with_type(PixelType::F32).byte_len() > AFFORDABLE {
        return;
    }
    // Within the limit and affordable: the objects the limit guards are made and used.
    let Ok(op) = op(&mut u) else { return };
    if let Ok(mut buffers) = AnyImageBuffers::new(spec, PixelType::F32) {
        let input = frame(&mut u, spec);
        if buffers.load(&input).is_ok() {
            let _ = buffers.apply(&op);
        }
    }
    let mut builder = PipelineBuilder::new(spec);
    if builder.push(Step::Unary(op)).is_ok()
        && let Ok(mut pipeline) = Pipeline::new(builder)
    {
        let input = frame(&mut u, spec);
        let mut output = vec![0u8; pipeline.output_spec().byte_len()];
        let _ = pipeline.run(&input, &mut output);
    }
});
