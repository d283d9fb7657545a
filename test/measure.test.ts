// stats, histogram and percentiles: stats against OpenCV.js's meanStdDev and
// minMaxLoc, histogram against its calcHist bit for bit, percentiles against
// NumPy's linear rule (a sort reference here, and fixtures made by NumPy
// itself); clip by percentiles against percentiles then clip, in every form.

import { readFileSync } from 'node:fs'

import { beforeAll, describe, expect, it } from 'vitest'

import { FRAME_KINDS, PIXEL_TYPES, allocate, firstMismatch, makeFrame, samples, type Frame } from './frames'
import { loadOpenCv, type OpenCv } from './opencv'
import { px, type PixelArray, type PixelType } from './pixchain'

const SHAPES = [
  [1, 1],
  [7, 5],
  [33, 17],
  [150, 131],
] as const

function* frames(type: PixelType, channelCounts = [1, 2, 3, 4]): Generator<Frame> {
  for (const [width, height] of SHAPES) for (const channels of channelCounts) yield { width, height, channels, type }
}

const DEPTH: Record<PixelType, string> = { u8: '8U', u16: '16U', i16: '16S', f32: '32F' }

let cv: OpenCv
beforeAll(async () => {
  ;({ cv } = await loadOpenCv())
})

/** Channel `c` of `input`, NaN left out, sorted as numbers. */
function channel(input: PixelArray, frame: Frame, c: number): number[] {
  const values: number[] = []
  for (let i = c; i < input.length; i += frame.channels) if (!Number.isNaN(input[i])) values.push(input[i]!)
  return values.sort((a, b) => a - b)
}

/** NumPy's `linear` percentile of sorted values, from `numpy/lib/_function_base_impl.py`. */
function numpyPercentile(sorted: number[], p: number): number {
  const n = sorted.length
  if (n === 0) return NaN
  const h = (n - 1) * (p / 100)
  if (h >= n - 1) return sorted[n - 1]!
  const below = Math.floor(h)
  const t = h - below
  const [a, b] = [sorted[below]!, sorted[below + 1]!]
  const diff = b - a
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t
}

function matOf(input: PixelArray, frame: Frame): OpenCv {
  return cv.matFromArray(frame.height, frame.width, cv[`CV_${DEPTH[frame.type]}C${frame.channels}`], Array.from(input))
}

describe.each(PIXEL_TYPES)('stats on %s', (type) => {
  it('match OpenCV’s minMaxLoc and meanStdDev per channel', () => {
    for (const frame of frames(type)) {
      for (const kind of FRAME_KINDS) {
        const input = makeFrame(frame, kind, 70)
        const got = px.stats(input, frame)
        const src = matOf(input, frame)
        const [mean, std] = [new cv.Mat(), new cv.Mat()]
        cv.meanStdDev(src, mean, std)
        const planes = new cv.MatVector()
        cv.split(src, planes)
        for (let c = 0; c < frame.channels; c++) {
          const { minVal, maxVal } = cv.minMaxLoc(planes.get(c))
          const where = `${frame.width}×${frame.height}×${frame.channels} ${kind} c${c}`
          expect([got.min[c], got.max[c]], where).toEqual([minVal, maxVal])
          // The definition, in f64: pixchain's integer sums are exact.
          const values = channel(input, frame, c)
          const exactMean = values.reduce((s, x) => s + x, 0) / values.length
          const exactStd = Math.sqrt(values.reduce((s, x) => s + (x - exactMean) ** 2, 0) / values.length)
          const near = (a: number, b: number, tolerance: number) => Math.abs(a - b) <= tolerance * (1 + Math.abs(b))
          expect(near(got.mean[c]!, exactMean, 1e-12), `${where}: mean ${got.mean[c]} ≠ ${exactMean}`).toBe(true)
          expect(near(got.std[c]!, exactStd, 1e-9), `${where}: std ${got.std[c]} ≠ ${exactStd}`).toBe(true)
          // OpenCV sums in its own order, and takes the variance as
          // E[x²] − mean², which cancels: compare variances, on the scale of E[x²].
          const [cvMean, cvStd] = [mean.data64F[c], std.data64F[c]]
          const scale = type === 'f32' ? 1e-6 : 1e-12
          expect(near(got.mean[c]!, cvMean, scale), `${where}: mean ${got.mean[c]} vs OpenCV ${cvMean}`).toBe(true)
          const squares = exactMean ** 2 + exactStd ** 2
          expect(Math.abs(got.std[c]! ** 2 - cvStd ** 2), `${where}: std ${got.std[c]} vs OpenCV ${cvStd}`).toBeLessThanOrEqual(
            (type === 'f32' ? 1e-6 : 1e-12) * (1 + squares),
          )
        }
        for (const m of [src, mean, std, planes]) m.delete()
      }
    }
  })

  it('are the same on the thread pool and for any thread count', async () => {
    const frame = { width: 300, height: 257, channels: 3, type }
    const input = makeFrame(frame, 'random', 71)
    const before = px.getThreads()
    try {
      px.setThreads(1)
      const one = px.stats(input, frame)
      px.setThreads(4)
      expect(px.stats(input, frame)).toEqual(one)
      expect(await px.promises.stats(input, frame)).toEqual(one)
    } finally {
      px.setThreads(before)
    }
  })
})

describe('stats of f32', () => {
  it('leave NaN out, and give NaN for a channel of NaN only', () => {
    const input = new Float32Array([NaN, NaN, 1, NaN, 3, NaN])
    const got = px.stats(input, { width: 3, height: 1, channels: 2, type: 'f32' })
    expect(got.min).toEqual([1, NaN])
    expect(got.max).toEqual([3, NaN])
    expect(got.mean).toEqual([2, NaN])
    expect(got.std).toEqual([1, NaN])
  })
})

/** The bins OpenCV.js's calcHist has for each type, and pixchain's options for them. */
const HISTOGRAMS: Record<PixelType, { bins?: number; min?: number; max?: number }[]> = {
  u8: [{}, { bins: 16 }, { bins: 10, min: 3, max: 250.5 }, { bins: 7, min: 100, max: 101 }],
  u16: [{}, { bins: 256 }, { bins: 33, min: 1000, max: 60000 }],
  i16: [{}, { bins: 64, min: -1000, max: 1000 }],
  f32: [{}, { bins: 10 }, { bins: 33, min: -0.3, max: 1.2 }, { bins: 1, min: 0.25, max: 0.5 }],
}

/** The range OpenCV uses for pixchain's defaults. */
function rangeOf(type: PixelType, options: { min?: number; max?: number }): [number, number] {
  const defaults: Record<PixelType, [number, number]> = { u8: [0, 256], u16: [0, 65536], i16: [-32768, 32768], f32: [0, 1] }
  return [options.min ?? defaults[type][0], options.max ?? defaults[type][1]]
}

describe.each(PIXEL_TYPES)('histogram on %s', (type) => {
  it('counts by the definition, and as OpenCV’s calcHist where it takes the type', () => {
    for (const frame of frames(type, [1, 3, 4])) {
      for (const kind of FRAME_KINDS) {
        const input = makeFrame(frame, kind, 72)
        for (const options of HISTOGRAMS[type]) {
          const got = px.histogram(input, frame, options)
          const [min, max] = rangeOf(type, options)
          const [fmin, fmax] = [Math.fround(min), Math.fround(max)]
          const bins = options.bins ?? (type === 'f32' ? 256 : Math.ceil(fmax - fmin))
          expect(got.length).toBe(frame.channels)
          for (let c = 0; c < frame.channels; c++) {
            const want = new Uint32Array(bins)
            const a = bins / (fmax - fmin)
            for (let i = c; i < input.length; i += frame.channels) {
              const x = input[i]!
              if (x >= fmin && x < fmax) want[Math.min(Math.max(Math.floor(x * a - fmin * a), 0), bins - 1)]!++
            }
            const where = `${frame.width}×${frame.height}×${frame.channels} ${kind} ${JSON.stringify(options)} c${c}`
            expect(firstMismatch(got[c]!, want), where).toBeUndefined()
          }
          if (type === 'i16') continue // calcHist takes u8, u16 and f32
          const src = matOf(input, frame)
          const images = new cv.MatVector()
          images.push_back(src)
          for (let c = 0; c < frame.channels; c++) {
            const hist = new cv.Mat()
            cv.calcHist(images, [c], new cv.Mat(), hist, [bins], [min, max])
            const where = `${frame.width}×${frame.height}×${frame.channels} ${kind} ${JSON.stringify(options)} c${c}`
            expect(firstMismatch(got[c]!, Array.from(hist.data32F as Float32Array)), where).toBeUndefined()
            hist.delete()
          }
          images.delete()
          src.delete()
        }
      }
    }
  })

  it('is the same on the thread pool', async () => {
    const frame = { width: 300, height: 257, channels: 2, type }
    const input = makeFrame(frame, 'random', 73)
    expect(await px.promises.histogram(input, frame, { bins: 100 })).toEqual(px.histogram(input, frame, { bins: 100 }))
  })
})

const PERCENTILES = [0, 0.5, 1, 12.5, 50, 62.5, 99, 99.5, 100]

describe.each(PIXEL_TYPES)('percentiles on %s', (type) => {
  it('follow NumPy’s linear rule exactly', async () => {
    for (const frame of frames(type)) {
      for (const kind of FRAME_KINDS) {
        const input = makeFrame(frame, kind, 74)
        const got = px.percentiles(input, frame, PERCENTILES)
        for (let c = 0; c < frame.channels; c++) {
          const sorted = channel(input, frame, c)
          const where = `${frame.width}×${frame.height}×${frame.channels} ${kind} c${c}`
          expect(got[c], where).toEqual(PERCENTILES.map((p) => numpyPercentile(sorted, p)))
        }
        if (frame.width === 150) expect(await px.promises.percentiles(input, frame, PERCENTILES)).toEqual(got)
      }
    }
  })
})

describe('percentiles', () => {
  it('equal np.percentile on the committed fixtures', () => {
    const fixtures = JSON.parse(readFileSync(new URL('./fixtures/percentiles.json', import.meta.url), 'utf8')) as {
      type: PixelType
      width: number
      height: number
      channels: number
      samples: (number | null)[]
      percentiles: number[]
      expected: (number | null)[][]
    }[]
    expect(fixtures.length).toBeGreaterThan(0)
    for (const { samples: values, expected, percentiles, ...frame } of fixtures) {
      // JSON has no NaN: null stands for it.
      const input = allocate(frame.type, values.length)
      input.set(values.map((v) => v ?? NaN))
      const want = expected.map((row) => row.map((v) => v ?? NaN))
      expect(px.percentiles(input, frame, percentiles), `${frame.type} ${frame.width}×${frame.height}×${frame.channels}`).toEqual(want)
    }
  })

  it('of f32 leave NaN out, as np.nanpercentile', () => {
    const input = new Float32Array([NaN, 4, 1, NaN, 2, NaN, 3])
    expect(px.percentiles(input, { width: 7, height: 1, type: 'f32' }, [0, 50, 100])).toEqual([[1, 2.5, 4]])
    expect(px.percentiles(new Float32Array([NaN]), { width: 1, height: 1, type: 'f32' }, [50])).toEqual([[NaN]])
  })
})

/** percentiles, then clip per channel with them as min and max: the definition of clip by percentiles. */
function clipByDefinition(input: PixelArray, frame: Frame, low: number, high: number): PixelArray {
  const bounds = px.percentiles(input, frame, [low, high])
  const planes = Array.from({ length: frame.channels }, (_, c) => {
    const plane = allocate(frame.type, frame.width * frame.height)
    for (let i = 0; i < plane.length; i++) plane[i] = input[i * frame.channels + c]!
    const [min, max] = bounds[c]!
    if (Number.isNaN(min)) return plane
    return px.clip(plane, allocate(frame.type, plane.length), { ...frame, channels: 1 }, { min, max })
  })
  const out = allocate(frame.type, input.length)
  for (let i = 0; i < out.length; i++) out[i] = planes[i % frame.channels]![Math.floor(i / frame.channels)]!
  return out
}

describe.each(PIXEL_TYPES)('clip by percentiles on %s', (type) => {
  it('equals percentiles then clip, in every form', async () => {
    for (const frame of frames(type, [1, 3])) {
      for (const kind of FRAME_KINDS) {
        const input = makeFrame(frame, kind, 75)
        for (const [low, high] of [
          [0.5, 99.5],
          [0, 100],
          [2, 37.5],
          [50, 50],
        ] as const) {
          const where = `${frame.width}×${frame.height}×${frame.channels} ${kind} [${low}, ${high}]`
          const want = clipByDefinition(input, frame, low, high)
          const options = { percentiles: [low, high] } as const
          const oneShot = px.clip(input, allocate(type, samples(frame)), frame, options)
          expect(firstMismatch(oneShot, want), where).toBeUndefined()
          const pipeline = new px.Pipeline(frame).clip(options).run(input)
          expect(firstMismatch(pipeline, want), `Pipeline ${where}`).toBeUndefined()
          const buffers = new px.ImageBuffers(frame).load(input).clip(options).read()
          expect(firstMismatch(buffers, want), `ImageBuffers ${where}`).toBeUndefined()
          if (frame.width === 150) {
            const promised = await px.promises.clip(input, allocate(type, samples(frame)), frame, options)
            expect(firstMismatch(promised, want), `promises ${where}`).toBeUndefined()
          }
        }
      }
    }
  })

  it('in a Pipeline between row-local steps equals the steps one by one', () => {
    const frame = { width: 150, height: 131, channels: 1, type }
    const input = makeFrame(frame, 'random', 76)
    const got = new px.Pipeline(frame).boxBlur({ ksize: 3 }).clip({ percentiles: [1, 99] }).medianBlur({ ksize: 3 }).run(input)
    const blurred = px.boxBlur(input, allocate(type, samples(frame)), frame, { ksize: 3 })
    const clipped = px.clip(blurred, allocate(type, samples(frame)), frame, { percentiles: [1, 99] })
    const want = px.medianBlur(clipped, allocate(type, samples(frame)), frame, { ksize: 3 })
    expect(firstMismatch(got, want)).toBeUndefined()
  })
})

describe('measurements refuse', () => {
  const frame = { width: 2, height: 2, type: 'u8' } as const
  const input = new Uint8Array(4)
  const param = expect.objectContaining({ code: 'ERR_PIXCHAIN_PARAM' })

  it('percentiles outside [0, 100] or not numbers', async () => {
    for (const bad of [[-1], [100.5], [NaN], ['50']]) {
      expect(() => px.percentiles(input, frame, bad as number[]), String(bad)).toThrow(param)
      await expect(px.promises.percentiles(input, frame, bad as number[])).rejects.toThrow(param)
    }
  })

  it('histogram bins, bounds and unknown options out of range', async () => {
    for (const bad of [{ bins: 0 }, { bins: 2.5 }, { min: 5, max: 5 }, { max: Infinity }, { bins: 2 ** 24 + 1 }, { size: 3 }]) {
      expect(() => px.histogram(input, frame, bad as object), JSON.stringify(bad)).toThrow(param)
      await expect(px.promises.histogram(input, frame, bad as object)).rejects.toThrow(param)
    }
  })

  it('clip percentiles that are not two in order, or mixed with min and max', () => {
    const out = new Uint8Array(4).fill(9)
    for (const bad of [[60, 40], [50], [1, 2, 3], [-1, 50]]) {
      expect(() => px.clip(input, out, frame, { percentiles: bad as unknown as [number, number] }), String(bad)).toThrow(param)
      expect(() => new px.Pipeline(frame).clip({ percentiles: bad as unknown as [number, number] }).run(input), String(bad)).toThrow(param)
    }
    expect(() => px.clip(input, out, frame, { percentiles: [1, 99], min: 3 } as never)).toThrow(param)
    expect(out).toEqual(new Uint8Array(4).fill(9))
  })

  it('frames of the wrong kind or length', () => {
    expect(() => px.stats(new Uint16Array(4), frame)).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_TYPE' }))
    expect(() => px.histogram(new Uint8Array(3), frame)).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_LENGTH' }))
  })
})
