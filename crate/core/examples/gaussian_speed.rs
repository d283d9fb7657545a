//! Gaussian blur σ=2 on 3840×2160 frames, the fastest of many runs per case
//! (the least disturbed by other processes on a shared machine), on each
//! SIMD path at 1 and 2 threads, by wall time and by CPU time per thread;
//! with `--hash`, the output's checksum.
//!
//!   cargo run --release -p pixchain --features parallel --example gaussian_speed -- [runs] [u8|u16|f32…] [--isa avx2] [--hash]

use std::hash::{DefaultHasher, Hasher};
use std::time::Instant;

use pixchain::simd::Isa;
use pixchain::{AlignedBytes, GaussianParams, ImageSpec, Op, PixelType, Workspace};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(15);
    let hash = args.iter().any(|a| a == "--hash");
    let isas: Vec<Isa> = match args.iter().position(|a| a == "--isa") {
        Some(i) => vec![Isa::parse(&args[i + 1]).unwrap()],
        None => vec![Isa::best()],
    };
    let mut types: Vec<PixelType> = [PixelType::U8, PixelType::U16, PixelType::F32]
        .into_iter()
        .filter(|t| args.iter().any(|a| a == &t.to_string()))
        .collect();
    if types.is_empty() {
        types = vec![PixelType::U8, PixelType::U16, PixelType::F32];
    }
    let op = Op::GaussianBlur(GaussianParams {
        sigma: 2.0,
        ..Default::default()
    });
    for &pixel_type in &types {
        for channels in [1, 3] {
            let spec = ImageSpec::new(3840, 2160, channels, pixel_type).unwrap();
            let bytes = spec.byte_len();
            let mut input = AlignedBytes::try_zeroed(bytes, "input").unwrap();
            let noise = |i: usize| (i as u32).wrapping_mul(2_654_435_761).rotate_left(7);
            if pixel_type == PixelType::F32 {
                let samples = input.view_mut::<f32>(spec.samples());
                for (i, v) in samples.iter_mut().enumerate() {
                    *v = (noise(i) % 1000) as f32 / 256.0;
                }
            } else {
                for (i, b) in input.view_mut::<u8>(bytes).iter_mut().enumerate() {
                    *b = noise(i) as u8;
                }
            }
            let mut output = AlignedBytes::try_zeroed(bytes, "output").unwrap();
            for &isa in &isas {
                let mut line = format!("{pixel_type}×{channels} {isa}:");
                for threads in [1, 2] {
                    let mut workspace = Workspace::with_isa(isa).unwrap();
                    workspace.set_threads(Some(threads));
                    let (mut best, mut best_cpu) = (f64::INFINITY, f64::INFINITY);
                    for _ in 0..runs {
                        let cpu = cpu_seconds();
                        let (src, dst) = (input.view::<u8>(bytes), output.view_mut::<u8>(bytes));
                        let start = Instant::now();
                        op.run_bytes(spec, src, dst, &mut workspace).unwrap();
                        best = best.min(start.elapsed().as_secs_f64());
                        best_cpu = best_cpu.min(cpu_seconds() - cpu);
                    }
                    let rate = |s: f64| spec.pixels() as f64 / s / 1e6;
                    line += &format!(
                        " {threads}T {:6.1} MP/s (cpu {:6.1})",
                        rate(best),
                        rate(best_cpu / threads as f64)
                    );
                }
                if hash {
                    let mut hasher = DefaultHasher::new();
                    hasher.write(output.view::<u8>(bytes));
                    line += &format!(" hash {:016x}", hasher.finish());
                }
                println!("{line}");
            }
        }
    }
}

/// CPU time of every thread of the process so far (the scheduler's count,
/// blind to the time other processes take the cores).
fn cpu_seconds() -> f64 {
    let mut ns = 0u64;
    for task in std::fs::read_dir("/proc/self/task").unwrap() {
        let stat = std::fs::read_to_string(task.unwrap().path().join("schedstat")).unwrap();
        ns += stat
            .split_whitespace()
            .next()
            .unwrap()
            .parse::<u64>()
            .unwrap();
    }
    ns as f64 * 1e-9
}
