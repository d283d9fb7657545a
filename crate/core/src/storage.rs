//! Byte-backed, 64-byte aligned storage that can be viewed as any pixel type.

use std::alloc::{Layout, alloc_zeroed};

use bytemuck::Pod;

use crate::{Error, Result};

/// One cache line: views start on it, so that they are aligned for any
/// pixel type and for SIMD loads.
const LINE: usize = 64;

/// A zero-initialized allocation viewed as `u8`, `u16`, `i16` or `f32` as needed.
///
/// Plain bytes with the view starting at the first cache-line boundary,
/// rather than an allocation of 64-byte alignment: glibc serves aligned
/// allocations through `memalign`, whose freed blocks fragment the heap so
/// that making and dropping pipelines grew the process without bound.
#[derive(Default)]
pub struct AlignedBytes {
    bytes: Vec<u8>,
    start: usize,
    len: usize,
}

impl AlignedBytes {
    /// Small scratch memory (rows, chunks): a failure to allocate it is the
    /// process running out of memory, as for any other small allocation.
    pub(crate) fn zeroed(bytes: usize) -> Self {
        Self::try_zeroed(bytes, "scratch rows").unwrap_or_else(|error| panic!("{error}"))
    }

    /// Frame-sized memory: a size the system cannot give is
    /// `ERR_PIXCHAIN_MEMORY`, never an abort. `what` names it in the error.
    pub fn try_zeroed(bytes: usize, what: &'static str) -> Result<Self> {
        let refused = Error::Memory { what, bytes };
        let len = bytes
            .checked_next_multiple_of(LINE)
            .ok_or(refused.clone())?;
        let total = len.checked_add(LINE - 1).ok_or(refused.clone())?;
        let storage = zeroed_vec(total).ok_or(refused)?;
        // The heap block never moves with the Vec, so the offset stays right.
        let start = storage.as_ptr().align_offset(LINE);
        Ok(Self {
            bytes: storage,
            start,
            len,
        })
    }

    /// Bytes available to views.
    pub fn capacity(&self) -> usize {
        self.len
    }

    fn line_aligned(&self) -> &[u8] {
        &self.bytes[self.start..self.start + self.len]
    }

    /// The first `len` values; `len` values of `T` must fit in [`capacity`](Self::capacity).
    pub fn view<T: Pod>(&self, len: usize) -> &[T] {
        &bytemuck::cast_slice(self.line_aligned())[..len]
    }

    /// The first `len` values, writable; `len` values of `T` must fit in [`capacity`](Self::capacity).
    pub fn view_mut<T: Pod>(&mut self, len: usize) -> &mut [T] {
        let (start, end) = (self.start, self.start + self.len);
        &mut bytemuck::cast_slice_mut(&mut self.bytes[start..end])[..len]
    }
}

/// `len` zero bytes from the global allocator, or `None` when it refuses.
///
/// `vec![0; len]` would abort the process on refusal, and `try_reserve` plus
/// `resize` would write every page; `alloc_zeroed` keeps calloc's lazily
/// zeroed pages and reports refusal as a null pointer.
fn zeroed_vec(len: usize) -> Option<Vec<u8>> {
    if len == 0 {
        return Some(Vec::new());
    }
    let layout = Layout::array::<u8>(len).ok()?;
    // SAFETY: `layout` has a non-zero size (checked above).
    let data = unsafe { alloc_zeroed(layout) };
    if data.is_null() {
        return None;
    }
    // SAFETY: `data` was allocated by the global allocator with the layout of
    // `len` u8 values (alignment 1), all of them initialized (to zero), so it
    // is a valid Vec of length and capacity `len`.
    Some(unsafe { Vec::from_raw_parts(data, len, len) })
}

impl std::fmt::Debug for AlignedBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AlignedBytes({} bytes)", self.capacity())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_of_every_type_are_aligned_and_zeroed() {
        let mut bytes = AlignedBytes::zeroed(100);
        assert_eq!(bytes.capacity(), 128);
        assert!(bytes.view::<f32>(25).iter().all(|&v| v == 0.0));
        assert_eq!(bytes.view::<u16>(50).as_ptr() as usize % 64, 0);
        bytes.view_mut::<u16>(2)[1] = 0x0102;
        assert_eq!(&bytes.view::<u8>(4)[2..], &0x0102u16.to_ne_bytes());
    }

    #[test]
    fn a_size_the_system_cannot_give_is_an_error_not_an_abort() {
        let mut sizes = vec![usize::MAX, usize::MAX - 100, isize::MAX as usize];
        // A size the layout allows but no 64-bit system gives. (On 32 bits
        // a wasm memory may give every size the layout allows.)
        if cfg!(target_pointer_width = "64") {
            sizes.push(1 << (usize::BITS - 2));
        }
        for bytes in sizes {
            let error = AlignedBytes::try_zeroed(bytes, "a frame").unwrap_err();
            assert_eq!(error.code(), "ERR_PIXCHAIN_MEMORY");
            assert!(error.to_string().contains(&bytes.to_string()), "{error}");
        }
        assert_eq!(
            AlignedBytes::try_zeroed(0, "a frame").unwrap().capacity(),
            0
        );
    }
}
