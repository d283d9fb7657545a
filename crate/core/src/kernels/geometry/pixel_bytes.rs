//! Pixels as byte arrays `[u8; N]`, N = channels × sample size: the unit
//! geometry moves. Every (type, channels) pair has one of eight sizes.

use crate::{ImageMut, ImageRef, Pixel};

/// Runs `$body` with `$P` bound to `[u8; N]`, N being `$size` bytes.
macro_rules! with_pixel_bytes {
    ($size:expr, $P:ident => $body:expr) => {
        match $size {
            1 => {
                type $P = [u8; 1];
                $body
            }
            2 => {
                type $P = [u8; 2];
                $body
            }
            3 => {
                type $P = [u8; 3];
                $body
            }
            4 => {
                type $P = [u8; 4];
                $body
            }
            6 => {
                type $P = [u8; 6];
                $body
            }
            8 => {
                type $P = [u8; 8];
                $body
            }
            12 => {
                type $P = [u8; 12];
                $body
            }
            16 => {
                type $P = [u8; 16];
                $body
            }
            size => unreachable!("no pixel is {size} bytes"),
        }
    };
}
pub(super) use with_pixel_bytes;

/// Bytes per pixel of a frame of `T` samples and `channels` channels.
pub(super) fn pixel_size<T: Pixel>(channels: usize) -> usize {
    channels * size_of::<T>()
}

/// Row `y` of `src` as pixels of `P`.
#[inline(always)]
pub(super) fn src_row<'a, T: Pixel, P: bytemuck::Pod>(src: &ImageRef<'a, T>, y: usize) -> &'a [P] {
    bytemuck::cast_slice(bytemuck::cast_slice::<T, u8>(src.row(y)))
}

/// Row `y` of `dst` as pixels of `P`.
#[inline(always)]
pub(super) fn dst_row<'a, T: Pixel, P: bytemuck::Pod>(
    dst: &'a mut ImageMut<'_, T>,
    y: usize,
) -> &'a mut [P] {
    bytemuck::cast_slice_mut(bytemuck::cast_slice_mut::<T, u8>(dst.row_mut(y)))
}
