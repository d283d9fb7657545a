//! Byte-backed, 64-byte aligned storage that can be viewed as any pixel type.

use bytemuck::{Pod, Zeroable};

/// One cache line; the unit storage is allocated in, so that every view of it
/// is aligned for any pixel type and for SIMD loads.
#[derive(Clone, Copy, Pod, Zeroable)]
#[repr(C, align(64))]
struct Block([u8; 64]);

/// A zero-initialized allocation viewed as `u8`, `u16`, `i16` or `f32` as needed.
#[derive(Default)]
pub(crate) struct AlignedBytes {
    blocks: Vec<Block>,
}

impl AlignedBytes {
    pub(crate) fn zeroed(bytes: usize) -> Self {
        Self {
            blocks: bytemuck::zeroed_vec(bytes.div_ceil(size_of::<Block>())),
        }
    }

    /// Bytes available to views.
    pub(crate) fn capacity(&self) -> usize {
        self.blocks.len() * size_of::<Block>()
    }

    /// The first `len` values; `len` values of `T` must fit in [`capacity`](Self::capacity).
    pub(crate) fn view<T: Pod>(&self, len: usize) -> &[T] {
        &bytemuck::cast_slice(&self.blocks)[..len]
    }

    /// The first `len` values, writable; `len` values of `T` must fit in [`capacity`](Self::capacity).
    pub(crate) fn view_mut<T: Pod>(&mut self, len: usize) -> &mut [T] {
        &mut bytemuck::cast_slice_mut(&mut self.blocks)[..len]
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
