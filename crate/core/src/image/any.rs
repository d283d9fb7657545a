//! Views whose pixel type is known only at run time, as bindings see frames.

use crate::{Error, ImageMut, ImageRef, ImageSpec, PixelType, Result};

/// An [`ImageRef`] of whichever pixel type its spec names.
#[derive(Clone, Copy, Debug)]
pub enum AnyImageRef<'a> {
    U8(ImageRef<'a, u8>),
    U16(ImageRef<'a, u16>),
    I16(ImageRef<'a, i16>),
    F32(ImageRef<'a, f32>),
}

/// An [`ImageMut`] of whichever pixel type its spec names.
#[derive(Debug)]
pub enum AnyImageMut<'a> {
    U8(ImageMut<'a, u8>),
    U16(ImageMut<'a, u16>),
    I16(ImageMut<'a, i16>),
    F32(ImageMut<'a, f32>),
}

impl<'a> AnyImageRef<'a> {
    /// Views raw bytes (native endianness) as a frame of `spec`.
    pub fn from_bytes(spec: ImageSpec, bytes: &'a [u8], role: &'static str) -> Result<Self> {
        Ok(match spec.pixel_type() {
            PixelType::U8 => Self::U8(ImageRef::from_bytes(spec, bytes, role)?),
            PixelType::U16 => Self::U16(ImageRef::from_bytes(spec, bytes, role)?),
            PixelType::I16 => Self::I16(ImageRef::from_bytes(spec, bytes, role)?),
            PixelType::F32 => Self::F32(ImageRef::from_bytes(spec, bytes, role)?),
        })
    }

    /// Views raw bytes (native endianness) as a frame of `spec` whose rows
    /// start `stride` samples apart (see [`ImageRef::strided`]).
    pub fn from_bytes_strided(
        spec: ImageSpec,
        stride: usize,
        bytes: &'a [u8],
        role: &'static str,
    ) -> Result<Self> {
        Ok(match spec.pixel_type() {
            PixelType::U8 => Self::U8(ImageRef::from_bytes_strided(spec, stride, bytes, role)?),
            PixelType::U16 => Self::U16(ImageRef::from_bytes_strided(spec, stride, bytes, role)?),
            PixelType::I16 => Self::I16(ImageRef::from_bytes_strided(spec, stride, bytes, role)?),
            PixelType::F32 => Self::F32(ImageRef::from_bytes_strided(spec, stride, bytes, role)?),
        })
    }

    /// Rows `first_row..` of a frame of `spec`, starting `stride` samples
    /// apart in `bytes` (from the first row's start to the last row's end,
    /// aligned for the pixel type: the caller's invariant, checked by a panic).
    pub(crate) fn window(
        spec: ImageSpec,
        first_row: usize,
        stride: usize,
        bytes: &'a [u8],
    ) -> Self {
        match spec.pixel_type() {
            PixelType::U8 => Self::U8(ImageRef::strided_window(spec, first_row, stride, bytes)),
            PixelType::U16 => Self::U16(ImageRef::strided_window(
                spec,
                first_row,
                stride,
                cast(bytes),
            )),
            PixelType::I16 => Self::I16(ImageRef::strided_window(
                spec,
                first_row,
                stride,
                cast(bytes),
            )),
            PixelType::F32 => Self::F32(ImageRef::strided_window(
                spec,
                first_row,
                stride,
                cast(bytes),
            )),
        }
    }

    pub fn spec(&self) -> ImageSpec {
        match self {
            Self::U8(image) => image.spec(),
            Self::U16(image) => image.spec(),
            Self::I16(image) => image.spec(),
            Self::F32(image) => image.spec(),
        }
    }
}

fn cast<T: bytemuck::Pod>(bytes: &[u8]) -> &[T] {
    bytemuck::cast_slice(bytes)
}

fn cast_mut<T: bytemuck::Pod>(bytes: &mut [u8]) -> &mut [T] {
    bytemuck::cast_slice_mut(bytes)
}

impl<'a> AnyImageMut<'a> {
    /// Rows `first_row..` of a frame of `spec` to write (see [`AnyImageRef::window`]).
    pub(crate) fn window(spec: ImageSpec, first_row: usize, bytes: &'a mut [u8]) -> Self {
        match spec.pixel_type() {
            PixelType::U8 => Self::U8(ImageMut::window(spec, first_row, bytes)),
            PixelType::U16 => Self::U16(ImageMut::window(spec, first_row, cast_mut(bytes))),
            PixelType::I16 => Self::I16(ImageMut::window(spec, first_row, cast_mut(bytes))),
            PixelType::F32 => Self::F32(ImageMut::window(spec, first_row, cast_mut(bytes))),
        }
    }

    /// Views raw bytes (native endianness) as a frame of `spec` to write.
    pub fn from_bytes(spec: ImageSpec, bytes: &'a mut [u8], role: &'static str) -> Result<Self> {
        Ok(match spec.pixel_type() {
            PixelType::U8 => Self::U8(ImageMut::from_bytes(spec, bytes, role)?),
            PixelType::U16 => Self::U16(ImageMut::from_bytes(spec, bytes, role)?),
            PixelType::I16 => Self::I16(ImageMut::from_bytes(spec, bytes, role)?),
            PixelType::F32 => Self::F32(ImageMut::from_bytes(spec, bytes, role)?),
        })
    }

    pub fn spec(&self) -> ImageSpec {
        match self {
            Self::U8(image) => image.spec(),
            Self::U16(image) => image.spec(),
            Self::I16(image) => image.spec(),
            Self::F32(image) => image.spec(),
        }
    }
}

/// Runs `$body` with `$src` and `$dst` bound to typed views of one pixel type,
/// or fails when the two types differ.
macro_rules! with_same_type {
    ($src:expr, $dst:expr, |$s:ident, $d:ident| $body:expr) => {
        match ($src, $dst) {
            ($crate::AnyImageRef::U8($s), $crate::AnyImageMut::U8($d)) => $body,
            ($crate::AnyImageRef::U16($s), $crate::AnyImageMut::U16($d)) => $body,
            ($crate::AnyImageRef::I16($s), $crate::AnyImageMut::I16($d)) => $body,
            ($crate::AnyImageRef::F32($s), $crate::AnyImageMut::F32($d)) => $body,
            (src, dst) => Err($crate::image::type_mismatch(src.spec(), dst.spec())),
        }
    };
}

/// Runs `$body` with `$src` and `$dst` bound to typed views of any two pixel types.
macro_rules! with_any_types {
    (@dst $dst:expr, $d:ident, $body:expr) => {
        match $dst {
            $crate::AnyImageMut::U8($d) => $body,
            $crate::AnyImageMut::U16($d) => $body,
            $crate::AnyImageMut::I16($d) => $body,
            $crate::AnyImageMut::F32($d) => $body,
        }
    };
    ($src:expr, $dst:expr, |$s:ident, $d:ident| $body:expr) => {
        match $src {
            $crate::AnyImageRef::U8($s) => $crate::image::with_any_types!(@dst $dst, $d, $body),
            $crate::AnyImageRef::U16($s) => $crate::image::with_any_types!(@dst $dst, $d, $body),
            $crate::AnyImageRef::I16($s) => $crate::image::with_any_types!(@dst $dst, $d, $body),
            $crate::AnyImageRef::F32($s) => $crate::image::with_any_types!(@dst $dst, $d, $body),
        }
    };
}

pub(crate) use {with_any_types, with_same_type};

pub(crate) fn type_mismatch(src: ImageSpec, dst: ImageSpec) -> Error {
    Error::PixelType {
        role: "output",
        expected: src.pixel_type(),
        given: dst.pixel_type(),
    }
}
