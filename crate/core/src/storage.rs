//! Byte-backed, 64-byte aligned storage that can be viewed as any pixel type.

use bytemuck::Pod;

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
pub(crate) struct AlignedBytes {
    bytes: Vec<u8>,
    start: usize,
    len: usize,
}

impl AlignedBytes {
    pub(crate) fn zeroed(bytes: usize) -> Self {
        let len = bytes.div_ceil(LINE) * LINE;
        let storage = vec![0u8; len + LINE - 1];
        // The heap block never moves with the Vec, so the offset stays right.
        let start = storage.as_ptr().align_offset(LINE);
        Self {
            bytes: storage,
            start,
            len,
        }
    }

    /// Bytes available to views.
    pub(crate) fn capacity(&self) -> usize {
        self.len
    }

    fn line_aligned(&self) -> &[u8] {
        &self.bytes[self.start..self.start + self.len]
    }

    /// The first `len` values; `len` values of `T` must fit in [`capacity`](Self::capacity).
    pub(crate) fn view<T: Pod>(&self, len: usize) -> &[T] {
        &bytemuck::cast_slice(self.line_aligned())[..len]
    }

    /// The first `len` values, writable; `len` values of `T` must fit in [`capacity`](Self::capacity).
    pub(crate) fn view_mut<T: Pod>(&mut self, len: usize) -> &mut [T] {
        let (start, end) = (self.start, self.start + self.len);
        &mut bytemuck::cast_slice_mut(&mut self.bytes[start..end])[..len]
    }
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
}
