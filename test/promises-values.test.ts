// Every kernel in `promises` gives, on the thread pool, the values of its
// synchronous one-shot twin, and both equal an independent oracle: the
// definitions in ./reference (OpenCV's arithmetic in plain JavaScript).
// Frames of two channels (three for grayscale), odd sizes.

import { describe, expect, it } from 'vitest'

import { allocate, firstMismatch, makeFrame, maxDifference, samples, type Frame } from './frames'
import { px, type PixelArray, type PixelType } from './pixchain'
import * as ref from './reference'

const frame = (type: PixelType, channels = 2): Frame => ({ width: 29, height: 13, channels, type })

interface Case {
  name: keyof typeof px.promises
  type: PixelType
  /** The output's pixel type, when it differs from the input's. */
  to?: PixelType
  channels?: number
  /** Resolves to the output, from the promise. */
  promised: (input: PixelArray, output: PixelArray, spec: Frame, other: PixelArray) => Promise<PixelArray>
  sync: (input: PixelArray, output: PixelArray, spec: Frame, other: PixelArray) => PixelArray
  oracle: (input: PixelArray, spec: Frame, other: PixelArray) => number[]
  /** Largest difference from the oracle allowed (0: exact). */
  tolerance?: number
  /** Samples of the output, when not the input's (geometry). */
  outputSamples?: (spec: Frame) => number
}

const p = px.promises
// Dyadic taps, asymmetric both ways: sums are exact in f32.
const kernel = [0.5, -0.25, 0.125, 1.5, 0.375, -0.0625, 0, 0.25, -0.5, 0.75, 0.125, -0.375, 0.25, 0.5, -0.125]
const pairs = (a: PixelArray, b: PixelArray, fn: (x: number, y: number) => number) => Array.from(a, (x, i) => fn(x, b[i]!))

/** A `width` × `height` frame whose pixel (x, y) is the input's pixel `at(x, y)`: geometry's definition. */
function remap(input: PixelArray, spec: Frame, width: number, height: number, at: (x: number, y: number) => [number, number]): number[] {
  const out: number[] = []
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [sx, sy] = at(x, y)
      for (let k = 0; k < spec.channels; k++) out.push(input[(sy * spec.width + sx) * spec.channels + k]!)
    }
  }
  return out
}
const clamp = (v: number, n: number) => Math.min(Math.max(v, 0), n - 1)

const cases: Case[] = [
  { name: 'clip', type: 'u16', promised: (i, o, s) => p.clip(i, o, s, { min: 1000, max: 50000 }), sync: (i, o, s) => px.clip(i, o, s, { min: 1000, max: 50000 }), oracle: (i) => ref.clip(i, 'u16', 1000, 50000) },
  { name: 'linear', type: 'i16', promised: (i, o, s) => p.linear(i, o, s, { a: 1.7, b: -300 }), sync: (i, o, s) => px.linear(i, o, s, { a: 1.7, b: -300 }), oracle: (i) => ref.linear(i, 'i16', 1.7, -300) },
  {
    name: 'threshold',
    type: 'u8',
    promised: (i, o, s) => p.threshold(i, o, s, { thresh: 100, kind: 'trunc' }),
    sync: (i, o, s) => px.threshold(i, o, s, { thresh: 100, kind: 'trunc' }),
    oracle: (i) => ref.threshold(i, 'u8', 100, 'trunc'),
  },
  { name: 'invert', type: 'u16', promised: (i, o, s) => p.invert(i, o, s), sync: (i, o, s) => px.invert(i, o, s), oracle: (i) => ref.invert(i, 'u16') },
  { name: 'gamma', type: 'u8', promised: (i, o, s) => p.gamma(i, o, s, { gamma: 0.6 }), sync: (i, o, s) => px.gamma(i, o, s, { gamma: 0.6 }), oracle: (i) => ref.gamma(i, 'u8', 0.6) },
  {
    name: 'grayscale',
    type: 'u8',
    channels: 3,
    promised: (i, o, s) => p.grayscale(i, o, s, { order: 'bgr' }),
    sync: (i, o, s) => px.grayscale(i, o, s, { order: 'bgr' }),
    oracle: (i) => ref.grayscale(i, 'u8', 'bgr'),
  },
  {
    name: 'normalize',
    type: 'u16',
    promised: (i, o, s) => p.normalize(i, o, s, { min: 10, max: 60000 }),
    sync: (i, o, s) => px.normalize(i, o, s, { min: 10, max: 60000 }),
    oracle: (i) => ref.normalizeMinMax(i, 'u16', 10, 60000),
  },
  {
    name: 'convert',
    type: 'u16',
    to: 'f32',
    promised: (i, o, s) => p.convert(i, o, s, { type: 'f32', scale: 1 / 65535 }),
    sync: (i, o, s) => px.convert(i, o, s, { type: 'f32', scale: 1 / 65535 }),
    oracle: (i) => ref.convert(i, 'f32', 1 / 65535),
  },
  {
    name: 'gaussianBlur',
    type: 'u16',
    promised: (i, o, s) => p.gaussianBlur(i, o, s, { sigma: 1.3 }),
    sync: (i, o, s) => px.gaussianBlur(i, o, s, { sigma: 1.3 }),
    oracle: (i, s) => ref.gaussian(i, s, { sigma: 1.3 }),
  },
  {
    name: 'boxBlur',
    type: 'u8',
    promised: (i, o, s) => p.boxBlur(i, o, s, { ksize: 4, ksizeY: 3 }),
    sync: (i, o, s) => px.boxBlur(i, o, s, { ksize: 4, ksizeY: 3 }),
    oracle: (i, s) => ref.box(i, s, 4, 3),
  },
  {
    name: 'sobel',
    type: 'u8',
    to: 'i16',
    promised: (i, o, s) => p.sobel(i, o, s, { dx: 1, dy: 0, ksize: 5 }),
    sync: (i, o, s) => px.sobel(i, o, s, { dx: 1, dy: 0, ksize: 5 }),
    oracle: (i, s) => ref.sobel(i, s, 1, 0, 5, 'i16'),
  },
  {
    name: 'convolve',
    type: 'i16',
    promised: (i, o, s) => p.convolve(i, o, s, { kernel, kernelWidth: 5 }),
    sync: (i, o, s) => px.convolve(i, o, s, { kernel, kernelWidth: 5 }),
    oracle: (i, s) => ref.filter2d(i, s, kernel, 5, 'i16'),
  },
  { name: 'medianBlur', type: 'u16', promised: (i, o, s) => p.medianBlur(i, o, s, { ksize: 7 }), sync: (i, o, s) => px.medianBlur(i, o, s, { ksize: 7 }), oracle: (i, s) => ref.median(i, s, 7) },
  { name: 'add', type: 'u8', promised: (i, o, s, b) => p.add(i, b, o, s), sync: (i, o, s, b) => px.add(i, b, o, s), oracle: (i, _s, b) => pairs(i, b, (x, y) => ref.arithmetic.add(x, y, 'u8')) },
  {
    name: 'subtract',
    type: 'i16',
    promised: (i, o, s, b) => p.subtract(i, b, o, s),
    sync: (i, o, s, b) => px.subtract(i, b, o, s),
    oracle: (i, _s, b) => pairs(i, b, (x, y) => ref.arithmetic.subtract(x, y, 'i16')),
  },
  {
    name: 'absdiff',
    type: 'u16',
    promised: (i, o, s, b) => p.absdiff(i, b, o, s),
    sync: (i, o, s, b) => px.absdiff(i, b, o, s),
    oracle: (i, _s, b) => pairs(i, b, (x, y) => ref.arithmetic.absdiff(x, y, 'u16')),
  },
  {
    name: 'multiply',
    type: 'u8',
    promised: (i, o, s, b) => p.multiply(i, b, o, s, { scale: 1 / 255 }),
    sync: (i, o, s, b) => px.multiply(i, b, o, s, { scale: 1 / 255 }),
    oracle: (i, _s, b) => pairs(i, b, (x, y) => ref.arithmetic.multiply(x, y, 'u8', 1 / 255)),
  },
  {
    name: 'addWeighted',
    type: 'f32',
    promised: (i, o, s, b) => p.addWeighted(i, b, o, s, { alpha: 0.7, beta: -0.4, gamma: 0.1 }),
    sync: (i, o, s, b) => px.addWeighted(i, b, o, s, { alpha: 0.7, beta: -0.4, gamma: 0.1 }),
    oracle: (i, _s, b) => pairs(i, b, (x, y) => ref.arithmetic.addWeighted(x, y, 'f32', 0.7, -0.4, 0.1)),
    tolerance: 1e-6,
  },
  { name: 'erode', type: 'u16', promised: (i, o, s) => p.erode(i, o, s), sync: (i, o, s) => px.erode(i, o, s), oracle: (i, s) => windowExtreme(i, s, Math.min) },
  { name: 'dilate', type: 'i16', promised: (i, o, s) => p.dilate(i, o, s), sync: (i, o, s) => px.dilate(i, o, s), oracle: (i, s) => windowExtreme(i, s, Math.max) },
  {
    name: 'morphology',
    type: 'f32',
    promised: (i, o, s) => p.morphology(i, o, s, { op: 'gradient' }),
    sync: (i, o, s) => px.morphology(i, o, s, { op: 'gradient' }),
    oracle: (i, s) => pairs(Float32Array.from(windowExtreme(i, s, Math.max)), Float32Array.from(windowExtreme(i, s, Math.min)), (x, y) => Math.fround(x - y)),
  },
  {
    name: 'laplacian',
    type: 'u16',
    to: 'f32',
    promised: (i, o, s) => p.laplacian(i, o, s, { border: 'replicate' }),
    sync: (i, o, s) => px.laplacian(i, o, s, { border: 'replicate' }),
    oracle: (i, s) => ref.filter2d(i, s, [0, 1, 0, 1, -4, 1, 0, 1, 0], 3, 'f32', 'replicate'),
  },
  {
    name: 'scharr',
    type: 'u8',
    to: 'i16',
    promised: (i, o, s) => p.scharr(i, o, s, { dx: 1, dy: 0 }),
    sync: (i, o, s) => px.scharr(i, o, s, { dx: 1, dy: 0 }),
    oracle: (i, s) => ref.filter2d(i, s, [-3, 0, 3, -10, 0, 10, -3, 0, 3], 3, 'i16'),
  },
  {
    name: 'equalizeHist',
    type: 'u8',
    channels: 1,
    promised: (i, o, s) => p.equalizeHist(i, o, s),
    sync: (i, o, s) => px.equalizeHist(i, o, s),
    oracle: (i) => ref.equalizeHist(i),
  },
  {
    name: 'clahe',
    type: 'u16',
    channels: 1,
    promised: (i, o, s) => p.clahe(i, o, s, { clipLimit: 1.5, tiles: [4, 3] }),
    sync: (i, o, s) => px.clahe(i, o, s, { clipLimit: 1.5, tiles: [4, 3] }),
    oracle: (i, s) => ref.clahe(i, s, 1.5, [4, 3]),
  },
  {
    name: 'flip',
    type: 'i16',
    promised: (i, o, s) => p.flip(i, o, s, { direction: 'both' }),
    sync: (i, o, s) => px.flip(i, o, s, { direction: 'both' }),
    oracle: (i, s) => remap(i, s, s.width, s.height, (x, y) => [s.width - 1 - x, s.height - 1 - y]),
  },
  {
    name: 'rotate',
    type: 'f32',
    promised: (i, o, s) => p.rotate(i, o, s, { angle: 90 }),
    sync: (i, o, s) => px.rotate(i, o, s, { angle: 90 }),
    oracle: (i, s) => remap(i, s, s.height, s.width, (x, y) => [y, s.height - 1 - x]),
  },
  {
    name: 'transpose',
    type: 'u16',
    promised: (i, o, s) => p.transpose(i, o, s),
    sync: (i, o, s) => px.transpose(i, o, s),
    oracle: (i, s) => remap(i, s, s.height, s.width, (x, y) => [y, x]),
  },
  {
    name: 'pad',
    type: 'u8',
    promised: (i, o, s) => p.pad(i, o, s, { top: 1, bottom: 2, left: 3, right: 1, border: 'replicate' }),
    sync: (i, o, s) => px.pad(i, o, s, { top: 1, bottom: 2, left: 3, right: 1, border: 'replicate' }),
    oracle: (i, s) => remap(i, s, s.width + 4, s.height + 3, (x, y) => [clamp(x - 3, s.width), clamp(y - 1, s.height)]),
    outputSamples: (s) => (s.width + 4) * (s.height + 3) * s.channels,
  },
  {
    name: 'crop',
    type: 'u16',
    promised: (i, o, s) => p.crop(i, o, s, { x: 3, y: 2, width: 20, height: 9 }),
    sync: (i, o, s) => px.crop(i, o, s, { x: 3, y: 2, width: 20, height: 9 }),
    oracle: (i, s) => remap(i, s, 20, 9, (x, y) => [x + 3, y + 2]),
    outputSamples: (s) => 20 * 9 * s.channels,
  },
  {
    // Twice the size: OpenCV's nearest source column floor(x · 0.5) is exact.
    name: 'resize',
    type: 'u16',
    promised: (i, o, s) => p.resize(i, o, s, { width: 2 * s.width, height: 2 * s.height, interpolation: 'nearest' }),
    sync: (i, o, s) => px.resize(i, o, s, { width: 2 * s.width, height: 2 * s.height, interpolation: 'nearest' }),
    oracle: (i, s) => remap(i, s, 2 * s.width, 2 * s.height, (x, y) => [Math.floor(x / 2), Math.floor(y / 2)]),
    outputSamples: (s) => 4 * s.width * s.height * s.channels,
  },
  {
    name: 'toTensor',
    type: 'u8',
    to: 'f32',
    promised: (i, o, s) => p.toTensor(i, o as Float32Array, s, { scale: 0.5, mean: 3, std: 0.25 }),
    sync: (i, o, s) => px.toTensor(i, o as Float32Array, s, { scale: 0.5, mean: 3, std: 0.25 }),
    // Planes: channel c's samples, then channel c + 1's; every step exact in f32 here.
    oracle: (i, s) => Array.from({ length: s.channels }, (_, c) => Array.from(i).filter((_, k) => k % s.channels === c)).flat().map((x) => (x * 0.5 - 3) / 0.25),
  },
  {
    name: 'extractChannel',
    type: 'i16',
    promised: (i, o, s) => p.extractChannel(i, o, s, { channel: 1 }),
    sync: (i, o, s) => px.extractChannel(i, o, s, { channel: 1 }),
    oracle: (i) => Array.from(i).filter((_, k) => k % 2 === 1),
  },
  {
    name: 'reorderChannels',
    type: 'f32',
    promised: (i, o, s) => p.reorderChannels(i, o, s, { order: [1, 0] }),
    sync: (i, o, s) => px.reorderChannels(i, o, s, { order: [1, 0] }),
    oracle: (i) => Array.from(i, (_, k) => i[k ^ 1]!),
  },
  {
    name: 'mergeChannels',
    type: 'u16',
    promised: (i, o, s) => p.mergeChannels(planes(i), o, { ...s, channels: 1 }),
    sync: (i, o, s) => px.mergeChannels(planes(i), o, { ...s, channels: 1 }),
    oracle: (i) => Array.from(i),
  },
]

/** The least or greatest sample of each 3×3 window within the frame: morphology's default border never wins. */
function windowExtreme(input: PixelArray, spec: Frame, pick: (...values: number[]) => number): number[] {
  const { width, height, channels } = spec
  const out: number[] = []
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        const window: number[] = []
        for (let sy = Math.max(0, y - 1); sy <= Math.min(height - 1, y + 1); sy++) {
          for (let sx = Math.max(0, x - 1); sx <= Math.min(width - 1, x + 1); sx++) window.push(input[(sy * width + sx) * channels + c]!)
        }
        out.push(pick(...window))
      }
    }
  }
  return out
}

/** The two planes of a two-channel u16 frame. */
function planes(input: PixelArray): Uint16Array[] {
  return [0, 1].map((c) => Uint16Array.from(Array.from(input).filter((_, k) => k % 2 === c)))
}

describe('promises', () => {
  it('has a value case for every kernel but Otsu (below), the measurements (measure.test.ts) and batches (to-tensor.test.ts)', () => {
    const measurements = ['stats', 'histogram', 'percentiles']
    const covered = new Set<string>([...cases.map((c) => c.name), 'otsuThreshold', 'thresholdOtsu', 'toTensorBatch', ...measurements])
    expect(Object.keys(px.promises).filter((name) => !covered.has(name))).toEqual([])
  })

  for (const c of cases) {
    it(`${c.name} resolves to the one-shot's values, which equal the definition`, async () => {
      const spec = frame(c.type, c.channels)
      const input = makeFrame(spec, 'random', 11)
      const other = makeFrame(spec, 'gradient', 12)
      const outputSamples = c.outputSamples?.(spec) ?? (c.name === 'grayscale' || c.name === 'extractChannel' ? spec.width * spec.height : samples(spec))
      const output = allocate(c.to ?? c.type, outputSamples)
      const resolved = await c.promised(input, output, spec, other)
      expect(resolved).toBe(output)
      const sync = c.sync(input, allocate(c.to ?? c.type, outputSamples), spec, other)
      expect(firstMismatch(output, sync)).toBeUndefined()
      const oracle = c.oracle(input, spec, other)
      expect(oracle).toHaveLength(outputSamples)
      if (c.tolerance) expect(maxDifference(output, oracle)).toBeLessThanOrEqual(c.tolerance)
      else expect(firstMismatch(output, oracle)).toBeUndefined()
      // Not a constant or empty output: the case can tell kernels apart.
      expect(new Set(Array.from(output)).size).toBeGreaterThan(2)
    })
  }

  it("otsuThreshold and thresholdOtsu resolve to Otsu's level and its threshold", async () => {
    const spec = frame('u8', 1)
    const input = makeFrame(spec, 'gradient', 5)
    const level = ref.otsu(input)
    expect(await p.otsuThreshold(input, spec)).toBe(level)
    expect(px.otsuThreshold(input, spec)).toBe(level)
    const output = new Uint8Array(samples(spec))
    expect(await p.thresholdOtsu(input, output, spec)).toBe(level)
    expect(firstMismatch(output, ref.threshold(input, 'u8', level, 'binary'))).toBeUndefined()
    const sync = new Uint8Array(samples(spec))
    expect(px.thresholdOtsu(input, sync, spec)).toBe(level)
    expect(firstMismatch(output, sync)).toBeUndefined()
  })
})
