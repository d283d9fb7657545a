// Two-image arithmetic against its definition for every type, against
// OpenCV.js, and in ImageBuffers.

import { beforeAll, describe, expect, it } from 'vitest'

import { FRAME_KINDS, PIXEL_TYPES, allocate, comparisonFrames, firstMismatch, makeFrame, samples, type Frame } from './frames'
import { loadOpenCv, type OpenCv } from './opencv'
import { px, type PixelArray, type PixelType } from './pixchain'
import { arithmetic } from './reference'

const SHAPES = [
  [1, 1],
  [7, 1],
  [7, 5],
  [64, 64],
] as const

function* pairs(type: PixelType): Generator<{ frame: Frame; a: PixelArray; b: PixelArray }> {
  for (const [width, height] of SHAPES) {
    for (const channels of [1, 3, 4]) {
      const frame: Frame = { width, height, channels, type }
      for (const [k, kind] of FRAME_KINDS.entries()) {
        yield { frame, a: makeFrame(frame, kind, 20 + k), b: makeFrame(frame, 'random', 30 + k) }
      }
    }
  }
}

const expected = (a: PixelArray, b: PixelArray, f: (x: number, y: number) => number) => Array.from(a, (x, i) => f(x, b[i]!))

describe.each(PIXEL_TYPES)('two-image arithmetic on %s', (type) => {
  it('add, subtract, absdiff, multiply and addWeighted match their definitions', () => {
    for (const { frame, a, b } of pairs(type)) {
      const out = () => allocate(type, samples(frame))
      const checks: [string, PixelArray, number[]][] = [
        ['add', px.add(a, b, out(), frame), expected(a, b, (x, y) => arithmetic.add(x, y, type))],
        ['subtract', px.subtract(a, b, out(), frame), expected(a, b, (x, y) => arithmetic.subtract(x, y, type))],
        ['absdiff', px.absdiff(a, b, out(), frame), expected(a, b, (x, y) => arithmetic.absdiff(x, y, type))],
        ['multiply', px.multiply(a, b, out(), frame), expected(a, b, (x, y) => arithmetic.multiply(x, y, type))],
        [
          'multiply scale',
          px.multiply(a, b, out(), frame, { scale: 1 / 255 }),
          expected(a, b, (x, y) => arithmetic.multiply(x, y, type, 1 / 255)),
        ],
        [
          'addWeighted',
          px.addWeighted(a, b, out(), frame, { alpha: 1.5, beta: -0.5, gamma: 3 }),
          expected(a, b, (x, y) => arithmetic.addWeighted(x, y, type, 1.5, -0.5, 3)),
        ],
      ]
      for (const [name, ours, reference] of checks) {
        expect(firstMismatch(ours, reference), `${name} ${JSON.stringify(frame)}`).toBeUndefined()
      }
    }
  })
})

describe('two-image arithmetic refuses', () => {
  const spec = { width: 4, height: 2, type: 'u8' } as const
  it('an output that shares memory with either input', () => {
    const a = new Uint8Array(8)
    const b = new Uint8Array(8).fill(5)
    expect(() => px.add(a, b, b, spec)).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_ALIAS' }))
    expect(() => px.add(a, b, a, spec)).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_ALIAS' }))
    expect(Array.from(b)).toEqual(new Array(8).fill(5))
  })

  it('a second operand of another length or kind', () => {
    const out = new Uint8Array(8).fill(9)
    expect(() => px.subtract(new Uint8Array(8), new Uint8Array(7), out, spec)).toThrow(
      expect.objectContaining({ code: 'ERR_PIXCHAIN_LENGTH', message: 'other: expected 8 bytes for 4×2×1 u8, got 7' }),
    )
    expect(() => px.subtract(new Uint8Array(8), new Uint16Array(8), out, spec)).toThrow(
      expect.objectContaining({ code: 'ERR_PIXCHAIN_TYPE' }),
    )
    expect(() => px.addWeighted(new Uint8Array(8), new Uint8Array(8), out, spec, { alpha: NaN })).toThrow(
      expect.objectContaining({ code: 'ERR_PIXCHAIN_PARAM' }),
    )
    expect(Array.from(out)).toEqual(new Array(8).fill(9))
  })
})

describe('two-image arithmetic in ImageBuffers', () => {
  it('an unsharp mask: blur, then weigh against the original', () => {
    const frame: Frame = { width: 30, height: 20, channels: 1, type: 'u8' }
    const input = makeFrame(frame, 'edges', 40)
    const bufs = new px.ImageBuffers(frame)
    const sharpened = bufs.load(input).gaussianBlur({ sigma: 2 }).addWeighted(input, { alpha: -0.5, beta: 1.5 }).read()
    const blurred = px.gaussianBlur(input, new Uint8Array(samples(frame)), frame, { sigma: 2 })
    const oneShot = px.addWeighted(blurred, input, new Uint8Array(samples(frame)), frame, { alpha: -0.5, beta: 1.5 })
    expect(firstMismatch(sharpened, oneShot)).toBeUndefined()
    expect(bufs.stats.allocations).toBe(2)
  })
})

describe('against OpenCV.js', () => {
  let cv: OpenCv
  beforeAll(async () => {
    ;({ cv } = await loadOpenCv())
  })

  const depth = { u8: '8U', u16: '16U', i16: '16S', f32: '32F' } as const

  function run(frame: Frame, a: PixelArray, b: PixelArray, call: (a: OpenCv, b: OpenCv, dst: OpenCv) => void): number[] {
    const type = cv[`CV_${depth[frame.type]}C${frame.channels}`]
    const [ma, mb] = [cv.matFromArray(frame.height, frame.width, type, Array.from(a)), cv.matFromArray(frame.height, frame.width, type, Array.from(b))]
    const dst = new cv.Mat()
    try {
      call(ma, mb, dst)
      return Array.from({ u8: dst.data, u16: dst.data16U, i16: dst.data16S, f32: dst.data32F }[frame.type] as ArrayLike<number>)
    } finally {
      for (const mat of [ma, mb, dst]) mat.delete()
    }
  }

  it.each(PIXEL_TYPES)('%s: add, subtract, absdiff, multiply, addWeighted equal OpenCV', (type) => {
    const mismatches: string[] = []
    for (const { frame, input: a } of comparisonFrames(type, [1, 3, 4], 20)) {
      const b = makeFrame(frame, 'random', 30)
      const out = () => allocate(type, samples(frame))
      const noMask = new cv.Mat()
      const cases: [string, PixelArray, number[]][] = [
        ['add', px.add(a, b, out(), frame), run(frame, a, b, (x, y, d) => cv.add(x, y, d, noMask, -1))],
        ['subtract', px.subtract(a, b, out(), frame), run(frame, a, b, (x, y, d) => cv.subtract(x, y, d, noMask, -1))],
        ['absdiff', px.absdiff(a, b, out(), frame), run(frame, a, b, (x, y, d) => cv.absdiff(x, y, d))],
        ['multiply', px.multiply(a, b, out(), frame), run(frame, a, b, (x, y, d) => cv.multiply(x, y, d, 1, -1))],
        [
          'multiply scale',
          px.multiply(a, b, out(), frame, { scale: 1 / 255 }),
          run(frame, a, b, (x, y, d) => cv.multiply(x, y, d, 1 / 255, -1)),
        ],
        [
          'addWeighted',
          px.addWeighted(a, b, out(), frame, { alpha: 1.5, beta: -0.5, gamma: 3 }),
          run(frame, a, b, (x, y, d) => cv.addWeighted(x, 1.5, y, -0.5, 3, d, -1)),
        ],
      ]
      noMask.delete()
      for (const [name, ours, theirs] of cases) {
        const mismatch = firstMismatch(ours, theirs)
        if (mismatch) mismatches.push(`${name} ${frame.width}×${frame.height}×${frame.channels}: ${JSON.stringify(mismatch)}`)
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([])
  })
})
