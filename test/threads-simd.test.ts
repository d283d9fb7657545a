// Threads and SIMD paths change speed, never results: every thread count and
// every path this CPU runs give the one-thread scalar output, bit for bit.

import { afterAll, describe, expect, it } from 'vitest'

import { PIXEL_TYPES, allocate, firstMismatch, makeFrame, samples, type Frame } from './frames'
import { px, type PixelArray } from './pixchain'

const initialThreads = px.getThreads()
const initialPath = px.simdPath()
afterAll(() => {
  px.setThreads(initialThreads)
  px.setSimdPath(initialPath)
})

type Kernel = (input: PixelArray, output: PixelArray, spec: Frame) => unknown

const KERNELS: Record<string, Kernel> = {
  gaussianBlur: (i, o, s) => px.gaussianBlur(i, o, s, { sigma: 2 }),
  boxBlur: (i, o, s) => px.boxBlur(i, o, s, { ksize: 5 }),
  medianBlur3: (i, o, s) => px.medianBlur(i, o, s, { ksize: 3 }),
  medianBlur5: (i, o, s) => px.medianBlur(i, o, s, { ksize: 5 }),
  medianBlur9: (i, o, s) => px.medianBlur(i, o, s, { ksize: 9 }),
  linear: (i, o, s) => px.linear(i, o, s, { a: 1.25, b: 3 }),
  threshold: (i, o, s) => px.threshold(i, o, s, { thresh: 100 }),
  clip: (i, o, s) => px.clip(i, o, s, { min: 10, max: 200 }),
}

function run(kernel: Kernel, frame: Frame, input: PixelArray): PixelArray {
  const output = allocate(frame.type, samples(frame))
  kernel(input, output, frame)
  return output
}

describe('threads', () => {
  it('setThreads takes integers ≥ 1 and getThreads reports it', () => {
    px.setThreads(3)
    expect(px.getThreads()).toBe(3)
    for (const bad of [0, -1, 1.5, Number.NaN, '2']) {
      expect(() => px.setThreads(bad as number)).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_PARAM' }))
    }
    expect(px.getThreads()).toBe(3)
  })

  for (const type of PIXEL_TYPES) {
    // Large enough to split: strips take at least 16 rows and 2¹⁴ samples.
    const frame: Frame = { width: 160, height: 211, channels: type === 'u8' ? 3 : 1, type }
    const input = makeFrame(frame, 'random', 11)
    it(`any thread count gives the one-thread result (${type})`, () => {
      for (const [name, kernel] of Object.entries(KERNELS)) {
        px.setThreads(1)
        const one = run(kernel, frame, input)
        for (const threads of [2, 3, 8]) {
          px.setThreads(threads)
          expect(firstMismatch(run(kernel, frame, input), one), `${name} with ${threads} threads`).toBeUndefined()
        }
      }
    })
  }

  it('a pipeline with its own thread count gives the same frame', () => {
    const frame: Frame = { width: 240, height: 150, channels: 1, type: 'u16' }
    const input = makeFrame(frame, 'random', 3)
    const build = (threads: number) =>
      new px.Pipeline(frame, { threads }).gaussianBlur({ sigma: 1.5 }).medianBlur({ ksize: 5 }).linear({ a: 0.5, b: 9 })
    const one = build(1).run(input)
    for (const threads of [2, 5]) {
      expect(firstMismatch(build(threads).run(input), one)).toBeUndefined()
    }
    expect(() => new px.Pipeline(frame, { threads: 0 })).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_PARAM' }))
  })
})

describe('SIMD paths', () => {
  it('lists the paths this CPU runs, scalar last, and refuses others', () => {
    const paths = px.simdPaths()
    expect(paths.at(-1)).toBe('scalar')
    expect(paths).toContain(px.simdPath())
    for (const missing of (['avx2', 'sse4.1', 'neon', 'simd128', 'avx512'] as const).filter((p) => !paths.includes(p as never))) {
      expect(() => px.setSimdPath(missing as never)).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_PARAM' }))
    }
  })

  for (const type of PIXEL_TYPES) {
    const frame: Frame = { width: 71, height: 29, channels: 1, type }
    const input = makeFrame(frame, 'random', 5)
    it(`every path gives the scalar result (${type})`, () => {
      px.setThreads(2)
      for (const [name, kernel] of Object.entries(KERNELS)) {
        px.setSimdPath('scalar')
        const scalar = run(kernel, frame, input)
        for (const path of px.simdPaths()) {
          px.setSimdPath(path)
          expect(px.simdPath()).toBe(path)
          expect(firstMismatch(run(kernel, frame, input), scalar), `${name} on ${path}`).toBeUndefined()
        }
      }
    })
  }
})
