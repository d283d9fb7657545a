//! `ImageBuffers<T>`: ping-pong buffers whose active frame holds `T` pixels.

use std::marker::PhantomData;

use super::frames::{BufferStats, Frames};
use crate::kernels::{
    self, ClipParams, ConvertParams, GaussianParams, LinearParams, MedianParams, ThresholdParams,
};
use crate::simd::Isa;
use crate::{
    AnyImageBuffers, Error, ImageMut, ImageRef, ImageSpec, Pixel, PixelType, Result, Workspace,
};

/// Two frame-sized buffers, allocated once: kernels read the active frame,
/// write the scratch frame, and the two swap. A chain of any length runs in
/// these two allocations, including steps that change the pixel type up to
/// the declared `max_type`.
#[derive(Debug)]
pub struct ImageBuffers<T: Pixel> {
    frames: Frames,
    _pixel: PhantomData<T>,
}

/// A conversion that failed: the error, and the buffers it was given, unchanged.
#[derive(Debug)]
pub struct Rejected<T: Pixel> {
    pub error: Error,
    pub buffers: ImageBuffers<T>,
}

impl<T: Pixel> From<Rejected<T>> for Error {
    fn from(rejected: Rejected<T>) -> Self {
        rejected.error
    }
}

impl<T: Pixel> ImageBuffers<T> {
    /// Buffers for `width × height × channels` frames of `T`.
    pub fn new(width: usize, height: usize, channels: usize) -> Result<Self> {
        Self::with_max_type(width, height, channels, T::TYPE)
    }

    /// Buffers that can also hold frames of any type up to `max_type` wide.
    pub fn with_max_type(
        width: usize,
        height: usize,
        channels: usize,
        max_type: PixelType,
    ) -> Result<Self> {
        let spec = ImageSpec::new(width, height, channels, T::TYPE)?;
        Ok(Self::from_frames(Frames::new(spec, max_type)?))
    }

    pub(crate) fn from_frames(frames: Frames) -> Self {
        debug_assert_eq!(frames.spec().pixel_type(), T::TYPE);
        Self {
            frames,
            _pixel: PhantomData,
        }
    }

    pub(crate) fn into_frames(self) -> Frames {
        self.frames
    }

    /// The active frame's spec.
    pub fn spec(&self) -> ImageSpec {
        self.frames.spec()
    }

    /// The widest pixel type these buffers can hold.
    pub fn max_type(&self) -> PixelType {
        self.frames.max_type()
    }

    /// Makes every step take the SIMD path `isa`; refused
    /// (`ERR_PIXCHAIN_PARAM`) when the CPU lacks it. Buffers start on the
    /// process default ([`simd::preferred`](crate::simd::preferred)).
    /// Results do not depend on it.
    pub fn set_isa(&mut self, isa: Isa) -> Result<()> {
        self.frames.workspace_mut().set_isa(isa)
    }

    /// The SIMD path the steps take.
    pub fn isa(&self) -> Isa {
        self.frames.isa()
    }

    pub fn stats(&self) -> BufferStats {
        self.frames.stats()
    }

    pub fn active(&self) -> ImageRef<'_, T> {
        ImageRef::from_parts(
            self.spec(),
            bytemuck::cast_slice(self.frames.active_bytes()),
        )
    }

    pub fn active_mut(&mut self) -> ImageMut<'_, T> {
        let spec = self.spec();
        ImageMut::from_parts(
            spec,
            bytemuck::cast_slice_mut(self.frames.active_bytes_mut()),
        )
    }

    pub fn scratch_mut(&mut self) -> ImageMut<'_, T> {
        let spec = self.spec();
        ImageMut::from_parts(
            spec,
            bytemuck::cast_slice_mut(self.frames.scratch_bytes_mut()),
        )
    }

    /// Makes scratch the active frame, and the active frame scratch.
    pub fn swap(&mut self) {
        self.frames.swap();
    }

    /// Starts a new frame: copies `pixels`, a frame of the shape the
    /// buffers were made for, into the active frame, whatever channels the
    /// last chain left.
    pub fn load(&mut self, pixels: &[T]) -> Result<&mut Self> {
        let spec = self.frames.initial_spec().with_type(T::TYPE);
        self.frames.load(bytemuck::cast_slice(pixels), spec)?;
        Ok(self)
    }

    /// Copies the active frame into `pixels`.
    pub fn read(&self, pixels: &mut [T]) -> Result<()> {
        self.frames.read(bytemuck::cast_slice_mut(pixels))
    }

    /// Runs `kernel` from the active frame into scratch, then swaps.
    /// On error the active frame is unchanged.
    pub fn apply(
        &mut self,
        kernel: impl FnOnce(ImageRef<'_, T>, ImageMut<'_, T>, Isa) -> Result<()>,
    ) -> Result<&mut Self> {
        self.step(|src, dst, workspace| kernel(src, dst, workspace.isa()))?;
        Ok(self)
    }

    fn step<U: Pixel>(
        &mut self,
        kernel: impl FnOnce(ImageRef<'_, T>, ImageMut<'_, U>, &mut Workspace) -> Result<()>,
    ) -> Result<()> {
        let out_spec = self.spec().with_type(U::TYPE);
        self.frames
            .step(out_spec, |src_spec, src, dst_spec, dst, workspace| {
                let src = ImageRef::from_bytes(src_spec, src, "active")?;
                let dst = ImageMut::from_bytes(dst_spec, dst, "scratch")?;
                kernel(src, dst, workspace)
            })
    }

    pub fn clip(&mut self, params: &ClipParams) -> Result<&mut Self> {
        self.apply(|src, dst, isa| kernels::clip(src, dst, params, isa))
    }

    pub fn linear(&mut self, params: &LinearParams) -> Result<&mut Self> {
        self.apply(|src, dst, isa| kernels::linear(src, dst, params, isa))
    }

    pub fn threshold(&mut self, params: &ThresholdParams) -> Result<&mut Self> {
        self.apply(|src, dst, isa| kernels::threshold(src, dst, params, isa))
    }

    pub fn gaussian_blur(&mut self, params: &GaussianParams) -> Result<&mut Self> {
        self.step(|src, dst, workspace| kernels::gaussian_blur(src, dst, params, workspace))?;
        Ok(self)
    }

    pub fn median_blur(&mut self, params: &MedianParams) -> Result<&mut Self> {
        self.step(|src, dst, workspace| kernels::median_blur(src, dst, params, workspace))?;
        Ok(self)
    }

    /// Converts the active frame to `U` pixels in the same two buffers.
    /// A `U` wider than `max_type` is refused and the buffers come back unchanged.
    // The error hands the buffers back by value: boxing them would allocate.
    #[allow(clippy::result_large_err)]
    pub fn convert<U: Pixel>(
        mut self,
        params: &ConvertParams,
    ) -> Result<ImageBuffers<U>, Rejected<T>> {
        match self
            .step::<U>(|src, dst, workspace| kernels::convert(src, dst, params, workspace.isa()))
        {
            Ok(()) => Ok(ImageBuffers::from_frames(self.frames)),
            Err(error) => Err(Rejected {
                error,
                buffers: self,
            }),
        }
    }

    /// The same buffers, with their pixel type checked at run time.
    pub fn into_any(self) -> AnyImageBuffers {
        self.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swapping_never_reallocates() {
        let mut buffers = ImageBuffers::<u8>::new(4, 3, 1).unwrap();
        let before = buffers.stats();
        let active = buffers.active().data().as_ptr();
        buffers.swap();
        buffers.swap();
        assert_eq!(buffers.active().data().as_ptr(), active);
        assert_eq!(buffers.stats(), before);
        assert_eq!(
            before,
            BufferStats {
                allocations: 2,
                bytes: 128
            }
        );
    }

    #[test]
    fn apply_runs_from_active_into_scratch_then_swaps() {
        let mut buffers = ImageBuffers::<u16>::new(3, 1, 1).unwrap();
        buffers.load(&[1, 2, 3]).unwrap();
        buffers
            .apply(|src, mut dst, _| {
                for (out, &x) in dst.data_mut().iter_mut().zip(src.data()) {
                    *out = x * 10;
                }
                Ok(())
            })
            .unwrap();
        assert_eq!(buffers.active().data(), &[10, 20, 30]);
    }

    #[test]
    fn a_failed_step_leaves_the_active_frame() {
        let mut buffers = ImageBuffers::<u8>::new(3, 1, 1).unwrap();
        buffers.load(&[1, 2, 3]).unwrap();
        let error = buffers.median_blur(&MedianParams { ksize: 4 }).unwrap_err();
        assert_eq!(error.code(), "ERR_PIXCHAIN_PARAM");
        assert_eq!(buffers.active().data(), &[1, 2, 3]);
    }

    #[test]
    fn a_type_changing_chain_stays_in_two_allocations() {
        let mut buffers = ImageBuffers::<u16>::with_max_type(8, 8, 1, PixelType::F32).unwrap();
        let pixels: Vec<u16> = (0..64).map(|i| i * 1000).collect();
        buffers.load(&pixels).unwrap();
        buffers
            .gaussian_blur(&GaussianParams {
                sigma: 1.0,
                ..Default::default()
            })
            .unwrap();
        let scale = ConvertParams {
            scale: 1.0 / 65535.0,
            offset: 0.0,
        };
        let mut floats = buffers.convert::<f32>(&scale).unwrap();
        floats
            .linear(&LinearParams {
                a: 2.0.into(),
                b: 0.0.into(),
            })
            .unwrap();
        let mut bytes = floats
            .convert::<u8>(&ConvertParams {
                scale: 127.5,
                offset: 0.0,
            })
            .unwrap();
        bytes.median_blur(&MedianParams::default()).unwrap();
        assert_eq!(
            bytes.spec(),
            ImageSpec::new(8, 8, 1, PixelType::U8).unwrap()
        );
        assert_eq!(
            bytes.stats(),
            BufferStats {
                allocations: 2,
                bytes: 2 * 256
            }
        );
    }

    #[test]
    fn converting_wider_than_max_type_is_refused_and_keeps_the_buffers() {
        let mut buffers = ImageBuffers::<u16>::new(2, 2, 1).unwrap();
        buffers.load(&[1, 2, 3, 4]).unwrap();
        let rejected = buffers
            .convert::<f32>(&ConvertParams::default())
            .unwrap_err();
        assert_eq!(rejected.error.code(), "ERR_PIXCHAIN_CAPACITY");
        assert_eq!(
            rejected.error.to_string(),
            "maxType: expected a frame of at most 8 bytes (buffers sized for u16), got 2×2×1 f32 needing 16; declare a wider maxType"
        );
        assert_eq!(rejected.buffers.active().data(), &[1, 2, 3, 4]);
    }

    #[test]
    fn max_type_narrower_than_the_start_is_refused() {
        let error = ImageBuffers::<f32>::with_max_type(2, 2, 1, PixelType::U8).unwrap_err();
        assert_eq!(
            error.to_string(),
            "maxType: expected a pixel type at least as wide as f32, got u8"
        );
    }
}
