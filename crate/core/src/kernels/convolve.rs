//! `convolve`: a user kernel, 2-D or separable, as OpenCV's `filter2D` and
//! `sepFilter2D` apply it (correlation: the kernel is not flipped).

use super::separable::{Accumulate, separable};
use super::{Border, check_same_shape};
use crate::{Error, ImageMut, ImageRef, Pixel, Result, Workspace};

/// The largest kernel side accepted.
pub const MAX_CONVOLVE_KSIZE: usize = 255;

/// A kernel of f32 taps, anchored at its centre (`side / 2`).
#[derive(Clone, Debug, PartialEq)]
pub enum Kernel {
    /// `width × height` taps, row-major.
    Full {
        width: usize,
        height: usize,
        taps: Vec<f32>,
    },
    /// A horizontal `row` pass and a vertical `column` pass.
    Separable { row: Vec<f32>, column: Vec<f32> },
}

/// The identity `[1]`: a kernel given no taps copies its input.
impl Default for Kernel {
    fn default() -> Self {
        Kernel::Full {
            width: 1,
            height: 1,
            taps: vec![1.0],
        }
    }
}

impl Kernel {
    /// The kernel that the JavaScript options describe: `taps` (with
    /// `width`, default a square's side), or `row` and `column`, or neither
    /// for the identity `[1]`.
    pub fn from_options(
        taps: Option<Vec<f32>>,
        width: Option<usize>,
        row: Option<Vec<f32>>,
        column: Option<Vec<f32>>,
    ) -> Result<Self> {
        match (taps, row, column) {
            (Some(taps), None, None) => {
                let side = (taps.len() as f64).sqrt() as usize;
                // Without a width the count must be a square: 3 taps are
                // neither a 1×3 nor a 3×1 kernel until the caller says which.
                let width = match width {
                    Some(width) => width,
                    None if side * side == taps.len() => side,
                    None => 0,
                };
                if width == 0 || taps.is_empty() || taps.len() % width != 0 {
                    let expected =
                        "a multiple of kernelWidth (or a square count without it), at least 1";
                    return Err(Error::param(
                        "kernel",
                        expected,
                        format!("{} taps", taps.len()),
                    ));
                }
                Ok(Kernel::Full {
                    width,
                    height: taps.len() / width,
                    taps,
                })
            }
            (None, Some(row), Some(column)) => Ok(Kernel::Separable { row, column }),
            (None, None, None) => Ok(Kernel::default()),
            _ => Err(Error::param(
                "kernel",
                "either kernel, or row and column",
                "another combination",
            )),
        }
    }

    fn validate(&self) -> Result<()> {
        let sides: &[(&'static str, usize)] = match self {
            Kernel::Full { width, height, .. } => {
                &[("kernelWidth", *width), ("kernelHeight", *height)]
            }
            Kernel::Separable { row, column } => &[("row", row.len()), ("column", column.len())],
        };
        for &(name, side) in sides {
            if !(1..=MAX_CONVOLVE_KSIZE).contains(&side) {
                let expected = format!("a kernel side from 1 to {MAX_CONVOLVE_KSIZE}");
                return Err(Error::param(name, expected, side));
            }
        }
        // A kernel built by hand (not by `from_options`) may hold another
        // count of taps than its sides say; it would read rows beyond its
        // reach, which a streamed pipeline does not keep.
        if let Kernel::Full {
            width,
            height,
            taps,
        } = self
            && taps.len() != width * height
        {
            let expected = format!("{width}×{height} = {} taps", width * height);
            return Err(Error::param(
                "kernel",
                expected,
                format!("{} taps", taps.len()),
            ));
        }
        let finite = |taps: &[f32]| taps.iter().all(|tap| tap.is_finite());
        let all_finite = match self {
            Kernel::Full { taps, .. } => finite(taps),
            Kernel::Separable { row, column } => finite(row) && finite(column),
        };
        if !all_finite {
            return Err(Error::param("kernel", "finite taps", "NaN or an infinity"));
        }
        Ok(())
    }
}

/// Parameters of [`convolve`]. Default: the identity kernel, the default border.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConvolveParams {
    pub kernel: Kernel,
    pub border: Border,
}

impl ConvolveParams {
    /// Rows read above and below each output row.
    pub(crate) fn reach(&self) -> usize {
        match &self.kernel {
            Kernel::Full { height, .. } => height / 2,
            Kernel::Separable { column, .. } => column.len() / 2,
        }
    }

    pub fn validate(&self) -> Result<()> {
        self.kernel.validate()?;
        self.border.validate()
    }
}

/// Correlates `src` with the kernel in f32 and saturates into `dst`'s type.
pub fn convolve<T: Pixel, U: Pixel>(
    src: ImageRef<T>,
    mut dst: ImageMut<U>,
    params: &ConvolveParams,
    workspace: &mut Workspace,
) -> Result<()> {
    params.validate()?;
    check_same_shape(src.spec(), dst.spec())?;
    let border = params.border;
    let src_constant = match border {
        Border::Constant(value) => T::saturate_f64(value),
        _ => T::default(),
    };
    let constant = src_constant.to_f32();
    match &params.kernel {
        Kernel::Separable { row, column } => {
            let accumulate = Accumulate {
                load: |v: T| v.to_f32(),
                constant: src_constant,
                finish: U::saturate_f32,
            };
            let strips = workspace.split(0, 0).1;
            separable::<T, U, f32, f32, _, _>(src, dst, (row, column), border, strips, accumulate);
        }
        Kernel::Full {
            width: kw,
            height: kh,
            taps,
        } => {
            let spec = src.spec();
            let (width, height, channels) = (spec.width(), spec.height(), spec.channels());
            let (ax, ay) = ((kw / 2) as isize, (kh / 2) as isize);
            for y in dst.rows() {
                let out = dst.row_mut(y);
                for x in 0..width {
                    for ch in 0..channels {
                        let mut acc = 0.0f32;
                        for (j, taps_row) in taps.chunks_exact(*kw).enumerate() {
                            let sy = border.source_index(y as isize + j as isize - ay, height);
                            for (i, &tap) in taps_row.iter().enumerate() {
                                // Taps of 0 read nothing, as OpenCV's filter2D
                                // keeps only the non-zero ones.
                                if tap == 0.0 {
                                    continue;
                                }
                                let sx = border.source_index(x as isize + i as isize - ax, width);
                                let value = match (sy, sx) {
                                    (Some(sy), Some(sx)) => {
                                        src.row(sy)[sx * channels + ch].to_f32()
                                    }
                                    _ => constant,
                                };
                                acc += tap * value;
                            }
                        }
                        out[x * channels + ch] = U::saturate_f32(acc);
                    }
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taps_without_a_width_must_be_a_square_count() {
        let shape = |taps: usize, width: Option<usize>| match Kernel::from_options(
            Some(vec![0.0; taps]),
            width,
            None,
            None,
        ) {
            Ok(Kernel::Full { width, height, .. }) => Ok((width, height)),
            Ok(_) => unreachable!("taps make a full kernel"),
            Err(error) => Err(error.code()),
        };
        assert_eq!(shape(9, None), Ok((3, 3)));
        assert_eq!(shape(1, None), Ok((1, 1)));
        assert_eq!(shape(3, None), Err("ERR_PIXCHAIN_PARAM"));
        assert_eq!(shape(8, None), Err("ERR_PIXCHAIN_PARAM"));
        assert_eq!(shape(3, Some(3)), Ok((3, 1)));
        assert_eq!(shape(3, Some(1)), Ok((1, 3)));
        assert_eq!(shape(6, Some(4)), Err("ERR_PIXCHAIN_PARAM"));
        assert_eq!(shape(0, None), Err("ERR_PIXCHAIN_PARAM"));
    }

    #[test]
    fn a_full_kernel_holds_exactly_its_sides_taps() {
        let params = |width, height, count| ConvolveParams {
            kernel: Kernel::Full {
                width,
                height,
                taps: vec![1.0; count],
            },
            border: Border::Replicate,
        };
        assert_eq!(params(1, 1, 1).validate(), Ok(()));
        assert_eq!(params(3, 2, 6).validate(), Ok(()));
        for (width, height, count) in [(1, 1, 2), (3, 3, 8), (2, 1, 1)] {
            let error = params(width, height, count).validate().unwrap_err();
            assert_eq!(error.code(), "ERR_PIXCHAIN_PARAM");
            assert!(
                error.to_string().contains(&format!("got {count} taps")),
                "{error}"
            );
        }
    }
}
