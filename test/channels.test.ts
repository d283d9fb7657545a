// extractChannel, reorderChannels and mergeChannels against OpenCV.js
// (split, split + merge, merge) bit for bit, on every pixel type and
// channel count, in every form: one-shot, promises, ImageBuffers, Pipeline.

import { beforeAll, describe, expect, it } from 'vitest'

import { PIXEL_TYPES, allocate, comparisonFrames, firstMismatch, makeFrame, samples, type Frame } from './frames'
import { loadOpenCv, type OpenCv } from './opencv'
import { px, type PixelArray, type PixelType } from './pixchain'

const DEPTH = { u8: '8U', u16: '16U', i16: '16S', f32: '32F' } as const

const ORDERS: readonly (readonly number[])[] = [[2, 1, 0], [0, 1, 2], [0, 0, 0], [3, 2, 1, 0], [1], [0, 2], [1, 1, 0, 0]]

/** The definition: output sample `k` of pixel `p` is input sample `order[k]` of `p`. */
function reordered(input: ArrayLike<number>, channels: number, order: readonly number[]): number[] {
  const out: number[] = []
  for (let p = 0; p < input.length / channels; p++) for (const c of order) out.push(input[p * channels + c]!)
  return out
}

describe('against OpenCV.js', () => {
  let cv: OpenCv
  beforeAll(async () => {
    ;({ cv } = await loadOpenCv())
  })

  function toMat(frame: Frame, input: ArrayLike<number>): OpenCv {
    return cv.matFromArray(frame.height, frame.width, cv[`CV_${DEPTH[frame.type]}C${frame.channels}`], Array.from(input))
  }

  function data(mat: OpenCv, type: PixelType): number[] {
    return Array.from({ u8: mat.data, u16: mat.data16U, i16: mat.data16S, f32: mat.data32F }[type] as ArrayLike<number>)
  }

  /** OpenCV's planes of a frame, by `cv.split`. */
  function split(frame: Frame, input: PixelArray): number[][] {
    const src = toMat(frame, input)
    const planes = new cv.MatVector()
    cv.split(src, planes)
    const out = Array.from({ length: frame.channels }, (_, c) => data(planes.get(c), frame.type))
    for (let c = 0; c < frame.channels; c++) planes.get(c).delete()
    planes.delete()
    src.delete()
    return out
  }

  /** OpenCV's `cv.merge` of one-channel planes of `frame`'s size and type. */
  function merge(frame: Frame, planes: readonly ArrayLike<number>[]): number[] {
    const vector = new cv.MatVector()
    const mats = planes.map((plane) => toMat({ ...frame, channels: 1 }, plane))
    for (const mat of mats) vector.push_back(mat)
    const dst = new cv.Mat()
    cv.merge(vector, dst)
    const out = data(dst, frame.type)
    for (const mat of mats) mat.delete()
    vector.delete()
    dst.delete()
    return out
  }

  // OpenCV.js builds no extractChannel; its plane of cv.split is the same samples.
  it.each(PIXEL_TYPES)('extractChannel %s matches plane `channel` of cv.split for every channel', (type) => {
    for (const { frame, kind, input } of comparisonFrames(type, [4, 1, 2, 3], 21)) {
      const planes = split(frame, input)
      for (let channel = 0; channel < frame.channels; channel++) {
        const ours = px.extractChannel(input, allocate(type, frame.width * frame.height), frame, { channel })
        expect(firstMismatch(ours, planes[channel]!), `${kind} ${frame.width}×${frame.height}×${frame.channels} channel ${channel}`).toBeUndefined()
      }
    }
  })

  it.each(PIXEL_TYPES)('reorderChannels %s matches cv.split then cv.merge of the planes in order', (type) => {
    for (const { frame, kind, input } of comparisonFrames(type, [3, 1, 2, 4], 22)) {
      const planes = split(frame, input)
      for (const order of ORDERS.filter((o) => o.every((c) => c < frame.channels))) {
        const ours = px.reorderChannels(input, allocate(type, frame.width * frame.height * order.length), frame, { order })
        const theirs = merge(
          frame,
          order.map((c) => planes[c]!),
        )
        const context = `${kind} ${frame.width}×${frame.height}×${frame.channels} [${order}]`
        expect(firstMismatch(ours, theirs), context).toBeUndefined()
        expect(firstMismatch(ours, reordered(input, frame.channels, order)), context).toBeUndefined()
      }
    }
  })

  it('reorderChannels [2, 1, 0], [0, 1, 2] and [0, 0, 0] are cvtColor RGB2BGR, RGBA2RGB and GRAY2RGB on u8', () => {
    const cases = [
      { channels: 3, order: [2, 1, 0], code: cv.COLOR_RGB2BGR },
      { channels: 4, order: [0, 1, 2], code: cv.COLOR_RGBA2RGB },
      { channels: 1, order: [0, 0, 0], code: cv.COLOR_GRAY2RGB },
    ]
    for (const { channels, order, code } of cases) {
      const frame: Frame = { width: 37, height: 11, channels, type: 'u8' }
      const input = makeFrame(frame, 'random', channels)
      const ours = px.reorderChannels(input, new Uint8Array(37 * 11 * 3), frame, { order })
      const src = toMat(frame, input)
      const dst = new cv.Mat()
      cv.cvtColor(src, dst, code)
      expect(firstMismatch(ours, data(dst, 'u8')), `[${order}]`).toBeUndefined()
      src.delete()
      dst.delete()
    }
  })

  it.each(PIXEL_TYPES)('mergeChannels %s matches cv.merge for 1 to 4 planes', (type) => {
    for (const { frame, kind, input } of comparisonFrames(type, [4], 23)) {
      const plane = { ...frame, channels: 1 }
      const planes = split(frame, input)
      for (let count = 1; count <= 4; count++) {
        const inputs = planes.slice(0, count).map((p) => {
          const array = allocate(type, p.length)
          array.set(p)
          return array
        })
        const ours = px.mergeChannels(inputs, allocate(type, samples(plane) * count), plane)
        expect(firstMismatch(ours, merge(frame, inputs)), `${kind} ${frame.width}×${frame.height}, ${count} planes`).toBeUndefined()
      }
    }
  })
})

describe('channel steps in every form', () => {
  const frame: Frame = { width: 33, height: 19, channels: 4, type: 'u16' }
  const input = makeFrame(frame, 'random', 31)
  const plane = { ...frame, channels: 1 }

  it('a Pipeline of reorder, extract, blur and merge equals the one-shot calls', async () => {
    const bgr = px.reorderChannels(input, allocate('u16', samples(frame) * 3 / 4), frame, { order: [2, 1, 0] })
    const rgb = { ...frame, channels: 3 }
    const green = px.extractChannel(bgr, allocate('u16', samples(plane)), rgb, { channel: 1 })
    const blurred = px.gaussianBlur(green, allocate('u16', samples(plane)), plane, { sigma: 1.5 })
    const two = px.reorderChannels(bgr, allocate('u16', samples(plane) * 2), rgb, { order: [0, 2] })
    const expected = px.mergeChannels([two.filter((_, i) => i % 2 === 0), two.filter((_, i) => i % 2 === 1), blurred], allocate('u16', samples(rgb)), plane)
    const build = (threads: number) =>
      new px.Pipeline(frame, { threads })
        .reorderChannels({ order: [2, 1, 0] })
        .save('bgr')
        .extractChannel({ channel: 1 })
        .gaussianBlur({ sigma: 1.5 })
        .save('green')
        .from('bgr')
        .reorderChannels({ order: [0, 2] })
        .mergeChannels({ other: 'green' })
    for (const threads of [1, 3]) {
      const pipeline = build(threads)
      expect(pipeline.outputSpec).toEqual(rgb)
      const out = pipeline.run(input, allocate('u16', samples(rgb)))
      expect(firstMismatch(out, expected), `${threads} threads`).toBeUndefined()
      const again = await pipeline.runAsync(input, allocate('u16', samples(rgb)))
      expect(firstMismatch(again, expected)).toBeUndefined()
      pipeline.dispose()
    }
  })

  it('ImageBuffers extract, reorder and merge within the same buffers', () => {
    const bufs = new px.ImageBuffers(frame)
    const red = px.extractChannel(input, allocate('u16', samples(plane)), frame, { channel: 0 })
    const out = bufs.load(input).reorderChannels({ order: [3, 1] }).mergeChannels(red).read()
    expect(bufs.spec).toEqual({ ...frame, channels: 3 })
    expect(firstMismatch(out, reordered(input, 4, [3, 1, 0]))).toBeUndefined()
    const one = bufs.load(input).extractChannel({ channel: 2 }).read()
    expect(firstMismatch(one, reordered(input, 4, [2]))).toBeUndefined()
    bufs.dispose()
  })

  it('promises give the bytes of the one-shot calls', async () => {
    const sync = px.reorderChannels(input, allocate('u16', samples(frame)), frame, { order: [1, 0, 3, 2] })
    const async = await px.promises.reorderChannels(input, allocate('u16', samples(frame)), frame, { order: [1, 0, 3, 2] })
    expect(firstMismatch(async, sync)).toBeUndefined()
    const one = await px.promises.extractChannel(input, allocate('u16', samples(plane)), frame, { channel: 3 })
    expect(firstMismatch(one, reordered(input, 4, [3]))).toBeUndefined()
    const planes = [0, 1, 2, 3].map((c) => Uint16Array.from(reordered(input, 4, [c])))
    const merged = await px.promises.mergeChannels(planes, allocate('u16', samples(frame)), plane)
    expect(firstMismatch(merged, input)).toBeUndefined()
  })

  it('defaults: channel 0, order [2, 1, 0]', () => {
    const rgb = { ...frame, channels: 3 }
    const three = input.slice(0, samples(rgb))
    expect(firstMismatch(px.extractChannel(three, allocate('u16', samples(plane)), rgb), reordered(three, 3, [0]))).toBeUndefined()
    expect(firstMismatch(px.reorderChannels(three, allocate('u16', samples(rgb)), rgb), reordered(three, 3, [2, 1, 0]))).toBeUndefined()
  })
})

describe('channel steps refuse bad input with coded errors, the output untouched', () => {
  const frame: Frame = { width: 4, height: 3, channels: 3, type: 'u8' }
  const input = makeFrame(frame, 'random', 41)

  function refuses(call: (output: Uint8Array) => unknown, code: string, length: number, message?: RegExp): void {
    const output = new Uint8Array(length).fill(7)
    expect(() => call(output)).toThrow(expect.objectContaining({ code, ...(message ? { message: expect.stringMatching(message) } : {}) }))
    expect(output.every((v) => v === 7)).toBe(true)
  }

  it('a channel the frame lacks, or an order that is empty, too long, out of range or not integers', () => {
    refuses((out) => px.extractChannel(input, out, frame, { channel: 3 }), 'ERR_PIXCHAIN_PARAM', 12, /channel: expected a channel of the 3-channel input, 0 to 2, got 3/)
    refuses((out) => px.extractChannel(input, out, frame, { channel: -1 }), 'ERR_PIXCHAIN_PARAM', 12)
    refuses((out) => px.reorderChannels(input, out, frame, { order: [3, 0, 1] }), 'ERR_PIXCHAIN_PARAM', 36, /order: expected indexes of the 3-channel input's channels/)
    refuses((out) => px.reorderChannels(input, out, frame, { order: [] }), 'ERR_PIXCHAIN_PARAM', 0)
    refuses((out) => px.reorderChannels(input, out, frame, { order: [0, 1, 2, 0, 1] }), 'ERR_PIXCHAIN_PARAM', 60)
    refuses((out) => px.reorderChannels(input, out, frame, { order: [0, 1.5, 2] }), 'ERR_PIXCHAIN_PARAM', 36)
    refuses((out) => px.reorderChannels(input, out, frame, { order: [0, -1, 2] }), 'ERR_PIXCHAIN_PARAM', 36)
    refuses((out) => px.reorderChannels(input, out, frame, { order: '210' as never }), 'ERR_PIXCHAIN_PARAM', 36)
    refuses((out) => px.reorderChannels(input, out, frame, { order: [2, 1, 0] }), 'ERR_PIXCHAIN_LENGTH', 35)
  })

  it('planes that are not a list, too many, of another type or length, or sharing the output', () => {
    const plane = { width: 4, height: 3, type: 'u8' as const }
    const a = new Uint8Array(12).fill(1)
    refuses((out) => px.mergeChannels(a as never, out, plane), 'ERR_PIXCHAIN_PARAM', 24)
    refuses((out) => px.mergeChannels([a, a, a, a, a], out, plane), 'ERR_PIXCHAIN_PARAM', 60)
    refuses((out) => px.mergeChannels([], out, plane), 'ERR_PIXCHAIN_PARAM', 0)
    refuses((out) => px.mergeChannels([a, new Uint16Array(12) as never], out, plane), 'ERR_PIXCHAIN_TYPE', 24)
    refuses((out) => px.mergeChannels([a, new Uint8Array(11)], out, plane), 'ERR_PIXCHAIN_LENGTH', 24)
    refuses((out) => px.mergeChannels([a, a], out, { ...plane, channels: 2 }), 'ERR_PIXCHAIN_SHAPE', 48)
    const shared = new Uint8Array(36)
    expect(() => px.mergeChannels([shared.subarray(0, 12), a, a], shared, plane)).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_ALIAS' }))
  })

  it('a Pipeline merge with a frame of several channels or a fifth channel is refused when added', () => {
    const rgba = { ...frame, channels: 4 }
    expect(() => new px.Pipeline(rgba).mergeChannels({ other: 'input' })).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_SHAPE' }))
    expect(() => new px.Pipeline(frame).save('x').mergeChannels({ other: 'x' })).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_SHAPE' }))
  })
})
