// Strided views: a region of a larger frame, read in place through its
// spec's `stride`, gives every one-shot kernel (and its promise) and every
// Pipeline the bytes the region copied out gives it.

import { describe, expect, it } from 'vitest'

import { PIXEL_TYPES, allocate, firstMismatch, makeFrame, samples, type Frame } from './frames'
import { px, type PixelArray, type PixelType } from './pixchain'

type Kernel = (input: PixelArray, output: PixelArray, spec: object, options?: object) => PixelArray

/** Each one-shot kernel with options, and the spec of what it writes from a frame. */
const KERNELS: [string, object, (f: Frame) => Frame][] = [
  ['clip', { min: 10, max: 200 }, (f) => f],
  ['linear', { a: 1.5, b: -3 }, (f) => f],
  ['threshold', { thresh: 90, kind: 'toZero' }, (f) => f],
  ['invert', {}, (f) => f],
  ['gamma', { gamma: 0.6 }, (f) => f],
  ['convert', { type: 'f32', scale: 0.5 }, (f) => ({ ...f, type: 'f32' })],
  ['normalize', {}, (f) => f],
  ['normalize', { kind: 'zscore' }, (f) => ({ ...f, type: 'f32' })],
  ['gaussianBlur', { sigma: 1.3 }, (f) => f],
  ['boxBlur', { ksize: 4, border: 'constant', borderValue: 5 }, (f) => f],
  ['medianBlur', { ksize: 5 }, (f) => f],
  ['sobel', { dx: 1, dy: 1 }, (f) => ({ ...f, type: f.type === 'u8' ? 'i16' : 'f32' })],
  ['convolve', { kernel: [1, -2, 1, 0.5], kernelWidth: 2 }, (f) => f],
  ['flip', { direction: 'horizontal' }, (f) => f],
  ['flip', { direction: 'both' }, (f) => f],
  ['rotate', { angle: 270 }, (f) => ({ ...f, width: f.height, height: f.width })],
  ['transpose', {}, (f) => ({ ...f, width: f.height, height: f.width })],
  ['pad', { top: 3, left: 2, border: 'reflect' }, (f) => ({ ...f, width: f.width + 2, height: f.height + 3 })],
  ['crop', { x: 2, y: 1, width: 4 }, (f) => ({ ...f, width: 4, height: f.height - 1 })],
]

const whole = (type: PixelType, channels: number): Frame => ({ width: 41, height: 29, channels, type })
const rect = { x: 5, y: 7, width: 17, height: 13 }

/** The region copied out: what a kernel on the view must equal. */
function copied(input: PixelArray, frame: Frame): PixelArray {
  const out = allocate(frame.type, rect.width * rect.height * frame.channels)
  for (let y = 0; y < rect.height; y++) {
    const from = ((rect.y + y) * frame.width + rect.x) * frame.channels
    out.set(input.subarray(from, from + rect.width * frame.channels), y * rect.width * frame.channels)
  }
  return out
}

describe.each(PIXEL_TYPES)('a strided view of %s', (type) => {
  it('is read in place by every one-shot kernel as its copy is', () => {
    for (const channels of [1, 3, 4]) {
      const frame = whole(type, channels)
      const input = makeFrame(frame, 'random', 41)
      const view = px.cropView(input, frame, rect)
      expect(view.spec).toEqual({ ...rect, x: undefined, y: undefined, channels, type, stride: 41 * channels })
      expect(view.data.buffer).toBe(input.buffer)
      const region: Frame = { width: rect.width, height: rect.height, channels, type }
      const copy = copied(input, frame)
      const kernels: [string, object, (f: Frame) => Frame][] = [...KERNELS]
      if (channels !== 1) kernels.push(['grayscale', { order: channels === 3 ? 'bgr' : 'rgba' }, (f) => ({ ...f, channels: 1 })])
      for (const [name, options, out] of kernels) {
        const kernel = (px as unknown as Record<string, Kernel>)[name]!
        const o = out(region)
        const expected = kernel(copy, allocate(o.type, samples(o)), region, options)
        const got = kernel(view.data, allocate(o.type, samples(o)), view.spec, options)
        expect(firstMismatch(got, expected), `${name} ${JSON.stringify(options)} on ${channels} channels`).toBeUndefined()
      }
    }
  })

  it('is read in place by the promise forms', async () => {
    const frame = whole(type, 3)
    const input = makeFrame(frame, 'random', 42)
    const view = px.cropView(input, frame, rect)
    const region: Frame = { width: rect.width, height: rect.height, channels: 3, type }
    const copy = copied(input, frame)
    for (const [name, options, out] of KERNELS) {
      const o = out(region)
      const kernel = (px as unknown as Record<string, Kernel>)[name]!
      const promised = (px.promises as unknown as Record<string, (...args: unknown[]) => Promise<PixelArray>>)[name]!
      const got = await promised(view.data, allocate(o.type, samples(o)), view.spec, options)
      expect(firstMismatch(got, kernel(copy, allocate(o.type, samples(o)), region, options)), name).toBeUndefined()
    }
  })
})

describe('a strided view read in place by a Pipeline', () => {
  it.each(PIXEL_TYPES)('%s: as its spec or run’s inputSpec, sync, async and in a batch, as its copy is', async (type) => {
    const frame = whole(type, 3)
    const input = makeFrame(frame, 'random', 43)
    const view = px.cropView(input, frame, rect)
    const region: Frame = { width: rect.width, height: rect.height, channels: 3, type }
    const copy = copied(input, frame)
    // Streamed steps, a two-image step reading the input, a whole-frame step.
    const build = (spec: object) =>
      new px.Pipeline(spec as Frame, { resize: 'rebuild' })
        .gaussianBlur({ sigma: 1.2 })
        .addWeighted({ other: 'input', alpha: -0.5, beta: 1.5 })
        .medianBlur({ ksize: 3 })
        .normalize()
        .invert()
    const expected = build(region).run(copy)
    expect(firstMismatch(build(view.spec).run(view.data), expected), 'spec').toBeUndefined()
    const other = build({ ...region, width: 3, height: 3 })
    expect(firstMismatch(other.run(view.data, undefined, view.spec), expected), 'inputSpec').toBeUndefined()
    expect(firstMismatch(other.run(copy, undefined, region), expected), 'inputSpec without a stride').toBeUndefined()
    expect(firstMismatch(await build(view.spec).runAsync(view.data), expected), 'runAsync').toBeUndefined()
    const batch = build(view.spec).runBatch([view.data, view.data], allocate(type, 2 * samples(region)))
    expect(firstMismatch(batch.subarray(samples(region)), expected), 'runBatch').toBeUndefined()
  })
})

describe('a strided view loaded into ImageBuffers', () => {
  it.each(PIXEL_TYPES)('%s: load(view.data, view.spec) starts the frame its copy starts', (type) => {
    const frame = whole(type, 3)
    const input = makeFrame(frame, 'random', 44)
    const view = px.cropView(input, frame, rect)
    const region: Frame = { width: rect.width, height: rect.height, channels: 3, type }
    const buffers = new px.ImageBuffers({ ...region, maxType: 'f32' })
    // A chain first, so the load must also reset the type and channels it left.
    buffers.load(copied(input, frame)).grayscale().convert({ type: 'f32' })
    const got = buffers.load(view.data, view.spec).read()
    expect(firstMismatch(got, copied(input, frame))).toBeUndefined()
    expect(buffers.spec).toEqual({ ...region })
    const unstrided = buffers.load(copied(input, frame), region).medianBlur({ ksize: 3 }).read()
    expect(firstMismatch(buffers.load(view.data, view.spec).medianBlur({ ksize: 3 }).read(), unstrided)).toBeUndefined()
  })
})

describe('strides refused', () => {
  const frame = { width: 6, height: 4, channels: 2, type: 'u16' } as const
  const input = new Uint16Array(48)

  it('a view of a view keeps the frame’s stride', () => {
    const pixels = Uint16Array.from({ length: 48 }, (_, i) => i)
    const outer = px.cropView(pixels, frame, { x: 1, y: 1, width: 4, height: 3 })
    const inner = px.cropView(outer.data, outer.spec, { x: 1, y: 1, width: 2, height: 2 })
    expect(inner.spec.stride).toBe(12)
    expect(Array.from(px.crop(inner.data, new Uint16Array(8), inner.spec))).toEqual([28, 29, 30, 31, 40, 41, 42, 43])
  })

  it.each([
    ['a stride shorter than a row', () => px.invert(input.subarray(0, 45), new Uint16Array(48), { ...frame, stride: 11 }), 'ERR_PIXCHAIN_SPEC', /stride: expected at least width × channels \(12\) samples, got 11/],
    ['a span of another length', () => px.invert(input.subarray(0, 50), new Uint16Array(48), { ...frame, stride: 13 }), 'ERR_PIXCHAIN_LENGTH', /input: expected 102 bytes for 6×4×2 u16 with rows 13 samples apart/],
    ['a stride shorter than a row in a Pipeline', () => new px.Pipeline({ ...frame, stride: 11 }).invert().run(input.subarray(0, 45)), 'ERR_PIXCHAIN_SPEC', /stride: expected at least width × channels \(12\) samples, got 11/],
    ['a span of another length in a Pipeline', () => new px.Pipeline({ ...frame, stride: 13 }).invert().run(input), 'ERR_PIXCHAIN_LENGTH', /input: expected 102 bytes for 6×4×2 u16 with rows 13 samples apart/],
    ['a stride in ImageBuffers', () => new px.ImageBuffers({ ...frame, stride: 13 }), 'ERR_PIXCHAIN_SPEC', /stride: expected 12 \(width × channels: only the one-image kernels, Pipeline and ImageBuffers.load/],
    ['a view of another shape loaded into ImageBuffers', () => new px.ImageBuffers(frame).load(input.subarray(0, 37), { ...frame, width: 5, stride: 13 }), 'ERR_PIXCHAIN_SHAPE', /input: expected a 6×4×2 u16 frame, got 5×4×2 u16/],
    ['a span of another length loaded into ImageBuffers', () => new px.ImageBuffers(frame).load(input.subarray(0, 50), { ...frame, stride: 13 }), 'ERR_PIXCHAIN_LENGTH', /input: expected 102 bytes for 6×4×2 u16 with rows 13 samples apart/],
    ['a stride for two images', () => px.add(input, input, new Uint16Array(48), { ...frame, stride: 13 }), 'ERR_PIXCHAIN_SPEC', /stride/],
    ['a rectangle outside the frame', () => px.cropView(input, frame, { x: 2, y: 0, width: 5, height: 1 }), 'ERR_PIXCHAIN_PARAM', /width: expected from 1 to 4 \(width 6 − x 2\), got 5/],
    ['a frame of another length', () => px.cropView(input.subarray(1), frame, { x: 0, y: 0, width: 1, height: 1 }), 'ERR_PIXCHAIN_LENGTH', /expected 96 bytes for 6×4×2 u16, got 94/],
  ])('%s', (_, call, code, message) => {
    expect(call).toThrow(expect.objectContaining({ code, message: expect.stringMatching(message) }))
  })

  it('a stride equal to the row is a frame without gaps, everywhere', () => {
    const pipeline = new px.Pipeline({ ...frame, stride: 12 }).invert()
    expect(firstMismatch(pipeline.run(input), px.invert(input, new Uint16Array(48), { ...frame, stride: 12 }))).toBeUndefined()
  })
})
