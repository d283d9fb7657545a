//! Every geometry kernel against its definition, written pixel by pixel,
//! for every pixel size (type × channels) on odd-sized frames.

use super::*;
use crate::kernels::Border;
use crate::{ImageMut, ImageRef, ImageSpec, Pixel, PixelType};

/// A frame whose every sample differs: the test's pixels are told apart.
fn numbered<T: Pixel>(spec: ImageSpec) -> Vec<T> {
    (0..spec.samples())
        .map(|i| T::saturate_f64((i % 251) as f64 + (i / 251) as f64 * 0.5))
        .collect()
}

/// The frame of `out` whose pixel (x, y) is `src`'s pixel `at(x, y)`, or
/// `fill` in every channel where `at` gives none.
fn remapped<T: Pixel>(
    src: &[T],
    spec: ImageSpec,
    out: ImageSpec,
    fill: T,
    at: impl Fn(usize, usize) -> Option<(usize, usize)>,
) -> Vec<T> {
    let c = spec.channels();
    let mut expected = Vec::with_capacity(out.samples());
    for y in 0..out.height() {
        for x in 0..out.width() {
            for k in 0..c {
                expected.push(match at(x, y) {
                    Some((sx, sy)) => src[(sy * spec.width() + sx) * c + k],
                    None => fill,
                });
            }
        }
    }
    expected
}

/// Frames of every pixel size, of `sides`.
fn each_pixel_size(sides: &[(usize, usize)], mut check: impl FnMut(ImageSpec)) {
    for &(width, height) in sides {
        for channels in 1..=4 {
            for pixel_type in PixelType::ALL {
                check(ImageSpec::new(width, height, channels, pixel_type).unwrap());
            }
        }
    }
}

macro_rules! for_type {
    ($spec:expr, $T:ident => $body:expr) => {
        match $spec.pixel_type() {
            PixelType::U8 => {
                type $T = u8;
                $body
            }
            PixelType::U16 => {
                type $T = u16;
                $body
            }
            PixelType::I16 => {
                type $T = i16;
                $body
            }
            PixelType::F32 => {
                type $T = f32;
                $body
            }
        }
    };
}

/// Runs `kernel` on a numbered frame of `spec` into a frame of `out`.
fn run<T: Pixel>(
    spec: ImageSpec,
    out: ImageSpec,
    kernel: impl FnOnce(ImageRef<T>, ImageMut<T>) -> crate::Result<()>,
) -> (Vec<T>, Vec<T>) {
    let src = numbered::<T>(spec);
    let mut dst = vec![T::default(); out.samples()];
    kernel(
        ImageRef::new(spec, &src, "input").unwrap(),
        ImageMut::new(out, &mut dst, "output").unwrap(),
    )
    .unwrap();
    (src, dst)
}

/// Sides of one pixel, odd sides, and a frame wider than the transpose's tiles.
const SIDES: &[(usize, usize)] = &[(1, 1), (7, 5), (37, 70)];

#[test]
fn flips_mirror_rows_columns_or_both_as_opencv_flip_codes() {
    each_pixel_size(SIDES, |spec| {
        let (w, h) = (spec.width(), spec.height());
        for direction in FlipDirection::ALL {
            for_type!(spec, T => {
                let params = FlipParams { direction };
                let (src, dst) = run::<T>(spec, spec, |s, d| flip(s, d, &params));
                let expected = remapped(&src, spec, spec, T::default(), |x, y| {
                    Some(match direction {
                        FlipDirection::Horizontal => (w - 1 - x, y),
                        FlipDirection::Vertical => (x, h - 1 - y),
                        FlipDirection::Both => (w - 1 - x, h - 1 - y),
                    })
                });
                assert_eq!(dst, expected, "{direction:?} {spec}");
            });
        }
    });
}

#[test]
fn quarter_turns_and_transpose_swap_the_sides() {
    each_pixel_size(SIDES, |spec| {
        let (w, h) = (spec.width(), spec.height());
        let turned = ImageSpec::new(h, w, spec.channels(), spec.pixel_type()).unwrap();
        for_type!(spec, T => {
            let (src, dst) = run::<T>(spec, turned, transpose);
            assert_eq!(dst, remapped(&src, spec, turned, T::default(), |x, y| Some((y, x))), "transpose {spec}");
            for angle in [90, 180, 270] {
                let params = RotateParams { angle };
                let out = params.output_spec(spec).unwrap();
                let (src, dst) = run::<T>(spec, out, |s, d| rotate(s, d, &params));
                let expected = remapped(&src, spec, out, T::default(), |x, y| {
                    Some(match angle {
                        90 => (y, h - 1 - x),
                        180 => (w - 1 - x, h - 1 - y),
                        _ => (w - 1 - y, x),
                    })
                });
                assert_eq!(dst, expected, "rotate {angle} {spec}");
            }
        });
    });
}

#[test]
fn pad_reads_each_border_pixel_where_the_border_maps_it() {
    let borders = [
        Border::Reflect101,
        Border::Reflect,
        Border::Replicate,
        Border::Constant(-3.7),
        Border::Constant(1e9),
    ];
    each_pixel_size(&[(1, 1), (7, 5)], |spec| {
        for border in borders {
            // Sides wider than the frame reflect more than once.
            for (top, bottom, left, right) in [(0, 0, 0, 0), (1, 2, 3, 0), (9, 8, 11, 10)] {
                let params = PadParams {
                    top,
                    bottom,
                    left,
                    right,
                    border,
                };
                let out = params.output_spec(spec).unwrap();
                for_type!(spec, T => {
                    let (src, dst) = run::<T>(spec, out, |s, d| pad(s, d, &params));
                    let fill = match border {
                        Border::Constant(v) => T::saturate_f64(v),
                        _ => T::default(),
                    };
                    let expected = remapped(&src, spec, out, fill, |x, y| {
                        let sx = border.source_index(x as isize - left as isize, spec.width())?;
                        let sy = border.source_index(y as isize - top as isize, spec.height())?;
                        Some((sx, sy))
                    });
                    assert_eq!(dst, expected, "{border:?} {top} {bottom} {left} {right} {spec}");
                });
            }
        }
    });
}

#[test]
fn crop_copies_the_rectangle_and_refuses_one_outside_the_frame() {
    let spec = ImageSpec::new(9, 6, 3, PixelType::U16).unwrap();
    let params = CropParams {
        x: 2,
        y: 1,
        width: Some(5),
        height: None,
    };
    let out = params.output_spec(spec).unwrap();
    assert_eq!((out.width(), out.height()), (5, 5));
    let (src, dst) = run::<u16>(spec, out, |s, d| crop(s, d, &params));
    assert_eq!(
        dst,
        remapped(&src, spec, out, 0, |x, y| Some((x + 2, y + 1)))
    );

    let outside = CropParams {
        width: Some(8),
        ..params
    };
    assert_eq!(
        outside.output_spec(spec).unwrap_err().to_string(),
        "width: expected from 1 to 7 (width 9 − x 2), got 8"
    );
    let past = CropParams { y: 6, ..params };
    assert_eq!(
        past.output_spec(spec).unwrap_err().to_string(),
        "y: expected less than the frame's height (6), got 6"
    );
}

#[test]
fn a_destination_of_another_shape_is_refused_untouched() {
    let spec = ImageSpec::new(4, 3, 1, PixelType::U8).unwrap();
    let src = vec![1u8; 12];
    let mut dst = vec![0u8; 12];
    let error = transpose(
        ImageRef::new(spec, &src, "input").unwrap(),
        ImageMut::new(spec, &mut dst, "output").unwrap(),
    )
    .unwrap_err();
    assert_eq!(error.code(), "ERR_PIXCHAIN_SHAPE");
    assert!(dst.iter().all(|&x| x == 0));
    let wrong = RotateParams { angle: 45 }.validate().unwrap_err();
    assert_eq!(wrong.to_string(), "angle: expected 90, 180 or 270, got 45");
}
