// Scalar references written from each kernel's definition, in plain
// JavaScript numbers, independent of the Rust code they check.

import type { Frame } from './frames'
import type { PixelType } from './pixchain'

export const INTEGER_RANGE: Record<Exclude<PixelType, 'f32'>, [number, number]> = {
  u8: [0, 255],
  u16: [0, 65535],
  i16: [-32768, 32767],
}

/** Round half to even, as `cvRound` does. */
export function roundHalfEven(v: number): number {
  const r = Math.round(v)
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r
}

/** OpenCV's `saturate_cast` into `type`; NaN becomes 0. */
export function saturate(v: number, type: PixelType): number {
  if (type === 'f32') return Math.fround(v)
  if (Number.isNaN(v)) return 0
  const [lo, hi] = INTEGER_RANGE[type]
  // `+ 0` turns the -0 that Math.round gives for (-0.5, 0) into an integer's 0.
  return Math.min(hi, Math.max(lo, roundHalfEven(v))) + 0
}

/** f32 arithmetic: every operation rounded to single precision. */
const f = Math.fround

export function clip(src: ArrayLike<number>, type: PixelType, min = -Infinity, max = Infinity): number[] {
  const lo = saturate(min, type)
  const hi = saturate(max, type)
  return Array.from(src, (x) => (x < lo ? lo : x > hi ? hi : x))
}

export function linear(src: ArrayLike<number>, type: PixelType, a = 1, b = 0): number[] {
  return Array.from(src, (x) => saturate(f(f(x * f(a)) + f(b)), type))
}

export function convert(src: ArrayLike<number>, to: PixelType, scale = 1, offset = 0): number[] {
  return Array.from(src, (x) => saturate(f(f(x * f(scale)) + f(offset)), to))
}

/** `min + max − x` over the type's range (or the given one); `−x` for f32 without a range. */
export function invert(src: ArrayLike<number>, type: PixelType, min?: number, max?: number): number[] {
  if (type === 'f32') {
    return Array.from(src, (x) => (min === undefined || max === undefined ? f(-x) : f(f(min + max) - x)))
  }
  const [lo, hi] = min === undefined || max === undefined ? INTEGER_RANGE[type] : [min, max]
  return Array.from(src, (x) => saturate(lo + hi - x, type))
}

/** `lo + (hi − lo)·((x − lo)/(hi − lo))^γ` over the integer range; `sign(x)·|x|^γ` for f32. */
export function gamma(src: ArrayLike<number>, type: PixelType, g: number): number[] {
  if (type === 'f32') return Array.from(src, (x) => f(Math.sign(x) * Math.abs(x) ** g))
  const [lo, hi] = INTEGER_RANGE[type]
  return Array.from(src, (x) => saturate(lo + (hi - lo) * ((x - lo) / (hi - lo)) ** g, type))
}

export type ChannelOrderName = 'rgb' | 'bgr' | 'rgba' | 'bgra'

/**
 * OpenCV's `cvtColor(…2GRAY)`: `(9798·R + 19235·G + 3735·B + 2¹⁴) >> 15` for
 * integer types (an arithmetic shift, so i16 floors), and for f32 the f32
 * sum of the samples in memory order times 0.299, 0.587, 0.114.
 */
export function grayscale(src: ArrayLike<number>, type: PixelType, order: ChannelOrderName): number[] {
  const channels = order.length
  const redFirst = order.startsWith('r')
  const out: number[] = []
  for (let i = 0; i < src.length; i += channels) {
    const [p0, p1, p2] = [src[i]!, src[i + 1]!, src[i + 2]!]
    if (type === 'f32') {
      const [c0, c2] = redFirst ? [f(0.299), f(0.114)] : [f(0.114), f(0.299)]
      out.push(f(f(f(p0 * c0) + f(p1 * f(0.587))) + f(p2 * c2)))
    } else {
      const [r, b] = redFirst ? [p0, p2] : [p2, p0]
      out.push(Math.floor((r * 9798 + p1 * 19235 + b * 3735 + 16384) / 32768))
    }
  }
  return out
}

/** Two-image arithmetic, as OpenCV computes it for each type. */
export const arithmetic = {
  add: (x: number, y: number, type: PixelType) => saturate(type === 'f32' ? f(x + y) : x + y, type),
  subtract: (x: number, y: number, type: PixelType) => saturate(type === 'f32' ? f(x - y) : x - y, type),
  absdiff: (x: number, y: number, type: PixelType) => saturate(type === 'f32' ? f(Math.abs(f(x - y))) : Math.abs(x - y), type),
  // f32 frames: in doubles, rounded once; integers with a scale: in f32.
  multiply: (x: number, y: number, type: PixelType, scale = 1) =>
    saturate(type === 'f32' ? scale * x * y : scale === 1 ? x * y : f(f(f(scale) * x) * y), type),
  addWeighted: (x: number, y: number, type: PixelType, alpha = 0.5, beta = 0.5, gamma = 0) =>
    saturate(type === 'f32' ? x * alpha + y * beta + gamma : f(f(f(x * f(alpha)) + f(y * f(beta))) + f(gamma)), type),
}

/** OpenCV's `normalize(…, NORM_MINMAX)`: a scale and shift from the extremes, applied as `convertTo`. */
export function normalizeMinMax(src: ArrayLike<number>, type: PixelType, a = 0, b?: number): number[] {
  const nominalMax = type === 'f32' ? 1 : INTEGER_RANGE[type][1]
  const [dmin, dmax] = [Math.min(a, b ?? nominalMax), Math.max(a, b ?? nominalMax)]
  const values = Array.from(src)
  const smin = Math.min(...values)
  const smax = Math.max(...values)
  let scale = (dmax - dmin) * (smax - smin > Number.EPSILON ? 1 / (smax - smin) : 0)
  let shift: number
  if (type === 'f32') {
    scale = f(scale)
    shift = f(f(dmin) - f(smin * scale))
  } else {
    shift = dmin - smin * scale
  }
  return values.map((x) => saturate(f(f(x * f(scale)) + f(shift)), type))
}

/** `(x − mean) / std` over all samples (population std), as f32; 0 for a constant frame. */
export function zscore(src: ArrayLike<number>): number[] {
  const values = Array.from(src)
  let sum = 0
  for (const x of values) sum += x
  const mean = sum / values.length
  let squares = 0
  for (const x of values) squares += (x - mean) ** 2
  const std = Math.sqrt(squares / values.length)
  return values.map((x) => f(std > 0 ? (x - mean) / std : 0))
}

/** Otsu's level from the histogram of all samples, in OpenCV's order of operations. */
export function otsu(src: ArrayLike<number>): number {
  const histogram = new Array(256).fill(0)
  for (const x of Array.from(src)) histogram[x]++
  const scale = 1 / src.length
  let mu = 0
  histogram.forEach((h, i) => (mu += i * h))
  mu *= scale
  let [mu1, q1, maxSigma, level] = [0, 0, 0, 0]
  const epsilon = 2 ** -23
  histogram.forEach((h, i) => {
    const p = h * scale
    mu1 *= q1
    q1 += p
    const q2 = 1 - q1
    if (Math.min(q1, q2) < epsilon || Math.max(q1, q2) > 1 - epsilon) return
    mu1 = (mu1 + i * p) / q1
    const mu2 = (mu - q1 * mu1) / q2
    const sigma = q1 * q2 * (mu1 - mu2) * (mu1 - mu2)
    if (sigma > maxSigma) {
      maxSigma = sigma
      level = i
    }
  })
  return level
}

export type ThresholdKind = 'binary' | 'binaryInv' | 'trunc' | 'toZero' | 'toZeroInv'

/** OpenCV's `threshold`: integer types floor the level and round maxval. */
export function threshold(
  src: ArrayLike<number>,
  type: PixelType,
  thresh: number,
  kind: ThresholdKind = 'binary',
  maxval?: number,
): number[] {
  const nominalMax = type === 'f32' ? 1 : INTEGER_RANGE[type][1]
  const max = saturate(maxval ?? nominalMax, type)
  const level = type === 'f32' ? f(thresh) : Math.floor(thresh)
  const below = type !== 'f32' && level < INTEGER_RANGE[type][0]
  const truncated = below ? 0 : saturate(level, type)
  return Array.from(src, (x) => {
    const above = x > level
    switch (kind) {
      case 'binary':
        return above ? max : 0
      case 'binaryInv':
        return above ? 0 : max
      case 'trunc':
        return above ? truncated : x
      case 'toZero':
        return above ? x : 0
      case 'toZeroInv':
        return above ? 0 : x
    }
  })
}

export type BorderName = 'reflect101' | 'reflect' | 'replicate' | 'constant'

/** The coordinate `p` reads in a row of `n`, or -1 for the constant border, in closed form. */
export function borderIndex(p: number, n: number, border: BorderName): number {
  if (p >= 0 && p < n) return p
  switch (border) {
    case 'constant':
      return -1
    case 'replicate':
      return p < 0 ? 0 : n - 1
    case 'reflect': {
      const period = 2 * n
      const q = ((p % period) + period) % period
      return q < n ? q : period - 1 - q
    }
    case 'reflect101': {
      if (n === 1) return 0
      const period = 2 * n - 2
      const q = ((p % period) + period) % period
      return q < n ? q : period - q
    }
  }
}

/** OpenCV's automatic Gaussian side: `round(σ·3·2 + 1) | 1` for u8, `round(σ·4·2 + 1) | 1` otherwise. */
export function gaussianSide(sigma: number, type: PixelType): number {
  return roundHalfEven(sigma * (type === 'u8' ? 3 : 4) * 2 + 1) | 1
}

/** OpenCV's `getGaussianKernelBitExact` for odd `n`, in double precision. */
export function gaussianTaps(n: number, sigma: number): number[] {
  const tables: Record<number, number[]> = {
    1: [1],
    3: [0.25, 0.5, 0.25],
    5: [0.0625, 0.25, 0.375, 0.25, 0.0625],
    7: [0.03125, 0.109375, 0.21875, 0.28125, 0.21875, 0.109375, 0.03125],
    9: [4, 13, 30, 51, 60, 51, 30, 13, 4].map((v) => v / 256),
  }
  if (sigma <= 0 && tables[n]) return tables[n]!
  const s = sigma > 0 ? sigma : n * 0.15 + 0.35
  const half = (n - 1) / 2
  const side = Array.from({ length: half }, (_, i) => Math.exp(((i - half) * (i - half)) * (-0.5 / (s * s))))
  const sum = 2 * side.reduce((a, b) => a + b, 0) + 1
  const normalized = side.map((t) => t * (1 / sum))
  return [...normalized, 1 / sum, ...normalized.reverse()]
}

/** OpenCV's fixed-point taps: `bits` fraction bits, rounded with error diffusion, summing to exactly one. */
export function fixedTaps(taps: number[], bits: number): number[] {
  const one = 2 ** bits
  const half = (taps.length - 1) / 2
  let error = 0
  const side = taps.slice(0, half).map((t) => {
    const adjusted = t * one + error
    const rounded = roundHalfEven(adjusted)
    error = adjusted - rounded
    return rounded
  })
  const centre = one - 2 * side.reduce((a, b) => a + b, 0)
  return [...side, centre, ...side.slice().reverse()]
}

export interface GaussianReference {
  sigma: number
  sigmaY?: number
  ksize?: number
  border?: BorderName
  borderValue?: number
}

/**
 * A separable filter read through the border: horizontal taps, then vertical
 * ones, in exact doubles. `skipZeroTaps`: taps of 0 read nothing, as OpenCV's
 * (anti)symmetric filters do, so an infinity under one does not become NaN.
 */
export function separable(
  src: ArrayLike<number>,
  frame: Frame,
  kx: number[],
  ky: number[],
  border: BorderName,
  constant: number,
  skipZeroTaps = false,
): number[] {
  const { width, height, channels } = frame
  const at = (x: number, y: number, c: number) => (y * width + x) * channels + c
  const rows = new Float64Array(width * height * channels)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        let acc = 0
        kx.forEach((w, i) => {
          if (w === 0 && skipZeroTaps) return
          const sx = borderIndex(x + i - (kx.length >> 1), width, border)
          acc += w * (sx < 0 ? constant : src[at(sx, y, c)]!)
        })
        rows[at(x, y, c)] = acc
      }
    }
  }
  // A padded row of the constant border, filtered horizontally, is the constant times the taps' sum.
  const constantRow = constant * kx.reduce((a, b) => a + b, 0)
  const out: number[] = []
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        let acc = 0
        ky.forEach((w, j) => {
          if (w === 0 && skipZeroTaps) return
          const sy = borderIndex(y + j - (ky.length >> 1), height, border)
          acc += w * (sy < 0 ? constantRow : rows[at(x, sy, c)]!)
        })
        out.push(acc)
      }
    }
  }
  return out
}

/**
 * OpenCV's `GaussianBlur`: for u8 and u16, fixed-point taps of 8 and 16
 * fraction bits, exact integer sums and one rounding half up; for i16 and
 * f32, the double-precision blur (the library sums in f32, so it may differ
 * by float rounding). A side one pixel long is not blurred unless the border
 * is constant.
 */
export function gaussian(src: ArrayLike<number>, frame: Frame, options: GaussianReference): number[] {
  const { width, height, type } = frame
  const { sigma, ksize, border = 'reflect101', borderValue = 0 } = options
  const sigmaY = options.sigmaY && options.sigmaY > 0 ? options.sigmaY : sigma
  const flat = border !== 'constant'
  const nx = flat && width === 1 ? 1 : (ksize ?? gaussianSide(sigma, type))
  const ny = flat && height === 1 ? 1 : (ksize ?? gaussianSide(sigmaY, type))
  const kx = gaussianTaps(nx, sigma)
  const ky = gaussianTaps(ny, sigmaY)
  const constant = saturate(borderValue, type)
  if (type === 'u8' || type === 'u16') {
    const bits = type === 'u8' ? 8 : 16
    const sums = separable(src, frame, fixedTaps(kx, bits), fixedTaps(ky, bits), border, constant)
    // Sums stay below 2^48: exact in doubles, so the division is exact too.
    return sums.map((sum) => Math.floor((sum + 2 ** (2 * bits - 1)) / 2 ** (2 * bits)))
  }
  return separable(src, frame, kx.map(f), ky.map(f), border, constant).map((v) => saturate(v, type))
}

/** OpenCV's `ColumnSum<ushort, uchar>` division of a u8 window sum by an area ≤ 256. */
function u8Divide(sum: number, area: number): number {
  if (area === 1) return sum
  const exact = 2 ** 23 / area
  let scale = Math.floor(exact)
  let delta = Math.floor(area / 2)
  if (exact - scale < 0.5) delta++
  else scale++
  return Math.floor(((sum + delta) * scale) / 2 ** 23)
}

/** OpenCV's `blur`: window sums (exact for integers), then the division OpenCV uses for the type. */
export function box(src: ArrayLike<number>, frame: Frame, kx: number, ky: number, border: BorderName = 'reflect101', borderValue = 0): number[] {
  const { type } = frame
  const sums = separable(src, frame, new Array(kx).fill(1), new Array(ky).fill(1), border, saturate(borderValue, type))
  const area = kx * ky
  if (type === 'u8' && area <= 256) return sums.map((sum) => u8Divide(sum, area))
  return sums.map((sum) => saturate(sum * (1 / area), type))
}

/** OpenCV's Sobel kernels: derivative along axes of order 1, smoothing otherwise; sums saturated into `to`. */
export function sobel(src: ArrayLike<number>, frame: Frame, dx: number, dy: number, ksize: 3 | 5, to: PixelType, border: BorderName = 'reflect101'): number[] {
  const [derivative, smoothing] = ksize === 3 ? [[-1, 0, 1], [1, 2, 1]] : [[-1, -2, 0, 2, 1], [1, 4, 6, 4, 1]]
  const kx = dx === 1 ? derivative : smoothing
  const ky = dy === 1 ? derivative : smoothing
  return separable(src, frame, kx, ky, border, 0, true).map((v) => saturate(v, to))
}

/** A 2-D correlation in double precision, the kernel anchored at its centre; taps of 0 read nothing, as in OpenCV's filter2D. */
export function filter2d(src: ArrayLike<number>, frame: Frame, kernel: number[], kw: number, to: PixelType, border: BorderName = 'reflect101', borderValue = 0): number[] {
  const { width, height, channels, type } = frame
  const kh = kernel.length / kw
  const constant = saturate(borderValue, type)
  const out: number[] = []
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        let acc = 0
        for (let j = 0; j < kh; j++) {
          const sy = borderIndex(y + j - (kh >> 1), height, border)
          for (let i = 0; i < kw; i++) {
            if (kernel[j * kw + i] === 0) continue
            const sx = borderIndex(x + i - (kw >> 1), width, border)
            acc += f(kernel[j * kw + i]!) * (sy < 0 || sx < 0 ? constant : src[(sy * width + sx) * channels + c]!)
          }
        }
        out.push(saturate(acc, to))
      }
    }
  }
  return out
}

/** The median of each pixel's `ksize × ksize` window, borders replicated. */
export function median(src: ArrayLike<number>, frame: Frame, ksize: number): number[] {
  const { width, height, channels } = frame
  const r = ksize >> 1
  const out: number[] = []
  const window: number[] = []
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        window.length = 0
        for (let dy = -r; dy <= r; dy++) {
          const sy = borderIndex(y + dy, height, 'replicate')
          for (let dx = -r; dx <= r; dx++) {
            const sx = borderIndex(x + dx, width, 'replicate')
            window.push(src[(sy * width + sx) * channels + c]!)
          }
        }
        window.sort((a, b) => a - b)
        out.push(window[window.length >> 1]!)
      }
    }
  }
  return out
}

/**
 * OpenCV's `equalizeHist` of a one-channel u8 frame: the count of samples
 * above the first non-empty bin up to each value, times
 * `255 / (total − that bin's count)` in f32, rounded half to even.
 */
export function equalizeHist(src: ArrayLike<number>): number[] {
  const counts = new Array<number>(256).fill(0)
  for (let i = 0; i < src.length; i++) counts[src[i]!]!++
  const first = counts.findIndex((c) => c > 0)
  if (counts[first] === src.length) return Array.from(src)
  const scale = f(255 / f(src.length - counts[first]!))
  const table = new Array<number>(256).fill(0)
  let sum = 0
  for (let v = first + 1; v < 256; v++) {
    sum += counts[v]!
    table[v] = saturate(f(f(sum) * scale), 'u8')
  }
  return Array.from(src, (v) => table[v]!)
}

/**
 * OpenCV's CLAHE of a one-channel u8 or u16 frame: a frame the tiles do not
 * divide is extended right and down with reflect101 (by `tiles − side %
 * tiles` on both sides); each tile's histogram is clipped at
 * `max(1, trunc(clipLimit·area/bins))` and its excess spread evenly, the
 * remainder one each to bins `0, step, …`; its table is the cumulative count
 * times `(bins − 1)/area` in f32; each sample mixes the tables of the four
 * nearest tile centres with f32 weights, in OpenCV's order.
 */
export function clahe(src: ArrayLike<number>, frame: Frame, clipLimit: number, [tilesX, tilesY]: [number, number]): number[] {
  const { width, height, type } = frame
  const bins = type === 'u8' ? 256 : 65536
  const divides = width % tilesX === 0 && height % tilesY === 0
  const tw = (divides ? width : width + tilesX - (width % tilesX)) / tilesX
  const th = (divides ? height : height + tilesY - (height % tilesY)) / tilesY
  const area = tw * th
  const limit = clipLimit > 0 ? Math.max(1, Math.trunc((clipLimit * area) / bins)) : 0
  const scale = f((bins - 1) / f(area))
  const tables: number[][] = []
  for (let ty = 0; ty < tilesY; ty++) {
    for (let tx = 0; tx < tilesX; tx++) {
      const hist = new Array<number>(bins).fill(0)
      for (let y = ty * th; y < (ty + 1) * th; y++) {
        for (let x = tx * tw; x < (tx + 1) * tw; x++) {
          hist[src[borderIndex(y, height, 'reflect101') * width + borderIndex(x, width, 'reflect101')]!]!++
        }
      }
      if (limit > 0) {
        let clipped = 0
        for (let i = 0; i < bins; i++) {
          if (hist[i]! > limit) {
            clipped += hist[i]! - limit
            hist[i] = limit
          }
        }
        const batch = Math.floor(clipped / bins)
        let residual = clipped - batch * bins
        for (let i = 0; i < bins; i++) hist[i]! += batch
        if (residual > 0) {
          const step = Math.max(Math.floor(bins / residual), 1)
          for (let i = 0; i < bins && residual > 0; i += step, residual--) hist[i]!++
        }
      }
      let sum = 0
      tables.push(hist.map((count) => saturate(f(f((sum += count)) * scale), type)))
    }
  }
  const nearest = (p: number, size: number): [number, number] => {
    const position = f(f(p * f(1 / size)) - 0.5)
    const first = Math.floor(position)
    return [first, f(position - first)]
  }
  const out: number[] = []
  for (let y = 0; y < height; y++) {
    const [ty, ya] = nearest(y, th)
    const ya1 = f(1 - ya)
    const [t1, t2] = [Math.max(ty, 0), Math.min(ty + 1, tilesY - 1)]
    for (let x = 0; x < width; x++) {
      const [tx, xa] = nearest(x, tw)
      const xa1 = f(1 - xa)
      const [s1, s2] = [Math.max(tx, 0), Math.min(tx + 1, tilesX - 1)]
      const v = src[y * width + x]!
      const at = (tyi: number, txi: number) => tables[tyi * tilesX + txi]![v]!
      const upper = f(f(at(t1, s1) * xa1) + f(at(t1, s2) * xa))
      const lower = f(f(at(t2, s1) * xa1) + f(at(t2, s2) * xa))
      out.push(saturate(f(f(upper * ya1) + f(lower * ya)), type))
    }
  }
  return out
}
