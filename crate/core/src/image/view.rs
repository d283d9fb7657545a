//! Borrowed, typed views over a frame's pixels.

use std::ops::Range;

use crate::{Error, ImageSpec, Pixel, Result};

/// A frame to read: a spec and its pixels of type `T`, row after row, each
/// row starting `stride` samples after the one before (a crop of a larger
/// frame read in place), or, inside the crate, a window of its rows (see
/// [`ImageRef::window`]).
#[derive(Clone, Copy, Debug)]
pub struct ImageRef<'a, T: Pixel> {
    spec: ImageSpec,
    /// The frame row that `data` starts with: 0 for a whole frame.
    first_row: usize,
    /// Samples from the start of one row to the start of the next: at
    /// least the row's, and exactly the row's for a frame without gaps.
    stride: usize,
    data: &'a [T],
}

/// A frame to write: a spec and exactly `spec.samples()` pixels of type `T`,
/// or, inside the crate, a window of its rows.
#[derive(Debug)]
pub struct ImageMut<'a, T: Pixel> {
    spec: ImageSpec,
    first_row: usize,
    data: &'a mut [T],
}

/// Samples a frame of `spec` spans whose rows start `stride` samples apart:
/// the last row ends the frame, with no gap after it.
pub(crate) fn strided_len(spec: ImageSpec, stride: usize) -> usize {
    (spec.height() - 1) * stride + spec.row_len()
}

/// Refuses a row stride shorter than a row of `spec`.
pub(crate) fn check_stride(spec: ImageSpec, stride: usize) -> Result<()> {
    if stride < spec.row_len() {
        return Err(Error::Spec {
            field: "stride",
            expected: format!("at least width × channels ({}) samples", spec.row_len()),
            given: stride.to_string(),
        });
    }
    // The span must be addressable as the widest type.
    let fits = (spec.height() - 1)
        .checked_mul(stride)
        .and_then(|n| n.checked_add(spec.row_len()))
        .and_then(|n| n.checked_mul(crate::PixelType::WIDEST))
        .is_some_and(|bytes| bytes <= isize::MAX as usize);
    if !fits {
        return Err(Error::Spec {
            field: "stride",
            expected: "a frame span that fits in memory".into(),
            given: stride.to_string(),
        });
    }
    Ok(())
}

/// Refuses `len` samples that are not whole rows `first_row..` of a frame of `spec`.
fn check_window(spec: ImageSpec, first_row: usize, len: usize) {
    let row_len = spec.row_len();
    assert!(
        len.is_multiple_of(row_len) && first_row + len / row_len <= spec.height(),
        "rows {first_row}.. ({len} samples) of a frame of {spec}"
    );
}

fn check_pixels<T: Pixel>(spec: ImageSpec, len: usize, role: &'static str) -> Result<()> {
    if spec.pixel_type() != T::TYPE {
        return Err(Error::PixelType {
            role,
            expected: spec.pixel_type(),
            given: T::TYPE,
        });
    }
    check_byte_len(spec, len * T::TYPE.size(), role)
}

/// Refuses `given` bytes for a frame of `spec` unless they are exactly its size.
pub(crate) fn check_byte_len(spec: ImageSpec, given: usize, role: &'static str) -> Result<()> {
    if given != spec.byte_len() {
        return Err(Error::Length {
            role,
            spec,
            expected: spec.byte_len(),
            given,
        });
    }
    Ok(())
}

/// Refuses a stride shorter than a row, or `given` bytes that are not a
/// frame of `spec` with rows `stride` samples apart.
pub(crate) fn check_strided_byte_len(
    spec: ImageSpec,
    stride: usize,
    given: usize,
    role: &'static str,
) -> Result<()> {
    check_stride(spec, stride)?;
    let expected = strided_len(spec, stride) * spec.pixel_type().size();
    if given != expected {
        return Err(Error::StridedLength {
            role,
            spec,
            stride,
            expected,
            given,
        });
    }
    Ok(())
}

fn alignment_error<T: Pixel>(bytes: &[u8], role: &'static str) -> Error {
    let required = align_of::<T>();
    Error::Alignment {
        role,
        pixel_type: T::TYPE,
        required,
        misalignment: bytes.as_ptr() as usize % required,
    }
}

impl<'a, T: Pixel> ImageRef<'a, T> {
    /// Views `data` as a frame of `spec`; `role` names it in errors.
    pub fn new(spec: ImageSpec, data: &'a [T], role: &'static str) -> Result<Self> {
        check_pixels::<T>(spec, data.len(), role)?;
        Ok(Self {
            spec,
            first_row: 0,
            stride: spec.row_len(),
            data,
        })
    }

    /// Views `data` as a frame of `spec` whose rows start `stride` samples
    /// apart: `data` holds `(height − 1)·stride + width·channels` samples,
    /// from the first sample of the first row to the last of the last.
    pub fn strided(
        spec: ImageSpec,
        stride: usize,
        data: &'a [T],
        role: &'static str,
    ) -> Result<Self> {
        if stride == spec.row_len() {
            return Self::new(spec, data, role);
        }
        if spec.pixel_type() != T::TYPE {
            return Err(Error::PixelType {
                role,
                expected: spec.pixel_type(),
                given: T::TYPE,
            });
        }
        check_strided_byte_len(spec, stride, size_of_val(data), role)?;
        Ok(Self {
            spec,
            first_row: 0,
            stride,
            data,
        })
    }

    /// Views raw bytes (native endianness) as a frame of `spec` with rows
    /// `stride` samples apart (see [`strided`](Self::strided)).
    pub fn from_bytes_strided(
        spec: ImageSpec,
        stride: usize,
        bytes: &'a [u8],
        role: &'static str,
    ) -> Result<Self> {
        if stride == spec.row_len() {
            return Self::from_bytes(spec, bytes, role);
        }
        let data =
            bytemuck::try_cast_slice(bytes).map_err(|_| alignment_error::<T>(bytes, role))?;
        Self::strided(spec, stride, data, role)
    }

    /// Rows `first_row..` of a frame of `spec`, as many as `data` holds whole.
    /// Kernels address rows by their place in the frame, and resolve borders
    /// against the frame's edges, so a window yields the same rows as the
    /// frame; reading a row outside it panics.
    pub(crate) fn window(spec: ImageSpec, first_row: usize, data: &'a [T]) -> Self {
        debug_assert_eq!(spec.pixel_type(), T::TYPE);
        check_window(spec, first_row, data.len());
        Self {
            spec,
            first_row,
            stride: spec.row_len(),
            data,
        }
    }

    /// Rows `first_row..` of a frame of `spec` whose rows start `stride`
    /// samples apart: `data` from the first sample of the first row held to
    /// the last of the last (see [`window`](Self::window)).
    pub(crate) fn strided_window(
        spec: ImageSpec,
        first_row: usize,
        stride: usize,
        data: &'a [T],
    ) -> Self {
        let row_len = spec.row_len();
        if stride == row_len {
            return Self::window(spec, first_row, data);
        }
        debug_assert_eq!(spec.pixel_type(), T::TYPE);
        assert!(
            stride > row_len
                && data.len() >= row_len
                && (data.len() - row_len).is_multiple_of(stride)
                && first_row + (data.len() - row_len) / stride < spec.height(),
            "rows {first_row}.. ({} samples, stride {stride}) of a frame of {spec}",
            data.len()
        );
        Self {
            spec,
            first_row,
            stride,
            data,
        }
    }

    /// Views raw bytes (native endianness) as a frame of `spec`.
    pub fn from_bytes(spec: ImageSpec, bytes: &'a [u8], role: &'static str) -> Result<Self> {
        check_byte_len(spec, bytes.len(), role)?;
        let data =
            bytemuck::try_cast_slice(bytes).map_err(|_| alignment_error::<T>(bytes, role))?;
        Self::new(spec, data, role)
    }

    /// A view the caller knows to be consistent: `spec` names `T` and `data` holds its samples.
    pub(crate) fn from_parts(spec: ImageSpec, data: &'a [T]) -> Self {
        debug_assert!(check_pixels::<T>(spec, data.len(), "view").is_ok());
        Self {
            spec,
            first_row: 0,
            stride: spec.row_len(),
            data,
        }
    }

    pub fn spec(&self) -> ImageSpec {
        self.spec
    }

    /// Samples from the start of one row to the start of the next.
    pub fn stride(&self) -> usize {
        self.stride
    }

    /// Whether the rows follow one another without gaps, so that
    /// [`data`](Self::data) is every sample of the rows held, in order.
    pub fn is_contiguous(&self) -> bool {
        self.stride == self.spec.row_len()
    }

    /// The samples held: the whole frame's, or a window's rows. Only for a
    /// view without gaps between rows ([`is_contiguous`](Self::is_contiguous));
    /// others are read by [`row`](Self::row).
    pub fn data(&self) -> &'a [T] {
        debug_assert!(self.is_contiguous(), "whole samples of a strided view");
        self.data
    }

    /// Every sample from the first row's start to the last row's end, the
    /// gaps between rows included: row `y` starts `(y − rows().start)·stride` in.
    pub(crate) fn spanned(&self) -> &'a [T] {
        self.data
    }

    /// The frame rows held.
    pub fn rows(&self) -> Range<usize> {
        let len = self.data.len();
        let held = if len == 0 {
            0
        } else {
            (len - self.spec.row_len()) / self.stride + 1
        };
        self.first_row..self.first_row + held
    }

    /// Row `y` of the frame: width × channels samples.
    #[inline(always)]
    pub fn row(&self, y: usize) -> &'a [T] {
        let len = self.spec.row_len();
        let at = (y - self.first_row) * self.stride;
        &self.data[at..at + len]
    }

    /// The same rows and stride as samples of `U`, the type the spec names
    /// (kernels generic over `T` that dispatch on the spec's type call this).
    pub(crate) fn cast<U: Pixel>(self) -> ImageRef<'a, U> {
        assert_eq!(
            self.spec.pixel_type(),
            U::TYPE,
            "a view cast to another pixel type"
        );
        ImageRef {
            spec: self.spec,
            first_row: self.first_row,
            stride: self.stride,
            data: bytemuck::cast_slice(self.data),
        }
    }

    /// Rows `rows` of the view, which must hold them, keeping its stride.
    pub(crate) fn band(&self, rows: Range<usize>) -> Self {
        assert!(self.rows().start <= rows.start && rows.end <= self.rows().end);
        let at = (rows.start - self.first_row) * self.stride;
        let len = match rows.len() {
            0 => 0,
            n => (n - 1) * self.stride + self.spec.row_len(),
        };
        // One row has no gaps, whatever the stride.
        let stride = if rows.len() <= 1 {
            self.spec.row_len()
        } else {
            self.stride
        };
        Self {
            data: &self.data[at..at + len],
            first_row: rows.start,
            stride,
            spec: self.spec,
        }
    }
}

impl<'a, T: Pixel> ImageMut<'a, T> {
    /// Views `data` as a frame of `spec` to write; `role` names it in errors.
    pub fn new(spec: ImageSpec, data: &'a mut [T], role: &'static str) -> Result<Self> {
        check_pixels::<T>(spec, data.len(), role)?;
        Ok(Self {
            spec,
            first_row: 0,
            data,
        })
    }

    /// Rows `first_row..` of a frame of `spec` to write (see [`ImageRef::window`]).
    pub(crate) fn window(spec: ImageSpec, first_row: usize, data: &'a mut [T]) -> Self {
        debug_assert_eq!(spec.pixel_type(), T::TYPE);
        check_window(spec, first_row, data.len());
        Self {
            spec,
            first_row,
            data,
        }
    }

    /// Views raw bytes (native endianness) as a frame of `spec` to write.
    pub fn from_bytes(spec: ImageSpec, bytes: &'a mut [u8], role: &'static str) -> Result<Self> {
        check_byte_len(spec, bytes.len(), role)?;
        if bytemuck::try_cast_slice::<u8, T>(bytes).is_err() {
            return Err(alignment_error::<T>(bytes, role));
        }
        Self::new(spec, bytemuck::cast_slice_mut(bytes), role)
    }

    /// A view the caller knows to be consistent: `spec` names `T` and `data` holds its samples.
    pub(crate) fn from_parts(spec: ImageSpec, data: &'a mut [T]) -> Self {
        debug_assert!(check_pixels::<T>(spec, data.len(), "view").is_ok());
        Self {
            spec,
            first_row: 0,
            data,
        }
    }

    pub fn spec(&self) -> ImageSpec {
        self.spec
    }

    /// The samples held: the whole frame's, or a window's rows.
    pub fn data(&self) -> &[T] {
        self.data
    }

    pub fn data_mut(&mut self) -> &mut [T] {
        self.data
    }

    /// The frame rows held.
    pub fn rows(&self) -> Range<usize> {
        self.first_row..self.first_row + self.data.len() / self.spec.row_len()
    }

    /// Row `y` of the frame to write: width × channels samples.
    pub fn row_mut(&mut self, y: usize) -> &mut [T] {
        let len = self.spec.row_len();
        let at = (y - self.first_row) * len;
        &mut self.data[at..at + len]
    }

    /// Rows `rows` of the view to write, which must hold them.
    pub(crate) fn band_mut(&mut self, rows: Range<usize>) -> ImageMut<'_, T> {
        let len = self.spec.row_len();
        let at = (rows.start - self.first_row) * len;
        ImageMut {
            spec: self.spec,
            first_row: rows.start,
            data: &mut self.data[at..at + rows.len() * len],
        }
    }

    /// A shorter-lived view of the same rows.
    pub fn reborrow(&mut self) -> ImageMut<'_, T> {
        ImageMut {
            spec: self.spec,
            first_row: self.first_row,
            data: self.data,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PixelType;

    fn spec(pixel_type: PixelType) -> ImageSpec {
        ImageSpec::new(3, 2, 1, pixel_type).unwrap()
    }

    #[test]
    fn rows_split_the_frame() {
        let data = [1u8, 2, 3, 4, 5, 6];
        let image = ImageRef::new(spec(PixelType::U8), &data, "input").unwrap();
        assert_eq!(image.row(1), &[4, 5, 6]);
    }

    #[test]
    fn a_short_slice_is_a_length_error_in_bytes() {
        let data = [0u16; 5];
        let error = ImageRef::new(spec(PixelType::U16), &data, "input").unwrap_err();
        assert_eq!(
            error.to_string(),
            "input: expected 12 bytes for 3×2×1 u16, got 10"
        );
    }

    #[test]
    fn a_slice_of_another_type_is_a_type_error() {
        let data = [0u8; 6];
        let error = ImageRef::new(spec(PixelType::U16), &data, "input").unwrap_err();
        assert_eq!(error.code(), "ERR_PIXCHAIN_TYPE");
    }

    #[test]
    fn misaligned_bytes_are_an_alignment_error() {
        let words = [0u32; 8];
        let bytes: &[u8] = bytemuck::cast_slice(&words);
        let error =
            ImageRef::<f32>::from_bytes(spec(PixelType::F32), &bytes[1..25], "input").unwrap_err();
        assert_eq!(
            error.to_string(),
            "input: expected f32 pixels to start on a 4-byte boundary, got an address 1 bytes past one"
        );
        assert!(ImageRef::<f32>::from_bytes(spec(PixelType::F32), &bytes[4..28], "input").is_ok());
    }
}
