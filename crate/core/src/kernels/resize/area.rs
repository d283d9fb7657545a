//! `INTER_AREA` when it shrinks: each output pixel is the mean of the source
//! area it covers. By whole factors, OpenCV's `resizeAreaFast_` (sums of
//! `kx`×`ky` cells); otherwise `resizeArea_`, with per-pixel weights for
//! the cells' partly covered edges, in f32.

use super::Scale;
use crate::simd::dispatch;
use crate::{ImageMut, ImageRef, Pixel, PixelType, Workspace};

/// Means of `kx`×`ky` cells. OpenCV rounds the 2×2 means of integer
/// frames of 1, 3 and 4 channels as `(sum + 2) >> 2`, and the rest as
/// `sum · (1 / area)` in f32, rounded half to even.
pub(super) fn whole_factors<T: Pixel>(
    src: ImageRef<T>,
    dst: ImageMut<T>,
    kx: usize,
    ky: usize,
    workspace: &mut Workspace,
) {
    let cn = src.spec().channels();
    let halves = kx == 2 && ky == 2 && cn != 2 && T::TYPE != PixelType::F32;
    workspace.split(0, 0).1.run(dst, |mut strip, _| {
        let isa = strip.isa();
        for y in strip.rows() {
            let out = strip.row_mut(y);
            if halves {
                let (r0, r1) = (src.row(2 * y), src.row(2 * y + 1));
                match cn {
                    1 => dispatch!(isa, halve::<T, 1>(r0, r1, out)),
                    3 => dispatch!(isa, halve::<T, 3>(r0, r1, out)),
                    _ => dispatch!(isa, halve::<T, 4>(r0, r1, out)),
                }
            } else {
                dispatch!(isa, cell_means(src, y, out, (kx, ky), cn));
            }
        }
    });
}

/// `(a + b + c + d + 2) >> 2` over 2×2 cells of pixels of `N` samples.
#[inline(always)]
fn halve<T: Pixel, const N: usize>(r0: &[T], r1: &[T], out: &mut [T]) {
    for ((out, top), bottom) in out
        .chunks_exact_mut(N)
        .zip(r0.chunks_exact(2 * N))
        .zip(r1.chunks_exact(2 * N))
    {
        for c in 0..N {
            let sum =
                top[c].to_i64() + top[N + c].to_i64() + bottom[c].to_i64() + bottom[N + c].to_i64();
            out[c] = T::saturate_i32(((sum + 2) >> 2) as i32);
        }
    }
}

/// Output row `y` as OpenCV's generic loop makes it: each cell summed row
/// by row, four samples at a time (in the samples' own arithmetic: ints
/// for integer types, which u8 keeps for the whole sum; f32 otherwise),
/// then multiplied by `1 / area` in f32.
#[inline(always)]
fn cell_means<T: Pixel>(
    src: ImageRef<T>,
    y: usize,
    out: &mut [T],
    (kx, ky): (usize, usize),
    cn: usize,
) {
    let area = kx * ky;
    let scale = 1.0 / area as f32;
    let cell = |x: usize, c: usize, k: usize| src.row(y * ky + k / kx)[(x * kx + k % kx) * cn + c];
    for (i, out) in out.iter_mut().enumerate() {
        let (x, c) = (i / cn, i % cn);
        let mean = match T::TYPE {
            PixelType::U8 => {
                let sum: i64 = (0..area).map(|k| cell(x, c, k).to_i64()).sum();
                sum as f32 * scale
            }
            PixelType::F32 => {
                let mut sum = 0f32;
                let mut k = 0;
                while k + 4 <= area {
                    let v = |j| cell(x, c, k + j).to_f32();
                    sum += v(0) + v(1) + v(2) + v(3);
                    k += 4;
                }
                for k in k..area {
                    sum += cell(x, c, k).to_f32();
                }
                sum * scale
            }
            _ => {
                let mut sum = 0f32;
                let mut k = 0;
                while k + 4 <= area {
                    let four: i64 = (k..k + 4).map(|k| cell(x, c, k).to_i64()).sum();
                    sum += four as f32;
                    k += 4;
                }
                for k in k..area {
                    sum += cell(x, c, k).to_f32();
                }
                sum * scale
            }
        };
        *out = T::saturate_f32(mean);
    }
}

/// One term of OpenCV's `DecimateAlpha` tables: output `out` takes source
/// `source` with weight `alpha`.
#[derive(Clone, Copy, Debug, Default, bytemuck::Pod, bytemuck::Zeroable)]
#[repr(C)]
struct Term {
    out: usize,
    source: usize,
    alpha: f32,
    _pad: u32,
}

/// OpenCV's `computeResizeAreaTab`: the terms of every output along one
/// axis, in order; returns how many were written.
fn area_terms(src_len: usize, dst_len: usize, scale: f64, terms: &mut [Term]) -> usize {
    let mut k = 0;
    let mut push = |out: usize, source: usize, alpha: f64| {
        terms[k] = Term {
            out,
            source,
            alpha: alpha as f32,
            _pad: 0,
        };
        k += 1;
    };
    let size = src_len as f64;
    for d in 0..dst_len {
        let fs1 = d as f64 * scale;
        let fs2 = fs1 + scale;
        let cell = scale.min(size - fs1);
        let s2 = (fs2.floor() as usize).min(src_len - 1);
        let s1 = (fs1.ceil() as usize).min(s2);
        if s1 as f64 - fs1 > 1e-3 {
            push(d, s1 - 1, (s1 as f64 - fs1) / cell);
        }
        for s in s1..s2 {
            push(d, s, 1.0 / cell);
        }
        if fs2 - s2 as f64 > 1e-3 {
            push(d, s2, (fs2 - s2 as f64).min(1.0).min(cell) / cell);
        }
    }
    k
}

/// Means over fractional areas: OpenCV's `resizeArea_` with f32 sums.
pub(super) fn fractional<T: Pixel>(src: ImageRef<T>, dst: ImageMut<T>, workspace: &mut Workspace) {
    let (s, d) = (src.spec(), dst.spec());
    let scale = Scale::of(s, d);
    // Each output takes at most two partial sources besides the whole ones.
    let (nx, ny) = (s.width() + 2 * d.width(), s.height() + 2 * d.height());
    let bytes = (nx + ny) * size_of::<Term>() + (d.height() + 1) * size_of::<usize>();
    let (mut carver, strips) = workspace.split(3, bytes);
    let across = carver.take::<Term>(nx);
    let count = area_terms(s.width(), d.width(), scale.x, across);
    let across = &across[..count];
    let down = carver.take::<Term>(ny);
    let count = area_terms(s.height(), d.height(), scale.y, down);
    let down = &down[..count];
    // `starts[y]..starts[y + 1]`: the terms of output row `y`.
    let starts = carver.take::<usize>(d.height() + 1);
    let mut row = 0;
    for (k, term) in down.iter().enumerate() {
        if k == 0 || term.out != down[k - 1].out {
            starts[row] = k;
            row += 1;
        }
    }
    starts[row] = down.len();
    let starts = &*starts;
    let cn = s.channels();
    let row_len = d.row_len();
    strips.run(dst, |mut strip, workspace| {
        let isa = strip.isa();
        let mut carver = workspace.carve(2, 2 * row_len * size_of::<f32>());
        let (line, sum) = (carver.take::<f32>(row_len), carver.take::<f32>(row_len));
        for y in strip.rows() {
            for (k, term) in down[starts[y]..starts[y + 1]].iter().enumerate() {
                let (from, to) = (src.row(term.source), &mut *line);
                match cn {
                    1 => dispatch!(isa, across_terms::<T, 1>(from, to, across)),
                    2 => dispatch!(isa, across_terms::<T, 2>(from, to, across)),
                    3 => dispatch!(isa, across_terms::<T, 3>(from, to, across)),
                    _ => dispatch!(isa, across_terms::<T, 4>(from, to, across)),
                }
                let (from, to) = (&*line, &mut *sum);
                dispatch!(isa, add_row(from, term.alpha, to, k == 0));
            }
            let (sum, out) = (&*sum, strip.row_mut(y));
            dispatch!(isa, store(sum, out));
        }
    });
}

/// `line[out] = Σ row[source] · alpha` over the terms, in their order.
#[inline(always)]
fn across_terms<T: Pixel, const N: usize>(row: &[T], line: &mut [f32], terms: &[Term]) {
    line.fill(0.0);
    for term in terms {
        let (at, to) = (term.source * N, term.out * N);
        for c in 0..N {
            line[to + c] += row[at + c].to_f32() * term.alpha;
        }
    }
}

/// `sum = beta · line` for a row's first term, `sum += beta · line` after.
#[inline(always)]
fn add_row(line: &[f32], beta: f32, sum: &mut [f32], first: bool) {
    if first {
        for (sum, &v) in sum.iter_mut().zip(line) {
            *sum = beta * v;
        }
    } else {
        for (sum, &v) in sum.iter_mut().zip(line) {
            *sum += beta * v;
        }
    }
}

#[inline(always)]
fn store<T: Pixel>(sum: &[f32], out: &mut [T]) {
    for (out, &v) in out.iter_mut().zip(sum) {
        *out = T::saturate_f32(v);
    }
}
