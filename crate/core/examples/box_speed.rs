//! Box filter over f32 on 3840×2160 frames, the fastest of many runs per
//! case, on the best SIMD path (or `--isa`) at 1 and 2 threads; with
//! `--hash`, the output's checksum, to show a change keeps the bytes.
//! Samples carry full mantissas, so the window sums round: a checksum
//! changes with the order of the additions.
//!
//!   cargo run --release -p pixchain --features parallel --example box_speed -- [runs] [--ksize 5] [--isa avx2] [--hash]

use std::hash::{DefaultHasher, Hasher};
use std::time::Instant;

use pixchain::simd::Isa;
use pixchain::{AlignedBytes, BoxParams, ImageSpec, Op, PixelType, Workspace};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .map(|i| args[i + 1].clone())
    };
    let runs: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(15);
    let hash = args.iter().any(|a| a == "--hash");
    let isa = value("--isa").map_or_else(Isa::best, |name| Isa::parse(&name).unwrap());
    let ksize: u32 = value("--ksize").map_or(5, |k| k.parse().unwrap());
    let ksize_y: u32 = value("--ksize-y").map_or(ksize, |k| k.parse().unwrap());
    let op = Op::BoxBlur(BoxParams {
        ksize,
        ksize_y: Some(ksize_y),
        ..Default::default()
    });
    for channels in [1, 3] {
        let spec = ImageSpec::new(3840, 2160, channels, PixelType::F32).unwrap();
        let bytes = spec.byte_len();
        let mut input = AlignedBytes::try_zeroed(bytes, "input").unwrap();
        let noise = |i: usize| (i as u32).wrapping_mul(2_654_435_761).rotate_left(7);
        for (i, v) in input.view_mut::<f32>(spec.samples()).iter_mut().enumerate() {
            *v = (noise(i) % 1_000_003) as f32 / 7.3 - 3000.0;
        }
        let mut output = AlignedBytes::try_zeroed(bytes, "output").unwrap();
        let mut line = format!("f32×{channels} {ksize}×{ksize_y} {isa}:");
        for threads in [1, 2] {
            let mut workspace = Workspace::with_isa(isa).unwrap();
            workspace.set_threads(Some(threads));
            let mut best = f64::INFINITY;
            for _ in 0..runs {
                let (src, dst) = (input.view::<u8>(bytes), output.view_mut::<u8>(bytes));
                let start = Instant::now();
                op.run_bytes(spec, src, dst, &mut workspace).unwrap();
                best = best.min(start.elapsed().as_secs_f64());
            }
            let rate = spec.pixels() as f64 / best / 1e6;
            line += &format!(" {threads}T {rate:6.1} MP/s");
        }
        if hash {
            let mut hasher = DefaultHasher::new();
            hasher.write(output.view::<u8>(bytes));
            line += &format!(" hash {:016x}", hasher.finish());
        }
        println!("{line}");
    }
}
