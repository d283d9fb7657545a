// Measurements of a frame, per channel: figures, not frames. The addon
// returns one Float64Array of figures, channel by channel; this room shapes
// it. Their promise forms are in promises.ts.

import { native, nativeSpec } from './native'
import { checkOptions } from './options'
import type { ImageSpec, LooseImageSpec, PixelArray } from './types'

/** Each channel's figures, one entry per channel. */
export interface Stats {
  /** The smallest sample (OpenCV's `minMaxLoc`). */
  min: number[]
  /** The largest sample. */
  max: number[]
  /** The mean (OpenCV's `meanStdDev`); exact sums for integer types, f64 for f32. */
  mean: number[]
  /** The population standard deviation, √(Σ(x − mean)² / n), as OpenCV's `meanStdDev`. */
  std: number[]
}

/**
 * `histogram`: `bins` uniform bins over `[min, max)`, as OpenCV's `calcHist`
 * with uniform ranges: a sample x in range goes to bin ⌊(x − min)·bins / (max − min)⌋;
 * samples outside are not counted. OpenCV takes `min` and `max` as f32; so does pixchain.
 */
export interface HistogramOptions {
  /**
   * Bins per channel, 1 to 2²⁴.
   * @default integer types: ⌈max − min⌉, one bin per value (u8 256, u16 and i16 65,536); f32: 256
   */
  bins?: number
  /**
   * Lower bound, included.
   * @default the type's minimum for integer types (0, 0, −32768); 0 for f32
   */
  min?: number
  /**
   * Upper bound, excluded; above `min`.
   * @default the type's maximum + 1 for integer types (256, 65536, 32768); 1 for f32 (so 1.0 itself is not counted)
   */
  max?: number
}

export const histogramRules = {
  bins: { kind: 'size' },
  min: { kind: 'number' },
  max: { kind: 'number' },
} as const

/** `values`, `channels` runs of equal length, as one array per channel. */
export function perChannel(values: Float64Array, channels: number): number[][] {
  const len = values.length / channels
  return Array.from({ length: channels }, (_, c) => Array.from(values.subarray(c * len, (c + 1) * len)))
}

/** The addon's stats figures (min, max, mean, std, each `channels` long) as `Stats`. */
export function shapeStats(values: Float64Array): Stats {
  const [min, max, mean, std] = perChannel(values, 4) as [number[], number[], number[], number[]]
  return { min, max, mean, std }
}

/** The addon's counts, channel by channel, as one Uint32Array per channel. */
export function shapeHistogram(values: Float64Array, channels: number): Uint32Array[] {
  const len = values.length / channels
  return Array.from({ length: channels }, (_, c) => Uint32Array.from(values.subarray(c * len, (c + 1) * len)))
}

/** The checked list of percentiles (numbers; the range is checked natively). */
export function checkedPercentiles(percentiles: unknown): number[] {
  return checkOptions('percentiles', { percentiles }, { percentiles: { kind: 'numbers', required: true } } as const).percentiles
}

/**
 * Each channel's smallest and largest sample, mean and population standard
 * deviation of `input`, a frame of `spec`: OpenCV's `minMaxLoc` and
 * `meanStdDev` per channel. NaN samples of f32 frames are left out of every
 * figure (OpenCV's `meanStdDev` gives NaN); a channel of NaN only gives NaN.
 * Threads (`setThreads`) split the frame; the figures do not depend on them.
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE` for the frame.
 */
export function stats(input: PixelArray, spec: ImageSpec | LooseImageSpec): Stats {
  return shapeStats(native.stats(input, nativeSpec(spec)))
}

/**
 * Each channel's histogram of `input`, a frame of `spec`: one Uint32Array
 * of `bins` counts per channel, by OpenCV's `calcHist` rule (see
 * {@link HistogramOptions}). NaN samples are not counted (OpenCV counts them in bin 0).
 * @throws `ERR_PIXCHAIN_PARAM` for bins or bounds out of range; the frame's codes as `stats`.
 */
export function histogram(input: PixelArray, spec: ImageSpec | LooseImageSpec, options: HistogramOptions = {}): Uint32Array[] {
  const { bins, min, max } = checkOptions('histogram', options, histogramRules)
  const checked = nativeSpec(spec)
  return shapeHistogram(native.histogram(input, checked, bins, min, max), checked.channels)
}

/**
 * Each channel's values of `input`, a frame of `spec`, at `percentiles`
 * (each in [0, 100]): `result[channel][i]` for `percentiles[i]`. The rule is
 * NumPy's default (`np.percentile`, `method='linear'`) on the samples as f64:
 * over n sorted samples, h = (n − 1)·p/100 and the samples at ranks ⌊h⌋ and
 * ⌊h⌋ + 1 are interpolated, so integer frames give exact results (counted in
 * a histogram, never sorted). NaN samples are left out (`np.nanpercentile`);
 * a channel of NaN only gives NaN.
 * @throws `ERR_PIXCHAIN_PARAM` for a percentile outside [0, 100]; the frame's codes as `stats`.
 */
export function percentiles(input: PixelArray, spec: ImageSpec | LooseImageSpec, percentiles: readonly number[]): number[][] {
  const checked = nativeSpec(spec)
  return perChannel(native.percentiles(input, checked, checkedPercentiles(percentiles)), checked.channels)
}

/** The native kernel behind `clip(options)`: by percentiles when `options` has them. */
export function clipKernel(options: unknown): 'clip' | 'clipPercentiles' {
  return typeof options === 'object' && options !== null && Object.hasOwn(options, 'percentiles') ? 'clipPercentiles' : 'clip'
}
