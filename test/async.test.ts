// Asynchronous runs: the same frames as synchronous ones, off the event
// loop, one run per pipeline at a time, stopped by an AbortSignal without
// touching the output.

import { describe, expect, it } from 'vitest'

import { firstMismatch, makeFrame, type Frame } from './frames'
import { px } from './pixchain'
import { rejection } from './rejection'

const small: Frame = { width: 97, height: 61, channels: 1, type: 'u16' }
// Six 5×5 medians on a 2000×2000 frame: tens of milliseconds, time to abort mid-run.
const large: Frame = { width: 2000, height: 2000, channels: 1, type: 'u16' }

/** Three passes: a streamed pass writes the output as it goes, so an abort takes effect between passes. */
function heavy() {
  const pipeline = new px.Pipeline(large)
  for (let i = 0; i < 3; i++) pipeline.medianBlur({ ksize: 5 })
  pipeline.normalize({ kind: 'minmax' })
  for (let i = 0; i < 3; i++) pipeline.medianBlur({ ksize: 5 })
  return pipeline
}

describe('Pipeline.runAsync', () => {
  it('gives the frame run gives', async () => {
    const input = makeFrame(small, 'random', 4)
    const pipeline = new px.Pipeline(small).gaussianBlur({ sigma: 1.5 }).save('blur').medianBlur({ ksize: 3 }).subtract({ other: 'blur' })
    const expected = pipeline.run(input)
    const output = new Uint16Array(expected.length)
    expect(await pipeline.runAsync(input, output)).toBe(output)
    expect(firstMismatch(output, expected)).toBeUndefined()
    expect(firstMismatch(await pipeline.runAsync(input), expected)).toBeUndefined()
  })

  it('leaves the event loop free while it runs', async () => {
    const input = makeFrame(large, 'random', 1)
    let ticks = 0
    const timer = setInterval(() => ticks++, 1)
    await heavy().runAsync(input)
    clearInterval(timer)
    expect(ticks).toBeGreaterThan(0)
  })

  it('runs two pipelines at once', async () => {
    const a = makeFrame(small, 'random', 7)
    const b = makeFrame(small, 'gradient', 8)
    const first = new px.Pipeline(small).gaussianBlur({ sigma: 2 })
    const second = new px.Pipeline(small).medianBlur({ ksize: 5 }).linear({ a: 0.5 })
    const [x, y] = await Promise.all([first.runAsync(a), second.runAsync(b)])
    expect(firstMismatch(x, first.run(a))).toBeUndefined()
    expect(firstMismatch(y, second.run(b))).toBeUndefined()
  })

  it('refuses any other call while a run is in flight, and takes calls again after', async () => {
    const input = makeFrame(large, 'random', 2)
    const pipeline = heavy()
    const run = pipeline.runAsync(input)
    for (const call of [() => pipeline.run(input), () => pipeline.clip({ max: 3 }), () => pipeline.stats]) {
      expect(call).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_BUSY', message: expect.stringMatching(/expected .+ got /) }))
    }
    expect((await rejection(pipeline.runAsync(input))).code).toBe('ERR_PIXCHAIN_BUSY')
    await run
    expect(pipeline.stats.runs).toBe(1)
    pipeline.run(input)
    expect(pipeline.stats.runs).toBe(2)
  })

  it('rejects bad frames with their codes and leaves the output untouched', async () => {
    const pipeline = new px.Pipeline(small).clip({ max: 9 })
    const output = new Uint16Array(97 * 61).fill(5)
    expect((await rejection(pipeline.runAsync(new Uint16Array(10), output))).code).toBe('ERR_PIXCHAIN_LENGTH')
    expect((await rejection(pipeline.runAsync(new Uint8Array(97 * 61), output))).code).toBe('ERR_PIXCHAIN_TYPE')
    expect((await rejection(pipeline.runAsync(output, output))).code).toBe('ERR_PIXCHAIN_ALIAS')
    expect((await rejection(pipeline.runAsync(output, undefined, { signal: 'stop' as never }))).code).toBe('ERR_PIXCHAIN_PARAM')
    expect(output.every((v) => v === 5)).toBe(true)
  })
})

describe('AbortSignal', () => {
  it('an aborted signal rejects at once with its reason and touches nothing', async () => {
    const pipeline = new px.Pipeline(small).gaussianBlur({ sigma: 1 })
    const output = new Uint16Array(97 * 61).fill(9)
    const controller = new AbortController()
    controller.abort()
    const error = await rejection(pipeline.runAsync(makeFrame(small, 'random', 3), output, { signal: controller.signal }))
    expect(error.name).toBe('AbortError')
    expect(error).toBe(controller.signal.reason)
    expect(output.every((v) => v === 9)).toBe(true)
    expect(pipeline.stats.runs).toBe(0)
  })

  it('an abort during the run stops it before its last step, output untouched', async () => {
    const pipeline = heavy()
    const output = new Uint16Array(2000 * 2000).fill(9)
    const controller = new AbortController()
    const run = pipeline.runAsync(makeFrame(large, 'random', 5), output, { signal: controller.signal })
    setTimeout(() => controller.abort(), 2)
    const error = await rejection(run)
    expect(error.name).toBe('AbortError')
    expect(output.every((v) => v === 9)).toBe(true)
    // The pipeline runs again afterwards.
    const input = makeFrame(large, 'random', 6)
    expect(firstMismatch(await pipeline.runAsync(input), pipeline.run(input))).toBeUndefined()
  })

  it('dispose during a run stops it and frees the pipeline', async () => {
    const pipeline = heavy()
    const run = pipeline.runAsync(makeFrame(large, 'random', 5))
    pipeline.dispose()
    expect((await rejection(run)).code).toBe('ERR_PIXCHAIN_ABORTED')
    expect(pipeline.disposed).toBe(true)
    expect(() => pipeline.run(new Uint16Array(4))).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_DISPOSED' }))
  })
})

describe('promises', () => {
  const frame: Frame = { width: 83, height: 47, channels: 3, type: 'u8' }
  const input = makeFrame(frame, 'random', 9)
  const cases = {
    gaussianBlur: () => [px.promises.gaussianBlur(input, new Uint8Array(input.length), frame, { sigma: 2 }), px.gaussianBlur(input, new Uint8Array(input.length), frame, { sigma: 2 })],
    medianBlur: () => [px.promises.medianBlur(input, new Uint8Array(input.length), frame, { ksize: 5 }), px.medianBlur(input, new Uint8Array(input.length), frame, { ksize: 5 })],
    convert: () => [px.promises.convert(input, new Float32Array(input.length), frame, { type: 'f32', scale: 1 / 255 }), px.convert(input, new Float32Array(input.length), frame, { type: 'f32', scale: 1 / 255 })],
    grayscale: () => [px.promises.grayscale(input, new Uint8Array(input.length / 3), frame), px.grayscale(input, new Uint8Array(input.length / 3), frame)],
  }
  for (const [name, make] of Object.entries(cases)) {
    it(`${name} resolves to the synchronous result`, async () => {
      const [promise, expected] = make()
      expect(firstMismatch(await (promise as Promise<ArrayLike<number>>), expected as ArrayLike<number>)).toBeUndefined()
    })
  }

  it('two-image kernels resolve to the synchronous result', async () => {
    const other = makeFrame(frame, 'gradient', 10)
    const sync = px.addWeighted(input, other, new Uint8Array(input.length), frame, { alpha: 0.3, beta: 0.9, gamma: 4 })
    const output = new Uint8Array(input.length)
    expect(await px.promises.addWeighted(input, other, output, frame, { alpha: 0.3, beta: 0.9, gamma: 4 })).toBe(output)
    expect(firstMismatch(output, sync)).toBeUndefined()
    expect(firstMismatch(await px.promises.absdiff(input, other, new Uint8Array(input.length), frame), px.absdiff(input, other, new Uint8Array(input.length), frame))).toBeUndefined()
    expect((await rejection(px.promises.add(input, other, input, frame))).code).toBe('ERR_PIXCHAIN_ALIAS')
    expect((await rejection(px.promises.subtract(input, other.subarray(3), output, frame))).code).toBe('ERR_PIXCHAIN_LENGTH')
    expect((await rejection(px.promises.multiply(input, other, output, frame, { scale: Number.NaN }))).code).toBe('ERR_PIXCHAIN_PARAM')
  })

  it("Otsu's level and threshold resolve to the synchronous ones", async () => {
    const gray: Frame = { width: 83, height: 47, channels: 1, type: 'u8' }
    const pixels = makeFrame(gray, 'gradient', 2)
    const expected = new Uint8Array(pixels.length)
    const level = px.thresholdOtsu(pixels, expected, gray)
    expect(await px.promises.otsuThreshold(pixels, gray)).toBe(px.otsuThreshold(pixels, gray))
    const output = new Uint8Array(pixels.length)
    expect(await px.promises.thresholdOtsu(pixels, output, gray)).toBe(level)
    expect(firstMismatch(output, expected)).toBeUndefined()
    expect((await rejection(px.promises.otsuThreshold(new Uint16Array(4), { width: 2, height: 2, channels: 1, type: 'u16' }))).code).toBe('ERR_PIXCHAIN_TYPE')
  })

  it('rejects bad options and aborted signals', async () => {
    const output = new Uint8Array(input.length)
    expect((await rejection(px.promises.medianBlur(input, output, frame, { ksize: 4 }))).code).toBe('ERR_PIXCHAIN_PARAM')
    expect((await rejection(px.promises.clip(input, output, frame, { nope: 1 } as never))).code).toBe('ERR_PIXCHAIN_PARAM')
    const controller = new AbortController()
    controller.abort()
    expect((await rejection(px.promises.clip(input, output, frame, {}, { signal: controller.signal }))).name).toBe('AbortError')
    expect(output.every((v) => v === 0)).toBe(true)
  })
})
