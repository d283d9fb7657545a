use super::network::TWENTY_FIVE;
use super::*;
use crate::ImageSpec;
use crate::test_rng::Rng;

/// Bit patterns of f32 that sort apart in total order, the extremes
/// included: they are also the keys used as "no key" by the sorted columns.
const F32_SPECIAL: [u32; 16] = [
    0xffff_ffff, // -NaN with every payload bit: the smallest key
    0xffc0_0000, // -NaN
    0xff80_0001, // -NaN, signalling
    0xff80_0000, // -∞
    0xff7f_ffff, // the most negative finite
    0x8000_0001, // the negative subnormal nearest zero
    0x8000_0000, // -0.0
    0x0000_0000, // 0.0
    0x0000_0001, // the smallest subnormal
    0x3f80_0000, // 1.0
    0x7f7f_ffff, // the largest finite
    0x7f80_0000, // ∞
    0x7f80_0001, // NaN, signalling
    0x7fc0_0000, // NaN
    0x7fc0_0001, // NaN with a payload
    0x7fff_ffff, // NaN with every payload bit: the largest key
];

/// Random samples of a type: `spread` draws from the whole range (for f32
/// any bit pattern, special values often), `few` from a handful of values,
/// the type's extremes among them, so that windows hold many ties.
trait Random: Pixel {
    fn spread(rng: &mut Rng) -> Self;
    fn few(rng: &mut Rng) -> Self;
}

impl Random for u8 {
    fn spread(rng: &mut Rng) -> Self {
        rng.next() as u8
    }

    fn few(rng: &mut Rng) -> Self {
        [0, 1, 128, 255][rng.below(4)]
    }
}

impl Random for u16 {
    fn spread(rng: &mut Rng) -> Self {
        rng.next() as u16
    }

    fn few(rng: &mut Rng) -> Self {
        [0, 255, 256, 65535][rng.below(4)]
    }
}

impl Random for i16 {
    fn spread(rng: &mut Rng) -> Self {
        rng.next() as i16
    }

    fn few(rng: &mut Rng) -> Self {
        [i16::MIN, -1, 0, i16::MAX][rng.below(4)]
    }
}

impl Random for f32 {
    fn spread(rng: &mut Rng) -> Self {
        match rng.below(3) {
            0 => f32::from_bits(F32_SPECIAL[rng.below(F32_SPECIAL.len())]),
            1 => (rng.next() as i32 % 1000) as f32 / 8.0,
            _ => f32::from_bits(rng.next() as u32),
        }
    }

    fn few(rng: &mut Rng) -> Self {
        f32::from_bits([0xffff_ffff, 0x8000_0000, 0, 0x7fff_ffff][rng.below(4)])
    }
}

fn frame<T: Random>(spec: ImageSpec, few: bool, seed: u64) -> Vec<T> {
    let mut rng = Rng::new(seed.wrapping_mul(0x2545_f491_4f6c_dd1d));
    let draw = if few { T::few } else { T::spread };
    (0..spec.samples()).map(|_| draw(&mut rng)).collect()
}

/// The median from its definition: the window's samples, borders
/// replicated, sorted by total order; the middle one.
fn reference<T: Pixel>(src: &[T], spec: ImageSpec, side: usize) -> Vec<T> {
    let (width, height, cn) = (spec.width(), spec.height(), spec.channels());
    let radius = side as isize / 2;
    let mut out = Vec::with_capacity(src.len());
    let mut window = Vec::with_capacity(side * side);
    for y in 0..height as isize {
        for x in 0..width as isize {
            for c in 0..cn {
                window.clear();
                for dy in -radius..=radius {
                    for dx in -radius..=radius {
                        let (sx, sy) = (clamp(x + dx, width), clamp(y + dy, height));
                        window.push(src[(sy * width + sx) * cn + c]);
                    }
                }
                window.sort_unstable_by(T::total_cmp);
                out.push(window[window.len() / 2]);
            }
        }
    }
    out
}

/// Rows `rows` by `method`.
fn compute<T: Pixel>(
    method: Method,
    src: &[T],
    spec: ImageSpec,
    side: usize,
    rows: Range<usize>,
    workspace: &mut Workspace,
) -> Vec<T> {
    let mut out = vec![T::default(); rows.len() * spec.row_len()];
    let src = ImageRef::new(spec, src, "input").unwrap();
    median_rows_with(method, src, &mut out, rows, side, workspace);
    out
}

/// The whole frame by `method` in vertical stripes of `stripe` pixels.
fn compute_in_stripes<T: Pixel>(
    method: Method,
    src: &[T],
    spec: ImageSpec,
    side: usize,
    stripe: usize,
) -> Vec<T> {
    let mut out = vec![T::default(); spec.samples()];
    let src = ImageRef::new(spec, src, "input").unwrap();
    let rows = 0..spec.height();
    let task = Task {
        rows,
        side,
        stripe: Some(stripe),
    };
    median_task(method, src, &mut out, task, &mut Workspace::new());
    out
}

/// Bit-for-bit equality, naming the first sample that differs.
fn assert_same<T: Pixel>(got: &[T], want: &[T], spec: ImageSpec, what: &str) {
    assert_eq!(got.len(), want.len(), "{what}");
    let bits = |v: &T| bytemuck::bytes_of(v).to_vec();
    if let Some(i) = (0..got.len()).find(|&i| bits(&got[i]) != bits(&want[i])) {
        let (row_len, cn) = (spec.row_len(), spec.channels());
        panic!(
            "{what} on {spec}: sample {i} (x {}, y {}, channel {}) is {:?}, expected {:?}",
            i % row_len / cn,
            i / row_len,
            i % cn,
            got[i],
            want[i]
        );
    }
}

fn methods_for<T: Pixel>(side: usize) -> impl Iterator<Item = Method> {
    Method::ALL
        .into_iter()
        .filter(move |m| m.supports(T::TYPE, side))
}

/// Every method that takes `side` on every frame of `shapes`, against the reference.
fn check_against_reference<T: Random>(sides: &[usize], shapes: &[(usize, usize, usize)]) {
    let mut workspace = Workspace::new();
    for &(width, height, channels) in shapes {
        let spec = ImageSpec::new(width, height, channels, T::TYPE).unwrap();
        for &side in sides {
            for few in [false, true] {
                let src = frame::<T>(spec, few, (width * 131 + height * 7 + side) as u64);
                let want = reference(&src, spec, side);
                for method in methods_for::<T>(side) {
                    let got = compute(method, &src, spec, side, 0..height, &mut workspace);
                    let what = format!("{method:?} {side}×{side} (few values: {few})");
                    assert_same(&got, &want, spec, &what);
                }
            }
        }
    }
}

/// Frames of 1–4 channels: single pixels, single rows and columns, frames
/// narrower or shorter than the window, and frames wider than a block of
/// the networks (64 samples).
const SHAPES: [(usize, usize, usize); 11] = [
    (1, 1, 1),
    (1, 1, 4),
    (9, 1, 2),
    (1, 9, 3),
    (2, 3, 1),
    (4, 2, 4),
    (6, 5, 3),
    (13, 4, 2),
    (70, 3, 1),
    (29, 11, 4),
    (40, 20, 3),
];

fn check_type<T: Random>() {
    check_against_reference::<T>(&[3, 5, 7, 9, 15], &SHAPES);
    // Every side from 11 to 29 (each its own rank), on frames smaller and
    // larger than the window.
    check_against_reference::<T>(&[11, 13, 17, 19, 21, 23, 25, 27, 29], &SHAPES[..8]);
    check_against_reference::<T>(&[11, 13, 21, 29], &[(30, 31, 1)]);
    // The larger sides on all but the largest frames, whose reference takes long.
    check_against_reference::<T>(&[31, 33], &SHAPES[..9]);
    check_against_reference::<T>(&[31], &[(36, 8, 2)]);
    // Windows far larger than the frame, up to the largest side.
    check_against_reference::<T>(&[63], &[(70, 5, 1)]);
    check_against_reference::<T>(&[255], &[(1, 1, 1), (3, 2, 2), (9, 4, 1)]);
}

/// Rows of the 3×3 and 5×5 networks: wider than a chunk (from 128 bytes
/// of keys on), and wider than a block (16 KiB of keys over three rows).
const WIDE_SHAPES: [(usize, usize, usize); 7] = [
    (140, 4, 1),
    (70, 3, 2),
    (47, 5, 3),
    (37, 4, 4),
    (1500, 3, 1),
    (700, 2, 3),
    (5600, 2, 1),
];

/// The networks on wide rows through every path the CPU has, on 1, 2 and 3
/// threads, against the definition.
fn check_wide<T: Random>() {
    for &(width, height, channels) in &WIDE_SHAPES {
        let spec = ImageSpec::new(width, height, channels, T::TYPE).unwrap();
        for side in [3, 5] {
            for few in [false, true] {
                let src = frame::<T>(spec, few, (width * 17 + channels + side) as u64);
                let want = reference(&src, spec, side);
                for isa in crate::simd::Isa::ALL
                    .into_iter()
                    .filter(|isa| isa.is_available())
                {
                    for threads in [1, 2, 3] {
                        let mut workspace = Workspace::with_isa(isa).unwrap();
                        workspace.set_threads(Some(threads));
                        let mut got = vec![T::default(); src.len()];
                        let image = ImageRef::new(spec, &src, "input").unwrap();
                        let out = ImageMut::new(spec, &mut got, "output").unwrap();
                        let params = MedianParams { ksize: side as u32 };
                        median_blur(image, out, &params, &mut workspace).unwrap();
                        let what = format!(
                            "{side}×{side} on {isa:?}, {threads} threads (few values: {few})"
                        );
                        assert_same(&got, &want, spec, &what);
                    }
                }
            }
        }
    }
}

#[test]
fn wide_rows_match_the_definition_on_every_path_and_thread_count() {
    check_wide::<u8>();
    check_wide::<u16>();
    check_wide::<i16>();
    check_wide::<f32>();
}

#[test]
fn u8_medians_match_the_definition() {
    check_type::<u8>();
}

#[test]
fn u16_medians_match_the_definition() {
    check_type::<u16>();
}

#[test]
fn i16_medians_match_the_definition() {
    check_type::<i16>();
}

#[test]
fn f32_medians_match_the_definition_in_total_order() {
    check_type::<f32>();
}

/// Stripes of any width, down to one pixel, give the same medians.
fn check_stripes<T: Random>() {
    let spec = ImageSpec::new(50, 9, 3, T::TYPE).unwrap();
    for side in [3, 9, 31] {
        let src = frame::<T>(spec, false, 3 + side as u64);
        let want = reference(&src, spec, side);
        for method in methods_for::<T>(side) {
            for stripe in [1, 2, 7, 24] {
                let got = compute_in_stripes(method, &src, spec, side, stripe);
                let what = format!("{method:?} {side}×{side} in stripes of {stripe}");
                assert_same(&got, &want, spec, &what);
            }
        }
    }
}

#[test]
fn stripes_of_any_width_agree() {
    check_stripes::<u8>();
    check_stripes::<u16>();
    check_stripes::<i16>();
    check_stripes::<f32>();
}

/// Rows computed in strips, in any order and with a workspace that other
/// strips used before, equal one call over the frame.
fn check_strips<T: Random>() {
    let spec = ImageSpec::new(37, 23, 3, T::TYPE).unwrap();
    let height = spec.height();
    for side in [3, 5, 7, 9, 15, 31] {
        let src = frame::<T>(spec, false, side as u64);
        for method in methods_for::<T>(side) {
            let whole = compute(method, &src, spec, side, 0..height, &mut Workspace::new());
            let splits: [&[usize]; 4] = [&[1], &[11], &[height - 1], &[2, 3, 4, 17]];
            for cuts in splits {
                let bounds: Vec<usize> = [0].iter().chain(cuts).chain([&height]).copied().collect();
                let mut strips = vec![T::default(); whole.len()];
                let mut workspace = Workspace::new();
                // Last strip first, so no strip follows the one above it.
                for pair in bounds.windows(2).rev() {
                    let rows = pair[0]..pair[1];
                    let part = compute(method, &src, spec, side, rows.clone(), &mut workspace);
                    let row_len = spec.row_len();
                    strips[rows.start * row_len..rows.end * row_len].copy_from_slice(&part);
                }
                let what = format!("{method:?} {side}×{side} in strips at {cuts:?}");
                assert_same(&strips, &whole, spec, &what);
            }
        }
    }
}

#[test]
fn strips_equal_one_call() {
    check_strips::<u8>();
    check_strips::<u16>();
    check_strips::<i16>();
    check_strips::<f32>();
}

#[test]
fn the_chosen_method_takes_every_type_and_side() {
    for pixel_type in PixelType::ALL {
        for side in (3..=MAX_MEDIAN_KSIZE as usize).step_by(2) {
            let method = Method::choose(pixel_type, side);
            assert!(
                method.supports(pixel_type, side),
                "{method:?} {pixel_type} {side}"
            );
        }
    }
}

#[test]
fn median_blur_uses_the_chosen_method_and_checks_its_inputs() {
    let spec = ImageSpec::new(21, 8, 2, PixelType::U16).unwrap();
    let src = frame::<u16>(spec, false, 5);
    let mut dst = vec![0u16; src.len()];
    let mut workspace = Workspace::new();
    for ksize in [3, 5, 7, 17] {
        let image = ImageRef::new(spec, &src, "input").unwrap();
        let out = ImageMut::new(spec, &mut dst, "output").unwrap();
        median_blur(image, out, &MedianParams { ksize }, &mut workspace).unwrap();
        assert_same(
            &dst,
            &reference(&src, spec, ksize as usize),
            spec,
            "median_blur",
        );
    }
    for ksize in [1, 4, 257] {
        let image = ImageRef::new(spec, &src, "input").unwrap();
        let out = ImageMut::new(spec, &mut dst, "output").unwrap();
        let error = median_blur(image, out, &MedianParams { ksize }, &mut workspace).unwrap_err();
        assert_eq!(error.code(), "ERR_PIXCHAIN_PARAM");
    }
    let narrower = ImageSpec::new(20, 8, 2, PixelType::U16).unwrap();
    let image = ImageRef::new(spec, &src, "input").unwrap();
    let out = ImageMut::new(narrower, &mut dst[..20 * 8 * 2], "output").unwrap();
    let error = median_blur(image, out, &MedianParams::default(), &mut workspace).unwrap_err();
    assert_eq!(error.code(), "ERR_PIXCHAIN_SHAPE");
}

#[test]
fn repeated_calls_allocate_nothing_more() {
    let spec = ImageSpec::new(300, 40, 4, PixelType::U16).unwrap();
    let src = frame::<u16>(spec, false, 9);
    for side in [3, 9, 31] {
        for method in methods_for::<u16>(side) {
            let mut workspace = Workspace::new();
            compute(method, &src, spec, side, 0..40, &mut workspace);
            let allocations = workspace.allocations();
            compute(method, &src, spec, side, 0..40, &mut workspace);
            compute(method, &src, spec, side, 3..17, &mut workspace);
            assert_eq!(workspace.allocations(), allocations, "{method:?} {side}");
        }
    }
}

#[test]
fn f32_keys_order_as_total_cmp_and_map_back() {
    let mut rng = Rng::new(17);
    let values: Vec<f32> = F32_SPECIAL
        .iter()
        .map(|&bits| f32::from_bits(bits))
        .chain((0..2000).map(|_| f32::spread(&mut rng)))
        .collect();
    for a in &values {
        assert_eq!(f32::from_key(a.key()).to_bits(), a.to_bits());
        for b in values.iter().step_by(7) {
            assert_eq!(a.key().cmp(&b.key()), a.total_cmp(b), "{a:?} {b:?}");
        }
    }
    assert_eq!(f32::from_bits(0xffff_ffff).key(), i32::MIN);
    assert_eq!(f32::from_bits(0x7fff_ffff).key(), i32::MAX);
}

#[test]
fn i16_bins_order_as_i16() {
    use histogram::Bins;
    let values = [i16::MIN, -300, -1, 0, 1, 255, 256, i16::MAX];
    for pair in values.windows(2) {
        assert!(pair[0].bin() < pair[1].bin(), "{pair:?}");
    }
    for v in values {
        assert_eq!(i16::from_bin(v.bin()), v);
    }
}

/// A compare-exchange network selects the median of any input if it does of
/// every input of zeros and ones (the 0-1 principle). Here each input bit
/// is a lane of a u64, so 64 inputs go through the network at once, min and
/// max becoming and and or.
fn check_network<const N: usize>(exchanges: &[(usize, usize)]) {
    // Inputs 0..2^N: input i gives position p bit p of i. The low 6 bits
    // vary across the lanes of a batch, the others across batches.
    let lane_bits: [u64; 6] = std::array::from_fn(|p| {
        (0..64)
            .filter(|lane| lane >> p & 1 == 1)
            .fold(0, |bits, lane| bits | 1 << lane)
    });
    // Lanes whose low 6 bits have at least `n` ones.
    let at_least: [u64; 8] = std::array::from_fn(|n| {
        (0..64u64)
            .filter(|lane| lane.count_ones() as usize >= n)
            .fold(0, |bits, lane| bits | 1 << lane)
    });
    for batch in 0u64..1 << (N - 6) {
        let mut p: [u64; N] = std::array::from_fn(|i| {
            if i < 6 {
                lane_bits[i]
            } else if batch >> (i - 6) & 1 == 1 {
                !0
            } else {
                0
            }
        });
        for &(a, b) in exchanges {
            (p[a], p[b]) = (p[a] & p[b], p[a] | p[b]);
        }
        // The median of N bits is 1 when more than half of them are.
        let needed = (N / 2 + 1).saturating_sub(batch.count_ones() as usize);
        let want = if needed > 6 { 0 } else { at_least[needed] };
        assert_eq!(
            p[N / 2],
            want,
            "inputs {}..{}",
            batch << 6,
            (batch + 1) << 6
        );
    }
}

#[test]
fn the_network_selects_the_median_of_every_input() {
    check_network::<25>(&TWENTY_FIVE);
}

/// Sorted lists of zeros and ones: `ones` ones at the top of `N`.
fn zeros_then_ones<const N: usize>(ones: usize) -> [u8; N] {
    std::array::from_fn(|i| u8::from(i >= N - ones))
}

#[test]
fn the_merged_columns_networks_sort_merge_and_select_every_input() {
    // By the 0-1 principle, each network is right for all inputs when it
    // is for those of zeros and ones, which are few here.
    for bits in 0u32..1 << 5 {
        let p: [u8; 5] = std::array::from_fn(|i| (bits >> i & 1) as u8);
        let mut want = p;
        want.sort_unstable();
        assert_eq!(columns5::sort5(p), want, "{p:?}");
    }
    for (a, b) in (0..=5).flat_map(|a| (0..=5).map(move |b| (a, b))) {
        let (a, b) = (zeros_then_ones::<5>(a), zeros_then_ones::<5>(b));
        let mut want = [0; 10];
        want[..5].copy_from_slice(&a);
        want[5..].copy_from_slice(&b);
        want.sort_unstable();
        assert_eq!(columns5::merge5(a, b), want, "{a:?} {b:?}");
    }
    for l in 0..=10 {
        for r in 0..=10 {
            for c in 0..=5 {
                let ones = l + r + c;
                let want = u8::from(ones > 12);
                let (l, r) = (zeros_then_ones::<10>(l), zeros_then_ones::<10>(r));
                let c = zeros_then_ones::<5>(c);
                assert_eq!(
                    columns5::median_of_merged(l, r, c),
                    want,
                    "{l:?} {r:?} {c:?}"
                );
            }
        }
    }
}
