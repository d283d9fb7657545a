//! The loop `extractChannel` and `reorderChannels` share: output sample `k`
//! of each pixel is input sample `order[k]` of the same pixel.

use crate::simd::{Isa, dispatch};

/// `dst[p·M + k] = src[p·N + order[k]]` for every pixel `p`, where the
/// input has `n` samples a pixel and `order.len()` is the output's (both
/// 1–4, every `order[k] < n`).
pub(crate) fn gather<T: Copy>(isa: Isa, src: &[T], n: usize, dst: &mut [T], order: &[usize]) {
    // Fixed pixel sizes let the compiler unroll (and for some, vectorize)
    // the shuffle; a macro spells out the sixteen pairs.
    macro_rules! by_sizes {
        ($(($n:literal, $m:literal)),*) => {
            match (n, order.len()) {
                $(($n, $m) => {
                    let order: [usize; $m] = std::array::from_fn(|k| order[k]);
                    dispatch!(isa, pixels::<T, $n, $m>(src, dst, order))
                })*
                _ => unreachable!("1 to 4 channels in and out"),
            }
        };
    }
    by_sizes!(
        (1, 1),
        (1, 2),
        (1, 3),
        (1, 4),
        (2, 1),
        (2, 2),
        (2, 3),
        (2, 4),
        (3, 1),
        (3, 2),
        (3, 3),
        (3, 4),
        (4, 1),
        (4, 2),
        (4, 3),
        (4, 4)
    );
}

#[inline(always)]
fn pixels<T: Copy, const N: usize, const M: usize>(src: &[T], dst: &mut [T], order: [usize; M]) {
    for (pixel, out) in src.chunks_exact(N).zip(dst.chunks_exact_mut(M)) {
        let pixel: &[T; N] = pixel.try_into().expect("N samples");
        for (out, &from) in out.iter_mut().zip(&order) {
            *out = pixel[from];
        }
    }
}
