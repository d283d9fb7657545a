//! `mergeChannels`: one-channel frames interleaved into one frame, as
//! OpenCV's `merge`; and its two-image step, which appends a one-channel
//! frame to a frame of fewer than four channels.

use crate::image::MAX_CHANNELS;
use crate::kernels::check_same_shape;
use crate::simd::{Isa, dispatch};
use crate::{Error, ImageMut, ImageRef, ImageSpec, Pixel, PixelType, Result};

/// The frame made by interleaving `planes` one-channel frames of `plane`'s
/// size and type, or why they cannot be merged.
pub fn merged_spec(plane: ImageSpec, planes: usize) -> Result<ImageSpec> {
    if !(1..=MAX_CHANNELS).contains(&planes) {
        let expected = format!("1 to {MAX_CHANNELS} one-channel frames");
        return Err(Error::param("inputs", expected, format!("{planes} frames")));
    }
    if plane.channels() != 1 {
        return Err(Error::Shape {
            role: "input",
            expected: ImageSpec::new(plane.width(), plane.height(), 1, plane.pixel_type())?,
            given: plane,
        });
    }
    ImageSpec::new(plane.width(), plane.height(), planes, plane.pixel_type())
}

/// `dst` channel `k` = `planes[k]`, for every pixel; the planes are
/// one-channel frames of one spec.
pub fn merge_channels<T: Pixel>(
    planes: &[ImageRef<T>],
    mut dst: ImageMut<T>,
    isa: Isa,
) -> Result<()> {
    let Some(first) = planes.first() else {
        return Err(Error::param(
            "inputs",
            "1 to 4 one-channel frames",
            "0 frames",
        ));
    };
    let out_spec = merged_spec(first.spec(), planes.len())?;
    for plane in &planes[1..] {
        if plane.spec() != first.spec() {
            return Err(Error::Shape {
                role: "input",
                expected: first.spec(),
                given: plane.spec(),
            });
        }
    }
    check_same_shape(out_spec, dst.spec())?;
    let out = dst.data_mut();
    let plane = |k: usize| planes[k].data();
    match planes.len() {
        1 => out.copy_from_slice(plane(0)),
        2 => dispatch!(isa, interleave::<T, 2>(out, [plane(0), plane(1)])),
        3 => dispatch!(isa, interleave::<T, 3>(out, [plane(0), plane(1), plane(2)])),
        _ => dispatch!(
            isa,
            interleave::<T, 4>(out, [plane(0), plane(1), plane(2), plane(3)])
        ),
    }
    Ok(())
}

/// [`merge_channels`] over raw bytes (native endianness): each of `planes`
/// holds a one-channel frame of `plane`, `dst` receives the merged frame.
pub fn merge_channels_bytes(
    plane: ImageSpec,
    planes: &[&[u8]],
    dst: &mut [u8],
    isa: Isa,
) -> Result<()> {
    fn typed<T: Pixel>(plane: ImageSpec, planes: &[&[u8]], dst: &mut [u8], isa: Isa) -> Result<()> {
        let out_spec = merged_spec(plane, planes.len())?;
        let mut views = [None; MAX_CHANNELS];
        for (view, bytes) in views.iter_mut().zip(planes) {
            *view = Some(ImageRef::<T>::from_bytes(plane, bytes, "input")?);
        }
        let views: Vec<ImageRef<T>> = views.into_iter().flatten().collect();
        merge_channels(&views, ImageMut::from_bytes(out_spec, dst, "output")?, isa)
    }
    match plane.pixel_type() {
        PixelType::U8 => typed::<u8>(plane, planes, dst, isa),
        PixelType::U16 => typed::<u16>(plane, planes, dst, isa),
        PixelType::I16 => typed::<i16>(plane, planes, dst, isa),
        PixelType::F32 => typed::<f32>(plane, planes, dst, isa),
    }
}

#[inline(always)]
fn interleave<T: Copy, const N: usize>(out: &mut [T], planes: [&[T]; N]) {
    for (i, pixel) in out.chunks_exact_mut(N).enumerate() {
        for (sample, plane) in pixel.iter_mut().zip(&planes) {
            *sample = plane[i];
        }
    }
}

/// The frame [`append_channel`] makes from a frame of `input` and a
/// one-channel frame of its size and type (`other`), or why it cannot.
pub fn appended_spec(input: ImageSpec, other: ImageSpec) -> Result<ImageSpec> {
    let plane = ImageSpec::new(input.width(), input.height(), 1, input.pixel_type())?;
    if other != plane {
        return Err(Error::Shape {
            role: "other",
            expected: plane,
            given: other,
        });
    }
    if input.channels() >= MAX_CHANNELS {
        return Err(Error::Shape {
            role: "input",
            expected: input.with_channels(MAX_CHANNELS - 1)?,
            given: input,
        });
    }
    input.with_channels(input.channels() + 1)
}

/// `dst` = the pixels of `src` with the sample of `other` (one channel)
/// after their own: the two-image form of [`merge_channels`].
pub fn append_channel<T: Pixel>(
    src: ImageRef<T>,
    other: ImageRef<T>,
    mut dst: ImageMut<T>,
    isa: Isa,
) -> Result<()> {
    let out_spec = appended_spec(src.spec(), other.spec())?;
    check_same_shape(out_spec, dst.spec())?;
    let (src, other, out) = (src.data(), other.data(), dst.data_mut());
    match out_spec.channels() {
        2 => dispatch!(isa, append::<T, 1, 2>(src, other, out)),
        3 => dispatch!(isa, append::<T, 2, 3>(src, other, out)),
        _ => dispatch!(isa, append::<T, 3, 4>(src, other, out)),
    }
    Ok(())
}

#[inline(always)]
fn append<T: Copy, const N: usize, const M: usize>(src: &[T], other: &[T], out: &mut [T]) {
    let pixels = src.chunks_exact(N).zip(other).zip(out.chunks_exact_mut(M));
    for ((pixel, &extra), out) in pixels {
        out[..N].copy_from_slice(pixel);
        out[N] = extra;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PixelType;

    fn planes(count: usize, spec: ImageSpec) -> Vec<Vec<i16>> {
        (0..count)
            .map(|k| {
                (0..spec.samples())
                    .map(|i| (i * 31 + k * 1000) as i16 - 900)
                    .collect()
            })
            .collect()
    }

    #[test]
    fn merged_and_appended_pixels_hold_each_plane_in_order() {
        let plane = ImageSpec::new(9, 2, 1, PixelType::I16).unwrap();
        for count in 1..=4 {
            let data = planes(count, plane);
            let want: Vec<i16> = (0..plane.samples())
                .flat_map(|i| data.iter().map(move |p| p[i]))
                .collect();
            let out_spec = merged_spec(plane, count).unwrap();
            for isa in Isa::available() {
                let views: Vec<_> = data
                    .iter()
                    .map(|p| ImageRef::new(plane, p, "input").unwrap())
                    .collect();
                let mut out = vec![0i16; out_spec.samples()];
                merge_channels(
                    &views,
                    ImageMut::new(out_spec, &mut out, "output").unwrap(),
                    isa,
                )
                .unwrap();
                assert_eq!(out, want, "{count} planes on {isa}");
                if count == 1 {
                    continue;
                }
                // The same pixels by appending the last plane to a merge of the others.
                let head_spec = merged_spec(plane, count - 1).unwrap();
                let head: Vec<i16> = want
                    .chunks_exact(count)
                    .flat_map(|p| p[..count - 1].to_vec())
                    .collect();
                let mut appended = vec![0i16; out_spec.samples()];
                append_channel(
                    ImageRef::new(head_spec, &head, "input").unwrap(),
                    ImageRef::new(plane, &data[count - 1], "other").unwrap(),
                    ImageMut::new(out_spec, &mut appended, "output").unwrap(),
                    isa,
                )
                .unwrap();
                assert_eq!(
                    appended,
                    want,
                    "appended to {} channels on {isa}",
                    count - 1
                );
            }
        }
    }

    #[test]
    fn planes_of_other_shapes_and_a_fifth_channel_are_refused() {
        let plane = ImageSpec::new(4, 4, 1, PixelType::U8).unwrap();
        assert_eq!(
            merged_spec(plane, 5).unwrap_err().code(),
            "ERR_PIXCHAIN_PARAM"
        );
        assert_eq!(
            merged_spec(plane, 0).unwrap_err().code(),
            "ERR_PIXCHAIN_PARAM"
        );
        let rgb = plane.with_channels(3).unwrap();
        assert_eq!(
            merged_spec(rgb, 2).unwrap_err().code(),
            "ERR_PIXCHAIN_SHAPE"
        );
        assert!(appended_spec(rgb, plane).is_ok());
        let rgba = plane.with_channels(4).unwrap();
        assert_eq!(
            appended_spec(rgba, plane).unwrap_err().code(),
            "ERR_PIXCHAIN_SHAPE"
        );
        let wide = ImageSpec::new(5, 4, 1, PixelType::U8).unwrap();
        assert_eq!(
            appended_spec(rgb, wide).unwrap_err().code(),
            "ERR_PIXCHAIN_SHAPE"
        );
        assert_eq!(
            appended_spec(rgb, plane.with_type(PixelType::U16))
                .unwrap_err()
                .code(),
            "ERR_PIXCHAIN_SHAPE"
        );
    }
}
