//! `INTER_LINEAR_EXACT`: OpenCV's `resize_bitExact` with `interpolationLinear`.
//! Weights are fractions rounded to `F` bits (8 for u8: `ufixedpoint16`;
//! 16 for u16 and i16: `ufixedpoint32` and `fixedpoint32`), rows across
//! keep `F` fractional bits, and each output rounds the `2F`-bit sum once.
//! Every sum is exact in i64, as it is in OpenCV's types (their saturating
//! adds cannot trigger: the weights of a pair sum to one).

use super::Scale;
use crate::simd::dispatch;
use crate::{ImageMut, ImageRef, Pixel, PixelType, Workspace};

/// Where output index `d` reads, as `interpolationLinear::getCoeffs` sorts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    /// Before the first source pixel's centre: that pixel.
    First,
    /// Between `i` and `i + 1` with weights `(1 − f, f)` in `F`-bit fixed point.
    Between(usize, i64, i64),
    /// After the last source pixel's centre: that pixel.
    Last,
}

fn place(d: usize, src_len: usize, scale: f64, frac_bits: u32) -> Place {
    let f = scale * (d as f64 + 0.5) - 0.5;
    let i = f.floor();
    if i < 0.0 || src_len == 1 {
        return Place::First;
    }
    if i as usize >= src_len - 1 {
        return Place::Last;
    }
    let one = 1i64 << frac_bits;
    let w1 = ((f - i) * one as f64).round_ties_even() as i64;
    Place::Between(i as usize, one - w1, w1)
}

/// Fractional bits of the fixed point OpenCV picks for the type.
fn frac_bits<T: Pixel>() -> u32 {
    if T::TYPE == PixelType::U8 { 8 } else { 16 }
}

pub(super) fn resize<T: Pixel>(src: ImageRef<T>, dst: ImageMut<T>, workspace: &mut Workspace) {
    let (s, d) = (src.spec(), dst.spec());
    let scale = Scale::of(s, d);
    let bits = frac_bits::<T>();
    let (dw, dh) = (d.width(), d.height());
    let (mut carver, strips) = workspace.split(2, (dw + dh) * size_of::<PlaceCell>());
    let across = carver.take::<PlaceCell>(dw);
    for (x, out) in across.iter_mut().enumerate() {
        *out = PlaceCell::from(place(x, s.width(), scale.x, bits));
    }
    let down = carver.take::<PlaceCell>(dh);
    for (y, out) in down.iter_mut().enumerate() {
        *out = PlaceCell::from(place(y, s.height(), scale.y, bits));
    }
    let (across, down) = (&*across, &*down);
    let row_len = d.row_len();
    let cn = s.channels();
    let last_row = s.height() - 1;
    strips.run(dst, |mut strip, workspace| {
        let isa = strip.isa();
        let buffer = workspace
            .carve(1, 2 * row_len * size_of::<i64>())
            .take::<i64>(2 * row_len);
        let (mut held, mut slot) = ([usize::MAX; 2], [0, 1]);
        for y in strip.rows() {
            let (rows, weights) = match down[y].place() {
                Place::First => ([0, 0], None),
                Place::Last => ([last_row, last_row], None),
                Place::Between(i, w0, w1) => ([i, i + 1], Some((w0, w1))),
            };
            for k in 0..2 {
                if let Some(j) = (k..2).find(|&j| held[j] == rows[k]) {
                    held.swap(j, k);
                    slot.swap(j, k);
                    continue;
                }
                held[k] = rows[k];
                let out = &mut buffer[slot[k] * row_len..(slot[k] + 1) * row_len];
                dispatch!(isa, across_row(src.row(rows[k]), out, across, cn, bits));
            }
            let row_at = |k: usize| &buffer[slot[k] * row_len..(slot[k] + 1) * row_len];
            let out = strip.row_mut(y);
            match weights {
                Some(w) => dispatch!(isa, down_row(row_at(0), row_at(1), w, out, bits)),
                None => dispatch!(isa, set_row(row_at(0), out, bits)),
            }
        }
    });
}

/// A [`Place`] in plain integers, to keep in a workspace.
#[derive(Clone, Copy, Debug, Default, bytemuck::Pod, bytemuck::Zeroable)]
#[repr(C)]
struct PlaceCell {
    /// 0: first, 1: between, 2: last.
    tag: i64,
    index: i64,
    w0: i64,
    w1: i64,
}

impl From<Place> for PlaceCell {
    fn from(place: Place) -> Self {
        match place {
            Place::First => Self::default(),
            Place::Between(index, w0, w1) => Self {
                tag: 1,
                index: index as i64,
                w0,
                w1,
            },
            Place::Last => Self {
                tag: 2,
                ..Self::default()
            },
        }
    }
}

impl PlaceCell {
    #[inline(always)]
    fn place(self) -> Place {
        match self.tag {
            0 => Place::First,
            1 => Place::Between(self.index as usize, self.w0, self.w1),
            _ => Place::Last,
        }
    }
}

/// One source row across: OpenCV's `hlineResize`, `bits` fractional bits.
#[inline(always)]
fn across_row<T: Pixel>(row: &[T], out: &mut [i64], across: &[PlaceCell], cn: usize, bits: u32) {
    let last = row.len() - cn;
    for (pixel, cell) in out.chunks_exact_mut(cn).zip(across) {
        match cell.place() {
            Place::First => {
                for (c, out) in pixel.iter_mut().enumerate() {
                    *out = row[c].to_i64() << bits;
                }
            }
            Place::Last => {
                for (c, out) in pixel.iter_mut().enumerate() {
                    *out = row[last + c].to_i64() << bits;
                }
            }
            Place::Between(i, w0, w1) => {
                let at = i * cn;
                for (c, out) in pixel.iter_mut().enumerate() {
                    *out = w0 * row[at + c].to_i64() + w1 * row[at + cn + c].to_i64();
                }
            }
        }
    }
}

/// Two rows down: OpenCV's `vlineResize`, rounding `2 · bits` fractional bits away.
#[inline(always)]
fn down_row<T: Pixel>(r0: &[i64], r1: &[i64], (w0, w1): (i64, i64), out: &mut [T], bits: u32) {
    let half = 1i64 << (2 * bits - 1);
    for ((out, &a), &b) in out.iter_mut().zip(r0).zip(r1) {
        let v = (a * w0 + b * w1 + half) >> (2 * bits);
        *out = T::saturate_i32(v.clamp(i32::MIN.into(), i32::MAX.into()) as i32);
    }
}

/// A row across, rounded: OpenCV's `vlineSet`.
#[inline(always)]
fn set_row<T: Pixel>(row: &[i64], out: &mut [T], bits: u32) {
    let half = 1i64 << (bits - 1);
    for (out, &a) in out.iter_mut().zip(row) {
        *out = T::saturate_i32(((a + half) >> bits) as i32);
    }
}
