//! Row-sized scratch memory that kernels borrow instead of allocating.

use bytemuck::Pod;

use crate::storage::AlignedBytes;

/// Scratch memory for kernels that need rows or windows of intermediate
/// values (the vertical pass of a blur, a median's window).
///
/// It grows to the largest request and keeps that size, so running the same
/// kernels again allocates nothing.
#[derive(Debug, Default)]
pub struct Workspace {
    bytes: AlignedBytes,
    allocations: usize,
}

impl Workspace {
    pub fn new() -> Self {
        Self::default()
    }

    /// Allocations made so far: one per growth.
    pub fn allocations(&self) -> usize {
        self.allocations
    }

    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.bytes.capacity()
    }

    /// `N` disjoint slices of the given lengths, growing the workspace if needed.
    /// Their contents are whatever the last kernel left.
    pub(crate) fn parts<T: Pod, const N: usize>(&mut self, lens: [usize; N]) -> [&mut [T]; N] {
        let total: usize = lens.iter().sum();
        if total * size_of::<T>() > self.bytes.capacity() {
            self.bytes = AlignedBytes::zeroed(total * size_of::<T>());
            self.allocations += 1;
        }
        let mut rest = self.bytes.view_mut::<T>(total);
        lens.map(|len| {
            let (part, tail) = std::mem::take(&mut rest).split_at_mut(len);
            rest = tail;
            part
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_disjoint_and_sized() {
        let mut workspace = Workspace::new();
        let [a, b] = workspace.parts::<f32, 2>([3, 5]);
        a.fill(1.0);
        b.fill(2.0);
        assert_eq!(a, &[1.0; 3]);
        assert_eq!(b, &[2.0; 5]);
    }

    #[test]
    fn repeated_requests_reuse_memory() {
        let mut workspace = Workspace::new();
        workspace.parts::<u16, 1>([1000]);
        workspace.parts::<u16, 1>([1000]);
        workspace.parts::<u8, 2>([10, 20]);
        assert_eq!(workspace.allocations(), 1);
        workspace.parts::<f32, 1>([1000]);
        assert_eq!(workspace.allocations(), 2);
    }
}
