//! Horizontal strips: how a kernel's frame is shared among threads.
//!
//! Every output row is computed from the source alone, the same way in any
//! strip, so results are identical for any number of threads. Threads come
//! from rayon's pool with the `parallel` feature; without it (the default,
//! which keeps the core free of threads for wasm) a frame is one strip.

use std::ops::Range;
#[cfg(feature = "parallel")]
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::simd::Isa;
use crate::{ImageMut, Pixel, Workspace};

/// Smaller strips would cost more in hand-off to a thread than they save:
/// at least this many rows and samples each.
const MIN_STRIP_ROWS: usize = 16;
const MIN_STRIP_SAMPLES: usize = 1 << 14;

/// The process default for threads, 0 until set: all of rayon's pool.
#[cfg(feature = "parallel")]
static DEFAULT_THREADS: AtomicUsize = AtomicUsize::new(0);

/// Threads a kernel uses unless its workspace says otherwise.
pub fn default_threads() -> usize {
    #[cfg(feature = "parallel")]
    {
        match DEFAULT_THREADS.load(Ordering::Relaxed) {
            0 => rayon::current_num_threads(),
            n => n,
        }
    }
    #[cfg(not(feature = "parallel"))]
    1
}

/// Sets the process default for threads (0 restores "all of the pool").
/// Without the `parallel` feature kernels run on the calling thread whatever it says.
pub fn set_default_threads(threads: usize) {
    #[cfg(feature = "parallel")]
    DEFAULT_THREADS.store(threads, Ordering::Relaxed);
    #[cfg(not(feature = "parallel"))]
    let _ = threads;
}

/// Rows `rows` of a frame being written, addressed by their row in the frame.
#[derive(Debug)]
pub(crate) struct Strip<'a, T> {
    rows: Range<usize>,
    row_len: usize,
    data: &'a mut [T],
    isa: Isa,
}

impl<T> Strip<'_, T> {
    pub(crate) fn rows(&self) -> Range<usize> {
        self.rows.clone()
    }

    /// Row `y` of the frame; `y` must lie in [`rows`](Self::rows).
    #[inline(always)]
    pub(crate) fn row_mut(&mut self, y: usize) -> &mut [T] {
        let start = (y - self.rows.start) * self.row_len;
        &mut self.data[start..start + self.row_len]
    }

    /// The strip's rows, contiguous.
    pub(crate) fn data_mut(&mut self) -> &mut [T] {
        self.data
    }

    /// The SIMD path of the workspace that made the strip, to dispatch on in any thread.
    pub(crate) fn isa(&self) -> Isa {
        self.isa
    }
}

/// The strips of one kernel call and their workspaces.
#[derive(Debug)]
pub(crate) struct Strips<'a> {
    threads: usize,
    isa: Isa,
    workspaces: &'a mut Vec<Workspace>,
    allocations: &'a mut usize,
}

impl<'a> Strips<'a> {
    pub(crate) fn new(
        threads: usize,
        isa: Isa,
        workspaces: &'a mut Vec<Workspace>,
        allocations: &'a mut usize,
    ) -> Self {
        Self {
            threads,
            isa,
            workspaces,
            allocations,
        }
    }

    /// Runs `body` over every strip of `dst`, on up to `threads` threads.
    pub(crate) fn run<T: Pixel>(
        self,
        mut dst: ImageMut<'_, T>,
        body: impl Fn(Strip<'_, T>, &mut Workspace) + Sync,
    ) {
        let (spec, rows) = (dst.spec(), dst.rows());
        let (height, row_len) = (rows.len(), spec.row_len());
        let count = strip_count(self.threads, height, row_len);
        let rows_per_strip = height.div_ceil(count);
        if self.workspaces.len() < count {
            // Grows once to the most strips asked for; reruns reuse them.
            self.workspaces.resize_with(count, Workspace::default);
            *self.allocations += 1;
        }
        let isa = self.isa;
        // Each strip's kernels take the path of the workspace that split the frame.
        for workspace in self.workspaces.iter_mut() {
            workspace.follow(isa);
        }
        let strips = dst
            .data_mut()
            .chunks_mut(rows_per_strip * row_len)
            .enumerate()
            .map(|(i, data)| Strip {
                rows: rows.start + i * rows_per_strip
                    ..rows.start + i * rows_per_strip + data.len() / row_len,
                row_len,
                data,
                isa,
            });
        let mut jobs = strips.zip(self.workspaces.iter_mut());
        if count > 1 {
            // At most MAX_STRIPS jobs on the stack: joins allocate nothing,
            // so a rerun stays free of allocations.
            let mut stack: [Option<Job<'_, '_, T>>; MAX_STRIPS] = std::array::from_fn(|_| None);
            for (slot, job) in stack.iter_mut().zip(jobs) {
                *slot = Some(job);
            }
            join_all(&mut stack[..count.min(MAX_STRIPS)], &|(
                strip,
                workspace,
            )| {
                body(strip, workspace)
            });
            return;
        }
        if let Some((strip, workspace)) = jobs.next() {
            body(strip, workspace);
        }
    }
}

/// The most strips a frame is split into.
pub(crate) const MAX_STRIPS: usize = 64;

/// How many strips `height` rows of `row_len` samples are split into on
/// `threads` threads (one without the `parallel` feature).
pub(crate) fn strip_count(threads: usize, height: usize, row_len: usize) -> usize {
    let threads = if cfg!(feature = "parallel") {
        threads
    } else {
        1
    };
    threads
        .min(height / MIN_STRIP_ROWS)
        .min(height * row_len / MIN_STRIP_SAMPLES)
        .clamp(1, MAX_STRIPS)
}

/// Runs `body` once per job of `jobs` (at most [`MAX_STRIPS`]), on the pool's
/// threads when there are several, allocating nothing.
pub(crate) fn run_jobs<J: Send>(jobs: impl Iterator<Item = J>, body: &(impl Fn(J) + Sync)) {
    let mut stack: [Option<J>; MAX_STRIPS] = std::array::from_fn(|_| None);
    let mut count = 0;
    for (slot, job) in stack.iter_mut().zip(jobs) {
        *slot = Some(job);
        count += 1;
    }
    join_all(&mut stack[..count], body);
}

type Job<'s, 'w, T> = (Strip<'s, T>, &'w mut Workspace);

/// Runs every job, halving the list into `rayon::join`s.
#[cfg(feature = "parallel")]
pub(crate) fn join_all<J: Send>(jobs: &mut [Option<J>], body: &(impl Fn(J) + Sync)) {
    match jobs {
        [] => {}
        [job] => {
            if let Some(job) = job.take() {
                body(job);
            }
        }
        _ => {
            let (left, right) = jobs.split_at_mut(jobs.len() / 2);
            rayon::join(|| join_all(left, body), || join_all(right, body));
        }
    }
}

/// Runs every job on the calling thread.
#[cfg(not(feature = "parallel"))]
pub(crate) fn join_all<J>(jobs: &mut [Option<J>], body: &impl Fn(J)) {
    for job in jobs.iter_mut().filter_map(Option::take) {
        body(job);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ImageSpec, PixelType};

    /// Writes each sample's row index through `Strips` split for `threads`.
    fn rows_written(threads: usize, height: usize) -> Vec<u16> {
        let spec = ImageSpec::new(200, height, 2, PixelType::U16).unwrap();
        let mut data = vec![0u16; spec.samples()];
        let mut workspace = Workspace::new();
        workspace.set_threads(Some(threads));
        let dst = ImageMut::new(spec, &mut data, "output").unwrap();
        workspace.split(0, 0).1.run(dst, |mut strip, _| {
            for y in strip.rows() {
                strip.row_mut(y).fill(y as u16 + 1);
            }
        });
        data
    }

    #[test]
    fn every_row_is_written_once_by_its_strip_for_any_thread_count() {
        for height in [1, 15, 16, 17, 100, 300] {
            let expected: Vec<u16> = (1..=height as u16).flat_map(|y| [y; 400]).collect();
            for threads in [1, 2, 3, 8] {
                assert_eq!(
                    rows_written(threads, height),
                    expected,
                    "{height} rows, {threads} threads"
                );
            }
        }
    }

    #[test]
    fn every_strip_takes_the_path_of_the_workspace_that_split_the_frame() {
        let spec = ImageSpec::new(1024, 64, 1, PixelType::U8).unwrap();
        let mut data = vec![0u8; spec.samples()];
        let mut workspace = Workspace::new();
        workspace.set_threads(Some(4));
        for isa in Isa::available() {
            workspace.set_isa(isa).unwrap();
            let dst = ImageMut::new(spec, &mut data, "output").unwrap();
            workspace.split(0, 0).1.run(dst, |strip, strip_workspace| {
                assert_eq!((strip.isa(), strip_workspace.isa()), (isa, isa));
            });
        }
    }

    #[test]
    fn strip_workspaces_are_made_once() {
        let mut workspace = Workspace::new();
        workspace.set_threads(Some(4));
        let spec = ImageSpec::new(1024, 64, 1, PixelType::U8).unwrap();
        let mut data = vec![0u8; spec.samples()];
        for _ in 0..3 {
            let dst = ImageMut::new(spec, &mut data, "output").unwrap();
            workspace.split(0, 0).1.run(dst, |_, ws| {
                ws.carve(1, 100);
            });
        }
        // The list of strip workspaces, and one growth in each strip's.
        let strips = if cfg!(feature = "parallel") { 4 } else { 1 };
        assert_eq!(workspace.allocations(), 1 + strips);
    }
}
