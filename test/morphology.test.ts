// erode, dilate and morphology against OpenCV.js (cv.erode, cv.dilate,
// cv.morphologyEx with cv.getStructuringElement), bit for bit for every
// pixel type, channel count, shape, border and operation; streamed in a
// Pipeline equal to the one-shot; bad options refused with codes.

import { beforeAll, describe, expect, it } from 'vitest'

import { FRAME_KINDS, PIXEL_TYPES, allocate, firstMismatch, makeFrame, samples, type Frame } from './frames'
import { loadOpenCv, type OpenCv } from './opencv'
import { px, type PixelArray, type PixelType } from './pixchain'

type Shape = 'rect' | 'cross' | 'ellipse'
type Op = 'erode' | 'dilate' | 'open' | 'close' | 'gradient' | 'tophat' | 'blackhat'
type MorphBorder = 'constant' | 'reflect101' | 'reflect' | 'replicate'

interface Case {
  ksize: number
  ksizeY?: number
  shape?: Shape
  iterations?: number
  border?: MorphBorder
  borderValue?: number
}

const SHAPES: Shape[] = ['rect', 'cross', 'ellipse']
const OPS: Op[] = ['erode', 'dilate', 'open', 'close', 'gradient', 'tophat', 'blackhat']
/** The default border (constant, never winning), a constant value, and the mirrored and replicated edges. */
const BORDERS: Pick<Case, 'border' | 'borderValue'>[] = [{}, { border: 'constant', borderValue: 100 }, { border: 'reflect101' }, { border: 'reflect' }, { border: 'replicate' }]
const SIZES = [
  [1, 1],
  [2, 9],
  [9, 2],
  [7, 5],
  [37, 29],
] as const

describe('morphology against OpenCV.js', () => {
  let cv: OpenCv
  beforeAll(async () => {
    ;({ cv } = await loadOpenCv())
  })

  const depth = { u8: '8U', u16: '16U', i16: '16S', f32: '32F' } as const

  function theirs(frame: Frame, input: PixelArray, op: Op, c: Case): number[] {
    const src = cv.matFromArray(frame.height, frame.width, cv[`CV_${depth[frame.type]}C${frame.channels}`], Array.from(input))
    const dst = new cv.Mat()
    const shape = { rect: cv.MORPH_RECT, cross: cv.MORPH_CROSS, ellipse: cv.MORPH_ELLIPSE }[c.shape ?? 'rect']
    const kernel = cv.getStructuringElement(shape, new cv.Size(c.ksize, c.ksizeY ?? c.ksize))
    const border = { constant: cv.BORDER_CONSTANT, reflect101: cv.BORDER_REFLECT_101, reflect: cv.BORDER_REFLECT, replicate: cv.BORDER_REPLICATE }[c.border ?? 'constant']
    const value = c.borderValue === undefined ? cv.morphologyDefaultBorderValue() : new cv.Scalar(c.borderValue, c.borderValue, c.borderValue, c.borderValue)
    const anchor = new cv.Point(-1, -1)
    const iterations = c.iterations ?? 1
    try {
      if (op === 'erode') cv.erode(src, dst, kernel, anchor, iterations, border, value)
      else if (op === 'dilate') cv.dilate(src, dst, kernel, anchor, iterations, border, value)
      else {
        const code = { open: cv.MORPH_OPEN, close: cv.MORPH_CLOSE, gradient: cv.MORPH_GRADIENT, tophat: cv.MORPH_TOPHAT, blackhat: cv.MORPH_BLACKHAT }[op]
        cv.morphologyEx(src, dst, code, kernel, anchor, iterations, border, value)
      }
      return Array.from({ u8: dst.data, u16: dst.data16U, i16: dst.data16S, f32: dst.data32F }[frame.type] as ArrayLike<number>)
    } finally {
      src.delete()
      dst.delete()
      kernel.delete()
    }
  }

  function ours(frame: Frame, input: PixelArray, op: Op, c: Case): PixelArray {
    const output = allocate(frame.type, samples(frame))
    if (op === 'erode') return px.erode(input, output, frame, c)
    if (op === 'dilate') return px.dilate(input, output, frame, c)
    return px.morphology(input, output, frame, { op, ...c })
  }

  function expectSame(frame: Frame, input: PixelArray, op: Op, c: Case, kind: string): void {
    const context = JSON.stringify({ frame, kind, op, ...c })
    expect(firstMismatch(ours(frame, input, op, c), theirs(frame, input, op, c)), context).toBeUndefined()
  }

  it.each(PIXEL_TYPES)('erode and dilate on %s equal cv.erode and cv.dilate for every shape, size and border', (type) => {
    for (const [width, height] of SIZES) {
      for (const channels of [1, 2, 3, 4]) {
        const frame: Frame = { width, height, channels, type }
        for (const [k, kind] of FRAME_KINDS.entries()) {
          const input = makeFrame(frame, kind, 5 + k)
          for (const shape of SHAPES) {
            for (const [ksize, ksizeY] of [
              [3, 3],
              [5, 3],
              [2, 4],
              [1, 7],
              [15, 15],
            ] as const) {
              // Every border on random frames; one border per other frame kind.
              for (const border of kind === 'random' ? BORDERS : [BORDERS[k]!]) {
                for (const op of ['erode', 'dilate'] as const) expectSame(frame, input, op, { ksize, ksizeY, shape, ...border }, kind)
              }
            }
          }
        }
      }
    }
  })

  it.each(PIXEL_TYPES)('morphologyEx operations and iterations on %s equal cv.morphologyEx', (type) => {
    for (const [width, height] of SIZES) {
      for (const channels of [1, 3]) {
        const frame: Frame = { width, height, channels, type }
        const input = makeFrame(frame, 'random', 11)
        for (const op of OPS) {
          for (const shape of SHAPES) {
            for (const iterations of [0, 1, 2, 3]) {
              for (const border of [BORDERS[0]!, BORDERS[1]!, BORDERS[2]!, BORDERS[4]!]) {
                expectSame(frame, input, op, { ksize: 3, ksizeY: 5, shape, iterations, ...border }, 'random')
              }
            }
          }
        }
      }
    }
  })

  it('large frames and large elements equal OpenCV', () => {
    for (const type of PIXEL_TYPES) {
      const frame: Frame = { width: 641, height: 479, channels: type === 'u8' ? 3 : 1, type }
      const input = makeFrame(frame, 'random', 3)
      // One large element per type, each through every operation.
      const c = [{ ksize: 15 }, { ksize: 31, ksizeY: 9 }, { ksize: 21, shape: 'ellipse' as const }, { ksize: 3, shape: 'cross' as const, iterations: 4 }][PIXEL_TYPES.indexOf(type)]!
      for (const op of OPS) expectSame(frame, input, op, { border: 'reflect101', ...c }, 'random')
    }
  })
})

describe('morphology in a Pipeline', () => {
  it.each(PIXEL_TYPES)('streamed %s steps equal the one-shot calls, for any thread count', (type: PixelType) => {
    const frame: Frame = { width: 97, height: 203, channels: 2, type }
    const input = makeFrame(frame, 'random', 21)
    const cases: [Op, Case][] = [
      ['erode', { ksize: 5 }],
      ['dilate', { ksize: 3, ksizeY: 7, shape: 'ellipse', border: 'reflect101' }],
      ['open', { ksize: 5, shape: 'cross', iterations: 2 }],
      ['gradient', { ksize: 3, iterations: 3, border: 'replicate' }],
      ['tophat', { ksize: 9, shape: 'ellipse' }],
      ['blackhat', { ksize: 3, shape: 'cross', iterations: 5, border: 'reflect' }],
    ]
    for (const [op, c] of cases) {
      const once = allocate(type, samples(frame))
      if (op === 'erode') px.erode(input, once, frame, c)
      else if (op === 'dilate') px.dilate(input, once, frame, c)
      else px.morphology(input, once, frame, { op, ...c })
      for (const threads of [1, 3]) {
        const pipeline = new px.Pipeline(frame, { threads })
        const step = op === 'erode' ? pipeline.erode(c) : op === 'dilate' ? pipeline.dilate(c) : pipeline.morphology({ op, ...c })
        // A point step after the morphology, and the chain's own step before it.
        const streamed = step.linear({ a: 1, b: 0 }).run(input, allocate(type, samples(frame)))
        expect(firstMismatch(streamed, once), JSON.stringify({ op, c, threads })).toBeUndefined()
      }
      const buffers = new px.ImageBuffers(frame)
      buffers.load(input)
      if (op === 'erode') buffers.erode(c)
      else if (op === 'dilate') buffers.dilate(c)
      else buffers.morphology({ op, ...c })
      expect(firstMismatch(buffers.read(), once), `ImageBuffers ${op}`).toBeUndefined()
    }
    expect(new px.Pipeline(frame).erode({ ksize: 5 }).dilate().stats).toMatchObject({ workBuffers: 0, frameBytes: 0, passes: 1 })
  })

  it('promises resolve to the one-shot result', async () => {
    const frame: Frame = { width: 33, height: 21, channels: 1, type: 'u16' }
    const input = makeFrame(frame, 'random', 2)
    const want = px.morphology(input, allocate('u16', samples(frame)), frame, { op: 'close', ksize: 5, shape: 'ellipse' })
    const got = await px.promises.morphology(input, allocate('u16', samples(frame)), frame, { op: 'close', ksize: 5, shape: 'ellipse' })
    expect(firstMismatch(got, want)).toBeUndefined()
    const eroded = await px.promises.erode(input, allocate('u16', samples(frame)), frame)
    expect(firstMismatch(eroded, px.erode(input, allocate('u16', samples(frame)), frame))).toBeUndefined()
  })
})

describe('bad morphology options', () => {
  const frame: Frame = { width: 8, height: 6, channels: 1, type: 'u8' }
  const input = () => makeFrame(frame, 'random', 1)
  const out = () => new Uint8Array(samples(frame))
  const cases: [string, () => unknown, RegExp][] = [
    ['ksize 0', () => px.erode(input(), out(), frame, { ksize: 0 }), /ksize: expected an integer from 1 to 255, got 0/],
    ['ksizeY 256', () => px.dilate(input(), out(), frame, { ksizeY: 256 }), /ksizeY/],
    ['unknown shape', () => px.erode(input(), out(), frame, { shape: 'disk' as never }), /shape: expected one of rect, cross, ellipse/],
    ['iterations 256', () => px.erode(input(), out(), frame, { iterations: 256 }), /iterations/],
    ['unknown border', () => px.erode(input(), out(), frame, { border: 'wrap' as never }), /border/],
    ['NaN borderValue', () => px.erode(input(), out(), frame, { border: 'constant', borderValue: NaN }), /borderValue/],
    ['no op', () => px.morphology(input(), out(), frame, {} as never), /op: expected one of erode, dilate, open, close, gradient, tophat, blackhat, got nothing/],
    ['unknown op', () => px.morphology(input(), out(), frame, { op: 'hitmiss' as never }), /op: expected one of/],
    ['op not a string', () => px.morphology(input(), out(), frame, { op: 3 as never }), /op: expected a string, got 3/],
    ['pipeline op', () => new px.Pipeline(frame).morphology({ op: 'thin' as never }), /op/],
  ]
  it.each(cases)('%s is refused with ERR_PIXCHAIN_PARAM', (_, call, message) => {
    expect(call).toThrow(message)
    try {
      call()
    } catch (error) {
      expect((error as { code: string }).code).toBe('ERR_PIXCHAIN_PARAM')
    }
  })

  it('leaves the output untouched when it refuses', () => {
    const output = out().fill(7)
    expect(() => px.erode(input(), output, frame, { ksize: 0 })).toThrow()
    expect(output.every((v) => v === 7)).toBe(true)
  })
})
