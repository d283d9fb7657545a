// toTensor against its definition in f32 arithmetic on every pixel type,
// channel count and layout, against OpenCV.js's dnn.blobFromImage where the
// two formulas meet (no mean, a scale that is a power of two), and in every form.

import { beforeAll, describe, expect, it } from 'vitest'

import { PIXEL_TYPES, allocate, comparisonFrames, firstMismatch, makeFrame, samples, type Frame } from './frames'
import { loadOpenCv, type OpenCv } from './opencv'
import { px } from './pixchain'
import type { PixelArray } from '../index'

type Layout = 'chw' | 'hwc'

interface Options {
  scale?: number
  mean?: number | number[]
  std?: number | number[]
  layout?: Layout
  swapRB?: boolean
}

const f = Math.fround
const at = (value: number | number[] | undefined, c: number, fallback: number) =>
  value === undefined ? fallback : typeof value === 'number' ? value : value[c]!

/** `(x·scale − mean[c]) / std[c]`, each operand and step rounded to f32. */
function definition(input: PixelArray, frame: Frame, options: Options): Float32Array {
  const { width, height, channels } = frame
  const out = new Float32Array(samples(frame))
  const scale = f(options.scale ?? 1)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        const from = options.swapRB && c !== 1 && c < 3 ? 2 - c : c
        const v = f(input[(y * width + x) * channels + from]!)
        const t = f(f(f(v * scale) - f(at(options.mean, c, 0))) / f(at(options.std, c, 1)))
        const to = (options.layout ?? 'chw') === 'chw' ? (c * height + y) * width + x : (y * width + x) * channels + c
        out[to] = t
      }
    }
  }
  return out
}

const CASES: Options[] = [
  {},
  { scale: 1 / 255, mean: [0.485, 0.456, 0.406, 0.5], std: [0.229, 0.224, 0.225, 0.25] },
  { scale: 1 / 255, mean: 0.5, std: 0.5, layout: 'hwc' },
  { scale: 2, mean: -3, std: [3, -7, 0.1, 1], swapRB: true },
  { scale: 0.001, layout: 'hwc', swapRB: true },
]

/** The case with its per-channel lists cut to the frame's channels (swapRB only on 3 or 4). */
const fitted = (options: Options, channels: number): Options | undefined => {
  if (options.swapRB && channels < 3) return undefined
  const cut = (v: number | number[] | undefined) => (Array.isArray(v) ? v.slice(0, channels) : v)
  return { ...options, mean: cut(options.mean), std: cut(options.std) }
}

describe('toTensor', () => {
  it.each(PIXEL_TYPES)('%s frames equal the definition in both layouts, one-shot and promise', async (type) => {
    for (const { frame, kind, input } of comparisonFrames(type, [1, 3, 4], 41)) {
      for (const base of CASES) {
        const options = fitted(base, frame.channels)
        if (!options) continue
        const expected = definition(input, frame, options)
        const ours = px.toTensor(input, new Float32Array(samples(frame)), frame, options)
        expect(firstMismatch(ours, expected), `${kind} ${frame.width}×${frame.height}×${frame.channels} ${JSON.stringify(options)}`).toBeUndefined()
        const promised = await px.promises.toTensor(input, new Float32Array(samples(frame)), frame, options)
        expect(firstMismatch(promised, ours)).toBeUndefined()
      }
    }
  })

  it('a Pipeline and ImageBuffers give the one-shot bytes, after a resize and between blurs', () => {
    const frame = { width: 67, height: 45, channels: 3, type: 'u8' } as const
    const input = makeFrame(frame, 'random', 5) as Uint8Array
    const options = { scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225], swapRB: true }
    for (const layout of ['chw', 'hwc'] as const) {
      const small = { ...frame, width: 32, height: 24 }
      const resized = px.resize(input, new Uint8Array(samples(small)), frame, { width: 32, height: 24 })
      const blurred = px.gaussianBlur(resized, new Uint8Array(samples(small)), small, { sigma: 1 })
      const expected = px.toTensor(blurred, new Float32Array(samples(small)), small, { ...options, layout })
      const pipeline = new px.Pipeline(frame).resize({ width: 32, height: 24 }).gaussianBlur({ sigma: 1 }).toTensor({ ...options, layout })
      const run = pipeline.run(input)
      expect(run).toBeInstanceOf(Float32Array)
      expect(firstMismatch(run, expected), layout).toBeUndefined()
      expect(firstMismatch(pipeline.run(input), expected), `${layout} rerun`).toBeUndefined()
      const buffers = new px.ImageBuffers({ ...small, maxType: 'f32' })
      buffers.load(blurred)
      buffers.toTensor({ ...options, layout })
      expect(firstMismatch(buffers.read(), expected), `${layout} ImageBuffers`).toBeUndefined()
    }
  })

  it('refuses a zero deviation, lists of another length, swapRB on gray and an unknown layout, leaving the output untouched', () => {
    const frame = { width: 8, height: 4, channels: 3, type: 'u8' } as const
    const input = new Uint8Array(samples(frame)).fill(9)
    const bad: [object, string][] = [
      [{ std: 0 }, 'ERR_PIXCHAIN_PARAM'],
      [{ mean: [1, 2] }, 'ERR_PIXCHAIN_PARAM'],
      [{ layout: 'nchw' }, 'ERR_PIXCHAIN_PARAM'],
      [{ scale: Number.NaN }, 'ERR_PIXCHAIN_PARAM'],
    ]
    for (const [options, code] of bad) {
      const output = new Float32Array(samples(frame)).fill(-1)
      expect(() => px.toTensor(input, output, frame, options as never), JSON.stringify(options)).toThrow(expect.objectContaining({ code }))
      expect(output.every((v) => v === -1)).toBe(true)
    }
    const gray = { ...frame, channels: 1 } as const
    expect(() => px.toTensor(new Uint8Array(32), new Float32Array(32), gray, { swapRB: true })).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_PARAM' }))
    expect(() => px.toTensor(input, new Float32Array(samples(frame) - 1), frame)).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_LENGTH' }))
  })
})

describe('against OpenCV.js dnn.blobFromImage', () => {
  let cv: OpenCv
  beforeAll(async () => {
    ;({ cv } = await loadOpenCv())
  })

  it('equals the NCHW blob of u8 frames, with and without swapRB', () => {
    for (const channels of [1, 3]) {
      for (const swapRB of channels === 3 ? [false, true] : [false]) {
        const frame = { width: 37, height: 23, channels, type: 'u8' } as const
        const input = makeFrame(frame, 'random', 11 + channels) as Uint8Array
        const scale = 1 / 256
        const src = cv.matFromArray(frame.height, frame.width, cv[`CV_8UC${channels}`], Array.from(input))
        const blob = cv.blobFromImage(src, scale, new cv.Size(frame.width, frame.height), new cv.Scalar(0, 0, 0, 0), swapRB, false)
        const theirs = Float32Array.from(blob.data32F as Float32Array)
        src.delete()
        blob.delete()
        const ours = px.toTensor(input, allocate('f32', samples(frame)) as Float32Array, frame, { scale, swapRB })
        expect(firstMismatch(ours, theirs), `${channels} channels, swapRB ${swapRB}`).toBeUndefined()
      }
    }
  })
})

describe('batches: toTensorBatch and Pipeline.runBatch', () => {
  const frame = { width: 23, height: 11, channels: 3, type: 'u8' } as const
  const options = { scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225], swapRB: true }
  const frames = [0, 1, 2].map((seed) => makeFrame(frame, 'random', 20 + seed) as Uint8Array)
  const n = samples(frame)

  it('write frame i at i·(width·height·channels), each as its definition: one-shot, promise and a pipeline with a resize', async () => {
    const expected = new Float32Array(3 * n)
    frames.forEach((input, i) => expected.set(definition(input, frame, options), i * n))
    expect(firstMismatch(px.toTensorBatch(frames, new Float32Array(3 * n), frame, options), expected)).toBeUndefined()
    const promised = await px.promises.toTensorBatch(frames, new Float32Array(3 * n), frame, options)
    expect(firstMismatch(promised, expected), 'promise').toBeUndefined()

    const small = { ...frame, width: 8, height: 6 }
    const m = samples(small)
    const resized = new Float32Array(3 * m)
    for (const [i, input] of frames.entries()) {
      const r = px.resize(input, new Uint8Array(m), frame, { width: 8, height: 6 })
      resized.set(definition(r, small, options), i * m)
    }
    const pipeline = new px.Pipeline(frame).resize({ width: 8, height: 6 }).toTensor(options)
    expect(firstMismatch(pipeline.runBatch(frames, new Float32Array(3 * m)), resized), 'pipeline').toBeUndefined()
  })

  it('refuse an empty batch, frames of mixed kinds or lengths, an output of another length or sharing memory, and bad options, writing nothing', () => {
    const pipeline = new px.Pipeline(frame).toTensor(options)
    const runners: [string, (inputs: PixelArray[], output: Float32Array, o?: object) => unknown][] = [
      ['toTensorBatch', (inputs, output, o = options) => px.toTensorBatch(inputs, output, frame, o)],
      ['runBatch', (inputs, output) => pipeline.runBatch(inputs as Uint8Array[], output)],
    ]
    const shared = new Float32Array(3 * n)
    const cases: [string, PixelArray[], Float32Array, string, object?][] = [
      ['empty', [], new Float32Array(0), 'ERR_PIXCHAIN_TYPE'],
      ['short frame', [frames[0]!, frames[1]!.subarray(1)], new Float32Array(2 * n), 'ERR_PIXCHAIN_LENGTH'],
      ['mixed kinds', [frames[0]!, new Uint16Array(n)], new Float32Array(2 * n), 'ERR_PIXCHAIN_TYPE'],
      ['all of the wrong kind', [new Uint16Array(n), new Uint16Array(n)], new Float32Array(2 * n), 'ERR_PIXCHAIN_TYPE'],
      ['output short', frames, new Float32Array(3 * n - 1), 'ERR_PIXCHAIN_LENGTH'],
      ['input in the output', [frames[0]!, new Uint8Array(shared.buffer, 4 * n, n)], shared, 'ERR_PIXCHAIN_ALIAS'],
    ]
    for (const [name, run] of runners) {
      for (const [what, inputs, output, code] of cases) {
        output.fill(-1)
        expect(() => run(inputs, output), `${name}: ${what}`).toThrow(expect.objectContaining({ code }))
        expect(output.every((v) => v === -1), `${name}: ${what} wrote`).toBe(true)
      }
    }
    const output = new Float32Array(3 * n).fill(-1)
    expect(() => px.toTensorBatch(frames, output, frame, { std: 0 })).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_PARAM' }))
    expect(output.every((v) => v === -1)).toBe(true)
  })
})
