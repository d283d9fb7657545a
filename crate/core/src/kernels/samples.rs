//! Sample-by-sample loops over whole frames, compiled for the SIMD path
//! the caller names (its workspace's): the point kernels are one function of each sample (or pair of
//! samples), which each path's compiler turns into vector code.

use bytemuck::Pod;

use super::past_cache::fill_past_cache;
use crate::simd::{Isa, dispatch};
use crate::{ImageMut, ImageRef, Pixel};

/// [`map_samples`] from `src` into `dst`, frames of the same shape: in one
/// run when `src`'s rows follow one another, else row by row (a strided view).
#[inline(always)]
pub(crate) fn map_frame<T: Pixel, U: Pixel>(
    isa: Isa,
    src: &ImageRef<T>,
    dst: &mut ImageMut<U>,
    f: impl Fn(T) -> U + Copy,
) {
    if src.is_contiguous() {
        return map_samples(isa, src.data(), dst.data_mut(), f);
    }
    for y in dst.rows() {
        map_samples(isa, src.row(y), dst.row_mut(y), f);
    }
}

/// Calls `f` on runs of `src`'s samples that hold each sample once, in
/// order: all at once, or row by row for a strided view.
pub(crate) fn for_each_run<'a, T: Pixel>(src: &ImageRef<'a, T>, mut f: impl FnMut(&'a [T])) {
    if src.is_contiguous() {
        return f(src.data());
    }
    for y in src.rows() {
        f(src.row(y));
    }
}

/// `dst[i] = f(src[i])` for every sample; a large `dst` is written past the caches.
#[inline(always)]
pub(crate) fn map_samples<T: Copy, U: Pod>(
    isa: Isa,
    src: &[T],
    dst: &mut [U],
    f: impl Fn(T) -> U + Copy,
) {
    // The loop is a call, not an expression, and takes `f` by value: its
    // arguments become locals of the path's function rather than loads from
    // a closure inside the loop.
    dispatch!(
        isa,
        fill_past_cache(dst, size_of_val(src), move |at, out| map_loop(
            &src[at.min(src.len())..],
            out,
            f
        ))
    )
}

/// `dst[i] = f(a[i], b[i])` for every sample.
#[inline(always)]
pub(crate) fn zip_samples<T: Copy, U>(
    isa: Isa,
    a: &[T],
    b: &[T],
    dst: &mut [U],
    f: impl Fn(T, T) -> U,
) {
    dispatch!(isa, zip_loop(a, b, dst, f))
}

#[inline(always)]
fn map_loop<T: Copy, U>(src: &[T], dst: &mut [U], f: impl Fn(T) -> U) {
    for (out, &x) in dst.iter_mut().zip(src) {
        *out = f(x);
    }
}

#[inline(always)]
fn zip_loop<T: Copy, U>(a: &[T], b: &[T], dst: &mut [U], f: impl Fn(T, T) -> U) {
    for ((out, &x), &y) in dst.iter_mut().zip(a).zip(b) {
        *out = f(x, y);
    }
}
