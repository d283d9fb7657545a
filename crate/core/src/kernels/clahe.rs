//! `clahe`: OpenCV's contrast-limited adaptive histogram equalization
//! (`createCLAHE(clipLimit, tiles).apply`) of one-channel u8 and u16 frames.

use super::equalize_hist::check_one_channel;
use super::{Border, check_same_shape};
use crate::simd::dispatch;
use crate::{
    AnyImageMut, AnyImageRef, Error, ImageMut, ImageRef, ImageSpec, Pixel, PixelType, Result,
    Workspace,
};

/// The most tiles along either side.
pub const MAX_CLAHE_TILES: u32 = 256;
/// The most tiles in all for u16 frames, whose tables have 65,536 entries
/// each (128 KiB a tile).
pub const MAX_CLAHE_U16_TILES: u32 = 1024;

/// Parameters of [`clahe`]: the contrast limit (a multiple of the mean
/// count of a tile's histogram bin; 0 for none) and the tiles `[x, y]` the
/// frame is cut into. Defaults as OpenCV's `createCLAHE`: 40 and 8 × 8.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClaheParams {
    pub clip_limit: f64,
    pub tiles: [u32; 2],
}

impl Default for ClaheParams {
    fn default() -> Self {
        Self {
            clip_limit: 40.0,
            tiles: [8, 8],
        }
    }
}

impl ClaheParams {
    /// The tile counts `[x, y]` of an option's list: two whole numbers.
    pub fn parse_tiles(values: &[f64]) -> Result<[u32; 2]> {
        let whole = |v: f64| v.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(&v);
        match values {
            &[x, y] if whole(x) && whole(y) => Ok([x as u32, y as u32]),
            _ => {
                let given = values.iter().map(f64::to_string).collect::<Vec<_>>();
                let expected = format!("[x, y]: two tile counts from 1 to {MAX_CLAHE_TILES}");
                Err(Error::param(
                    "tiles",
                    expected,
                    format!("[{}]", given.join(", ")),
                ))
            }
        }
    }

    /// Refuses parameters out of range, and frames other than one-channel u8 and u16.
    pub fn validate(&self, input: ImageSpec) -> Result<()> {
        if !self.clip_limit.is_finite() || self.clip_limit < 0.0 {
            return Err(Error::param(
                "clipLimit",
                "a finite number ≥ 0",
                self.clip_limit,
            ));
        }
        if self
            .tiles
            .iter()
            .any(|&t| !(1..=MAX_CLAHE_TILES).contains(&t))
        {
            let given = format!("[{}, {}]", self.tiles[0], self.tiles[1]);
            let expected = format!("two tile counts from 1 to {MAX_CLAHE_TILES}");
            return Err(Error::param("tiles", expected, given));
        }
        match input.pixel_type() {
            PixelType::U8 => {}
            PixelType::U16 if self.tiles[0] * self.tiles[1] <= MAX_CLAHE_U16_TILES => {}
            PixelType::U16 => {
                let given = format!("[{}, {}]", self.tiles[0], self.tiles[1]);
                let expected = format!("at most {MAX_CLAHE_U16_TILES} tiles in all for u16");
                return Err(Error::param("tiles", expected, given));
            }
            given => {
                return Err(Error::PixelType {
                    role: "input",
                    expected: if given == PixelType::I16 {
                        PixelType::U16
                    } else {
                        PixelType::U8
                    },
                    given,
                });
            }
        }
        check_one_channel(input)
    }
}

/// [`clahe`] of frames whose types are known at run time.
pub fn clahe_any(
    src: AnyImageRef<'_>,
    dst: AnyImageMut<'_>,
    params: &ClaheParams,
    workspace: &mut Workspace,
) -> Result<()> {
    match (src, dst) {
        (AnyImageRef::U8(src), AnyImageMut::U8(dst)) => clahe(src, dst, params, workspace),
        (AnyImageRef::U16(src), AnyImageMut::U16(dst)) => clahe(src, dst, params, workspace),
        (src, dst) => {
            params.validate(src.spec())?;
            Err(crate::image::type_mismatch(src.spec(), dst.spec()))
        }
    }
}

/// The tiles of a frame as OpenCV cuts it: a frame whose sides the tile
/// counts do not both divide is first extended right and down with
/// `reflect101` by `tiles − side % tiles` on each side (a whole tile row or
/// column where one side divides), as `CLAHE_Impl::apply` does.
#[derive(Clone, Copy, Debug)]
struct Tiling {
    counts: [usize; 2],
    size: [usize; 2],
}

impl Tiling {
    fn of(spec: ImageSpec, tiles: [u32; 2]) -> Self {
        let sides = [spec.width(), spec.height()];
        let counts = tiles.map(|t| t as usize);
        let divides = sides[0].is_multiple_of(counts[0]) && sides[1].is_multiple_of(counts[1]);
        let size = std::array::from_fn(|i| {
            let extended = if divides {
                sides[i]
            } else {
                sides[i] + counts[i] - sides[i] % counts[i]
            };
            extended / counts[i]
        });
        Self { counts, size }
    }

    fn area(&self) -> usize {
        self.size[0] * self.size[1]
    }
}

/// OpenCV's CLAHE: a table per tile from its clipped histogram, each sample
/// through the four nearest tiles' tables, interpolated bilinearly in f32
/// as OpenCV does, so results match it bit for bit.
pub fn clahe<T: Pixel>(
    src: ImageRef<T>,
    dst: ImageMut<T>,
    params: &ClaheParams,
    workspace: &mut Workspace,
) -> Result<()> {
    let spec = src.spec();
    params.validate(spec)?;
    check_same_shape(spec, dst.spec())?;
    let bins = if T::TYPE == PixelType::U8 { 256 } else { 65536 };
    let tiling = Tiling::of(spec, params.tiles);
    let tiles = tiling.counts[0] * tiling.counts[1];
    let width = spec.width();
    let bytes = tiles * bins * size_of::<T>() + bins * 4 + width * 16;
    // Up to 128 MiB of u16 tables: refused, not an abort, when the system cannot give them.
    workspace.try_reserve(5, bytes)?;
    let (mut carver, strips) = workspace.split(5, bytes);
    let tables = carver.take::<T>(tiles * bins);
    let histogram = carver.take::<u32>(bins);
    let (near, far) = (carver.take::<u32>(width), carver.take::<u32>(width));
    let (near_weight, far_weight) = (carver.take::<f32>(width), carver.take::<f32>(width));

    for (tile, table) in tables.chunks_exact_mut(bins).enumerate() {
        let at = [tile % tiling.counts[0], tile / tiling.counts[0]];
        count_tile(src, tiling, at, histogram);
        clip_and_redistribute(histogram, params.clip_limit, tiling.area());
        equalization_table(histogram, tiling.area(), table);
    }

    // Each column's two nearest tiles along x (as table offsets) and their weights.
    let inverse = 1.0f32 / tiling.size[0] as f32;
    for x in 0..width {
        let (first, weight) = nearest(x, inverse);
        near[x] = (first.max(0) as usize * bins) as u32;
        far[x] = ((first + 1).min(tiling.counts[0] as i64 - 1) as usize * bins) as u32;
        far_weight[x] = weight;
        near_weight[x] = 1.0 - weight;
    }
    let columns = Columns {
        near,
        far,
        near_weight,
        far_weight,
    };
    let (tables, columns) = (&*tables, &columns);
    let inverse = 1.0f32 / tiling.size[1] as f32;
    let row_tables = tiling.counts[0] * bins;
    strips.run(dst, |mut strip, _| {
        for y in strip.rows() {
            let (first, weight) = nearest(y, inverse);
            let upper = first.max(0) as usize * row_tables;
            let lower = (first + 1).min(tiling.counts[1] as i64 - 1) as usize * row_tables;
            let planes = (
                &tables[upper..upper + row_tables],
                &tables[lower..lower + row_tables],
            );
            let (src_row, isa) = (src.row(y), strip.isa());
            let out = strip.row_mut(y);
            dispatch!(isa, interpolate_row(src_row, out, planes, columns, weight));
        }
    });
    Ok(())
}

/// The tile whose centre lies at or before coordinate `p` (−1 before the
/// first centre), and the weight of the next one: `p/size − 0.5` in f32,
/// floored, as OpenCV computes it.
fn nearest(p: usize, inverse_size: f32) -> (i64, f32) {
    let position = p as f32 * inverse_size - 0.5;
    let first = position.floor();
    (first as i64, position - first)
}

/// Each column's tables and weights along x.
struct Columns<'a> {
    near: &'a [u32],
    far: &'a [u32],
    near_weight: &'a [f32],
    far_weight: &'a [f32],
}

/// One output row: each sample through the four tables around it.
#[inline(always)]
fn interpolate_row<T: Pixel>(
    src: &[T],
    dst: &mut [T],
    (upper, lower): (&[T], &[T]),
    columns: &Columns<'_>,
    weight: f32,
) {
    let upper_weight = 1.0 - weight;
    let samples = dst.iter_mut().zip(src);
    let weights = columns.near_weight.iter().zip(columns.far_weight);
    let offsets = columns.near.iter().zip(columns.far);
    for (((out, &v), (&wn, &wf)), (&near, &far)) in samples.zip(weights).zip(offsets) {
        let v = v.to_i64() as usize;
        let (near, far) = (near as usize + v, far as usize + v);
        // The order of OpenCV's expression, so that f32 rounds the same.
        let result = (upper[near].to_f32() * wn + upper[far].to_f32() * wf) * upper_weight
            + (lower[near].to_f32() * wn + lower[far].to_f32() * wf) * weight;
        *out = T::saturate_f32(result);
    }
}

/// The histogram of tile `at` (`[x, y]`) of the extended frame.
fn count_tile<T: Pixel>(src: ImageRef<T>, tiling: Tiling, at: [usize; 2], histogram: &mut [u32]) {
    histogram.fill(0);
    let spec = src.spec();
    let (width, height) = (spec.width(), spec.height());
    let reflect = |p: usize, len: usize| {
        Border::Reflect101
            .source_index(p as isize, len)
            .expect("reflect101 reads inside the frame")
    };
    let columns = at[0] * tiling.size[0]..(at[0] + 1) * tiling.size[0];
    let inside = columns.start.min(width)..columns.end.min(width);
    for y in at[1] * tiling.size[1]..(at[1] + 1) * tiling.size[1] {
        let row = src.row(reflect(y, height));
        for &v in &row[inside.clone()] {
            histogram[v.to_i64() as usize] += 1;
        }
        for x in columns.start.max(width)..columns.end {
            histogram[row[reflect(x, width)].to_i64() as usize] += 1;
        }
    }
}

/// Clips each bin at the limit and spreads the excess over all bins as
/// OpenCV does: evenly, then one more each to bins `0, step, 2·step, …`.
fn clip_and_redistribute(histogram: &mut [u32], clip_limit: f64, area: usize) {
    if clip_limit <= 0.0 {
        return;
    }
    let bins = histogram.len();
    let limit = ((clip_limit * area as f64 / bins as f64) as u64).max(1);
    let limit = limit.min(u32::MAX as u64) as u32;
    let mut clipped = 0usize;
    for count in histogram.iter_mut() {
        if *count > limit {
            clipped += (*count - limit) as usize;
            *count = limit;
        }
    }
    let batch = (clipped / bins) as u32;
    let mut residual = clipped % bins;
    histogram.iter_mut().for_each(|count| *count += batch);
    if let Some(step) = bins.checked_div(residual) {
        let step = step.max(1);
        let mut i = 0;
        while i < bins && residual > 0 {
            histogram[i] += 1;
            i += step;
            residual -= 1;
        }
    }
}

/// The tile's table: the cumulative count times `(bins − 1)/area` in f32,
/// saturated into the pixel type.
fn equalization_table<T: Pixel>(histogram: &[u32], area: usize, table: &mut [T]) {
    let scale = (histogram.len() - 1) as f32 / area as f32;
    let mut sum = 0u64;
    for (entry, &count) in table.iter_mut().zip(histogram) {
        sum += count as u64;
        *entry = T::saturate_f32(sum as f32 * scale);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simd::Isa;
    use crate::test_rng::Rng;

    fn noise(len: usize, seed: u64, modulus: usize) -> Vec<u16> {
        let mut rng = Rng::new(seed);
        (0..len).map(|_| rng.below(modulus) as u16).collect()
    }

    /// The extended frame of OpenCV's CLAHE, and each tile's clipped
    /// histogram counted from it directly.
    fn tile_histograms(
        src: &[u16],
        spec: ImageSpec,
        params: &ClaheParams,
        bins: usize,
    ) -> Vec<Vec<u32>> {
        let tiling = Tiling::of(spec, params.tiles);
        let (w, h) = (spec.width(), spec.height());
        let reflect = |p: usize, n: usize| Border::Reflect101.source_index(p as isize, n).unwrap();
        let mut histograms = Vec::new();
        for ty in 0..tiling.counts[1] {
            for tx in 0..tiling.counts[0] {
                let mut histogram = vec![0u32; bins];
                for y in ty * tiling.size[1]..(ty + 1) * tiling.size[1] {
                    for x in tx * tiling.size[0]..(tx + 1) * tiling.size[0] {
                        histogram[src[reflect(y, h) * w + reflect(x, w)] as usize] += 1;
                    }
                }
                clip_and_redistribute(&mut histogram, params.clip_limit, tiling.area());
                histograms.push(histogram);
            }
        }
        histograms
    }

    #[test]
    fn tiles_beyond_the_frame_count_its_reflection() {
        // 16 tiles of 7 columns over 97: the last two lie wholly beyond the frame.
        let spec = ImageSpec::new(97, 9, 1, PixelType::U8).unwrap();
        let src = noise(spec.samples(), 1, 256);
        let image: Vec<u8> = src.iter().map(|&v| v as u8).collect();
        let params = ClaheParams {
            clip_limit: 2.0,
            tiles: [16, 2],
        };
        let want = tile_histograms(&src, spec, &params, 256);
        let tiling = Tiling::of(spec, params.tiles);
        let image = ImageRef::new(spec, &image, "input").unwrap();
        for (tile, want) in want.iter().enumerate() {
            let mut histogram = vec![0u32; 256];
            count_tile(image, tiling, [tile % 16, tile / 16], &mut histogram);
            clip_and_redistribute(&mut histogram, params.clip_limit, tiling.area());
            assert_eq!(&histogram, want, "tile {tile}");
        }
    }

    #[test]
    fn clipping_keeps_the_count_and_caps_bins_near_the_limit() {
        let mut histogram = vec![0u32; 256];
        histogram[3] = 900;
        histogram[200] = 124;
        clip_and_redistribute(&mut histogram, 4.0, 1024);
        assert_eq!(histogram.iter().sum::<u32>(), 1024);
        // Limit 16: 884 + 108 clipped, 3 to every bin, the 224 left one more each every step of 1.
        assert_eq!(histogram[3], 16 + 3 + 1);
        assert_eq!(histogram[255], 3);
    }

    #[test]
    fn every_path_and_thread_count_give_the_same_bytes() {
        let spec = ImageSpec::new(150, 130, 1, PixelType::U16).unwrap();
        let src = noise(spec.samples(), 2, 4096);
        let params = ClaheParams {
            clip_limit: 3.0,
            tiles: [5, 3],
        };
        let mut outputs = Vec::new();
        for isa in Isa::available() {
            for threads in [1, 3] {
                let mut workspace = Workspace::with_isa(isa).unwrap();
                workspace.set_threads(Some(threads));
                let mut out = vec![0u16; src.len()];
                let image = ImageRef::new(spec, &src, "input").unwrap();
                let output = ImageMut::new(spec, &mut out, "output").unwrap();
                clahe(image, output, &params, &mut workspace).unwrap();
                outputs.push(out);
            }
        }
        assert!(outputs.windows(2).all(|pair| pair[0] == pair[1]));
    }

    #[test]
    fn out_of_range_parameters_and_frames_are_refused() {
        let gray = ImageSpec::new(8, 8, 1, PixelType::U16).unwrap();
        let refused = [
            (
                ClaheParams {
                    clip_limit: f64::NAN,
                    ..Default::default()
                },
                gray,
                "ERR_PIXCHAIN_PARAM",
            ),
            (
                ClaheParams {
                    tiles: [0, 4],
                    ..Default::default()
                },
                gray,
                "ERR_PIXCHAIN_PARAM",
            ),
            (
                ClaheParams {
                    tiles: [64, 32],
                    ..Default::default()
                },
                gray,
                "ERR_PIXCHAIN_PARAM",
            ),
            (
                Default::default(),
                gray.with_type(PixelType::F32),
                "ERR_PIXCHAIN_TYPE",
            ),
            (
                Default::default(),
                ImageSpec::new(8, 8, 3, PixelType::U8).unwrap(),
                "ERR_PIXCHAIN_SHAPE",
            ),
        ];
        for (params, spec, code) in refused {
            assert_eq!(
                params.validate(spec).unwrap_err().code(),
                code,
                "{params:?} on {spec}"
            );
        }
        assert_eq!(ClaheParams::parse_tiles(&[4.0, 2.0]), Ok([4, 2]));
        assert!(ClaheParams::parse_tiles(&[4.0]).is_err());
        assert!(ClaheParams::parse_tiles(&[4.5, 2.0]).is_err());
    }
}
