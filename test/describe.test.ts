// Pipeline.describe() and util.inspect: the plan as the command line prints
// it — the steps as they were called, the specs, the buffers and passes of
// `stats` — and, during a run or once disposed, what can still be said.

import { inspect } from 'node:util'

import { describe, expect, it } from 'vitest'

import { makeFrame, type Frame } from './frames'
import { px } from './pixchain'

const rgb: Frame = { width: 97, height: 61, channels: 3, type: 'u8' }
const gray: Frame = { width: 40, height: 30, channels: 1, type: 'u8' }

/** The buffers line `stats` gives, as describe() words it. */
function buffersLine({ workBuffers, frameBytes, lineBytes, passes }: InstanceType<typeof px.Pipeline>['stats']): string {
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`
  return `buffers: ${workBuffers} frame buffer${workBuffers === 1 ? '' : 's'} (${mib(frameBytes)}), line buffers ${mib(lineBytes)}, ${passes} pass${passes === 1 ? '' : 'es'} a frame`
}

describe('Pipeline.describe', () => {
  it('prints the steps as called, the specs in and out, and the figures of stats', () => {
    const pipeline = new px.Pipeline(rgb).grayscale().gaussianBlur({ sigma: 2 }).clip({ min: 10, max: 200 }).medianBlur({ ksize: 3 })
    const text = pipeline.describe()
    expect(text.split('\n')).toEqual([
      'plan: grayscale() → gaussianBlur(sigma=2) → clip(min=10, max=200) → medianBlur(ksize=3)',
      'spec: 97×61×3 u8 → 97×61×1 u8',
      // One streamed segment: clip fuses into the blur's rows.
      expect.stringMatching(/^pass 1, streamed in bands of \d+ rows?: grayscale\(\) → gaussianBlur\(sigma=2\) \+ clip\(min=10, max=200\) → medianBlur\(ksize=3\)$/),
      buffersLine(pipeline.stats),
    ])
    expect(text).toMatch(/\nbuffers: 0 frame buffers \(0\.00 MiB\), line buffers \d+\.\d\d MiB, 1 pass a frame$/)
  })

  it('names graph steps, two-image operands, clip at percentiles and morphology as they were called', () => {
    const pipeline = new px.Pipeline(gray)
      .gaussianBlur({ sigma: 1, border: 'replicate' })
      .save('g1')
      .from('input')
      .gaussianBlur({ sigma: 2 })
      .absdiff({ other: 'g1' })
      .addWeighted({ other: 'input', alpha: -0.5, beta: 1.5 })
      .morphology({ op: 'open', shape: 'ellipse', ksize: 5 })
      .clip({ percentiles: [1, 99] })
    expect(pipeline.describe().split('\n')[0]).toBe(
      'plan: gaussianBlur(sigma=1, border=replicate) → save(g1) → from(input) → gaussianBlur(sigma=2) → absdiff(other=g1) → ' +
        'addWeighted(other=input, alpha=-0.5, beta=1.5) → morphology(op=open, ksize=5, shape=ellipse) → clip(percentiles=1/99)',
    )
  })

  it('marks the point steps that run as one u8 lookup table, and names steps by index past graph steps', () => {
    const table = new px.Pipeline(gray).gamma({ gamma: 0.5 }).linear({ a: 1.2, b: 3 }).threshold({ thresh: 90 })
    expect(table.describe().split('\n')[2]).toMatch(/^pass 1, streamed in bands of \d+ rows?: gamma\(gamma=0\.5\) \+ linear\(a=1\.2, b=3\) \+ threshold\(thresh=90\) \[u8 table\]$/)
    const graph = new px.Pipeline(gray).gaussianBlur({ sigma: 1 }).save('g').from('input').medianBlur().absdiff({ other: 'g' })
    expect(graph.describe().split('\n')[2]).toMatch(/^pass 1, streamed in bands of \d+ rows?: (gaussianBlur\(sigma=1\) → medianBlur\(\)|medianBlur\(\) → gaussianBlur\(sigma=1\)) → absdiff\(other=g\)$/)
  })

  it('joins lists with /, TypedArrays included, and shows type changes in the output spec', () => {
    const pipeline = new px.Pipeline(rgb)
      .linear({ a: [1, 0.5, 2], b: 3 })
      .convolve({ kernel: new Float32Array([0, 1, 0, 1, -4, 1, 0, 1, 0]), type: 'f32' })
      .toTensor({ mean: [0.485, 0.456, 0.406], layout: 'hwc' })
    const [plan, spec] = pipeline.describe().split('\n')
    expect(plan).toBe('plan: linear(a=1/0.5/2, b=3) → convolve(kernel=0/1/0/1/-4/1/0/1/0, type=f32) → toTensor(mean=0.485/0.456/0.406, layout=hwc)')
    expect(spec).toBe('spec: 97×61×3 u8 → 97×61×3 f32')
  })

  it('counts the passes and frame buffers that whole-frame steps add', () => {
    const pipeline = new px.Pipeline(gray).gaussianBlur({ sigma: 1 }).normalize().medianBlur()
    const stats = pipeline.stats
    expect(stats.passes).toBe(3)
    const lines = pipeline.describe().split('\n')
    expect(lines.slice(2, 5)).toEqual([
      expect.stringMatching(/^pass 1, streamed in bands of \d+ rows?: gaussianBlur\(sigma=1\)$/),
      'pass 2, whole frames: normalize()',
      expect.stringMatching(/^pass 3, streamed in bands of \d+ rows?: medianBlur\(\)$/),
    ])
    expect(lines[5]).toBe(buffersLine(stats))
    expect(pipeline.describe()).toMatch(/buffers: 2 frame buffers .*, 3 passes a frame$/)
  })

  it('records a step only once it is taken, and the options it was checked with', () => {
    const pipeline = new px.Pipeline(gray).medianBlur({ ksize: 3 })
    // grayscale cannot read one channel: refused, and not in the plan.
    expect(() => pipeline.grayscale()).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_SHAPE' }))
    // A getter read once by the check: the plan shows the value the step got.
    let reads = 0
    const options = {
      get sigma() {
        return reads++ === 0 ? 2 : 9
      },
    }
    pipeline.gaussianBlur(options)
    expect(pipeline.describe().split('\n')[0]).toBe('plan: medianBlur(ksize=3) → gaussianBlur(sigma=2)')
    const frame = makeFrame(gray, 'random', 3)
    expect(pipeline.run(frame)).toEqual(new px.Pipeline(gray).medianBlur({ ksize: 3 }).gaussianBlur({ sigma: 2 }).run(frame))
  })

  it("follows the input spec: a frame of another size with resize: 'rebuild', a crop read in place", () => {
    const pipeline = new px.Pipeline(gray, { resize: 'rebuild' }).gaussianBlur({ sigma: 1 })
    pipeline.run(new Uint8Array(20 * 10), undefined, { width: 20, height: 10, type: 'u8' })
    expect(pipeline.describe().split('\n')[1]).toBe('spec: 20×10×1 u8 → 20×10×1 u8')
    const crop = new px.Pipeline({ width: 8, height: 4, channels: 3, type: 'u8', stride: 30 }).medianBlur({ ksize: 3 })
    expect(crop.describe().split('\n')[1]).toBe('spec: 8×4×3 u8 (rows 30 samples apart) → 8×4×3 u8')
  })

  it('throws what stats throws: ERR_PIXCHAIN_BUSY during runAsync, ERR_PIXCHAIN_DISPOSED after dispose', async () => {
    const pipeline = new px.Pipeline(gray).medianBlur({ ksize: 5 })
    const run = pipeline.runAsync(makeFrame(gray, 'random', 1) as Uint8Array)
    expect(() => pipeline.describe()).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_BUSY' }))
    await run
    expect(pipeline.describe()).toContain('plan: medianBlur(ksize=5)')
    pipeline.dispose()
    expect(() => pipeline.describe()).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_DISPOSED' }))
  })
})

describe('util.inspect(pipeline)', () => {
  it("is describe()'s lines under Pipeline, not Pipeline {}", () => {
    const pipeline = new px.Pipeline(rgb).grayscale().gaussianBlur({ sigma: 2 })
    const lines = pipeline.describe().split('\n')
    expect(inspect(pipeline)).toBe(['Pipeline', ...lines.map((line) => `  ${line}`)].join('\n'))
    expect(inspect({ pipeline })).toContain('plan: grayscale() → gaussianBlur(sigma=2)')
  })

  it('during a run: the plan and specs, marked running; once disposed: the plan and input', async () => {
    const pipeline = new px.Pipeline(gray).medianBlur({ ksize: 5 }).convert({ type: 'f32' })
    const run = pipeline.runAsync(makeFrame(gray, 'random', 2) as Uint8Array)
    expect(inspect(pipeline)).toBe(['Pipeline (running)', '  plan: medianBlur(ksize=5) → convert(type=f32)', '  spec: 40×30×1 u8 → 40×30×1 f32'].join('\n'))
    await run
    pipeline.dispose()
    expect(inspect(pipeline)).toBe(['Pipeline (disposed)', '  plan: medianBlur(ksize=5) → convert(type=f32)', '  spec: 40×30×1 u8'].join('\n'))
  })

  it('a pipeline that cannot be planned says why', () => {
    const empty = new px.Pipeline(gray)
    expect(() => empty.describe()).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_PARAM' }))
    expect(inspect(empty)).toBe(['Pipeline (not planned: pipeline: expected at least one step, got no steps)', '  plan: (no steps)', '  spec: 40×30×1 u8 → 40×30×1 u8'].join('\n'))
  })
})
