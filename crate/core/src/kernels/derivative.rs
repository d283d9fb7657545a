//! What OpenCV's derivative filters (`Sobel`, `Scharr`) share: the output
//! type rule, and one separable pass of small integer taps into it.

use super::separable::{Accumulate, separable};
use super::{Border, check_output_type, check_same_shape};
use crate::{Error, ImageMut, ImageRef, ImageSpec, Pixel, PixelType, Result, Workspace};

/// Refuses an output type other than i16 or f32.
pub(super) fn check_derivative_type(to: Option<PixelType>) -> Result<()> {
    match to {
        Some(to) if !matches!(to, PixelType::I16 | PixelType::F32) => {
            Err(Error::param("type", "i16 or f32", to))
        }
        _ => Ok(()),
    }
}

/// The derivative frame of `input`: of type `to`, by default i16 for u8
/// frames (their sums fit) and f32 otherwise.
pub(super) fn derivative_spec(input: ImageSpec, to: Option<PixelType>) -> ImageSpec {
    let default = if input.pixel_type() == PixelType::U8 {
        PixelType::I16
    } else {
        PixelType::F32
    };
    input.with_type(to.unwrap_or(default))
}

/// `src` filtered by the horizontal taps `kx` and the vertical taps `ky`:
/// exact integer sums for integer frames, f32 sums for f32 frames,
/// saturated into `dst`'s type, which must be [`derivative_spec`]'s.
pub(super) fn separable_derivative<T: Pixel, U: Pixel>(
    src: ImageRef<T>,
    dst: ImageMut<U>,
    (kx, ky): (&[i64], &[i64]),
    border: Border,
    to: Option<PixelType>,
    workspace: &mut Workspace,
) -> Result<()> {
    check_same_shape(src.spec(), dst.spec())?;
    check_output_type::<U>(derivative_spec(src.spec(), to).pixel_type())?;
    let constant = match border {
        Border::Constant(value) => T::saturate_f64(value),
        _ => T::default(),
    };
    let (mut carver, strips) = workspace.split(2, (kx.len() + ky.len()) * 4);
    if T::TYPE == PixelType::F32 {
        let (taps_x, taps_y) = (carver.take::<f32>(kx.len()), carver.take::<f32>(ky.len()));
        taps_x.iter_mut().zip(kx).for_each(|(t, &k)| *t = k as f32);
        taps_y.iter_mut().zip(ky).for_each(|(t, &k)| *t = k as f32);
        let accumulate = Accumulate {
            load: |v: T| v.to_f32(),
            constant,
            finish: U::saturate_f32,
        };
        separable::<T, U, f32, f32, _, _>(src, dst, (taps_x, taps_y), border, strips, accumulate);
    } else {
        // |sums| ≤ 65535·16·16 for Sobel's 5×5, 65535·2·16 for Scharr: exact in i32.
        let (taps_x, taps_y) = (carver.take::<i32>(kx.len()), carver.take::<i32>(ky.len()));
        taps_x.iter_mut().zip(kx).for_each(|(t, &k)| *t = k as i32);
        taps_y.iter_mut().zip(ky).for_each(|(t, &k)| *t = k as i32);
        let accumulate = Accumulate {
            load: |v: T| v.to_i64() as i32,
            constant,
            finish: U::saturate_i32,
        };
        separable::<T, U, i32, i32, _, _>(src, dst, (taps_x, taps_y), border, strips, accumulate);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{LaplacianParams, ScharrParams, laplacian, scharr};
    use crate::simd::Isa;
    use crate::{Border, ImageMut, ImageRef, ImageSpec, Pixel, PixelType, Workspace};

    /// xorshift32 samples over the type's range; f32 in [-300, 300].
    fn noise<T: Pixel>(spec: ImageSpec, seed: u32) -> Vec<T> {
        let mut state = seed.wrapping_mul(2_654_435_761) | 1;
        (0..spec.samples())
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                match T::TYPE {
                    PixelType::U8 => T::saturate_i32((state % 256) as i32),
                    PixelType::U16 => T::saturate_i32((state % 65536) as i32),
                    PixelType::I16 => T::saturate_i32((state % 65536) as i32 - 32768),
                    PixelType::F32 => T::saturate_f32((state % 60001) as f32 / 100.0 - 300.0),
                }
            })
            .collect()
    }

    /// A 2-D kernel of integer taps from its definition: the non-zero taps
    /// in row-major order, summed from 0 (in f32 for f32 frames, exactly
    /// otherwise), borders as OpenCV's `borderInterpolate`.
    fn reference<T: Pixel, U: Pixel>(
        src: &[T],
        spec: ImageSpec,
        kernel: &[Vec<i64>],
        border: Border,
    ) -> Vec<U> {
        let (width, height, cn) = (spec.width(), spec.height(), spec.channels());
        let radius = (kernel.len() / 2) as isize;
        let constant = match border {
            Border::Constant(value) => T::saturate_f64(value),
            _ => T::default(),
        };
        let at = |x: isize, y: isize, c: usize| match (
            border.source_index(x, width),
            border.source_index(y, height),
        ) {
            (Some(x), Some(y)) => src[(y * width + x) * cn + c],
            _ => constant,
        };
        let mut out = Vec::with_capacity(src.len());
        for y in 0..height as isize {
            for x in 0..width as isize {
                for c in 0..cn {
                    let (mut exact, mut float) = (0i64, 0f32);
                    for (j, row) in kernel.iter().enumerate() {
                        for (i, &tap) in row.iter().enumerate().filter(|(_, t)| **t != 0) {
                            let v = at(x + i as isize - radius, y + j as isize - radius, c);
                            exact += tap * v.to_i64();
                            float += tap as f32 * v.to_f32();
                        }
                    }
                    out.push(if T::TYPE == PixelType::F32 {
                        U::saturate_f32(float)
                    } else {
                        U::saturate_f64(exact as f64)
                    });
                }
            }
        }
        out
    }

    /// The outer product `ky ⊗ kx` (rows from `ky`).
    fn outer(kx: &[i64], ky: &[i64]) -> Vec<Vec<i64>> {
        ky.iter()
            .map(|&v| kx.iter().map(|&h| v * h).collect())
            .collect()
    }

    fn laplacian_kernel(ksize: u32) -> Vec<Vec<i64>> {
        let (second, smoothing): (&[i64], &[i64]) = match ksize {
            1 => (&[1, -2, 1], &[0, 1, 0]),
            3 => (&[1, -2, 1], &[1, 2, 1]),
            _ => (&[1, 0, -2, 0, 1], &[1, 4, 6, 4, 1]),
        };
        let (a, b) = (outer(second, smoothing), outer(smoothing, second));
        a.iter()
            .zip(&b)
            .map(|(ra, rb)| ra.iter().zip(rb).map(|(x, y)| x + y).collect())
            .collect()
    }

    const SHAPES: [(usize, usize, usize); 5] =
        [(1, 1, 1), (2, 7, 3), (9, 2, 1), (13, 11, 4), (530, 3, 1)];
    const BORDERS: [Border; 4] = [
        Border::Reflect101,
        Border::Reflect,
        Border::Replicate,
        Border::Constant(-7.5),
    ];

    /// `run` (a kernel into `U`) against `want` on every path.
    fn check<T: Pixel, U: Pixel>(
        spec: ImageSpec,
        src: &[T],
        want: &[U],
        what: &str,
        f32_tolerance: f32,
        run: impl Fn(ImageRef<T>, ImageMut<U>, &mut Workspace),
    ) {
        for isa in Isa::available() {
            let mut workspace = Workspace::with_isa(isa).unwrap();
            let mut got = vec![U::default(); src.len()];
            let image = ImageRef::new(spec, src, "input").unwrap();
            let out_spec = spec.with_type(U::TYPE);
            run(
                image,
                ImageMut::new(out_spec, &mut got, "output").unwrap(),
                &mut workspace,
            );
            for (i, (g, w)) in got.iter().zip(want).enumerate() {
                let (g, w) = (g.to_f64(), w.to_f64());
                let close = g == w || (g - w).abs() <= f32_tolerance as f64;
                assert!(
                    close,
                    "{what} on {spec}, {isa}: sample {i} is {g}, expected {w}"
                );
            }
        }
    }

    fn check_type<T: Pixel, U: Pixel>(scharr_tolerance: f32) {
        for (width, height, channels) in SHAPES {
            let spec = ImageSpec::new(width, height, channels, T::TYPE).unwrap();
            let src = noise::<T>(spec, (width * 31 + height) as u32);
            for border in BORDERS {
                for ksize in [1, 3, 5] {
                    let params = LaplacianParams {
                        ksize,
                        border,
                        to: Some(U::TYPE),
                    };
                    let want = reference::<T, U>(&src, spec, &laplacian_kernel(ksize), border);
                    let what = format!("laplacian {ksize} {border:?}");
                    check(spec, &src, &want, &what, 0.0, |s, d, w| {
                        laplacian(s, d, &params, w).unwrap()
                    });
                }
                for (dx, dy) in [(1, 0), (0, 1)] {
                    let params = ScharrParams {
                        dx,
                        dy,
                        border,
                        to: Some(U::TYPE),
                    };
                    let (d, s) = (&[-1, 0, 1], &[3, 10, 3]);
                    let kernel = if dx == 1 { outer(d, s) } else { outer(s, d) };
                    let want = reference::<T, U>(&src, spec, &kernel, border);
                    let what = format!("scharr {dx},{dy} {border:?}");
                    check(spec, &src, &want, &what, scharr_tolerance, |s, d, w| {
                        scharr(s, d, &params, w).unwrap()
                    });
                }
            }
        }
    }

    #[test]
    fn laplacian_and_scharr_match_their_kernels_on_every_path_type_and_border() {
        check_type::<u8, i16>(0.0);
        check_type::<u16, f32>(0.0);
        check_type::<i16, i16>(0.0);
        // Scharr's separable f32 sums add in another order than the 2-D
        // reference: within a few units in the last place of sums up to 10⁴.
        check_type::<f32, f32>(0.01);
    }

    #[test]
    fn any_thread_count_gives_the_bytes_of_one() {
        // Tall enough to split into strips: 16 rows and 2¹⁴ samples each.
        let spec = ImageSpec::new(128, 160, 1, PixelType::U8).unwrap();
        let src = noise::<u8>(spec, 3);
        let run = |threads: usize, ksize: u32| {
            let mut workspace = Workspace::new();
            workspace.set_threads(Some(threads));
            let mut out = vec![0i16; src.len()];
            let image = ImageRef::new(spec, &src, "input").unwrap();
            let output = ImageMut::new(spec.with_type(PixelType::I16), &mut out, "output").unwrap();
            let params = LaplacianParams {
                ksize,
                ..Default::default()
            };
            laplacian(image, output, &params, &mut workspace).unwrap();
            out
        };
        for ksize in [1, 5] {
            assert_eq!(run(3, ksize), run(1, ksize), "ksize {ksize}");
        }
    }

    #[test]
    fn out_of_range_options_are_refused() {
        let bad_laplacian = [
            LaplacianParams {
                ksize: 7,
                ..Default::default()
            },
            LaplacianParams {
                to: Some(PixelType::U8),
                ..Default::default()
            },
        ];
        for params in bad_laplacian {
            assert_eq!(params.validate().unwrap_err().code(), "ERR_PIXCHAIN_PARAM");
        }
        for (dx, dy) in [(0, 0), (1, 1), (2, 0)] {
            let params = ScharrParams {
                dx,
                dy,
                ..Default::default()
            };
            assert_eq!(params.validate().unwrap_err().code(), "ERR_PIXCHAIN_PARAM");
        }
    }
}
