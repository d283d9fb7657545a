//! `INTER_LINEAR`, `INTER_CUBIC`, and `INTER_AREA` when it enlarges: OpenCV's
//! `resizeGeneric_`. Each source row a strip needs is resized across once
//! into a cached row; each output row is a weighted sum of 2 or 4 of them.
//! u8 runs in OpenCV's fixed point (11-bit weights, i32 rows); the other
//! types in f32, in OpenCV's order of operations.

use std::ops::Add;

use bytemuck::Pod;

use super::Scale;
use super::sample_taps::SampleTaps;
use crate::simd::{Isa, dispatch};
use crate::{ImageMut, ImageRef, Pixel, PixelType, Workspace};

/// Which weights the taps get.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Two taps, `1 − f` and `f`.
    Linear,
    /// Four taps of Keys' cubic with a = −0.75.
    Cubic,
    /// `INTER_AREA` enlarging: two taps placed by the cells' overlap.
    AreaUp,
}

/// Fixed-point weights of u8: `INTER_RESIZE_COEF_BITS`.
const COEF_BITS: u32 = 11;
const COEF_SCALE: f32 = (1 << COEF_BITS) as f32;

impl Kind {
    fn taps(self) -> usize {
        match self {
            Kind::Cubic => 4,
            _ => 2,
        }
    }

    /// The first source index of output index `d`'s taps (before the clamp
    /// at the frame's edges) and the fraction between it and the next.
    fn position(self, d: usize, scale: f64, inv_scale: f64) -> (isize, f32) {
        if self == Kind::AreaUp {
            let s = (d as f64 * scale).floor();
            let f = ((d + 1) as f64 - (s + 1.0) * inv_scale) as f32;
            (s as isize, if f <= 0.0 { 0.0 } else { f - f.floor() })
        } else {
            let f = ((d as f64 + 0.5) * scale - 0.5) as f32;
            let s = f.floor();
            (s as isize, f - s)
        }
    }

    fn weights(self, f: f32) -> [f32; 4] {
        match self {
            Kind::Cubic => cubic_weights(f),
            _ => [1.0 - f, f, 0.0, 0.0],
        }
    }
}

/// OpenCV's `interpolateCubic`, in f32 and in its order of operations.
pub(super) fn cubic_weights(x: f32) -> [f32; 4] {
    const A: f32 = -0.75;
    let c0 = ((A * (x + 1.0) - 5.0 * A) * (x + 1.0) + 8.0 * A) * (x + 1.0) - 4.0 * A;
    let c1 = ((A + 2.0) * x - (A + 3.0)) * x * x + 1.0;
    let c2 = ((A + 2.0) * (1.0 - x) - (A + 3.0)) * (1.0 - x) * (1.0 - x) + 1.0;
    let c3 = 1.0 - c0 - c1 - c2;
    [c0, c1, c2, c3]
}

/// A row sample and a weight: i32 for u8 (fixed point), f32 otherwise.
pub(super) trait Tap: Pod + Default + Send + Sync + Add<Output = Self> {
    /// The weight 1: `INTER_RESIZE_COEF_SCALE` in fixed point.
    const ONE: Self;
    fn from_weight(weight: f32) -> Self;
    /// `sample × weight`, as OpenCV's horizontal pass multiplies.
    fn times<T: Pixel>(sample: T, weight: Self) -> Self;
}

impl Tap for i32 {
    const ONE: Self = 1 << COEF_BITS;

    /// `saturate_cast<short>(weight · 2048)`.
    fn from_weight(weight: f32) -> Self {
        (weight * COEF_SCALE)
            .round_ties_even()
            .clamp(i16::MIN.into(), i16::MAX.into()) as i32
    }

    #[inline(always)]
    fn times<T: Pixel>(sample: T, weight: Self) -> Self {
        (sample.to_i64() as i32).wrapping_mul(weight)
    }
}

impl Tap for f32 {
    const ONE: Self = 1.0;

    fn from_weight(weight: f32) -> Self {
        weight
    }

    #[inline(always)]
    fn times<T: Pixel>(sample: T, weight: Self) -> Self {
        sample.to_f32() * weight
    }
}

/// What a cached row keeps of each horizontal sum `W`.
pub(super) trait Kept<W>: Pod + Default + Send + Sync {
    fn keep(sum: W) -> Self;
}

impl Kept<i32> for i32 {
    #[inline(always)]
    fn keep(sum: i32) -> Self {
        sum
    }
}

impl Kept<f32> for f32 {
    #[inline(always)]
    fn keep(sum: f32) -> Self {
        sum
    }
}

/// u8 with two taps: OpenCV's vertical pass reads only `sum >> 4`, which
/// fits 16 bits (≤ 255 · 2049 / 16), so rows hold that and the pass runs
/// on 16-bit lanes.
impl Kept<i32> for i16 {
    #[inline(always)]
    fn keep(sum: i32) -> Self {
        (sum >> 4) as i16
    }
}

/// The taps along one axis: for output index `d`, the first source index
/// `first[d]` and `taps` weights from `weights[d · taps]`.
#[derive(Clone, Copy)]
pub(super) struct Axis<'a, W> {
    pub(super) first: &'a [isize],
    pub(super) weights: &'a [W],
    /// Outputs whose taps all lie inside the source (across only).
    pub(super) inner: (usize, usize),
}

impl<'a, W: Tap> Axis<'a, W> {
    /// The fixed-point taps of u8 (`W` = i32) as such.
    fn fixed_point(self) -> Axis<'a, i32> {
        debug_assert_eq!(size_of::<W>(), size_of::<i32>());
        Axis {
            first: self.first,
            weights: bytemuck::cast_slice(self.weights),
            inner: self.inner,
        }
    }
}

/// Fills `first` and `weights` for `dst_len` outputs from `src_len`
/// sources. Across (`across`), OpenCV also clamps the linear taps at the
/// edges and finds the range of outputs whose taps all lie inside.
fn axis<'a, W: Tap>(
    kind: Kind,
    (src_len, dst_len): (usize, usize),
    (scale, inv_scale): (f64, f64),
    across: bool,
    first: &'a mut [isize],
    weights: &'a mut [W],
) -> Axis<'a, W> {
    let taps = kind.taps();
    let half = (taps / 2) as isize;
    let last = src_len as isize - 1;
    let (mut lo, mut hi) = (0, dst_len);
    for d in 0..dst_len {
        let (mut s, mut f) = kind.position(d, scale, inv_scale);
        if across {
            if s < half - 1 {
                lo = d + 1;
                if s < 0 && kind != Kind::Cubic {
                    (s, f) = (0, 0.0);
                }
            }
            if s + half > last {
                hi = hi.min(d);
                if s >= last && kind != Kind::Cubic {
                    (s, f) = (last, 0.0);
                }
            }
        }
        first[d] = s;
        let w = kind.weights(f);
        for (out, &w) in weights[d * taps..(d + 1) * taps].iter_mut().zip(&w) {
            *out = W::from_weight(w);
        }
    }
    Axis {
        first,
        weights,
        inner: (lo, hi),
    }
}

/// Resizes `src` into `dst` with `kind`'s taps.
pub(super) fn resize<T: Pixel>(
    src: ImageRef<T>,
    dst: ImageMut<T>,
    kind: Kind,
    workspace: &mut Workspace,
) {
    match (T::TYPE, kind) {
        (PixelType::U8, Kind::Cubic) => resize_with::<T, i32, i32>(src, dst, kind, workspace),
        (PixelType::U8, _) => resize_with::<T, i32, i16>(src, dst, kind, workspace),
        _ => resize_with::<T, f32, f32>(src, dst, kind, workspace),
    }
}

fn resize_with<T: Pixel, W: Tap, R: Kept<W>>(
    src: ImageRef<T>,
    dst: ImageMut<T>,
    kind: Kind,
    workspace: &mut Workspace,
) {
    let (s, d) = (src.spec(), dst.spec());
    let scale = Scale::of(s, d);
    let taps = kind.taps();
    let (dw, dh) = (d.width(), d.height());
    let cn = s.channels();
    let gathers = gathers_across::<T>(kind, workspace.isa());
    let gathered_bytes = if gathers { dw * cn * 8 } else { 0 };
    let bytes = (dw + dh) * (size_of::<isize>() + taps * size_of::<W>()) + gathered_bytes;
    let (mut carver, strips) = workspace.split(6, bytes);
    let across = axis::<W>(
        kind,
        (s.width(), dw),
        (scale.x, scale.inv_x),
        true,
        carver.take(dw),
        carver.take(dw * taps),
    );
    let down = axis::<W>(
        kind,
        (s.height(), dh),
        (scale.y, scale.inv_y),
        false,
        carver.take(dh),
        carver.take(dh * taps),
    );
    let sample_taps = gathers.then(|| {
        SampleTaps::new(
            across.fixed_point(),
            cn,
            s.row_len(),
            carver.take(dw * cn),
            carver.take(dw * cn),
        )
    });
    let row_len = d.row_len();
    strips.run(dst, |mut strip, workspace| {
        let isa = strip.isa();
        let mut carver = workspace.carve(1, taps * row_len * size_of::<R>());
        let buffer = carver.take::<R>(taps * row_len);
        // `held[k]`: the source row in slot `slot[k]`; rows only move down
        // as the strip does, so a row still needed moves to a lower tap.
        let mut held = [usize::MAX; 4];
        let mut slot = [0, 1, 2, 3];
        for y in strip.rows() {
            let top = down.first[y] - (taps / 2) as isize + 1;
            for k in 0..taps {
                let sy = (top + k as isize).clamp(0, s.height() as isize - 1) as usize;
                if let Some(j) = (k..taps).find(|&j| held[j] == sy) {
                    held.swap(j, k);
                    slot.swap(j, k);
                    continue;
                }
                held[k] = sy;
                let out = &mut buffer[slot[k] * row_len..(slot[k] + 1) * row_len];
                let row = src.row(sy);
                if let Some(taps) = &sample_taps {
                    across_gathered(
                        bytemuck::cast_slice(row),
                        bytemuck::cast_slice_mut(out),
                        across.fixed_point(),
                        taps,
                    );
                    continue;
                }
                match (kind, cn) {
                    (Kind::Cubic, _) => dispatch!(isa, across_cubic(row, out, across, cn)),
                    (_, 1) => dispatch!(isa, across_linear::<T, W, R, 1>(row, out, across)),
                    (_, 2) => dispatch!(isa, across_linear::<T, W, R, 2>(row, out, across)),
                    (_, 3) => dispatch!(isa, across_linear::<T, W, R, 3>(row, out, across)),
                    _ => dispatch!(isa, across_linear::<T, W, R, 4>(row, out, across)),
                }
            }
            let row_at = |k: usize| &buffer[slot[k] * row_len..(slot[k] + 1) * row_len];
            let beta = &down.weights[y * taps..(y + 1) * taps];
            let out = strip.row_mut(y);
            if taps == 2 {
                dispatch!(isa, down_linear(row_at(0), row_at(1), beta, out));
            } else {
                dispatch!(
                    isa,
                    down_cubic([row_at(0), row_at(1), row_at(2), row_at(3)], beta, out)
                );
            }
        }
    });
}

/// Whether u8 rows are resized across with vector gathers ([`across_gathered`]).
fn gathers_across<T: Pixel>(kind: Kind, isa: Isa) -> bool {
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    if T::TYPE == PixelType::U8 && kind != Kind::Cubic {
        return isa.runs_avx2() && crate::simd::x86::has_avx2();
    }
    let _ = (kind, isa);
    false
}

/// [`across_linear`] for u8 with vector gathers: the samples they reach,
/// then the rest and the edges as `across_linear` computes them.
fn across_gathered(row: &[u8], out: &mut [i16], axis: Axis<'_, i32>, taps: &SampleTaps<'_>) {
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    // SAFETY: `taps` exists only when the CPU has AVX2 (`gathers_across`).
    let done = unsafe { super::x86::across_linear_u8(row, out, taps) };
    #[cfg(not(any(target_arch = "x86", target_arch = "x86_64")))]
    let done = 0;
    let cn = taps.channels();
    for (i, at, pair) in taps.rest(done) {
        let (w0, w1) = (i32::from(pair as i16), pair >> 16);
        let at = at as usize;
        out[i] = i16::keep(i32::times(row[at], w0) + i32::times(row[at + cn], w1));
    }
    across_edges(row, out, axis, cn);
}

/// One source row resized across with two taps: OpenCV's `HResizeLinear`.
#[inline(always)]
fn across_linear<T: Pixel, W: Tap, R: Kept<W>, const N: usize>(
    row: &[T],
    out: &mut [R],
    axis: Axis<'_, W>,
) {
    for ((pixel, &first), w) in out[..axis.inner.1 * N]
        .chunks_exact_mut(N)
        .zip(axis.first)
        .zip(axis.weights.chunks_exact(2))
    {
        let at = first as usize * N;
        let (left, right) = (&row[at..at + N], &row[at + N..at + 2 * N]);
        for c in 0..N {
            pixel[c] = R::keep(W::times(left[c], w[0]) + W::times(right[c], w[1]));
        }
    }
    across_edges(row, out, axis, N);
}

/// The outputs past the inner ones, whose taps reach past the row's end:
/// each its (clamped) first source pixel at full weight, as OpenCV's
/// `HResizeLinear` finishes a row.
#[inline(always)]
fn across_edges<T: Pixel, W: Tap, R: Kept<W>>(
    row: &[T],
    out: &mut [R],
    axis: Axis<'_, W>,
    cn: usize,
) {
    let inner = axis.inner.1;
    for (pixel, &first) in out[inner * cn..]
        .chunks_exact_mut(cn)
        .zip(&axis.first[inner..])
    {
        let at = first as usize * cn;
        for (c, out) in pixel.iter_mut().enumerate() {
            *out = R::keep(W::times(row[at + c], W::ONE));
        }
    }
}

/// One source row resized across with four taps: OpenCV's `HResizeCubic`,
/// which clamps each tap to the row outside the inner range and sums from 0 there.
#[inline(always)]
fn across_cubic<T: Pixel, W: Tap, R: Kept<W>>(
    row: &[T],
    out: &mut [R],
    axis: Axis<'_, W>,
    cn: usize,
) {
    let last = (row.len() / cn) as isize - 1;
    let (lo, hi) = axis.inner;
    for (x, (pixel, w)) in out
        .chunks_exact_mut(cn)
        .zip(axis.weights.chunks_exact(4))
        .enumerate()
    {
        let first = axis.first[x] - 1;
        if (lo..hi).contains(&x) {
            let at = first as usize * cn;
            for (c, out) in pixel.iter_mut().enumerate() {
                let tap = |j: usize| W::times(row[at + j * cn + c], w[j]);
                *out = R::keep(tap(0) + tap(1) + tap(2) + tap(3));
            }
        } else {
            for (c, out) in pixel.iter_mut().enumerate() {
                let mut sum = W::default();
                for (j, &w) in w.iter().enumerate() {
                    let at = (first + j as isize).clamp(0, last) as usize;
                    sum = sum + W::times(row[at * cn + c], w);
                }
                *out = R::keep(sum);
            }
        }
    }
}

/// Sums of the rows down with two taps: OpenCV's `VResizeLinear`.
#[inline(always)]
fn down_linear<T: Pixel, W: Tap, R: Kept<W>>(r0: &[R], r1: &[R], beta: &[W], out: &mut [T]) {
    if T::TYPE == PixelType::U8 {
        // OpenCV's u8 form on the rows' `sum >> 4`: high halves of 16-bit
        // products, then a rounding shift.
        let (r0, r1): (&[i16], &[i16]) = (bytemuck::cast_slice(r0), bytemuck::cast_slice(r1));
        let weight = |k: usize| bytemuck::cast::<W, i32>(beta[k]) as i16;
        let (b0, b1) = (weight(0), weight(1));
        let high = |a: i16, b: i16| ((i32::from(a) * i32::from(b)) >> 16) as i16;
        for ((out, &a), &b) in out.iter_mut().zip(r0).zip(r1) {
            let v = (high(a, b0) + high(b, b1) + 2) >> 2;
            *out = T::saturate_i32(i32::from(v));
        }
        return;
    }
    let (r0, r1): (&[f32], &[f32]) = (bytemuck::cast_slice(r0), bytemuck::cast_slice(r1));
    let (b0, b1) = (
        bytemuck::cast::<W, f32>(beta[0]),
        bytemuck::cast::<W, f32>(beta[1]),
    );
    for ((out, &a), &b) in out.iter_mut().zip(r0).zip(r1) {
        *out = T::saturate_f32(a * b0 + b * b1);
    }
}

/// Sums of the rows down with four taps: OpenCV's `VResizeCubic`.
#[inline(always)]
fn down_cubic<T: Pixel, W: Tap, R: Kept<W>>(rows: [&[R]; 4], beta: &[W], out: &mut [T]) {
    if T::TYPE == PixelType::U8 {
        let rows: [&[i32]; 4] = rows.map(bytemuck::cast_slice);
        let b: [i32; 4] = std::array::from_fn(|k| bytemuck::cast::<W, i32>(beta[k]));
        for (x, out) in out.iter_mut().enumerate() {
            let sum = (rows[0][x].wrapping_mul(b[0]))
                .wrapping_add(rows[1][x].wrapping_mul(b[1]))
                .wrapping_add(rows[2][x].wrapping_mul(b[2]))
                .wrapping_add(rows[3][x].wrapping_mul(b[3]));
            *out = T::saturate_i32(sum.wrapping_add(1 << (2 * COEF_BITS - 1)) >> (2 * COEF_BITS));
        }
        return;
    }
    let rows: [&[f32]; 4] = rows.map(bytemuck::cast_slice);
    let b: [f32; 4] = std::array::from_fn(|k| bytemuck::cast::<W, f32>(beta[k]));
    for (x, out) in out.iter_mut().enumerate() {
        let sum = rows[0][x] * b[0] + rows[1][x] * b[1] + rows[2][x] * b[2] + rows[3][x] * b[3];
        *out = T::saturate_f32(sum);
    }
}
