//! Row-sized scratch memory that kernels borrow instead of allocating.

use bytemuck::Pod;

use crate::Result;
use crate::simd::{self, Isa};
use crate::storage::AlignedBytes;
use crate::strips::{self, Strips};

/// Scratch memory for kernels that need rows or windows of intermediate
/// values (the vertical pass of a blur, a median's window).
///
/// It grows to the largest request and keeps that size, so running the same
/// kernels again allocates nothing. It also sets how many threads a kernel
/// may use and which SIMD path it takes, and holds one workspace per
/// horizontal strip of a frame.
#[derive(Debug)]
pub struct Workspace {
    bytes: AlignedBytes,
    allocations: usize,
    threads: Option<usize>,
    /// Checked against the CPU when set: dispatching on it is sound.
    isa: Isa,
    strips: Vec<Workspace>,
}

impl Default for Workspace {
    /// A workspace on the process default path ([`simd::preferred`]).
    fn default() -> Self {
        Self {
            bytes: AlignedBytes::default(),
            allocations: 0,
            threads: None,
            isa: simd::preferred(),
            strips: Vec::new(),
        }
    }
}

impl Workspace {
    /// A workspace on the process default path ([`simd::preferred`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// A workspace whose kernels take `isa`; refused when the CPU lacks it.
    pub fn with_isa(isa: Isa) -> Result<Self> {
        let mut workspace = Self::new();
        workspace.set_isa(isa)?;
        Ok(workspace)
    }

    /// Makes kernels take `isa`; refused (`ERR_PIXCHAIN_PARAM`) when the CPU
    /// lacks it. Results do not depend on it.
    pub fn set_isa(&mut self, isa: Isa) -> Result<()> {
        simd::check_available(isa)?;
        self.isa = isa;
        Ok(())
    }

    /// The SIMD path kernels take.
    pub fn isa(&self) -> Isa {
        self.isa
    }

    /// Takes the path of `parent`, which checked it (strips and lanes).
    pub(crate) fn follow(&mut self, parent: Isa) {
        self.isa = parent;
    }

    /// Allocations made so far: one per growth, strips included.
    pub fn allocations(&self) -> usize {
        self.allocations
            + self
                .strips
                .iter()
                .map(Workspace::allocations)
                .sum::<usize>()
    }

    /// Bytes held, strips included.
    pub fn bytes(&self) -> usize {
        self.bytes.capacity() + self.strips.iter().map(Workspace::bytes).sum::<usize>()
    }

    /// Threads kernels may use: `None` follows the process default
    /// ([`set_default_threads`](crate::set_default_threads)), 0 is taken as 1.
    /// Results do not depend on it.
    pub fn set_threads(&mut self, threads: Option<usize>) {
        self.threads = threads.map(|n| n.max(1));
    }

    /// Threads kernels may use now.
    pub fn threads(&self) -> usize {
        self.threads.unwrap_or_else(strips::default_threads)
    }

    /// Scratch for the step as a whole (taps, tables), and the strips its
    /// frame is split into, each with a workspace of its own.
    pub(crate) fn split(&mut self, parts: usize, bytes: usize) -> (Carver<'_>, Strips<'_>) {
        let (threads, isa) = (self.threads(), self.isa);
        let carver = reserve(&mut self.bytes, &mut self.allocations, parts, bytes);
        (
            carver,
            Strips::new(threads, isa, &mut self.strips, &mut self.allocations),
        )
    }

    /// Grows the scratch memory for a later [`split`](Self::split) or
    /// [`carve`](Self::carve) of `parts` slices of `bytes` bytes, refusing
    /// with `ERR_PIXCHAIN_MEMORY` a size the system cannot give: for scratch
    /// that grows with a parameter (tables per tile), not with a row.
    pub(crate) fn try_reserve(&mut self, parts: usize, bytes: usize) -> crate::Result<()> {
        let needed = reserved_len(parts, bytes);
        if needed > self.bytes.capacity() {
            self.bytes = AlignedBytes::try_zeroed(needed, "kernel tables")?;
            self.allocations += 1;
        }
        Ok(())
    }

    /// A carver over scratch memory for `parts` slices of `bytes` bytes in
    /// all, growing the workspace if needed. Contents are whatever the last
    /// kernel left.
    pub(crate) fn carve(&mut self, parts: usize, bytes: usize) -> Carver<'_> {
        reserve(&mut self.bytes, &mut self.allocations, parts, bytes)
    }
}

/// A carver over `bytes` for `parts` slices of `len` bytes in all, growing them if needed.
fn reserve<'a>(
    bytes: &'a mut AlignedBytes,
    allocations: &mut usize,
    parts: usize,
    len: usize,
) -> Carver<'a> {
    let needed = reserved_len(parts, len);
    if needed > bytes.capacity() {
        *bytes = AlignedBytes::zeroed(needed);
        *allocations += 1;
    }
    Carver {
        rest: bytes.view_mut(needed),
    }
}

/// Bytes that hold `parts` slices of `len` bytes in all, each aligned: each
/// part may need up to `MAX_ALIGN - 1` bytes of padding.
fn reserved_len(parts: usize, len: usize) -> usize {
    len + parts * MAX_ALIGN
}

/// The largest alignment a carved slice needs (u64 and f64).
const MAX_ALIGN: usize = 8;

/// Hands out disjoint slices of a workspace, each aligned for its own type.
#[derive(Debug)]
pub(crate) struct Carver<'a> {
    rest: &'a mut [u8],
}

impl<'a> Carver<'a> {
    /// The next `len` values of `T`; the carve must have reserved them.
    pub(crate) fn take<T: Pod>(&mut self, len: usize) -> &'a mut [T] {
        debug_assert!(align_of::<T>() <= MAX_ALIGN);
        let rest = std::mem::take(&mut self.rest);
        let padding = rest.as_ptr().align_offset(align_of::<T>());
        let (part, rest) = rest[padding..].split_at_mut(len * size_of::<T>());
        self.rest = rest;
        bytemuck::cast_slice_mut(part)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reservation_the_system_cannot_give_is_refused_and_keeps_the_scratch() {
        let mut workspace = Workspace::new();
        workspace.try_reserve(1, 1024).unwrap();
        let held = workspace.bytes();
        // More than any layout allows, on 32-bit targets too (a wasm memory
        // may give every size a layout allows).
        let error = workspace.try_reserve(1, isize::MAX as usize).unwrap_err();
        assert_eq!(error.code(), "ERR_PIXCHAIN_MEMORY");
        assert_eq!(workspace.bytes(), held);
        workspace.carve(1, 1024).take::<u8>(1024).fill(7);
    }

    #[test]
    fn carved_parts_are_disjoint_aligned_and_sized() {
        let mut workspace = Workspace::new();
        let mut carver = workspace.carve(3, 3 + 5 * 8 + 2 * 4);
        let bytes = carver.take::<u8>(3);
        let wide = carver.take::<f64>(5);
        let narrow = carver.take::<f32>(2);
        bytes.fill(1);
        wide.fill(2.0);
        narrow.fill(3.0);
        assert_eq!(bytes, &[1; 3]);
        assert_eq!(wide, &[2.0; 5]);
        assert_eq!(narrow, &[3.0; 2]);
        assert_eq!(wide.as_ptr() as usize % 8, 0);
    }

    #[test]
    fn a_workspace_takes_the_process_path_unless_given_one_the_cpu_has() {
        assert_eq!(Workspace::new().isa(), simd::preferred());
        for isa in Isa::available() {
            assert_eq!(Workspace::with_isa(isa).unwrap().isa(), isa);
        }
        if let Some(missing) = Isa::ALL.into_iter().find(|isa| !isa.is_available()) {
            let mut workspace = Workspace::with_isa(Isa::Scalar).unwrap();
            let error = workspace.set_isa(missing).unwrap_err();
            assert_eq!(error.code(), "ERR_PIXCHAIN_PARAM");
            assert_eq!(workspace.isa(), Isa::Scalar);
            assert!(Workspace::with_isa(missing).is_err());
        }
    }

    #[test]
    fn repeated_requests_reuse_memory() {
        let mut workspace = Workspace::new();
        workspace.carve(1, 2000).take::<u16>(1000);
        workspace.carve(1, 2000).take::<u16>(1000);
        workspace.carve(2, 30);
        assert_eq!(workspace.allocations(), 1);
        workspace.carve(1, 4000).take::<f32>(1000);
        assert_eq!(workspace.allocations(), 2);
    }
}
