//! The lesser and greater of two samples, and the loops over rows built on
//! them: plain loops over slices that the compiler turns into vector min/max.

use crate::Pixel;

/// Pixel types with a minimum and maximum, and OpenCV's saturating difference.
pub(crate) trait Extremum: Pixel {
    fn lesser(self, other: Self) -> Self;
    fn greater(self, other: Self) -> Self;
    /// `self − other`, saturated to the type (`cv::subtract`).
    fn difference(self, other: Self) -> Self;
    /// Whether samples that compare equal can differ in their bits.
    const HAS_TWINS: bool = false;
    /// The one sample a pass writes for `self` and its twins, so that the
    /// order picks are made in never shows in the output.
    #[inline(always)]
    fn canonical(self) -> Self {
        self
    }
}

macro_rules! integer_extremum {
    ($($t:ty),*) => {$(
        impl Extremum for $t {
            #[inline(always)]
            fn lesser(self, other: Self) -> Self {
                Ord::min(self, other)
            }
            #[inline(always)]
            fn greater(self, other: Self) -> Self {
                Ord::max(self, other)
            }
            #[inline(always)]
            fn difference(self, other: Self) -> Self {
                self.saturating_sub(other)
            }
        }
    )*};
}
integer_extremum!(u8, u16, i16);

/// A NaN never wins against a number (IEEE `minNum`/`maxNum`): a window
/// gives NaN only when it holds nothing else, and then the quiet NaN. −0 and
/// +0 compare equal, and either comes out as +0.
impl Extremum for f32 {
    const HAS_TWINS: bool = true;
    #[inline(always)]
    fn canonical(self) -> Self {
        if self.is_nan() { f32::NAN } else { self + 0.0 }
    }
    #[inline(always)]
    fn lesser(self, other: Self) -> Self {
        self.min(other)
    }
    #[inline(always)]
    fn greater(self, other: Self) -> Self {
        self.max(other)
    }
    #[inline(always)]
    fn difference(self, other: Self) -> Self {
        self - other
    }
}

/// Erosion (the least sample of the element) or dilation (the greatest).
pub(crate) trait Extreme: Copy + Send + Sync {
    fn pick<T: Extremum>(a: T, b: T) -> T;
}

#[derive(Clone, Copy)]
pub(crate) struct Least;
#[derive(Clone, Copy)]
pub(crate) struct Greatest;

impl Extreme for Least {
    #[inline(always)]
    fn pick<T: Extremum>(a: T, b: T) -> T {
        a.lesser(b)
    }
}

impl Extreme for Greatest {
    #[inline(always)]
    fn pick<T: Extremum>(a: T, b: T) -> T {
        a.greater(b)
    }
}

/// Samples per span of the loops over rows: a multiple of the step of the
/// compiler's vector loops (up to 4 vectors of 32 u8), so that a loop over
/// whole spans leaves nothing to its scalar remainder. A row's last span
/// overlaps the one before instead (picking a sample again changes
/// nothing): the remainders took 30% of a 4K u8 3×3 erosion.
const SPAN: usize = 128;

/// `body(range)` over `0..len`: the whole spans at once, then the last span
/// (rows shorter than a span in one range).
#[inline(always)]
fn in_spans(len: usize, mut body: impl FnMut(std::ops::Range<usize>)) {
    if len < SPAN {
        return body(0..len);
    }
    let whole = len - len % SPAN;
    body(0..whole);
    if whole < len {
        body(len - SPAN..len);
    }
}

/// `out[i] = pick(a[i], b[i])`
#[inline(always)]
pub(crate) fn pick_pair<E: Extreme, T: Extremum>(out: &mut [T], a: &[T], b: &[T]) {
    let len = out.len();
    let (a, b) = (&a[..len], &b[..len]);
    in_spans(len, |r| {
        let (out, a, b) = (&mut out[r.clone()], &a[r.clone()], &b[r]);
        for ((o, &a), &b) in out.iter_mut().zip(a).zip(b) {
            *o = E::pick(a, b);
        }
    });
}

/// Every sample of `row` made [`canonical`](Extremum::canonical).
#[inline(always)]
pub(crate) fn make_canonical<T: Extremum>(row: &mut [T]) {
    if T::HAS_TWINS {
        for x in row.iter_mut() {
            *x = x.canonical();
        }
    }
}

/// `acc[i] = pick(acc[i], value)`
#[inline(always)]
pub(crate) fn pick_value<E: Extreme, T: Extremum>(acc: &mut [T], value: T) {
    for a in acc.iter_mut() {
        *a = E::pick(*a, value);
    }
}

/// `out[i]` = the extreme of `values[i + j·step]` for `j < N`, and of
/// `out[i]` itself unless `FIRST`: one pass over `out` for a whole short run,
/// its `N` loads per sample unrolled.
#[inline(always)]
pub(crate) fn window_into<E: Extreme, T: Extremum, const N: usize, const FIRST: bool>(
    out: &mut [T],
    values: &[T],
    step: usize,
) {
    let len = out.len();
    let parts: [&[T]; N] = std::array::from_fn(|j| &values[j * step..j * step + len]);
    rows_into::<E, T, N, FIRST>(out, parts);
}

/// `out[i]` = the extreme of `rows[j][i]` for `j < N`, and of `out[i]`
/// itself unless `FIRST`.
#[inline(always)]
pub(crate) fn rows_into<E: Extreme, T: Extremum, const N: usize, const FIRST: bool>(
    out: &mut [T],
    rows: [&[T]; N],
) {
    in_spans(out.len(), |r| {
        let out = &mut out[r.clone()];
        let rows: [&[T]; N] = rows.map(|row| &row[r.clone()]);
        for row in rows {
            // Lets the compiler drop the bounds checks from the loop.
            assert!(row.len() >= out.len());
        }
        for i in 0..out.len() {
            out[i] = extreme_at::<E, T, N, FIRST>(out[i], |j| rows[j][i]);
        }
    });
}

/// The extreme of `value(j)` for `j < N`, and of `current` unless `FIRST`.
#[inline(always)]
fn extreme_at<E: Extreme, T: Extremum, const N: usize, const FIRST: bool>(
    current: T,
    value: impl Fn(usize) -> T,
) -> T {
    let mut m = if FIRST {
        value(0)
    } else {
        E::pick(current, value(0))
    };
    for j in 1..N {
        m = E::pick(m, value(j));
    }
    m
}
