//! `AnyImageBuffers`: the same buffers with a pixel type known at run time.

use super::frames::{BufferStats, Frames};
use crate::simd::Isa;
use crate::{AnyImageRef, BinaryOp, Error, ImageBuffers, ImageSpec, Op, Pixel, PixelType, Result};

/// [`ImageBuffers`] whose pixel type changes at run time, driven by [`Op`]s:
/// what a binding holds for a JavaScript `ImageBuffers`.
#[derive(Debug)]
pub struct AnyImageBuffers {
    frames: Frames,
}

impl AnyImageBuffers {
    /// Buffers for frames of `spec`, able to hold any type up to `max_type` wide.
    pub fn new(spec: ImageSpec, max_type: PixelType) -> Result<Self> {
        Ok(Self {
            frames: Frames::new(spec, max_type)?,
        })
    }

    /// The active frame's spec.
    pub fn spec(&self) -> ImageSpec {
        self.frames.spec()
    }

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

    /// The spec the buffers were made for: what [`load`](Self::load) takes.
    pub fn initial_spec(&self) -> ImageSpec {
        self.frames.initial_spec()
    }

    /// Starts a new frame: copies a frame of the spec the buffers were made
    /// for (raw bytes, native endianness) into the active buffer, whatever
    /// type or channels the last chain left.
    pub fn load(&mut self, bytes: &[u8]) -> Result<()> {
        let spec = self.frames.initial_spec();
        self.frames.load(bytes, spec)
    }

    /// [`load`](Self::load) from a view of `spec`, the spec the buffers were
    /// made for, whose rows start `stride` samples apart: a crop of a larger
    /// frame, read in place.
    pub fn load_strided(&mut self, bytes: &[u8], spec: ImageSpec, stride: usize) -> Result<()> {
        let expected = self.frames.initial_spec();
        if spec != expected {
            return Err(Error::Shape {
                role: "input",
                expected,
                given: spec,
            });
        }
        self.frames.load_strided(bytes, spec, stride)
    }

    /// Copies the active frame out as raw bytes.
    pub fn read(&self, bytes: &mut [u8]) -> Result<()> {
        self.frames.read(bytes)
    }

    /// Runs `op` from the active frame into scratch, then swaps.
    /// On error the active frame and its spec are unchanged.
    pub fn apply(&mut self, op: &Op) -> Result<()> {
        let out_spec = op.output_spec(self.spec())?;
        self.frames.step(out_spec, |spec, src, _, dst, workspace| {
            op.run_bytes(spec, src, dst, workspace)
        })
    }

    /// Runs `op` from the active frame and `other`, a frame of the spec `op`
    /// takes beside it (raw bytes), into scratch, then swaps. On error nothing changes.
    pub fn apply_with(&mut self, op: &BinaryOp, other: &[u8]) -> Result<()> {
        let spec = self.spec();
        let out_spec = op.output_spec(spec, op.other_spec(spec)?)?;
        self.frames.step(out_spec, |spec, src, _, dst, workspace| {
            op.run_bytes(spec, src, other, dst, workspace.isa())
        })
    }

    /// Otsu's threshold of the active frame, which must hold u8 pixels.
    pub fn otsu_threshold(&self) -> Result<f64> {
        let active = AnyImageRef::from_bytes(self.spec(), self.frames.active_bytes(), "active")?;
        crate::kernels::otsu_threshold_any(active)
    }

    /// The typed buffers, if the active frame holds `T` pixels; otherwise
    /// the error and these buffers, unchanged.
    #[allow(clippy::result_large_err)]
    pub fn into_typed<T: Pixel>(self) -> Result<ImageBuffers<T>, (Error, Self)> {
        let given = self.spec().pixel_type();
        if given != T::TYPE {
            return Err((
                Error::PixelType {
                    role: "buffers",
                    expected: T::TYPE,
                    given,
                },
                self,
            ));
        }
        Ok(ImageBuffers::from_frames(self.frames))
    }
}

impl<T: Pixel> From<ImageBuffers<T>> for AnyImageBuffers {
    fn from(buffers: ImageBuffers<T>) -> Self {
        Self {
            frames: buffers.into_frames(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ConvertParams, GaussianParams, LinearParams};

    #[test]
    fn load_starts_a_new_frame_after_a_chain_that_changed_type_and_channels() {
        let spec = ImageSpec::new(2, 2, 3, PixelType::U8).unwrap();
        let mut buffers = AnyImageBuffers::new(spec, PixelType::F32).unwrap();
        let rgb: Vec<u8> = (0..12).map(|i| i * 20).collect();
        let to_gray = Op::Grayscale(Default::default());
        let to_f32 = Op::Convert {
            to: Some(PixelType::F32),
            params: Default::default(),
        };
        for round in 0..3u8 {
            let frame: Vec<u8> = rgb.iter().map(|v| v + round).collect();
            buffers.load(&frame).unwrap();
            assert_eq!(buffers.spec(), spec);
            buffers.apply(&to_gray).unwrap();
            buffers.apply(&to_f32).unwrap();
            assert_eq!(
                buffers.spec(),
                ImageSpec::new(2, 2, 1, PixelType::F32).unwrap()
            );
            let mut gray = [0u8; 16];
            buffers.read(&mut gray).unwrap();
            let first: &[f32] = bytemuck::cast_slice(&gray);
            // Luma of (r, g, b) = (0, 20, 40) + round, by OpenCV's weights.
            let expected = (0.299 * 0.0 + 0.587 * 20.0 + 0.114 * 40.0 + f64::from(round)).round();
            assert_eq!(f64::from(first[0]), expected, "round {round}");
        }
        let error = buffers.load(&rgb[..11]).unwrap_err();
        assert_eq!(error.code(), "ERR_PIXCHAIN_LENGTH");
        assert_eq!(
            buffers.spec(),
            ImageSpec::new(2, 2, 1, PixelType::F32).unwrap()
        );
    }

    // 64 bits: on 32, these frames do not fit in `usize`, and their specs
    // are refused before any allocation is tried.
    #[cfg(target_pointer_width = "64")]
    #[test]
    fn buffers_the_system_cannot_give_are_an_error_not_an_abort() {
        let spec = ImageSpec::new(1 << 31, 1 << 29, 1, PixelType::U8).unwrap();
        let error = AnyImageBuffers::new(spec, PixelType::F32).unwrap_err();
        assert_eq!(error.code(), "ERR_PIXCHAIN_MEMORY");
        // A pipeline streams rows, but rows of 2³¹ four-channel f32 pixels
        // are 32 GiB each.
        let wide = ImageSpec::new(1 << 31, 8, 4, PixelType::F32).unwrap();
        let mut steps = crate::PipelineBuilder::new(wide);
        let median = Op::MedianBlur(Default::default());
        steps.push(crate::Step::Unary(median.clone())).unwrap();
        steps.push(crate::Step::Unary(median)).unwrap();
        let error = crate::Pipeline::new(steps).unwrap_err();
        assert_eq!(error.code(), "ERR_PIXCHAIN_MEMORY");
    }

    #[test]
    fn ops_change_the_type_within_two_buffers() {
        let spec = ImageSpec::new(4, 4, 1, PixelType::U16).unwrap();
        let mut buffers = AnyImageBuffers::new(spec, PixelType::F32).unwrap();
        let pixels: Vec<u16> = (0..16).map(|i| i * 4000).collect();
        buffers.load(bytemuck::cast_slice(&pixels)).unwrap();
        let to_f32 = Op::Convert {
            to: Some(PixelType::F32),
            params: ConvertParams {
                scale: 1.0 / 65535.0,
                offset: 0.0,
            },
        };
        buffers.apply(&to_f32).unwrap();
        buffers
            .apply(&Op::GaussianBlur(GaussianParams {
                sigma: 1.0,
                ..Default::default()
            }))
            .unwrap();
        buffers
            .apply(&Op::Convert {
                to: Some(PixelType::U8),
                params: ConvertParams {
                    scale: 255.0,
                    offset: 0.0,
                },
            })
            .unwrap();
        assert_eq!(buffers.spec().pixel_type(), PixelType::U8);
        assert_eq!(
            buffers.stats(),
            BufferStats {
                allocations: 2,
                bytes: 128
            }
        );
        // The values: each kernel called once into a frame of its own.
        let mut workspace = crate::Workspace::new();
        let f32_spec = spec.with_type(PixelType::F32);
        let u8_spec = spec.with_type(PixelType::U8);
        let (mut scaled, mut blurred, mut want) = (vec![0f32; 16], vec![0f32; 16], vec![0u8; 16]);
        crate::kernels::convert(
            crate::ImageRef::new(spec, &pixels, "input").unwrap(),
            crate::ImageMut::new(f32_spec, &mut scaled, "output").unwrap(),
            &ConvertParams {
                scale: 1.0 / 65535.0,
                offset: 0.0,
            },
            workspace.isa(),
        )
        .unwrap();
        assert_eq!(scaled[5], 20000.0 * (1.0 / 65535.0f64) as f32);
        crate::kernels::gaussian_blur(
            crate::ImageRef::new(f32_spec, &scaled, "input").unwrap(),
            crate::ImageMut::new(f32_spec, &mut blurred, "output").unwrap(),
            &GaussianParams {
                sigma: 1.0,
                ..Default::default()
            },
            &mut workspace,
        )
        .unwrap();
        crate::kernels::convert(
            crate::ImageRef::new(f32_spec, &blurred, "input").unwrap(),
            crate::ImageMut::new(u8_spec, &mut want, "output").unwrap(),
            &ConvertParams {
                scale: 255.0,
                offset: 0.0,
            },
            workspace.isa(),
        )
        .unwrap();
        let mut got = [0u8; 16];
        buffers.read(&mut got).unwrap();
        assert_eq!(got, want[..]);
        // A ramp stays a rising ramp through the blur, from dark to bright.
        assert!(got[0] < got[15] && got[0] < 100 && got[15] > 150, "{got:?}");
        let typed = buffers.into_typed::<u8>().unwrap();
        assert_eq!(typed.active().data(), &want[..]);
    }

    #[test]
    fn a_refused_op_keeps_type_and_pixels() {
        let spec = ImageSpec::new(2, 1, 1, PixelType::U8).unwrap();
        let mut buffers = AnyImageBuffers::new(spec, PixelType::U8).unwrap();
        buffers.load(&[7, 9]).unwrap();
        let error = buffers.apply(&Op::Convert {
            to: Some(PixelType::U16),
            params: ConvertParams::default(),
        });
        assert_eq!(error.unwrap_err().code(), "ERR_PIXCHAIN_CAPACITY");
        let error = buffers
            .apply(&Op::Linear(LinearParams {
                a: f64::NAN.into(),
                b: 0.0.into(),
            }))
            .unwrap_err();
        assert_eq!(error.to_string(), "a: expected a finite number, got NaN");
        let mut out = [0u8; 2];
        buffers.read(&mut out).unwrap();
        assert_eq!(out, [7, 9]);
        assert_eq!(buffers.spec(), spec);
    }

    #[test]
    fn load_strided_copies_the_rows_of_a_crop() {
        let spec = ImageSpec::new(2, 3, 1, PixelType::U16).unwrap();
        let mut buffers = AnyImageBuffers::new(spec, PixelType::U16).unwrap();
        // A 2×3 crop at column 1 of a 4-wide frame: rows 4 samples apart.
        let frame: Vec<u16> = (0..12).collect();
        let crop = &bytemuck::cast_slice::<u16, u8>(&frame)[2..(2 * 4 + 3) * 2];
        buffers.load_strided(crop, spec, 4).unwrap();
        let mut out = [0u16; 6];
        buffers.read(bytemuck::cast_slice_mut(&mut out)).unwrap();
        assert_eq!(out, [1, 2, 5, 6, 9, 10]);
        let error = buffers.load_strided(&crop[2..], spec, 4).unwrap_err();
        assert_eq!(error.code(), "ERR_PIXCHAIN_LENGTH");
        let error = buffers.load_strided(crop, spec, 1).unwrap_err();
        assert_eq!(error.code(), "ERR_PIXCHAIN_SPEC");
        let wide = ImageSpec::new(3, 3, 1, PixelType::U16).unwrap();
        let error = buffers.load_strided(crop, wide, 4).unwrap_err();
        assert_eq!(error.code(), "ERR_PIXCHAIN_SHAPE");
        buffers.read(bytemuck::cast_slice_mut(&mut out)).unwrap();
        assert_eq!(out, [1, 2, 5, 6, 9, 10]);
    }

    #[test]
    fn load_and_read_check_lengths() {
        let spec = ImageSpec::new(2, 2, 1, PixelType::U16).unwrap();
        let mut buffers = AnyImageBuffers::new(spec, PixelType::U16).unwrap();
        let error = buffers.load(&[0; 7]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "input: expected 8 bytes for 2×2×1 u16, got 7"
        );
        let mut out = [0xAAu8; 9];
        assert!(buffers.read(&mut out).is_err());
        assert_eq!(out, [0xAA; 9]);
    }
}
