//! The storage both buffer types share: an active frame, a scratch frame, a workspace.

use crate::image::{check_byte_len, check_strided_byte_len};
use crate::storage::AlignedBytes;
use crate::{Error, ImageSpec, PixelType, Result, Workspace};

/// What a pair of buffers holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BufferStats {
    /// Frame-sized allocations made since construction: 2, whatever the chain.
    pub allocations: usize,
    /// Bytes held by the frame buffers.
    pub bytes: usize,
}

/// Active and scratch frames, allocated once and sized for `max_type`, so
/// that a step may change the pixel type without reallocating.
#[derive(Debug)]
pub(crate) struct Frames {
    /// The spec the buffers were made for: what each loaded frame starts as.
    initial: ImageSpec,
    spec: ImageSpec,
    max_type: PixelType,
    /// Bytes of the largest frame the buffers hold: the first frame as `max_type`.
    frame_bytes: usize,
    active: AlignedBytes,
    scratch: AlignedBytes,
    workspace: Workspace,
    allocations: usize,
}

impl Frames {
    pub(crate) fn new(spec: ImageSpec, max_type: PixelType) -> Result<Self> {
        if max_type.size() < spec.pixel_type().size() {
            let expected = format!("a pixel type at least as wide as {}", spec.pixel_type());
            return Err(Error::param("maxType", expected, max_type));
        }
        let frame_bytes = spec.with_type(max_type).byte_len();
        Ok(Self {
            initial: spec,
            spec,
            max_type,
            frame_bytes,
            active: AlignedBytes::try_zeroed(frame_bytes, "the active frame")?,
            scratch: AlignedBytes::try_zeroed(frame_bytes, "the scratch frame")?,
            workspace: Workspace::new(),
            allocations: 2,
        })
    }

    /// The active frame's spec.
    pub(crate) fn spec(&self) -> ImageSpec {
        self.spec
    }

    /// The workspace every step borrows: its SIMD path is the buffers'.
    pub(crate) fn workspace_mut(&mut self) -> &mut Workspace {
        &mut self.workspace
    }

    pub(crate) fn isa(&self) -> crate::simd::Isa {
        self.workspace.isa()
    }

    pub(crate) fn max_type(&self) -> PixelType {
        self.max_type
    }

    pub(crate) fn stats(&self) -> BufferStats {
        BufferStats {
            allocations: self.allocations,
            bytes: self.active.capacity() + self.scratch.capacity(),
        }
    }

    pub(crate) fn active_bytes(&self) -> &[u8] {
        self.active.view(self.spec.byte_len())
    }

    pub(crate) fn active_bytes_mut(&mut self) -> &mut [u8] {
        self.active.view_mut(self.spec.byte_len())
    }

    pub(crate) fn scratch_bytes_mut(&mut self) -> &mut [u8] {
        self.scratch.view_mut(self.spec.byte_len())
    }

    pub(crate) fn swap(&mut self) {
        std::mem::swap(&mut self.active, &mut self.scratch);
    }

    /// The spec the buffers were made for.
    pub(crate) fn initial_spec(&self) -> ImageSpec {
        self.initial
    }

    /// Starts a new frame: copies `bytes`, a frame of `spec`, into the active
    /// buffer, whatever type or channels the last chain left. `spec` has the
    /// initial shape and a type at most `max_type` wide, so it fits.
    pub(crate) fn load(&mut self, bytes: &[u8], spec: ImageSpec) -> Result<()> {
        debug_assert!(spec.byte_len() <= self.frame_bytes);
        check_byte_len(spec, bytes.len(), "input")?;
        self.spec = spec;
        self.active_bytes_mut().copy_from_slice(bytes);
        Ok(())
    }

    /// [`load`](Self::load) from a view whose rows start `stride` samples
    /// apart (a crop of a larger frame): its rows are copied one by one.
    pub(crate) fn load_strided(&mut self, bytes: &[u8], spec: ImageSpec, stride: usize) -> Result<()> {
        if stride == spec.row_len() {
            return self.load(bytes, spec);
        }
        debug_assert!(spec.byte_len() <= self.frame_bytes);
        check_strided_byte_len(spec, stride, bytes.len(), "input")?;
        self.spec = spec;
        let row_bytes = spec.row_len() * spec.pixel_type().size();
        let stride_bytes = stride * spec.pixel_type().size();
        for (row, from) in self.active_bytes_mut().chunks_exact_mut(row_bytes).zip(bytes.chunks(stride_bytes)) {
            row.copy_from_slice(&from[..row_bytes]);
        }
        Ok(())
    }

    /// Copies the active frame out.
    pub(crate) fn read(&self, bytes: &mut [u8]) -> Result<()> {
        check_byte_len(self.spec, bytes.len(), "output")?;
        bytes.copy_from_slice(self.active_bytes());
        Ok(())
    }

    /// Runs `kernel` from the active frame into scratch as a frame of
    /// `out_spec`, then makes scratch active. On error the active frame is unchanged.
    pub(crate) fn step(
        &mut self,
        out_spec: ImageSpec,
        kernel: impl FnOnce(ImageSpec, &[u8], ImageSpec, &mut [u8], &mut Workspace) -> Result<()>,
    ) -> Result<()> {
        if out_spec.byte_len() > self.frame_bytes {
            let capacity = self.frame_bytes;
            return Err(Error::Capacity {
                max_type: self.max_type,
                capacity,
                requested: out_spec,
            });
        }
        let src = self.active.view(self.spec.byte_len());
        let dst = self.scratch.view_mut(out_spec.byte_len());
        kernel(self.spec, src, out_spec, dst, &mut self.workspace)?;
        self.swap();
        self.spec = out_spec;
        Ok(())
    }
}
