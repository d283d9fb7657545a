// resize against OpenCV.js's cv.resize, bit for bit: every interpolation,
// pixel type and channel count, shrinking and enlarging by whole and
// fractional factors, on random and structured frames; and in every form.

import { beforeAll, describe, expect, it } from 'vitest'

import { FRAME_KINDS, PIXEL_TYPES, allocate, firstMismatch, makeFrame, samples, type Frame } from './frames'
import { loadOpenCv, type OpenCv } from './opencv'
import { px, type PixelArray, type PixelType } from './pixchain'

type Interpolation = 'nearest' | 'nearestExact' | 'linear' | 'linearExact' | 'area' | 'cubic'
const INTERPOLATIONS: Interpolation[] = ['nearest', 'nearestExact', 'linear', 'linearExact', 'area', 'cubic']

/** Source and output sizes: whole shrinks (2×, 3×, 2×1), fractional ones, enlargements, one-pixel sides, the same size. */
const RESIZES = [
  [[64, 48], [32, 24]],
  [[66, 45], [22, 15]],
  [[40, 30], [20, 30]],
  [[37, 23], [18, 11]],
  [[61, 47], [43, 19]],
  [[13, 9], [41, 29]],
  [[19, 11], [38, 22]],
  [[33, 17], [20, 40]],
  [[1, 7], [5, 3]],
  [[7, 1], [2, 4]],
  [[1, 1], [3, 2]],
  [[9, 7], [1, 1]],
  [[17, 13], [17, 13]],
] as const

let cv: OpenCv
beforeAll(async () => {
  ;({ cv } = await loadOpenCv())
}, 60_000)

const CV_INTER: Record<Interpolation, string> = {
  nearest: 'INTER_NEAREST',
  nearestExact: 'INTER_NEAREST_EXACT',
  linear: 'INTER_LINEAR',
  linearExact: 'INTER_LINEAR_EXACT',
  area: 'INTER_AREA',
  cubic: 'INTER_CUBIC',
}

function matType(type: PixelType, channels: number): number {
  const depth = { u8: '8U', u16: '16U', i16: '16S', f32: '32F' }[type]
  return cv[`CV_${depth}C${channels}`]
}

function cvResize(frame: Frame, input: PixelArray, width: number, height: number, interpolation: Interpolation): number[] {
  const src = cv.matFromArray(frame.height, frame.width, matType(frame.type, frame.channels), Array.from(input))
  const dst = new cv.Mat()
  try {
    cv.resize(src, dst, new cv.Size(width, height), 0, 0, cv[CV_INTER[interpolation]])
    return Array.from({ u8: dst.data, u16: dst.data16U, i16: dst.data16S, f32: dst.data32F }[frame.type] as ArrayLike<number>)
  } finally {
    src.delete()
    dst.delete()
  }
}

describe.each(PIXEL_TYPES)('resize on %s', (type) => {
  it.each(INTERPOLATIONS)('%s equals cv.resize bit for bit', (interpolation) => {
    let seed = 1
    for (const [[sw, sh], [dw, dh]] of RESIZES) {
      for (const channels of [1, 2, 3, 4]) {
        const frame: Frame = { width: sw, height: sh, channels, type }
        for (const kind of channels === 3 ? FRAME_KINDS : (['random'] as const)) {
          const input = makeFrame(frame, kind, seed++)
          const output = allocate(type, dw * dh * channels)
          px.resize(input, output, frame, { width: dw, height: dh, interpolation })
          const context = JSON.stringify({ frame, kind, to: [dw, dh], interpolation })
          expect(firstMismatch(output, cvResize(frame, input, dw, dh, interpolation)), context).toBeUndefined()
        }
      }
    }
  })
})

describe('resize of larger frames, split among threads', () => {
  it.each(['linear', 'cubic', 'area', 'linearExact'] as const)('%s equals cv.resize bit for bit', (interpolation) => {
    for (const type of ['u8', 'f32'] as const) {
      const frame: Frame = { width: 640, height: 360, channels: 3, type }
      const input = makeFrame(frame, 'random', 7)
      const output = allocate(type, 1280 * 720 * 3)
      px.resize(input, output, frame, { width: 1280, height: 720, interpolation })
      expect(firstMismatch(output, cvResize(frame, input, 1280, 720, interpolation)), `${type} ${interpolation}`).toBeUndefined()
    }
  })
})

describe('resize in every form', () => {
  const frame: Frame = { width: 641, height: 479, channels: 3, type: 'u8' }
  const input = makeFrame(frame, 'random', 9)

  it('defaults to linear and matches cv.resize on a large odd frame, shrinking and enlarging', () => {
    for (const [width, height] of [
      [320, 240],
      [1001, 733],
    ]) {
      const output = px.resize(input, new Uint8Array(width * height * 3), frame, { width, height })
      expect(firstMismatch(output, cvResize(frame, input, width, height, 'linear'))).toBeUndefined()
    }
  })

  it('as a Pipeline step equals the one-shot, alone and between row steps', () => {
    for (const interpolation of INTERPOLATIONS) {
      const options = { width: 300, height: 200, interpolation }
      const once = px.resize(input, new Uint8Array(300 * 200 * 3), frame, options)
      const pipeline = new px.Pipeline(frame).resize(options)
      expect(pipeline.outputSpec).toEqual({ width: 300, height: 200, channels: 3, type: 'u8' })
      expect(firstMismatch(pipeline.run(input), once), interpolation).toBeUndefined()

      const blurred = px.gaussianBlur(input, new Uint8Array(samples(frame)), frame, { sigma: 1.5 })
      const resized = px.resize(blurred, new Uint8Array(300 * 200 * 3), frame, options)
      const small = { ...frame, width: 300, height: 200 }
      const want = px.medianBlur(resized, new Uint8Array(samples(small)), small, { ksize: 3 })
      const chain = new px.Pipeline(frame).gaussianBlur({ sigma: 1.5 }).resize(options).medianBlur({ ksize: 3 })
      const output = chain.run(input, new Uint8Array(samples(small)))
      expect(firstMismatch(output, want), interpolation).toBeUndefined()
      // Later runs allocate nothing.
      const { allocations } = chain.stats
      chain.run(input, output)
      expect(chain.stats.allocations).toBe(allocations)
    }
  })

  it('in ImageBuffers shrinks within the buffers and refuses a larger frame', () => {
    const bufs = new px.ImageBuffers(frame)
    bufs.load(input)
    bufs.resize({ width: 200, height: 100, interpolation: 'area' })
    expect(bufs.spec).toMatchObject({ width: 200, height: 100, channels: 3 })
    const want = px.resize(input, new Uint8Array(200 * 100 * 3), frame, { width: 200, height: 100, interpolation: 'area' })
    expect(firstMismatch(bufs.read(), want)).toBeUndefined()
    expect(() => bufs.resize({ width: 1000, height: 1000 })).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_CAPACITY' }))
    expect(bufs.spec).toMatchObject({ width: 200, height: 100 })
    bufs.dispose()
  })

  it('as a promise equals the synchronous call', async () => {
    const options = { width: 123, height: 77, interpolation: 'cubic' } as const
    const want = px.resize(input, new Uint8Array(123 * 77 * 3), frame, options)
    const got = await px.promises.resize(input, new Uint8Array(123 * 77 * 3), frame, options)
    expect(firstMismatch(got, want)).toBeUndefined()
  })

  it('refuses missing or bad sizes, unknown interpolations and outputs of another size, leaving the output untouched', () => {
    const spec = { width: 4, height: 4, type: 'u8' } as const
    const src = new Uint8Array(16)
    const out = new Uint8Array(4).fill(9)
    const cases: [unknown, string][] = [
      [{ height: 2 }, 'ERR_PIXCHAIN_PARAM'],
      [{ width: 2, height: 0 }, 'ERR_PIXCHAIN_PARAM'],
      [{ width: 2.5, height: 2 }, 'ERR_PIXCHAIN_PARAM'],
      [{ width: 2, height: 2, interpolation: 'bilinear' }, 'ERR_PIXCHAIN_PARAM'],
      [{ width: 3, height: 2 }, 'ERR_PIXCHAIN_LENGTH'],
    ]
    for (const [options, code] of cases) {
      expect(() => px.resize(src, out, spec, options as never), JSON.stringify(options)).toThrow(expect.objectContaining({ code }))
      expect(out).toEqual(new Uint8Array(4).fill(9))
    }
    expect(() => px.resize(src, out, spec, { width: 2, height: 2, interpolation: 'bilinear' as never })).toThrow(
      'interpolation: expected one of nearest, nearestExact, linear, linearExact, area, cubic, got "bilinear"',
    )
  })
})
