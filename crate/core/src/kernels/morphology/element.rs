//! Structuring elements as OpenCV's `getStructuringElement` makes them: one
//! run of ones per row, so a pass reads each row of the element as a span.

use std::ops::Range;

use crate::Result;
use crate::names::parse_name;

/// The shape of a structuring element, named as in OpenCV (`MORPH_RECT`, …).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MorphShape {
    /// Every sample of the window.
    #[default]
    Rect,
    /// The anchor's row and column.
    Cross,
    /// The ellipse inscribed in the window.
    Ellipse,
}

impl MorphShape {
    pub const ALL: [MorphShape; 3] = [MorphShape::Rect, MorphShape::Cross, MorphShape::Ellipse];

    pub const fn name(&self) -> &'static str {
        match self {
            MorphShape::Rect => "rect",
            MorphShape::Cross => "cross",
            MorphShape::Ellipse => "ellipse",
        }
    }

    pub fn parse(name: &str) -> Result<Self> {
        parse_name("shape", name, Self::ALL, MorphShape::name)
    }
}

/// A `width` × `height` element with its anchor, whose ones in row `i` are
/// the columns [`run(i)`](Self::run).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Element {
    pub width: usize,
    pub height: usize,
    /// Column and row of the sample the element is centred on.
    pub anchor: (usize, usize),
    shape: MorphShape,
}

impl Element {
    /// OpenCV's element of `shape`, anchored at its centre (`width / 2`, `height / 2`).
    pub(crate) fn new(shape: MorphShape, width: usize, height: usize) -> Self {
        // OpenCV makes a 1×1 element of any shape a rectangle.
        let shape = if width == 1 && height == 1 {
            MorphShape::Rect
        } else {
            shape
        };
        Self {
            width,
            height,
            anchor: (width / 2, height / 2),
            shape,
        }
    }

    /// The columns of row `i` that hold ones (possibly none).
    pub(crate) fn run(&self, i: usize) -> Range<usize> {
        let (width, height) = (self.width, self.height);
        match self.shape {
            MorphShape::Rect => 0..width,
            MorphShape::Cross if i == self.anchor.1 => 0..width,
            MorphShape::Cross => self.anchor.0..self.anchor.0 + 1,
            MorphShape::Ellipse => {
                // As OpenCV computes it: the half width rounded half to even, in f64.
                let (r, c) = ((height / 2) as i64, (width / 2) as i64);
                let inv_r2 = if r == 0 { 0.0 } else { 1.0 / (r * r) as f64 };
                let dy = i as i64 - r;
                if dy.abs() > r {
                    return 0..0;
                }
                let dx = (c as f64 * (((r * r - dy * dy) as f64) * inv_r2).sqrt()).round_ties_even()
                    as i64;
                let start = (c - dx).max(0) as usize;
                let end = (c + dx + 1).min(width as i64) as usize;
                start..end.max(start)
            }
        }
    }

    /// Whether every sample is a one: OpenCV then filters rows and columns apart.
    pub(crate) fn is_full(&self) -> bool {
        (0..self.height).all(|i| self.run(i) == (0..self.width))
    }

    /// Rows read above or below an output row, whichever is more.
    pub(crate) fn reach(&self) -> usize {
        self.anchor.1.max(self.height - 1 - self.anchor.1)
    }

    /// The passes `iterations` erosions (or dilations) take, as OpenCV runs
    /// them: none for 0 iterations or a 1×1 element (a copy); a full
    /// rectangle repeated is one larger rectangle, its anchor scaled; any
    /// other element runs once per iteration.
    pub(crate) fn passes(self, iterations: usize) -> (Element, usize) {
        if iterations == 0 || self.width * self.height == 1 {
            return (self, 0);
        }
        if iterations > 1 && self.is_full() {
            let grow = |side: usize| side + (iterations - 1) * (side - 1);
            let folded = Element {
                width: grow(self.width),
                height: grow(self.height),
                anchor: (self.anchor.0 * iterations, self.anchor.1 * iterations),
                shape: MorphShape::Rect,
            };
            return (folded, 1);
        }
        (self, iterations)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picture(element: Element) -> Vec<String> {
        (0..element.height)
            .map(|i| {
                let run = element.run(i);
                (0..element.width)
                    .map(|j| if run.contains(&j) { '1' } else { '0' })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn shapes_match_opencv_get_structuring_element() {
        // cv.getStructuringElement(shape, new cv.Size(w, h)) printed row by row.
        let ellipse_5x5 = ["00100", "11111", "11111", "11111", "00100"];
        assert_eq!(
            picture(Element::new(MorphShape::Ellipse, 5, 5)),
            ellipse_5x5
        );
        let ellipse_7x5 = ["0001000", "1111111", "1111111", "1111111", "0001000"];
        assert_eq!(
            picture(Element::new(MorphShape::Ellipse, 7, 5)),
            ellipse_7x5
        );
        let ellipse_4x6 = ["0010", "0111", "1111", "1111", "1111", "0111"];
        assert_eq!(
            picture(Element::new(MorphShape::Ellipse, 4, 6)),
            ellipse_4x6
        );
        let cross_4x3 = ["0010", "1111", "0010"];
        assert_eq!(picture(Element::new(MorphShape::Cross, 4, 3)), cross_4x3);
        let ellipse_3x3 = picture(Element::new(MorphShape::Ellipse, 3, 3));
        assert_eq!(ellipse_3x3, picture(Element::new(MorphShape::Cross, 3, 3)));
        assert!(Element::new(MorphShape::Cross, 5, 1).is_full());
        assert!(!Element::new(MorphShape::Cross, 3, 3).is_full());
    }

    #[test]
    fn repeated_rectangles_fold_into_one() {
        let (folded, passes) = Element::new(MorphShape::Rect, 3, 2).passes(3);
        assert_eq!(passes, 1);
        assert_eq!((folded.width, folded.height, folded.anchor), (7, 4, (3, 3)));
        assert_eq!(Element::new(MorphShape::Cross, 3, 3).passes(2).1, 2);
        assert_eq!(Element::new(MorphShape::Cross, 1, 1).passes(5).1, 0);
        assert_eq!(Element::new(MorphShape::Rect, 3, 3).passes(0).1, 0);
    }
}
