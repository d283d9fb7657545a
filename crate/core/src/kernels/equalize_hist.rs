//! `equalizeHist`: OpenCV's histogram equalization of a one-channel u8 frame.

use super::check_same_shape;
use std::ops::Range;

use crate::row_bands::in_row_bands;
use crate::simd::{Isa, dispatch};
use crate::strips::{run_jobs, strip_count};
use crate::{
    AnyImageMut, AnyImageRef, Error, ImageMut, ImageRef, ImageSpec, PixelType, Result, Workspace,
};

/// Refuses what OpenCV's `equalizeHist` refuses: frames other than one-channel u8.
pub(crate) fn check_gray_u8(input: ImageSpec) -> Result<()> {
    if input.pixel_type() != PixelType::U8 {
        return Err(Error::PixelType {
            role: "input",
            expected: PixelType::U8,
            given: input.pixel_type(),
        });
    }
    check_one_channel(input)
}

/// Refuses a frame of more than one channel.
pub(crate) fn check_one_channel(input: ImageSpec) -> Result<()> {
    if input.channels() != 1 {
        let expected = ImageSpec::new(input.width(), input.height(), 1, input.pixel_type())?;
        return Err(Error::Shape {
            role: "input",
            expected,
            given: input,
        });
    }
    Ok(())
}

/// [`equalize_hist`] of frames whose types are known at run time.
pub fn equalize_hist_any(
    src: AnyImageRef<'_>,
    dst: AnyImageMut<'_>,
    workspace: &mut Workspace,
) -> Result<()> {
    match (src, dst) {
        (AnyImageRef::U8(src), AnyImageMut::U8(dst)) => equalize_hist(src, dst, workspace),
        (src, dst) => {
            check_gray_u8(src.spec())?;
            Err(Error::PixelType {
                role: "output",
                expected: PixelType::U8,
                given: dst.spec().pixel_type(),
            })
        }
    }
}

/// OpenCV's `equalizeHist`: each sample through the table of the frame's
/// cumulative histogram, counted from its first non-empty bin and scaled
/// onto 0–255 in f32 (`saturate(Σ · 255/(total − first count))`); a frame of
/// one value becomes that value.
pub fn equalize_hist(
    src: ImageRef<u8>,
    dst: ImageMut<u8>,
    workspace: &mut Workspace,
) -> Result<()> {
    check_gray_u8(src.spec())?;
    check_same_shape(src.spec(), dst.spec())?;
    let table = equalization_table(&histogram_on_threads(src, workspace));
    in_row_bands(src, dst, workspace, |src, mut dst, isa| {
        for y in dst.rows() {
            look_up(isa, src.row(y), dst.row_mut(y), &table);
        }
        Ok(())
    })
}

/// [`histogram`], bands of rows counted on the workspace's threads and
/// their counts added (the sums are the same whatever the bands).
fn histogram_on_threads(src: ImageRef<u8>, workspace: &mut Workspace) -> [u64; 256] {
    let rows = src.rows();
    let bands = strip_count(workspace.threads(), rows.len(), src.spec().row_len());
    if bands <= 1 {
        return histogram(src);
    }
    let rows_per_band = rows.len().div_ceil(bands);
    let partial = workspace
        .carve(1, bands * 256 * size_of::<u64>())
        .take::<u64>(bands * 256);
    // As `measure::counts::tally` cuts its bands: the last ones may be empty.
    let jobs = partial
        .chunks_exact_mut(256)
        .enumerate()
        .map(|(i, counts)| {
            let start = (rows.start + i * rows_per_band).min(rows.end);
            (start..(start + rows_per_band).min(rows.end), counts)
        });
    run_jobs(jobs, &|(band, counts): (Range<usize>, &mut [u64])| {
        counts.copy_from_slice(&histogram(src.band(band)));
    });
    let mut total = [0u64; 256];
    for counts in partial.chunks_exact(256) {
        total.iter_mut().zip(counts).for_each(|(sum, &n)| *sum += n);
    }
    total
}

/// The counts of each value among the frame's samples.
pub(crate) fn histogram(src: ImageRef<u8>) -> [u64; 256] {
    // Four tables, so that runs of one value do not wait on one counter.
    let mut counts = [[0u32; 256]; 4];
    let mut total = [0u64; 256];
    let mut flush = |counts: &mut [[u32; 256]; 4]| {
        for table in counts.iter_mut() {
            for (sum, count) in total.iter_mut().zip(table.iter_mut()) {
                *sum += *count as u64;
                *count = 0;
            }
        }
    };
    // u32 counters, flushed into the totals before they could overflow.
    let mut pending = 0usize;
    for y in src.rows() {
        let row = src.row(y);
        if pending + row.len() > u32::MAX as usize {
            flush(&mut counts);
            pending = 0;
        }
        pending += row.len();
        let mut quads = row.chunks_exact(4);
        for quad in &mut quads {
            for (table, &v) in counts.iter_mut().zip(quad) {
                table[v as usize] += 1;
            }
        }
        for &v in quads.remainder() {
            counts[0][v as usize] += 1;
        }
    }
    flush(&mut counts);
    total
}

/// The equalization table of a histogram, as OpenCV's `equalizeHist` builds it.
fn equalization_table(histogram: &[u64; 256]) -> [u8; 256] {
    let mut table = [0u8; 256];
    let total: u64 = histogram.iter().sum();
    let Some(first) = histogram.iter().position(|&count| count > 0) else {
        return table;
    };
    if histogram[first] == total {
        table[first] = first as u8;
        return table;
    }
    // OpenCV's int sums converted to float: the same rounding for any frame it takes.
    let scale = 255.0f32 / (total - histogram[first]) as f32;
    let mut sum = 0u64;
    for (entry, &count) in table.iter_mut().zip(histogram).skip(first + 1) {
        sum += count;
        *entry = saturate_u8(sum as f32 * scale);
    }
    table
}

/// OpenCV's `saturate_cast<uchar>(float)`: rounded half to even, clamped.
fn saturate_u8(value: f32) -> u8 {
    value.round_ties_even().clamp(0.0, 255.0) as u8
}

/// `dst[i] = table[src[i]]`.
fn look_up(isa: Isa, src: &[u8], dst: &mut [u8], table: &[u8; 256]) {
    #[inline(always)]
    fn each(src: &[u8], dst: &mut [u8], table: &[u8; 256]) {
        for (out, &x) in dst.iter_mut().zip(src) {
            *out = table[x as usize];
        }
    }
    dispatch!(isa, each(src, dst, table))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_rng::Rng;

    fn noise(len: usize, seed: u64, spread: u32) -> Vec<u8> {
        let mut rng = Rng::new(seed);
        // A narrow spread leaves bins empty at both ends.
        (0..len)
            .map(|_| (40 + rng.below(spread as usize)) as u8)
            .collect()
    }

    /// OpenCV's equalizeHist written from its definition in f64 with the
    /// f32 steps it takes: the cumulative count above the first non-empty
    /// bin, times 255/(total − its count) in f32, rounded half to even.
    fn definition(src: &[u8]) -> Vec<u8> {
        let mut counts = [0i64; 256];
        src.iter().for_each(|&v| counts[v as usize] += 1);
        let first = counts.iter().position(|&c| c > 0).unwrap();
        let total = src.len() as i64;
        if counts[first] == total {
            return src.to_vec();
        }
        let scale = 255.0f32 / (total - counts[first]) as f32;
        src.iter()
            .map(|&v| {
                let above: i64 = counts[first + 1..=v as usize].iter().sum();
                let value = above as f32 * scale;
                value.round_ties_even().clamp(0.0, 255.0) as u8
            })
            .collect()
    }

    fn run(spec: ImageSpec, src: &[u8], isa: Isa, threads: usize) -> Vec<u8> {
        let mut out = vec![0u8; src.len()];
        let mut workspace = Workspace::with_isa(isa).unwrap();
        workspace.set_threads(Some(threads));
        let image = ImageRef::new(spec, src, "input").unwrap();
        let output = ImageMut::new(spec, &mut out, "output").unwrap();
        equalize_hist(image, output, &mut workspace).unwrap();
        out
    }

    #[test]
    fn equalization_matches_the_definition_on_every_path_and_thread_count() {
        // The last is large enough that 3 threads count 3 bands.
        let sizes = [
            (1, 1, 256),
            (7, 5, 3),
            (67, 37, 256),
            (160, 130, 90),
            (300, 200, 200),
        ];
        for (width, height, spread) in sizes {
            let spec = ImageSpec::new(width, height, 1, PixelType::U8).unwrap();
            let src = noise(spec.samples(), (width * height) as u64, spread);
            let want = definition(&src);
            for isa in Isa::available() {
                for threads in [1, 3] {
                    assert_eq!(
                        run(spec, &src, isa, threads),
                        want,
                        "{spec} on {isa}, {threads} threads"
                    );
                }
            }
        }
    }

    #[test]
    fn many_threads_count_the_same_histogram_as_one() {
        // 64 bands of 17 rows over 1040: the last bands start past the end.
        let spec = ImageSpec::new(1010, 1040, 1, PixelType::U8).unwrap();
        let src = noise(spec.samples(), 7, 256);
        assert_eq!(
            run(spec, &src, Isa::best(), 64),
            run(spec, &src, Isa::best(), 1)
        );
    }

    #[test]
    fn a_frame_of_one_value_keeps_it() {
        let spec = ImageSpec::new(9, 4, 1, PixelType::U8).unwrap();
        let src = vec![77u8; spec.samples()];
        assert_eq!(run(spec, &src, Isa::Scalar, 1), src);
    }

    #[test]
    fn other_types_and_channel_counts_are_refused() {
        let u16_spec = ImageSpec::new(4, 4, 1, PixelType::U16).unwrap();
        assert_eq!(
            check_gray_u8(u16_spec).unwrap_err().code(),
            "ERR_PIXCHAIN_TYPE"
        );
        let rgb = ImageSpec::new(4, 4, 3, PixelType::U8).unwrap();
        assert_eq!(check_gray_u8(rgb).unwrap_err().code(), "ERR_PIXCHAIN_SHAPE");
    }
}
