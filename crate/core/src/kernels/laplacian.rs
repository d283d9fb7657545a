//! `laplacian`: the sum of the second derivatives along x and y, with
//! OpenCV's `Laplacian` kernels, into i16 or f32.

use std::ops::{AddAssign, Mul};

use bytemuck::Pod;

use super::derivative::{check_derivative_type, derivative_spec};
use super::{Border, check_output_type, check_same_shape};
use crate::simd::dispatch;
use crate::strips::Strip;
use crate::{Error, ImageMut, ImageRef, ImageSpec, Pixel, PixelType, Result, Workspace};

/// Parameters of [`laplacian`]: the aperture `ksize` (1, 3 or 5), the
/// border, and the output type (`None`: i16 for u8 frames, f32 otherwise).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LaplacianParams {
    pub ksize: u32,
    pub border: Border,
    pub to: Option<PixelType>,
}

impl Default for LaplacianParams {
    fn default() -> Self {
        Self {
            ksize: 1,
            border: Border::default(),
            to: None,
        }
    }
}

impl LaplacianParams {
    pub fn validate(&self) -> Result<()> {
        self.border.validate()?;
        if !matches!(self.ksize, 1 | 3 | 5) {
            return Err(Error::param("ksize", "1, 3 or 5", self.ksize));
        }
        check_derivative_type(self.to)
    }

    /// The frame written from `input`.
    pub fn output_spec(&self, input: ImageSpec) -> ImageSpec {
        derivative_spec(input, self.to)
    }

    /// Rows read above and below each output row.
    pub(crate) fn reach(&self) -> usize {
        self.side() / 2
    }

    /// The kernel's side: 3 for apertures 1 and 3.
    fn side(&self) -> usize {
        if self.ksize == 5 { 5 } else { 3 }
    }

    /// The kernel's taps, row-major, as OpenCV builds them: for apertures 1
    /// and 3 its fixed 3×3 kernels, for 5 `d2x·sy + sx·d2y` from Sobel's
    /// second-derivative taps `[1 0 −2 0 1]` and smoothing `[1 4 6 4 1]`.
    fn kernel(&self) -> [[i32; 5]; 5] {
        let mut kernel = [[0; 5]; 5];
        match self.ksize {
            1 => kernel[..3].copy_from_slice(&[[0, 1, 0, 0, 0], [1, -4, 1, 0, 0], [0, 1, 0, 0, 0]]),
            3 => kernel[..3].copy_from_slice(&[[2, 0, 2, 0, 0], [0, -8, 0, 0, 0], [2, 0, 2, 0, 0]]),
            _ => {
                let (second, smoothing) = ([1, 0, -2, 0, 1], [1, 4, 6, 4, 1]);
                for (y, row) in kernel.iter_mut().enumerate() {
                    for (x, tap) in row.iter_mut().enumerate() {
                        *tap = second[x] * smoothing[y] + smoothing[x] * second[y];
                    }
                }
            }
        }
        kernel
    }
}

/// Arithmetic of the sums: i32 for integer frames, f32 for f32 frames.
trait Sum: Pod + Default + AddAssign + Mul<Output = Self> + Send + Sync {
    fn from_tap(tap: i32) -> Self;
}

impl Sum for i32 {
    fn from_tap(tap: i32) -> Self {
        tap
    }
}

impl Sum for f32 {
    fn from_tap(tap: i32) -> Self {
        tap as f32
    }
}

/// OpenCV's `Laplacian`: exact integer sums for integer frames (|sums| ≤
/// 65535·128, exact in i32), f32 sums for f32 frames, saturated into the
/// output type. The non-zero taps are added in row-major order from 0, as
/// OpenCV's `filter2D` adds them for apertures 1 and 3, so f32 frames match
/// it bit for bit there; taps of 0 read nothing.
pub fn laplacian<T: Pixel, U: Pixel>(
    src: ImageRef<T>,
    dst: ImageMut<U>,
    params: &LaplacianParams,
    workspace: &mut Workspace,
) -> Result<()> {
    params.validate()?;
    check_same_shape(src.spec(), dst.spec())?;
    check_output_type::<U>(params.output_spec(src.spec()).pixel_type())?;
    if T::TYPE == PixelType::F32 {
        filter::<T, U, f32>(src, dst, params, workspace, |v| v.to_f32(), U::saturate_f32);
    } else {
        filter::<T, U, i32>(
            src,
            dst,
            params,
            workspace,
            |v| v.to_i64() as i32,
            U::saturate_i32,
        );
    }
    Ok(())
}

/// The largest number of non-zero taps: 21 of the 5×5 kernel.
const MAX_TAPS: usize = 25;

/// One non-zero tap: its row, its column, its weight.
#[derive(Clone, Copy, Default)]
struct Tap<A> {
    row: usize,
    column: usize,
    weight: A,
}

fn filter<T: Pixel, U: Pixel, A: Sum>(
    src: ImageRef<T>,
    dst: ImageMut<U>,
    params: &LaplacianParams,
    workspace: &mut Workspace,
    load: impl Fn(T) -> A + Copy + Sync,
    finish: impl Fn(A) -> U + Copy + Sync,
) {
    let side = params.side();
    let mut taps = [Tap::default(); MAX_TAPS];
    let mut count = 0;
    for (row, weights) in params.kernel()[..side].iter().enumerate() {
        for (column, &weight) in weights[..side].iter().enumerate() {
            if weight != 0 {
                taps[count] = Tap {
                    row,
                    column,
                    weight: A::from_tap(weight),
                };
                count += 1;
            }
        }
    }
    let taps = &taps[..count];
    let border = params.border;
    let constant = match border {
        Border::Constant(value) => load(T::saturate_f64(value)),
        _ => A::default(),
    };
    let spec = src.spec();
    let extended_len = spec.row_len() + (side - 1) * spec.channels();
    let bytes = (side * extended_len + BLOCK) * size_of::<A>();
    let strips = workspace.split(0, 0).1;
    strips.run(dst, |mut strip, workspace| {
        let mut carver = workspace.carve(2, bytes);
        let extended = carver.take::<A>(side * extended_len);
        let sums = carver.take::<A>(BLOCK);
        let rows = Rows {
            extended,
            sums,
            side,
            constant,
        };
        dispatch!(
            strip.isa(),
            strip_rows(src, &mut strip, taps, border, rows, load, finish)
        )
    });
}

/// Samples per block of sums: each tap adds into the whole block before
/// the next, so the vectors of a block are independent of each other.
const BLOCK: usize = 512;

/// A strip's scratch rows.
struct Rows<'a, A> {
    /// The `side` source rows of the current output row as sums, each with
    /// its border pixels on both sides.
    extended: &'a mut [A],
    /// The sums of a block of output samples.
    sums: &'a mut [A],
    side: usize,
    /// A sample beyond the frame with the constant border.
    constant: A,
}

#[inline(always)]
fn strip_rows<T: Pixel, U: Pixel, A: Sum>(
    src: ImageRef<T>,
    dst: &mut Strip<'_, U>,
    taps: &[Tap<A>],
    border: Border,
    rows: Rows<'_, A>,
    load: impl Fn(T) -> A,
    finish: impl Fn(A) -> U,
) {
    let spec = src.spec();
    let (width, height, channels) = (spec.width(), spec.height(), spec.channels());
    let row_len = spec.row_len();
    let Rows {
        extended,
        sums,
        side,
        constant,
    } = rows;
    let radius = side / 2;
    let extended_len = extended.len() / side;
    let left = radius * channels;
    for y in dst.rows() {
        for (j, line) in extended.chunks_exact_mut(extended_len).enumerate() {
            let sy = border.source_index((y + j) as isize - radius as isize, height);
            let Some(sy) = sy else {
                line.fill(constant);
                continue;
            };
            for (sum, &v) in line[left..left + row_len].iter_mut().zip(src.row(sy)) {
                *sum = load(v);
            }
            // The border pixels on each side, from the row or the constant.
            let outside = (0..radius).chain(width + radius..width + side - 1);
            for xi in outside {
                let at = xi * channels;
                match border.source_index(xi as isize - radius as isize, width) {
                    Some(sx) => {
                        line.copy_within(left + sx * channels..left + (sx + 1) * channels, at)
                    }
                    None => line[at..at + channels].fill(constant),
                }
            }
        }
        let extended = &*extended;
        let out = dst.row_mut(y);
        for (start, block) in (0..row_len).step_by(BLOCK).zip(out.chunks_mut(BLOCK)) {
            let len = block.len();
            let acc = &mut sums[..len];
            acc.fill(A::default());
            for tap in taps {
                let at = tap.row * extended_len + start + tap.column * channels;
                add(acc, &extended[at..at + len], tap.weight);
            }
            for (out, &sum) in block.iter_mut().zip(acc.iter()) {
                *out = finish(sum);
            }
        }
    }
}

/// `acc[i] += weight · values[i]`, a loop the compiler vectorizes.
#[inline(always)]
fn add<A: Sum>(acc: &mut [A], values: &[A], weight: A) {
    for (acc, &v) in acc.iter_mut().zip(values) {
        *acc += weight * v;
    }
}
