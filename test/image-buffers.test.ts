// ImageBuffers: chains in two buffers, type changes within them, results
// equal to the one-shot kernels, and dispose.

import { describe, expect, it } from 'vitest'

import { allocate, firstMismatch, makeFrame, samples, type Frame } from './frames'
import { px } from './pixchain'
import * as ref from './reference'

const frame: Frame = { width: 48, height: 32, channels: 3, type: 'u16' }

describe('ImageBuffers', () => {
  it('a chain of twelve steps holds two buffers and allocates nothing more', () => {
    const bufs = new px.ImageBuffers(frame)
    const before = bufs.stats
    expect(before.allocations).toBe(2)
    expect(before.bytes).toBeGreaterThanOrEqual(2 * samples(frame) * 2)
    bufs.load(makeFrame(frame, 'random', 1))
    for (let i = 0; i < 3; i++) {
      bufs
        .gaussianBlur({ sigma: 1.5 })
        .clip({ min: 1000, max: 60000 })
        .linear({ a: 1.01, b: -3 })
        .medianBlur({ ksize: 3 })
    }
    expect(bufs.stats).toEqual(before)
  })

  it('chained results equal the one-shot kernels run step by step', () => {
    const input = makeFrame(frame, 'edges', 2)
    const chained = new px.ImageBuffers(frame)
      .load(input)
      .gaussianBlur({ sigma: 2 })
      .clip({ min: 10, max: 50000 })
      .linear({ a: 1.25, b: 3 })
      .medianBlur({ ksize: 3 })
      .threshold({ thresh: 30000, kind: 'trunc' })
      .read(new Uint16Array(samples(frame)))

    const n = samples(frame)
    let step = px.gaussianBlur(input, new Uint16Array(n), frame, { sigma: 2 })
    step = px.clip(step, new Uint16Array(n), frame, { min: 10, max: 50000 })
    step = px.linear(step, new Uint16Array(n), frame, { a: 1.25, b: 3 })
    step = px.medianBlur(step, new Uint16Array(n), frame, { ksize: 3 })
    step = px.threshold(step, new Uint16Array(n), frame, { thresh: 30000, kind: 'trunc' })
    expect(firstMismatch(chained, step)).toBeUndefined()
  })

  it('a u16 → f32 → u8 chain stays in the same two allocations', () => {
    const gray: Frame = { width: 40, height: 30, channels: 1, type: 'u16' }
    const bufs = new px.ImageBuffers({ ...gray, maxType: 'f32' })
    const before = bufs.stats
    expect(before.bytes).toBeGreaterThanOrEqual(2 * samples(gray) * 4)
    const input = makeFrame(gray, 'gradient', 3)
    bufs.load(input).convert({ type: 'f32', scale: 1 / 65535 })
    expect(bufs.spec).toEqual({ width: 40, height: 30, channels: 1, type: 'f32' })
    bufs.linear({ a: 2, b: -0.5 }).convert({ type: 'u8', scale: 255 })
    expect(bufs.spec.type).toBe('u8')
    expect(bufs.stats).toEqual(before)

    const floats = ref.linear(ref.convert(input, 'f32', 1 / 65535), 'f32', 2, -0.5)
    const expected = ref.convert(floats, 'u8', 255)
    expect(firstMismatch(bufs.read(new Uint8Array(samples(gray))), expected)).toBeUndefined()
  })

  it('read() without an output returns a new array of the active type', () => {
    const bufs = new px.ImageBuffers({ width: 2, height: 2, type: 'i16' })
    bufs.load(Int16Array.from([-3, 1, 4, -1])).convert({ type: 'u8' })
    const out = bufs.read()
    expect(out).toBeInstanceOf(Uint8Array)
    expect(Array.from(out)).toEqual([0, 1, 4, 0])
  })

  it('converting wider than maxType is refused and keeps the frame', () => {
    const bufs = new px.ImageBuffers({ width: 3, height: 1, type: 'u8' })
    bufs.load(Uint8Array.from([1, 2, 3]))
    expect(() => bufs.convert({ type: 'f32' })).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_CAPACITY' }))
    expect(bufs.spec.type).toBe('u8')
    expect(Array.from(bufs.read())).toEqual([1, 2, 3])
  })

  it('a failed step leaves the active frame as it was', () => {
    const bufs = new px.ImageBuffers({ width: 3, height: 1, type: 'f32' })
    bufs.load(Float32Array.from([0.5, 1.5, 2.5]))
    expect(() => bufs.medianBlur({ ksize: 4 })).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_PARAM' }))
    expect(() => bufs.gaussianBlur({ sigma: NaN })).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_PARAM' }))
    expect(Array.from(bufs.read())).toEqual([0.5, 1.5, 2.5])
  })

  it('dispose frees the buffers; later calls throw ERR_PIXCHAIN_DISPOSED', () => {
    const bufs = new px.ImageBuffers({ width: 4, height: 4, type: 'u8' })
    expect(bufs.disposed).toBe(false)
    bufs[Symbol.dispose]()
    expect(bufs.disposed).toBe(true)
    const disposed = expect.objectContaining({ code: 'ERR_PIXCHAIN_DISPOSED' })
    expect(() => bufs.load(new Uint8Array(16))).toThrow(disposed)
    expect(() => bufs.clip({ min: 1 })).toThrow(disposed)
    expect(() => bufs.read(new Uint8Array(16))).toThrow(disposed)
    expect(() => bufs.stats).toThrow(disposed)
    bufs.dispose()
  })

  it('`using` disposes at the end of the scope', () => {
    let escaped: InstanceType<typeof px.ImageBuffers> | undefined
    {
      using bufs = new px.ImageBuffers({ width: 4, height: 4, type: 'u8' })
      escaped = bufs
      expect(escaped.disposed).toBe(false)
    }
    expect(escaped.disposed).toBe(true)
  })

  it('works on every pixel type with 1 to 4 channels', () => {
    for (const type of ['u8', 'u16', 'i16', 'f32'] as const) {
      for (const channels of [1, 2, 3, 4]) {
        const spec: Frame = { width: 9, height: 7, channels, type }
        const input = makeFrame(spec, 'random', channels)
        const out = new px.ImageBuffers(spec).load(input).medianBlur({ ksize: 5 }).read(allocate(type, samples(spec)))
        expect(firstMismatch(out, ref.median(input, spec, 5))).toBeUndefined()
      }
    }
  })
})
