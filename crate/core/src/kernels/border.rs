//! Border modes: which pixel a coordinate outside the frame reads.

use crate::names::parse_name;
use crate::{Error, Result};

/// How a kernel reads pixels beyond the frame's edge, named as in OpenCV.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Border {
    /// `gfedcb|abcdefgh|gfedcba`: mirror without repeating the edge (OpenCV's default).
    #[default]
    Reflect101,
    /// `fedcba|abcdefgh|hgfedcb`: mirror, repeating the edge.
    Reflect,
    /// `aaaaaa|abcdefgh|hhhhhhh`: repeat the edge.
    Replicate,
    /// `vvvvvv|abcdefgh|vvvvvvv`: a constant value, saturated to the pixel type.
    Constant(f64),
}

impl Border {
    /// The value beyond the edge of `constant` when none is given.
    pub const DEFAULT_VALUE: f64 = 0.0;

    /// The mode's name in options.
    pub const fn name(&self) -> &'static str {
        match self {
            Border::Reflect101 => "reflect101",
            Border::Reflect => "reflect",
            Border::Replicate => "replicate",
            Border::Constant(_) => "constant",
        }
    }

    /// The mode called `name`; `value` (default [`DEFAULT_VALUE`](Self::DEFAULT_VALUE))
    /// is used by `constant` only.
    pub fn parse(name: &str, value: Option<f64>) -> Result<Self> {
        let constant = Border::Constant(value.unwrap_or(Self::DEFAULT_VALUE));
        let modes = [
            Border::Reflect101,
            Border::Reflect,
            Border::Replicate,
            constant,
        ];
        parse_name("border", name, modes, Border::name)
    }

    pub(crate) fn validate(&self) -> Result<()> {
        match *self {
            Border::Constant(value) if value.is_nan() => {
                Err(Error::param("borderValue", "a number", value))
            }
            _ => Ok(()),
        }
    }

    /// The coordinate in `0..len` that coordinate `p` reads, or `None` for the
    /// constant value. Follows OpenCV's `borderInterpolate`, reflecting as
    /// often as needed when the kernel is larger than the frame.
    pub fn source_index(&self, p: isize, len: usize) -> Option<usize> {
        let n = len as isize;
        if (0..n).contains(&p) {
            return Some(p as usize);
        }
        match self {
            Border::Constant(_) => None,
            Border::Replicate => Some(p.clamp(0, n - 1) as usize),
            Border::Reflect | Border::Reflect101 => {
                if n == 1 {
                    return Some(0);
                }
                let delta = isize::from(matches!(self, Border::Reflect101));
                let mut p = p;
                while !(0..n).contains(&p) {
                    p = if p < 0 {
                        -p - 1 + delta
                    } else {
                        n - 1 - (p - n) - delta
                    };
                }
                Some(p as usize)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(border: Border, len: usize, range: std::ops::Range<isize>) -> Vec<Option<usize>> {
        range.map(|p| border.source_index(p, len)).collect()
    }

    #[test]
    fn reflect101_mirrors_without_the_edge() {
        // gfedcb|abcdefgh|gfedcba over 8 pixels a..h
        let got = row(Border::Reflect101, 8, -6..15);
        let want = [
            6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1, 0,
        ];
        assert_eq!(got, want.map(Some));
    }

    #[test]
    fn reflect_mirrors_with_the_edge() {
        // fedcba|abcdefgh|hgfedcb
        let got = row(Border::Reflect, 8, -6..15);
        let want = [
            5, 4, 3, 2, 1, 0, 0, 1, 2, 3, 4, 5, 6, 7, 7, 6, 5, 4, 3, 2, 1,
        ];
        assert_eq!(got, want.map(Some));
    }

    #[test]
    fn reflection_repeats_when_the_kernel_outgrows_the_frame() {
        assert_eq!(
            row(Border::Reflect101, 3, -5..8),
            [1, 0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 2, 1].map(Some)
        );
        assert_eq!(
            row(Border::Reflect, 2, -4..6),
            [0, 1, 1, 0, 0, 1, 1, 0, 0, 1].map(Some)
        );
        assert_eq!(row(Border::Reflect101, 1, -3..4), [0; 7].map(Some));
    }

    #[test]
    fn replicate_and_constant() {
        assert_eq!(
            row(Border::Replicate, 4, -2..6),
            [0, 0, 0, 1, 2, 3, 3, 3].map(Some)
        );
        let constant = row(Border::Constant(9.0), 4, -1..5);
        assert_eq!(constant, [None, Some(0), Some(1), Some(2), Some(3), None]);
    }

    #[test]
    fn names_parse_and_unknown_names_are_refused() {
        assert_eq!(
            Border::parse("constant", Some(3.0)),
            Ok(Border::Constant(3.0))
        );
        assert_eq!(
            Border::parse("constant", None),
            Ok(Border::Constant(Border::DEFAULT_VALUE))
        );
        assert_eq!(Border::parse("reflect101", None), Ok(Border::Reflect101));
        let error = Border::parse("wrap", None).unwrap_err();
        assert_eq!(
            error.to_string(),
            r#"border: expected one of reflect101, reflect, replicate, constant, got "wrap""#
        );
    }
}
