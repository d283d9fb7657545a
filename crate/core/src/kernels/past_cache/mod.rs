//! Outputs larger than the caches, written past them.
//!
//! A plain store first reads its cache line from memory to own it, then
//! writes it back: a point kernel over a frame larger than the caches moves
//! three frames' worth of bytes for its two. Non-temporal stores write whole
//! lines straight to memory. The kernel computes its samples into a small
//! buffer that stays in L1, and the buffer is streamed out to the output.
//! Which stores are used never changes a byte of the result.
//!
//! `map_samples` (threshold, clip, invert, gamma, the float conversions)
//! writes this way. The u8 tables, the u16 scale and grayscale store
//! plainly: the first two are bound by their arithmetic rather than memory,
//! and grayscale writes a third of what it reads; streamed, they measured
//! slower in `npm run bench`.

#[cfg(all(
    any(target_arch = "x86", target_arch = "x86_64"),
    target_feature = "sse2"
))]
mod x86;

use bytemuck::Pod;

/// Outputs smaller than this are always stored plainly.
const MIN_BYTES: usize = 2 << 20;

/// The cache size assumed when the CPU describes none.
const ASSUMED_CACHE_BYTES: usize = 8 << 20;

/// Whether a call reading `src_bytes` and writing `dst_bytes` streams its
/// output: when the bytes of every such call running at once (a frame split
/// into bands on the pool's threads) fit in half the largest cache, plain
/// stores leave the output there, where the next kernel, or the next call on
/// the same frames, finds it. With a 32 MiB cache, a one-channel u8
/// threshold ran 1.5× as fast with plain stores at 12–16 MiB read and
/// written, and as fast at 24 MiB; u16 at 32 MiB, f32 at 64 MiB and u8 at
/// 8K ran 1.1–1.3× as fast streamed.
fn streams(src_bytes: usize, dst_bytes: usize) -> bool {
    dst_bytes >= MIN_BYTES && (src_bytes + dst_bytes) * concurrent_calls() > cache_bytes() / 2
}

/// Calls running at once: the pool's threads inside it, else one.
fn concurrent_calls() -> usize {
    #[cfg(feature = "parallel")]
    if rayon::current_thread_index().is_some() {
        return rayon::current_num_threads();
    }
    1
}

/// Bytes of the CPU's largest cache, read once.
fn cache_bytes() -> usize {
    static BYTES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *BYTES.get_or_init(|| {
        #[cfg(all(
            any(target_arch = "x86", target_arch = "x86_64"),
            target_feature = "sse2"
        ))]
        let described = x86::largest_cache_bytes();
        #[cfg(not(all(
            any(target_arch = "x86", target_arch = "x86_64"),
            target_feature = "sse2"
        )))]
        let described = 0;
        if described == 0 {
            ASSUMED_CACHE_BYTES
        } else {
            described
        }
    })
}

/// Samples are made this many bytes at a time. Small chunks keep loads of
/// the source and streamed stores in flight together: 512 bytes measured
/// 10–25% faster than 4 KiB for a u8 threshold at 4K.
const CHUNK_BYTES: usize = 512;

/// The line size the streamed part of the output is aligned to.
const LINE: usize = 64;

#[repr(C, align(64))]
struct Chunk([u8; CHUNK_BYTES]);

/// Whether this target has non-temporal stores here.
const STREAMS: bool = cfg!(all(
    any(target_arch = "x86", target_arch = "x86_64"),
    target_feature = "sse2"
));

/// Fills `dst` through `fill(at, out)`, which writes the samples
/// `at..at + out.len()` of `dst` into `out` (in `dst` itself or in a buffer
/// streamed to it afterwards), from a source of `src_bytes`. Outputs that
/// fit in the caches ([`streams`]) and targets without non-temporal stores
/// get one call over `dst`.
#[inline(always)]
pub(crate) fn fill_past_cache<U: Pod>(
    dst: &mut [U],
    src_bytes: usize,
    fill: impl FnMut(usize, &mut [U]),
) {
    let streamed = STREAMS && size_of::<U>() > 0 && streams(src_bytes, size_of_val(dst));
    fill_with(dst, streamed, fill);
}

/// [`fill_past_cache`], streaming when `streamed`.
#[inline(always)]
fn fill_with<U: Pod>(dst: &mut [U], streamed: bool, mut fill: impl FnMut(usize, &mut [U])) {
    let size = size_of::<U>();
    if !streamed {
        fill(0, dst);
        return;
    }
    // A slice of U is aligned to U (1, 2 or 4 bytes for pixels), so the
    // samples up to the next line boundary are a whole number.
    let head = (LINE - dst.as_ptr() as usize % LINE) % LINE / size;
    let (head, body) = dst.split_at_mut(head.min(dst.len()));
    fill(0, head);
    let mut at = head.len();
    let mut chunk = Chunk([0; CHUNK_BYTES]);
    let buffer: &mut [U] = bytemuck::cast_slice_mut(&mut chunk.0);
    let mut parts = body.chunks_exact_mut(buffer.len());
    for part in &mut parts {
        fill(at, buffer);
        stream(part, buffer);
        at += buffer.len();
    }
    fill(at, parts.into_remainder());
    finish_streams();
}

/// Copies `src` into `dst`, of the same length, line-aligned and a whole
/// number of lines long, with non-temporal stores.
#[inline(always)]
fn stream<U: Pod>(dst: &mut [U], src: &[U]) {
    let (dst, src): (&mut [u8], &[u8]) = (bytemuck::cast_slice_mut(dst), bytemuck::cast_slice(src));
    assert!(
        dst.len() == src.len()
            && dst.len().is_multiple_of(LINE)
            && (dst.as_ptr() as usize).is_multiple_of(LINE)
    );
    #[cfg(all(
        any(target_arch = "x86", target_arch = "x86_64"),
        target_feature = "sse2"
    ))]
    // SAFETY: checked above: equal lengths, a whole number of lines, `dst` line-aligned.
    unsafe {
        x86::stream_lines(dst, src)
    };
    #[cfg(not(all(
        any(target_arch = "x86", target_arch = "x86_64"),
        target_feature = "sse2"
    )))]
    dst.copy_from_slice(src);
}

/// Orders the streamed stores before any later store, such as the one that
/// tells another thread the output is ready.
#[inline(always)]
fn finish_streams() {
    #[cfg(all(
        any(target_arch = "x86", target_arch = "x86_64"),
        target_feature = "sse2"
    ))]
    x86::store_fence();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every sample written once, with its own index, at every alignment and
    /// length around the chunks, streamed and stored plainly.
    fn check<U: Pod + PartialEq + std::fmt::Debug>(of: impl Fn(usize) -> U) {
        let size = size_of::<U>();
        let most = MIN_BYTES / size + 3 * CHUNK_BYTES / size + 100;
        let mut backing = vec![U::zeroed(); most + LINE];
        for (offset, len, stream) in [0, 1, LINE / size - 1]
            .into_iter()
            .flat_map(|offset| {
                [5, LINE / size * 3 + 1, MIN_BYTES / size - 1, most].map(|len| (offset, len))
            })
            .flat_map(|(offset, len)| [(offset, len, false), (offset, len, true)])
        {
            let dst = &mut backing[offset..offset + len];
            dst.fill(U::zeroed());
            fill_with(dst, stream, |at, out| {
                for (i, x) in out.iter_mut().enumerate() {
                    *x = of(at + i);
                }
            });
            assert!(
                dst.iter().enumerate().all(|(i, &x)| x == of(i)),
                "offset {offset}, length {len}, streamed {stream}"
            );
        }
    }

    #[test]
    fn every_sample_lands_where_a_plain_loop_puts_it() {
        check(|i| (i * 7 + 1) as u8);
        check(|i| (i * 13 + 1) as u16);
        check(|i| i as f32 + 0.5);
    }

    /// Small outputs never stream; outputs past the cache do.
    #[test]
    fn streams_only_past_the_cache() {
        assert!(!streams(1 << 20, MIN_BYTES - 1));
        assert!(streams(cache_bytes(), cache_bytes()));
        assert!(cache_bytes() >= 1 << 20);
    }
}
