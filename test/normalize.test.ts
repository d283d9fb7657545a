// normalize: minmax against OpenCV's NORM_MINMAX (bit for bit for integer
// types) and its definition; zscore against its definition.

import { beforeAll, describe, expect, it } from 'vitest'

import { FRAME_KINDS, PIXEL_TYPES, allocate, comparisonFrames, firstMismatch, makeFrame, maxDifference, samples, type Frame } from './frames'
import { loadOpenCv, type OpenCv } from './opencv'
import { px, type PixelType } from './pixchain'
import * as ref from './reference'

const SHAPES = [
  [1, 1],
  [1, 7],
  [7, 5],
  [64, 64],
] as const

function* frames(type: PixelType): Generator<Frame> {
  for (const [width, height] of SHAPES) for (const channels of [1, 3, 4]) yield { width, height, channels, type }
}

const RANGES: Record<PixelType, [number, number | undefined][]> = {
  u8: [[0, undefined], [10, 200], [250, 5.5]],
  u16: [[0, undefined], [1000, 60000], [65535, 0]],
  i16: [[0, undefined], [-1000, 1000], [-32768, 32767]],
  f32: [[0, undefined], [-1, 1], [0.25, 0.75]],
}

describe.each(PIXEL_TYPES)('normalize on %s', (type) => {
  it('minmax matches OpenCV’s definition', () => {
    for (const frame of frames(type)) {
      for (const kind of FRAME_KINDS) {
        const input = makeFrame(frame, kind, 50)
        for (const [min, max] of RANGES[type]) {
          const options = max === undefined ? { min } : { min, max }
          const output = px.normalize(input, allocate(type, samples(frame)), frame, options)
          expect(firstMismatch(output, ref.normalizeMinMax(input, type, min, max)), `${kind} ${min} ${max}`).toBeUndefined()
        }
      }
    }
  })

  it('zscore gives mean 0 and std 1 as f32', () => {
    for (const frame of frames(type)) {
      for (const kind of FRAME_KINDS) {
        const input = makeFrame(frame, kind, 51)
        const output = px.normalize(input, new Float32Array(samples(frame)), frame, { kind: 'zscore' })
        expect(maxDifference(output, ref.zscore(input)), kind).toBeLessThanOrEqual(1e-6)
      }
    }
  })
})

describe('normalize refuses', () => {
  it('a zscore output that is not f32, and a range with zscore', () => {
    const spec = { width: 2, height: 2, type: 'u8' } as const
    const out = new Uint8Array(4).fill(3)
    expect(() => px.normalize(new Uint8Array(4), out, spec, { kind: 'zscore' })).toThrow(
      expect.objectContaining({ code: 'ERR_PIXCHAIN_TYPE' }),
    )
    expect(() => px.normalize(new Uint8Array(4), new Float32Array(4), spec, { kind: 'zscore', min: 0 })).toThrow(
      expect.objectContaining({ code: 'ERR_PIXCHAIN_PARAM' }),
    )
    expect(Array.from(out)).toEqual([3, 3, 3, 3])
  })

  it('zscore in ImageBuffers without room for f32', () => {
    const bufs = new px.ImageBuffers({ width: 2, height: 2, type: 'u8' })
    expect(() => bufs.normalize({ kind: 'zscore' })).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_CAPACITY' }))
    const roomy = new px.ImageBuffers({ width: 2, height: 2, type: 'u8', maxType: 'f32' })
    expect(Array.from(roomy.load(Uint8Array.from([1, 2, 3, 4])).normalize({ kind: 'zscore' }).read()).map((v) => +v.toFixed(4))).toEqual([
      -1.3416, -0.4472, 0.4472, 1.3416,
    ])
  })
})

describe('against OpenCV.js', () => {
  let cv: OpenCv
  beforeAll(async () => {
    ;({ cv } = await loadOpenCv())
  })

  it('Otsu’s level and threshold equal cv.threshold(THRESH_OTSU)', () => {
    for (const kind of FRAME_KINDS) {
      for (const [width, height] of [...SHAPES, [641, 479]] as const) {
        const frame = { width, height, channels: 1, type: 'u8' } as const
        const input = makeFrame(frame, kind, 61)
        const ours = new Uint8Array(samples(frame))
        const level = px.thresholdOtsu(input, ours, frame, { kind: 'binary', maxval: 200 })
        const src = cv.matFromArray(height, width, cv.CV_8UC1, Array.from(input))
        const dst = new cv.Mat()
        const theirLevel = cv.threshold(src, dst, 0, 200, cv.THRESH_BINARY | cv.THRESH_OTSU)
        expect(level, `${kind} ${width}×${height}`).toBe(theirLevel)
        expect(firstMismatch(ours, dst.data)).toBeUndefined()
        src.delete()
        dst.delete()
      }
    }
  })

  it.each(PIXEL_TYPES)('minmax %s equals cv.normalize(NORM_MINMAX)', (type) => {
    const depth = { u8: '8U', u16: '16U', i16: '16S', f32: '32F' }[type]
    const mismatches: string[] = []
    for (const { frame, kind, input } of comparisonFrames(type, [1, 3, 4], 52)) {
      {
        for (const [min, max] of RANGES[type]) {
          const options = max === undefined ? { min } : { min, max }
          const ours = px.normalize(input, allocate(type, samples(frame)), frame, options)
          const src = cv.matFromArray(frame.height, frame.width, cv[`CV_${depth}C${frame.channels}`], Array.from(input))
          const dst = new cv.Mat()
          cv.normalize(src, dst, min, max ?? (type === 'f32' ? 1 : { u8: 255, u16: 65535, i16: 32767 }[type]), cv.NORM_MINMAX)
          const theirs = Array.from({ u8: dst.data, u16: dst.data16U, i16: dst.data16S, f32: dst.data32F }[type] as ArrayLike<number>)
          src.delete()
          dst.delete()
          const mismatch = firstMismatch(ours, theirs)
          if (mismatch) mismatches.push(`${kind} ${JSON.stringify(frame)} ${min}…${max}: ${JSON.stringify(mismatch)}`)
        }
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([])
  })
})
