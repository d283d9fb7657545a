//! How much two threads can gain on this machine: the same arithmetic-bound
//! loop (vectorized, in L1) once on one thread and twice on two. A kernel's
//! thread scaling is read against this ceiling.
//!
//!   cargo run --release -p pixchain --features parallel --example thread_ceiling

use std::hint::black_box;
use std::time::Instant;

fn work(values: &mut [f32]) {
    for _ in 0..100_000 {
        for x in values.iter_mut() {
            *x = *x * 1.0001 + 0.5;
        }
        black_box(&mut *values);
    }
}

fn main() {
    let (mut a, mut b) = (vec![1.0f32; 4096], vec![1.0f32; 4096]);
    let mut ratios = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        work(&mut a);
        work(&mut b);
        let one = start.elapsed();
        let start = Instant::now();
        rayon::join(|| work(&mut a), || work(&mut b));
        let two = start.elapsed();
        ratios.push(one.as_secs_f64() / two.as_secs_f64());
    }
    ratios.sort_by(f64::total_cmp);
    println!(
        "{} threads in rayon's pool; two threads ÷ one: median {:.2}× (of {:.2?})",
        rayon::current_num_threads(),
        ratios[ratios.len() / 2],
        ratios
    );
}
