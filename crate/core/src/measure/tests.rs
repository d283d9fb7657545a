//! Every measurement against a scalar reference written from its
//! definition, on random frames, for several thread counts.

use super::keys::Ranked;
use super::*;
use crate::{AnyImageMut, ImageSpec, Op, Pixel};

fn xorshift(seed: u32) -> impl FnMut() -> u32 {
    let mut state = seed.max(1);
    move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state
    }
}

/// Random samples of `T` from a few clusters, so values repeat and ranks tie.
fn samples<T: Ranked>(len: usize, seed: u32, values: impl Fn(u32) -> T) -> Vec<T> {
    let mut next = xorshift(seed);
    (0..len).map(|_| values(next())).collect()
}

fn any_f32(r: u32) -> f32 {
    match r % 16 {
        0 => f32::NAN,
        1 => -0.0,
        2 => 0.0,
        3 => 1.0,
        _ => (r >> 8) as f32 / 65536.0 - 40.0,
    }
}

/// The frames each test measures: odd sizes, 1 to 4 channels, some large
/// enough to be split over threads.
fn frames<T: Ranked>(values: impl Fn(u32) -> T + Copy) -> Vec<(ImageSpec, Vec<T>)> {
    let mut frames = Vec::new();
    let shapes = [
        (1, 1, 1),
        (7, 3, 1),
        (7, 3, 4),
        (131, 65, 1),
        (131, 65, 3),
        (33, 257, 2),
    ];
    for (i, (width, height, channels)) in shapes.into_iter().enumerate() {
        let spec = ImageSpec::new(width, height, channels, T::TYPE).unwrap();
        frames.push((spec, samples(spec.samples(), i as u32 + 1, values)));
    }
    frames
}

fn any_ref<T: Pixel>(spec: ImageSpec, data: &[T]) -> AnyImageRef<'_> {
    AnyImageRef::from_bytes(spec, bytemuck::cast_slice(data), "input").unwrap()
}

fn workspace(threads: usize) -> Workspace {
    let mut workspace = Workspace::new();
    workspace.set_threads(Some(threads));
    workspace
}

/// Channel `c`'s samples as f64, NaN left out, sorted.
fn channel(spec: ImageSpec, data: &[impl Pixel], c: usize) -> Vec<f64> {
    let mut values: Vec<f64> = data
        .iter()
        .skip(c)
        .step_by(spec.channels())
        .map(|x| x.to_f64())
        .filter(|x| !x.is_nan())
        .collect();
    values.sort_by(f64::total_cmp);
    values
}

/// NumPy's `linear` percentile of sorted values, written from its code.
fn numpy_percentile(sorted: &[f64], p: f64) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return f64::NAN;
    }
    let h = (n - 1) as f64 * (p / 100.0);
    if h >= (n - 1) as f64 {
        return sorted[n - 1];
    }
    let below = h.floor();
    let t = h - below;
    let (a, b) = (sorted[below as usize], sorted[below as usize + 1]);
    let diff = b - a;
    if t >= 0.5 {
        b - diff * (1.0 - t)
    } else {
        a + diff * t
    }
}

fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

const PERCENTILES: [f64; 6] = [0.0, 0.5, 37.5, 50.0, 99.5, 100.0];

fn check_percentiles_of<T: Ranked>(values: impl Fn(u32) -> T + Copy) {
    for (spec, data) in frames(values) {
        let src = any_ref(spec, &data);
        for threads in [1, 3] {
            let got = percentiles(src, &PERCENTILES, &mut workspace(threads)).unwrap();
            for c in 0..spec.channels() {
                let sorted = channel(spec, &data, c);
                for (i, &p) in PERCENTILES.iter().enumerate() {
                    let want = numpy_percentile(&sorted, p);
                    let got = got[c * PERCENTILES.len() + i];
                    assert!(
                        same(got, want),
                        "{spec} c{c} p{p} {threads} threads: {got} ≠ {want}"
                    );
                }
            }
        }
    }
}

#[test]
fn percentiles_match_numpy_linear_rule_for_every_type() {
    check_percentiles_of::<u8>(|r| (r % 7 * 37) as u8);
    check_percentiles_of::<u16>(|r| (r >> 3) as u16);
    check_percentiles_of::<i16>(|r| (r >> 5) as i16);
    check_percentiles_of::<f32>(any_f32);
}

#[test]
fn percentiles_out_of_range_are_refused() {
    let spec = ImageSpec::new(2, 1, 1, crate::PixelType::U8).unwrap();
    let src = AnyImageRef::from_bytes(spec, &[1, 2], "input").unwrap();
    for bad in [-0.1, 100.5, f64::NAN] {
        let error = percentiles(src, &[50.0, bad], &mut Workspace::new()).unwrap_err();
        assert_eq!(error.code(), "ERR_PIXCHAIN_PARAM", "{bad}");
    }
}

fn check_histogram_of<T: Ranked>(values: impl Fn(u32) -> T + Copy, params: HistogramParams) {
    for (spec, data) in frames(values) {
        let src = any_ref(spec, &data);
        let bins = params.resolve(T::TYPE).unwrap();
        let (a, b) = (
            bins.bins as f64 / (bins.max - bins.min),
            -bins.min * bins.bins as f64 / (bins.max - bins.min),
        );
        let width = bins.bins as usize;
        let mut want = vec![0u32; width * spec.channels()];
        for (i, x) in data.iter().enumerate() {
            let x = x.to_f64();
            if x >= bins.min && x < bins.max {
                let bin = ((x * a + b).floor() as i64).clamp(0, width as i64 - 1) as usize;
                want[(i % spec.channels()) * width + bin] += 1;
            }
        }
        for threads in [1, 3] {
            let got = histogram(src, &params, &mut workspace(threads)).unwrap();
            assert_eq!(got.bins, width);
            assert!(got.counts == want, "{spec} {params:?} {threads} threads");
        }
    }
}

#[test]
fn histogram_counts_by_opencv_uniform_rule() {
    let all = HistogramParams::default();
    check_histogram_of::<u8>(|r| r as u8, all);
    check_histogram_of::<u16>(|r| (r >> 7) as u16, all);
    check_histogram_of::<i16>(|r| r as i16, all);
    check_histogram_of::<f32>(|r| (r >> 8) as f32 / 16777216.0, all);
    let part = |bins, min, max| HistogramParams {
        bins: Some(bins),
        min: Some(min),
        max: Some(max),
    };
    check_histogram_of::<u8>(|r| r as u8, part(10, 3.0, 250.5));
    check_histogram_of::<u16>(|r| (r >> 7) as u16, part(7, 100.0, 20000.0));
    check_histogram_of::<i16>(|r| r as i16, part(64, -1000.0, 1000.0));
    check_histogram_of::<f32>(any_f32, part(33, -30.0, 20.0));
}

#[test]
fn histogram_defaults_follow_the_type_and_bad_bins_are_refused() {
    use crate::PixelType::*;
    let d = HistogramParams::default();
    let bins = |t| d.resolve(t).map(|b| (b.bins, b.min, b.max)).unwrap();
    assert_eq!(bins(U8), (256, 0.0, 256.0));
    assert_eq!(bins(U16), (65536, 0.0, 65536.0));
    assert_eq!(bins(I16), (65536, -32768.0, 32768.0));
    assert_eq!(bins(F32), (256, 0.0, 1.0));
    let range = HistogramParams {
        min: Some(10.0),
        max: Some(20.0),
        ..d
    };
    assert_eq!(range.resolve(U8).unwrap().bins, 10);
    for bad in [
        HistogramParams { bins: Some(0), ..d },
        HistogramParams {
            min: Some(5.0),
            max: Some(5.0),
            ..d
        },
        HistogramParams {
            max: Some(f64::INFINITY),
            ..d
        },
    ] {
        assert_eq!(bad.resolve(F32).unwrap_err().code(), "ERR_PIXCHAIN_PARAM");
    }
}

fn check_stats_of<T: Ranked>(values: impl Fn(u32) -> T + Copy) {
    for (spec, data) in frames(values) {
        let src = any_ref(spec, &data);
        let one = stats(src, &mut workspace(1));
        let three = stats(src, &mut workspace(3));
        let bits = |s: &[ChannelStats]| format!("{s:?}");
        assert_eq!(bits(&three), bits(&one), "{spec}: 3 threads");
        for (c, got) in one.iter().enumerate() {
            let values = channel(spec, &data, c);
            if values.is_empty() {
                assert!(got.min.is_nan() && got.mean.is_nan() && got.std.is_nan());
                continue;
            }
            let n = values.len() as f64;
            let mean = values.iter().sum::<f64>() / n;
            let std = (values.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n).sqrt();
            assert_eq!((got.min, got.max), (values[0], values[values.len() - 1]));
            let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * (1.0 + b.abs());
            assert!(
                close(got.mean, mean),
                "{spec} c{c}: mean {} ≠ {mean}",
                got.mean
            );
            assert!(close(got.std, std), "{spec} c{c}: std {} ≠ {std}", got.std);
        }
    }
}

#[test]
fn stats_match_the_definition_for_any_thread_count() {
    check_stats_of::<u8>(|r| r as u8);
    check_stats_of::<u16>(|r| (r >> 3) as u16);
    check_stats_of::<i16>(|r| r as i16);
    check_stats_of::<f32>(any_f32);
}

#[test]
fn integer_stats_are_exact() {
    // Mean 1/3 and variance 2/9 only from exact sums.
    let data = [0u16, 0, 1].repeat(1000);
    let spec = ImageSpec::new(3, 1000, 1, crate::PixelType::U16).unwrap();
    let src = any_ref(spec, &data);
    let got = stats(src, &mut Workspace::new())[0];
    assert_eq!(got.mean, 1.0 / 3.0);
    assert_eq!(got.std, (2.0f64 / 9.0).sqrt());
}

fn check_clip_of<T: Ranked>(values: impl Fn(u32) -> T + Copy) {
    for (spec, data) in frames(values) {
        let src = any_ref(spec, &data);
        let params = PercentileClipParams {
            low: 2.5,
            high: 97.0,
        };
        let bounds = percentiles(src, &[params.low, params.high], &mut Workspace::new()).unwrap();
        let want: Vec<T> = data
            .iter()
            .enumerate()
            .map(|(i, &x)| {
                let c = i % spec.channels();
                let (lo, hi) = (bounds[2 * c], bounds[2 * c + 1]);
                if lo.is_nan() {
                    return x;
                }
                let (lo, hi) = (T::saturate_f64(lo), T::saturate_f64(hi));
                if x < lo {
                    lo
                } else if x > hi {
                    hi
                } else {
                    x
                }
            })
            .collect();
        for threads in [1, 3] {
            let mut out = vec![T::default(); data.len()];
            let dst = AnyImageMut::from_bytes(spec, bytemuck::cast_slice_mut(&mut out), "output")
                .unwrap();
            Op::ClipPercentiles(params)
                .run(src, dst, &mut workspace(threads))
                .unwrap();
            let bits = |v: &[T]| format!("{v:?}");
            assert!(bits(&out) == bits(&want), "{spec}: {threads} threads");
        }
    }
}

#[test]
fn clip_by_percentiles_equals_percentiles_then_clip() {
    check_clip_of::<u8>(|r| r as u8);
    check_clip_of::<u16>(|r| (r >> 3) as u16);
    check_clip_of::<i16>(|r| r as i16);
    check_clip_of::<f32>(any_f32);
}

#[test]
fn clip_percentiles_out_of_order_are_refused() {
    let params = PercentileClipParams {
        low: 60.0,
        high: 40.0,
    };
    assert_eq!(params.validate().unwrap_err().code(), "ERR_PIXCHAIN_PARAM");
    assert!(PercentileClipParams::from_list(&[1.0]).is_err());
}
