// Pipelines: the buffers each plan holds, results equal to stepping the same
// kernels through ImageBuffers, build-time errors naming the step, stats.

import { describe, expect, it } from 'vitest'

import { firstMismatch, makeFrame, samples, type Frame } from './frames'
import { px } from './pixchain'

const gray: Frame = { width: 40, height: 30, channels: 1, type: 'u8' }

describe('Pipeline', () => {
  it('chains of row-local steps hold no frame buffer; whole-frame steps hold the frames around them', () => {
    expect(new px.Pipeline(gray).gaussianBlur({ sigma: 1 }).stats).toMatchObject({ workBuffers: 0, frameBytes: 0, passes: 1 })
    const two = new px.Pipeline(gray).gaussianBlur({ sigma: 1 }).medianBlur().stats
    expect(two).toMatchObject({ workBuffers: 0, frameBytes: 0, passes: 1 })
    expect(two.lineBytes).toBeGreaterThan(0)
    expect(two.workBytes).toBe(two.lineBytes)
    const around = new px.Pipeline(gray).gaussianBlur({ sigma: 1 }).normalize().medianBlur().stats
    expect(around).toMatchObject({ workBuffers: 2, passes: 3 })
    expect(around.frameBytes).toBeGreaterThanOrEqual(2 * samples(gray))
    expect(around.workBytes).toBe(around.frameBytes + around.lineBytes)
  })

  it('a twelve-step u16 → f32 → u8 chain streams in one pass with no frame buffer and equals ImageBuffers', () => {
    const frame: Frame = { width: 48, height: 32, channels: 3, type: 'u16' }
    const steps = <T extends InstanceType<typeof px.KernelChain>>(chain: T): T =>
      chain
        .gaussianBlur({ sigma: 1 })
        .clip({ min: 1000, max: 60000 })
        .linear({ a: 1.1, b: -500 })
        .medianBlur({ ksize: 3 })
        .convert({ type: 'f32', scale: 1 / 65535 })
        .gaussianBlur({ sigma: 0.8 })
        .linear({ a: 2, b: -0.5 })
        .clip({ min: 0, max: 1 })
        .convert({ type: 'u8', scale: 255 })
        .medianBlur({ ksize: 5 })
        .threshold({ thresh: 100 })
        .gaussianBlur({ sigma: 1.5 })
    const pipeline = steps(new px.Pipeline(frame))
    expect(pipeline.outputSpec).toEqual({ ...frame, type: 'u8' })
    const input = makeFrame(frame, 'random', 100)
    const output = pipeline.run(input, new Uint8Array(samples(frame)))
    const stats = pipeline.stats
    // One streamed pass; the point steps fuse into the blurs and medians before them.
    expect(stats).toMatchObject({ workBuffers: 0, frameBytes: 0, passes: 1, runs: 1 })
    const { allocations } = stats
    const stepped = steps(new px.ImageBuffers({ ...frame, maxType: 'f32' }).load(input)).read()
    expect(firstMismatch(output, stepped)).toBeUndefined()
    for (let i = 0; i < 5; i++) pipeline.run(input, output)
    expect(pipeline.stats).toMatchObject({ allocations, runs: 6 })
  })

  it('fuses point operations into one pass, bit-identical to stepping them', () => {
    for (const type of ['u8', 'u16', 'i16', 'f32'] as const) {
      const frame: Frame = { width: 301, height: 17, channels: 3, type }
      const steps = <T extends InstanceType<typeof px.KernelChain>>(chain: T): T =>
        chain.clip({ min: 10, max: 20000 }).linear({ a: 1.5, b: -7 }).threshold({ thresh: 100, kind: 'trunc' }).invert()
      const pipeline = steps(new px.Pipeline(frame))
      const input = makeFrame(frame, 'random', 106)
      const output = pipeline.run(input)
      expect(pipeline.stats).toMatchObject({ passes: 1, workBuffers: 0 })
      expect(firstMismatch(output, steps(new px.ImageBuffers(frame).load(input)).read()), type).toBeUndefined()
    }
  })

  it('an unsharp mask streams with no frame buffer', () => {
    const input = makeFrame(gray, 'edges', 101)
    const pipeline = new px.Pipeline(gray).gaussianBlur({ sigma: 3 }).addWeighted({ other: 'input', alpha: -0.5, beta: 1.5, gamma: 0 })
    const output = pipeline.run(input)
    expect(pipeline.stats).toMatchObject({ workBuffers: 0, passes: 1 })
    const expected = new px.ImageBuffers(gray).load(input).gaussianBlur({ sigma: 3 }).addWeighted(input, { alpha: -0.5, beta: 1.5 }).read()
    expect(firstMismatch(output, expected)).toBeUndefined()
  })

  it('a difference of Gaussians streams both blurs side by side', () => {
    const input = makeFrame(gray, 'random', 102)
    const pipeline = new px.Pipeline(gray).gaussianBlur({ sigma: 1 }).save('g1').from('input').gaussianBlur({ sigma: 2 }).absdiff({ other: 'g1' })
    const output = pipeline.run(input, new Uint8Array(samples(gray)))
    expect(pipeline.stats).toMatchObject({ workBuffers: 0, passes: 1 })
    const g1 = px.gaussianBlur(input, new Uint8Array(samples(gray)), gray, { sigma: 1 })
    const g2 = px.gaussianBlur(input, new Uint8Array(samples(gray)), gray, { sigma: 2 })
    expect(firstMismatch(output, px.absdiff(g2, g1, new Uint8Array(samples(gray)), gray))).toBeUndefined()
  })

  it('infers the output spec through the steps', () => {
    const rgb: Frame = { width: 8, height: 6, channels: 3, type: 'u8' }
    const pipeline = new px.Pipeline(rgb).grayscale().convert({ type: 'f32', scale: 1 / 255 }).normalize({ kind: 'zscore' })
    expect(pipeline.outputSpec).toEqual({ width: 8, height: 6, channels: 1, type: 'f32' })
    expect(pipeline.run(makeFrame(rgb, 'random', 103))).toBeInstanceOf(Float32Array)
  })

  it('refuses at build time a step that cannot apply, naming it, and an unknown name', () => {
    const pipeline = new px.Pipeline(gray).gaussianBlur({ sigma: 1 })
    expect(() => pipeline.grayscale()).toThrow(
      expect.objectContaining({ code: 'ERR_PIXCHAIN_SHAPE', message: 'step 2 (grayscale): input: expected a 40×30×3 u8 frame, got 40×30×1 u8' }),
    )
    expect(() => pipeline.medianBlur({ ksize: 2 })).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_PARAM', message: expect.stringMatching(/^step 2 \(medianBlur\): ksize/) }))
    expect(() => pipeline.absdiff({ other: 'g9' })).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_PARAM' }))
    expect(() => pipeline.from('nowhere')).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_PARAM' }))
    expect(pipeline.stats.passes).toBe(1)
  })

  it('checks the output against outputSpec and leaves it untouched on error', () => {
    const pipeline = new px.Pipeline(gray).gaussianBlur({ sigma: 1 }).convert({ type: 'f32' })
    const output = new Float32Array(samples(gray) - 1).fill(7)
    expect(() => pipeline.run(new Uint8Array(samples(gray)), output)).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_LENGTH' }))
    // @ts-expect-error: the typings refuse a u8 output for an f32 pipeline too
    expect(() => pipeline.run(new Uint8Array(samples(gray)), new Uint8Array(samples(gray)))).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_TYPE' }))
    expect(output.every((v) => v === 7)).toBe(true)
  })

  it('a frame of another size is ERR_PIXCHAIN_SHAPE, or rebuilds the plan with resize: rebuild', () => {
    const small: Frame = { width: 20, height: 10, channels: 1, type: 'u8' }
    const strict = new px.Pipeline(gray).gaussianBlur({ sigma: 1 }).medianBlur()
    strict.run(makeFrame(gray, 'random', 104))
    expect(() => strict.run(new Uint8Array(200), undefined, small)).toThrow(
      expect.objectContaining({
        code: 'ERR_PIXCHAIN_SHAPE',
        message:
          "input: expected a 40×30×1 u8 frame, got 20×10×1 u8; for frames of another size, make the Pipeline with { resize: 'rebuild' } and pass the frame's spec to run()",
      }),
    )
    const flexible = new px.Pipeline(gray, { resize: 'rebuild' }).gaussianBlur({ sigma: 1 }).medianBlur()
    flexible.run(makeFrame(gray, 'random', 104))
    const input = makeFrame(small, 'edges', 105)
    const output = flexible.run(input, undefined, small)
    expect(flexible.outputSpec).toEqual(small)
    expect(flexible.stats).toMatchObject({ workBuffers: 0, frameBytes: 0, runs: 2 })
    const expected = new px.ImageBuffers(small).load(input).gaussianBlur({ sigma: 1 }).medianBlur().read()
    expect(firstMismatch(output, expected)).toBeUndefined()
  })

  it('dispose frees the pipeline; later calls throw ERR_PIXCHAIN_DISPOSED', () => {
    const pipeline = new px.Pipeline(gray).gaussianBlur({ sigma: 1 }).compile()
    pipeline[Symbol.dispose]()
    expect(pipeline.disposed).toBe(true)
    expect(() => pipeline.run(new Uint8Array(samples(gray)))).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_DISPOSED' }))
  })
})
