// linear, clip and threshold with a value per channel (OpenCV's Scalar):
// each channel gives, bit for bit, what the scalar kernel gives on that
// channel alone; clip against OpenCV.js min/max with a Scalar; every form.

import { beforeAll, describe, expect, it } from 'vitest'

import { PIXEL_TYPES, allocate, comparisonFrames, firstMismatch, makeFrame, samples, type Frame } from './frames'
import { loadOpenCv, type OpenCv } from './opencv'
import { px, type PixelArray } from './pixchain'

type PointOp = 'linear' | 'clip' | 'threshold'

/** Per-channel options, and the scalar options of channel `c`. */
const CASES: { op: PointOp; each: (n: number) => object; alone: (c: number) => object }[] = [
  {
    op: 'linear',
    each: (n) => ({ a: [1.7, -0.6, 0.25, 3].slice(0, n), b: [-20.5, 300, 0.5, 7].slice(0, n) }),
    alone: (c) => ({ a: [1.7, -0.6, 0.25, 3][c], b: [-20.5, 300, 0.5, 7][c] }),
  },
  { op: 'linear', each: (n) => ({ a: 2, b: [-3, 0.5, 40, -0.5].slice(0, n) }), alone: (c) => ({ a: 2, b: [-3, 0.5, 40, -0.5][c] }) },
  {
    op: 'clip',
    each: (n) => ({ min: [10, -5, 0.1, 2000].slice(0, n), max: [200, 60000, 0.9, 2000].slice(0, n) }),
    alone: (c) => ({ min: [10, -5, 0.1, 2000][c], max: [200, 60000, 0.9, 2000][c] }),
  },
  ...(['binary', 'binaryInv', 'trunc', 'toZero', 'toZeroInv'] as const).map((kind) => ({
    op: 'threshold' as const,
    each: (n: number) => ({ thresh: [100, -0.5, 0.3, 30000.5].slice(0, n), maxval: [255, 1234, 0.75, 65535].slice(0, n), kind }),
    alone: (c: number) => ({ thresh: [100, -0.5, 0.3, 30000.5][c], maxval: [255, 1234, 0.75, 65535][c], kind }),
  })),
]

/** The definition: each channel extracted, run with its own scalars, merged back. */
function channelByChannel(op: PointOp, alone: (c: number) => object, input: PixelArray, frame: Frame): PixelArray {
  const plane = { ...frame, channels: 1 }
  const planes = Array.from({ length: frame.channels }, (_, c) => {
    const one = px.extractChannel(input, allocate(frame.type, samples(plane)), frame, { channel: c })
    return px[op](one, allocate(frame.type, samples(plane)), plane, alone(c) as never)
  })
  return px.mergeChannels(planes, allocate(frame.type, samples(frame)), plane)
}

describe.each(PIXEL_TYPES)('per-channel point kernels on %s', (type) => {
  it('each channel equals the scalar kernel on that channel alone', () => {
    for (const channels of [2, 3, 4]) {
      for (const { frame, kind, input } of comparisonFrames(type, [channels], channels)) {
        for (const { op, each, alone } of CASES) {
          const ours = px[op](input, allocate(type, samples(frame)), frame, each(channels) as never)
          const context = `${op} ${JSON.stringify(each(channels))} ${kind} ${frame.width}×${frame.height}×${channels}`
          expect(firstMismatch(ours, channelByChannel(op, alone, input, frame)), context).toBeUndefined()
        }
      }
    }
  })

  it('equal values per channel give the bytes of the one number', () => {
    const frame: Frame = { width: 31, height: 7, channels: 3, type }
    const input = makeFrame(frame, 'random', 3)
    const one = px.linear(input, allocate(type, samples(frame)), frame, { a: 1.3, b: -2 })
    const three = px.linear(input, allocate(type, samples(frame)), frame, { a: [1.3, 1.3, 1.3], b: Float64Array.of(-2, -2, -2) })
    expect(firstMismatch(three, one)).toBeUndefined()
  })
})

describe('per-channel steps in every form', () => {
  const frame: Frame = { width: 45, height: 23, channels: 3, type: 'u8' }
  const input = makeFrame(frame, 'random', 8)
  const clip = { min: [10, 0, 50], max: 240 }
  const linear = { a: [1.5, 0.5, -1], b: [-10, 3, 255] }
  const threshold = { thresh: [100, 60, 128], kind: 'toZero' as const }

  function oneByOne(): PixelArray {
    const a = px.clip(input, allocate('u8', samples(frame)), frame, clip)
    const b = px.linear(a, allocate('u8', samples(frame)), frame, linear)
    return px.threshold(b, allocate('u8', samples(frame)), frame, threshold)
  }

  it('a streamed Pipeline of u8 point steps equals the one-shot calls (no lookup table across channels)', async () => {
    const expected = oneByOne()
    for (const threads of [1, 2]) {
      const pipeline = new px.Pipeline(frame, { threads }).clip(clip).linear(linear).threshold(threshold)
      expect(firstMismatch(pipeline.run(input), expected), `${threads} threads`).toBeUndefined()
      expect(firstMismatch(await pipeline.runAsync(input), expected)).toBeUndefined()
      pipeline.dispose()
    }
  })

  it('ImageBuffers and promises give the same bytes', async () => {
    const expected = oneByOne()
    const bufs = new px.ImageBuffers(frame)
    expect(firstMismatch(bufs.load(input).clip(clip).linear(linear).threshold(threshold).read(), expected)).toBeUndefined()
    bufs.dispose()
    const a = await px.promises.clip(input, allocate('u8', samples(frame)), frame, clip)
    const b = await px.promises.linear(a, allocate('u8', samples(frame)), frame, linear)
    const c = await px.promises.threshold(b, allocate('u8', samples(frame)), frame, threshold)
    expect(firstMismatch(c, expected)).toBeUndefined()
  })

  it('a list of another length than the channels, or of no numbers, is refused with the output untouched', () => {
    const output = new Uint8Array(samples(frame)).fill(7)
    const bad: [PointOp, object, RegExp][] = [
      ['linear', { a: [1, 2] }, /^a: expected a number, or 3 numbers for the 3-channel input, got 2 numbers$/],
      ['linear', { b: [1, 2, 3, 4] }, /^b: expected a number, or 3 numbers for the 3-channel input, got 4 numbers$/],
      ['clip', { min: [] }, /^min: expected a number, or an array of 1 to 4 numbers/],
      ['clip', { min: [5, 5, 5], max: [4, 9, 9] }, /^min: expected at most max \(4\), got 5$/],
      ['threshold', { thresh: [1, 2, 3, 4, 5] }, /^thresh: expected a number, or an array of 1 to 4 numbers/],
      ['threshold', { maxval: ['1', 2, 3] }, /^maxval: expected a number, or an array of numbers \(one per channel\)/],
      ['linear', { a: [1, NaN, 1] }, /^a: expected a finite number, got NaN$/],
    ]
    for (const [op, options, message] of bad) {
      expect(() => px[op](input, output, frame, options as never), JSON.stringify(options)).toThrow(
        expect.objectContaining({ code: 'ERR_PIXCHAIN_PARAM', message: expect.stringMatching(message) }),
      )
    }
    expect(output.every((v) => v === 7)).toBe(true)
    expect(() => new px.Pipeline(frame).linear({ a: [1, 2] })).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_PARAM' }))
  })
})

describe('against OpenCV.js', () => {
  let cv: OpenCv
  beforeAll(async () => {
    ;({ cv } = await loadOpenCv())
  })

  it.each(['u8', 'u16', 'i16', 'f32'] as const)('clip %s with a bound per channel equals cv.max then cv.min with a Scalar', (type) => {
    const depth = { u8: '8U', u16: '16U', i16: '16S', f32: '32F' }[type]
    const lo = { u8: [10, 0, 77], u16: [1000, 0, 30000], i16: [-1000, 0, 5], f32: [0.1, -0.5, 0.5] }[type]
    const hi = { u8: [200, 100, 77], u16: [60000, 100, 40000], i16: [1000, 30000, 5], f32: [0.9, 0, 1.5] }[type]
    for (const { frame, kind, input } of comparisonFrames(type, [3], 5)) {
      const ours = px.clip(input, allocate(type, samples(frame)), frame, { min: lo, max: hi })
      const matType = cv[`CV_${depth}C3`]
      const src = cv.matFromArray(frame.height, frame.width, matType, Array.from(input))
      const low = new cv.Mat(frame.height, frame.width, matType, new cv.Scalar(...lo))
      const high = new cv.Mat(frame.height, frame.width, matType, new cv.Scalar(...hi))
      const raised = new cv.Mat()
      const dst = new cv.Mat()
      cv.max(src, low, raised)
      cv.min(raised, high, dst)
      const theirs = Array.from({ u8: dst.data, u16: dst.data16U, i16: dst.data16S, f32: dst.data32F }[type] as ArrayLike<number>)
      for (const mat of [src, low, high, raised, dst]) mat.delete()
      expect(firstMismatch(ours, theirs), `${kind} ${frame.width}×${frame.height}`).toBeUndefined()
    }
  })
})

describe('normalize zscore per channel', () => {
  it.each(PIXEL_TYPES)('on %s equals zscore of each channel alone, in every form', async (type) => {
    for (const channels of [1, 3, 4]) {
      const frame: Frame = { width: 29, height: 11, channels, type }
      const input = makeFrame(frame, 'random', 60 + channels)
      const plane = { ...frame, channels: 1 }
      const planes = Array.from({ length: channels }, (_, c) => {
        const one = px.extractChannel(input, allocate(type, samples(plane)), frame, { channel: c })
        return px.normalize(one, new Float32Array(samples(plane)), plane, { kind: 'zscore' })
      })
      const expected = px.mergeChannels(planes, new Float32Array(samples(frame)), { ...plane, type: 'f32' })
      const options = { kind: 'zscore', perChannel: true } as const
      expect(firstMismatch(px.normalize(input, new Float32Array(samples(frame)), frame, options), expected), `${channels} channels`).toBeUndefined()
      const pipeline = new px.Pipeline(frame).normalize(options)
      expect(firstMismatch(pipeline.run(input), expected)).toBeUndefined()
      pipeline.dispose()
      const async = await px.promises.normalize(input, new Float32Array(samples(frame)), frame, options)
      expect(firstMismatch(async, expected)).toBeUndefined()
    }
  })

  it('perChannel with minmax is refused', () => {
    const frame: Frame = { width: 4, height: 4, channels: 3, type: 'u8' }
    expect(() => px.normalize(new Uint8Array(48), new Uint8Array(48), frame, { perChannel: true })).toThrow(
      expect.objectContaining({ code: 'ERR_PIXCHAIN_PARAM', message: 'perChannel: expected false or absent with minmax, got true' }),
    )
  })
})
