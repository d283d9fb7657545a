//! Point kernels on every thread: the frame in bands of rows, each band
//! running the same one-thread kernel on its rows.
//!
//! A point kernel's output row depends on the same source row only, so a
//! band gives the bytes the whole frame would, for any number of bands.

use std::sync::OnceLock;

use crate::simd::Isa;
use crate::strips::strip_count;
use crate::{Error, ImageMut, ImageRef, Pixel, Result, Workspace};

/// Runs `kernel` from `src` into `dst` in bands of rows on the workspace's
/// threads. One thread (as in a streamed pass, whose lanes are the threads)
/// runs it once over the views as given: nothing is split twice.
pub(crate) fn in_row_bands<T: Pixel, U: Pixel>(
    src: ImageRef<'_, T>,
    dst: ImageMut<'_, U>,
    workspace: &mut Workspace,
    kernel: impl Fn(ImageRef<'_, T>, ImageMut<'_, U>, Isa) -> Result<()> + Sync,
) -> Result<()> {
    let isa = workspace.isa();
    // Views of other heights or rows are the kernel's to refuse.
    if src.spec().height() != dst.spec().height() || src.rows() != dst.rows() {
        return kernel(src, dst, isa);
    }
    let dst_spec = dst.spec();
    // A frame too small to split (every one at a thread) runs here, without
    // setting up bands: a one-shot call on a small frame is mostly this cost.
    if strip_count(workspace.threads(), dst.rows().len(), dst_spec.row_len()) <= 1 {
        return in_gapless_runs(src, dst, isa, &kernel);
    }
    // Every band checks the same parameters and shapes before it writes,
    // so a refusal leaves every band, hence the output, untouched.
    let failure: OnceLock<Error> = OnceLock::new();
    workspace.split(0, 0).1.run(dst, |mut band, _| {
        let (rows, isa) = (band.rows(), band.isa());
        let band_src = src.band(rows.clone());
        let band_dst = ImageMut::window(dst_spec, rows.start, band.data_mut());
        if let Err(error) = in_gapless_runs(band_src, band_dst, isa, &kernel) {
            let _ = failure.set(error);
        }
    });
    failure.into_inner().map_or(Ok(()), Err)
}

/// Runs `kernel` once over views of the same rows when the source's rows
/// follow one another without gaps, and row by row (each row a gapless
/// view) when it is a strided view: point kernels read whole runs of samples.
fn in_gapless_runs<T: Pixel, U: Pixel>(
    src: ImageRef<'_, T>,
    mut dst: ImageMut<'_, U>,
    isa: Isa,
    kernel: &impl Fn(ImageRef<'_, T>, ImageMut<'_, U>, Isa) -> Result<()>,
) -> Result<()> {
    if src.is_contiguous() {
        return kernel(src, dst, isa);
    }
    // Every row checks the same parameters and shapes, so a refusal comes
    // from the first, before anything is written.
    for y in dst.rows() {
        kernel(src.band(y..y + 1), dst.band_mut(y..y + 1), isa)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::{ImageSpec, PixelType};

    /// The row ranges the kernel was called on, for `threads` threads.
    fn bands_called(threads: usize, first_row: usize, rows: usize) -> Vec<std::ops::Range<usize>> {
        let spec = ImageSpec::new(1000, 400, 1, PixelType::U8).unwrap();
        let src = vec![7u8; rows * 1000];
        let mut out = vec![0u8; rows * 1000];
        let mut workspace = Workspace::new();
        workspace.set_threads(Some(threads));
        let calls = Mutex::new(Vec::new());
        let src = ImageRef::window(spec, first_row, &src);
        let dst = ImageMut::window(spec, first_row, &mut out);
        in_row_bands(src, dst, &mut workspace, |s, mut d, _| {
            assert_eq!(s.rows(), d.rows());
            d.data_mut().copy_from_slice(s.data());
            calls.lock().unwrap().push(d.rows());
            Ok(())
        })
        .unwrap();
        assert!(out.iter().all(|&x| x == 7));
        let mut calls = calls.into_inner().unwrap();
        calls.sort_by_key(|r| r.start);
        calls
    }

    #[test]
    fn one_thread_runs_the_kernel_once_on_the_views_as_given() {
        // A streamed pass's lanes run with one thread each: a band of a lane is never split again.
        assert_eq!(bands_called(1, 100, 200), vec![100..300]);
        assert_eq!(bands_called(1, 0, 400), vec![0..400]);
    }

    #[test]
    fn more_threads_share_the_rows_in_bands_that_cover_them_once() {
        for threads in [2, 3, 7] {
            let bands = bands_called(threads, 0, 400);
            let expected_bands = if cfg!(feature = "parallel") {
                threads
            } else {
                1
            };
            assert_eq!(bands.len(), expected_bands, "{threads} threads");
            assert_eq!(bands.first().unwrap().start, 0);
            assert_eq!(bands.last().unwrap().end, 400);
            assert!(bands.windows(2).all(|w| w[0].end == w[1].start));
            // A window is split by its own rows, addressed by their frame index.
            let bands = bands_called(threads, 50, 300);
            assert_eq!((bands[0].start, bands.last().unwrap().end), (50, 350));
        }
    }

    #[test]
    fn a_refusal_in_bands_is_the_kernels_and_leaves_the_output() {
        let spec = ImageSpec::new(1000, 400, 1, PixelType::U8).unwrap();
        let src = vec![7u8; spec.samples()];
        let mut out = vec![0u8; spec.samples()];
        let mut workspace = Workspace::new();
        workspace.set_threads(Some(3));
        let params = crate::LinearParams {
            a: f64::NAN.into(),
            b: 0.0.into(),
        };
        let src = ImageRef::new(spec, &src, "input").unwrap();
        let dst = ImageMut::new(spec, &mut out, "output").unwrap();
        let error = in_row_bands(src, dst, &mut workspace, |s, d, isa| {
            crate::kernels::linear(s, d, &params, isa)
        })
        .unwrap_err();
        assert_eq!(error.code(), "ERR_PIXCHAIN_PARAM");
        assert!(out.iter().all(|&x| x == 0));
    }
}
