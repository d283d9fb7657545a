// Batches of files on worker threads: steps as data (Pipeline.steps,
// pipelineFromSteps) build the same pipeline anywhere; processFiles writes
// what a Pipeline run file by file computes, for any number of jobs, goes on
// past failures only when told, stops on an abort, and refuses bad options.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { px, type ImageSpec } from './pixchain'

const dir = mkdtempSync(path.join(tmpdir(), 'pixchain-batch-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const at = (file: string) => path.join(dir, file)

const spec: ImageSpec = { width: 61, height: 37, channels: 1, type: 'u16' }

function frame(seed: number): Uint16Array {
  return Uint16Array.from({ length: spec.width * spec.height }, (_, i) => (i * 977 + seed * 7919 + ((i / spec.width) | 0) * 131) & 65535)
}

/** Files of `count` distinct u16 frames in a folder of the test, as PNGs. */
async function writeFrames(folder: string, count: number): Promise<{ files: string[]; frames: Uint16Array[] }> {
  mkdirSync(at(folder), { recursive: true })
  const frames = Array.from({ length: count }, (_, i) => frame(i + count))
  const files = frames.map((_, i) => at(`${folder}/f${i}.png`))
  await Promise.all(frames.map((pixels, i) => px.writeImage(files[i]!, pixels, spec)))
  return { files, frames }
}

const chain = () => new px.Pipeline(spec).gaussianBlur({ sigma: 1.5 }).medianBlur({ ksize: 3 }).clip({ min: 2000, max: 60000 }).convert({ type: 'u8', scale: 1 / 256 })

describe('steps as data', () => {
  it('pipeline.steps rebuilds the same pipeline, graphs and renamed options included', () => {
    const original = new px.Pipeline(spec)
      .save('raw')
      .gaussianBlur({ sigma: 2 })
      .clip({ percentiles: [1, 99] })
      .morphology({ op: 'open', ksize: 3 })
      .addWeighted({ other: 'raw', alpha: 0.5, beta: 0.5 })
      .convert({ type: 'f32', scale: 0.5 })
    const steps = original.steps
    expect(steps).toEqual([
      ['save', 'raw'],
      ['gaussianBlur', { sigma: 2 }],
      ['clip', { percentiles: [1, 99] }],
      ['morphology', { op: 'open', ksize: 3 }],
      ['addWeighted', { other: 'raw', alpha: 0.5, beta: 0.5 }],
      ['convert', { type: 'f32', scale: 0.5 }],
    ])
    // Plain data: through JSON and back, as a queue carries it.
    const rebuilt = px.pipelineFromSteps(spec, JSON.parse(JSON.stringify(steps)))
    expect(rebuilt.describe()).toBe(original.describe())
    const input = frame(3)
    expect(rebuilt.run(input)).toEqual(original.run(input))
    // A copy: changing it changes nothing in the pipeline.
    ;(steps[1]![1] as { sigma: number }).sigma = 9
    expect(original.steps[1]).toEqual(['gaussianBlur', { sigma: 2 }])
  })

  it('names the step that is refused, with its code', () => {
    expect(() => px.pipelineFromSteps(spec, [['gaussianBlur', { sigma: 1 }], ['medianBlur', { ksize: 4 }]])).toThrow(
      expect.objectContaining({ code: 'ERR_PIXCHAIN_PARAM', message: expect.stringMatching(/^step 2 \(medianBlur\): ksize: /) }),
    )
    expect(() => px.pipelineFromSteps(spec, [['sharpen' as never, {}]])).toThrow(
      expect.objectContaining({ code: 'ERR_PIXCHAIN_PARAM', message: expect.stringMatching(/^steps\[0\]: expected \[method, argument\?\] .*got the method "sharpen"/) }),
    )
    expect(() => px.pipelineFromSteps(spec, [['grayscale']])).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_SHAPE' }))
    for (const notPipeline of [{}, null, undefined, 'pipeline']) {
      expect(() => px.addSteps(notPipeline as never, [['invert']])).toThrow(
        expect.objectContaining({ code: 'ERR_PIXCHAIN_PARAM', message: expect.stringMatching(/^pipeline: expected a Pipeline, got /) }),
      )
    }
    const added = px.addSteps(new px.Pipeline(spec), [['invert']])
    expect(added.steps).toEqual([['invert', {}]])
    expect(px.pipelineStepMethods).toContain('toTensor')
    expect(px.pipelineStepMethods).toContain('mergeChannels')
  })
})

describe('processFiles', () => {
  it('writes what a Pipeline computes file by file, the same for 1 and 3 jobs', async () => {
    const { files, frames } = await writeFrames('in', 7)
    const pipeline = chain()
    const progress: number[] = []
    const three = await px.processFiles(files, { output: at('out3'), pipeline, jobs: 3, onProgress: ({ settled }) => progress.push(settled) })
    const one = await px.processFiles(files, { output: at('out1'), steps: pipeline.steps, jobs: 1 })
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(three.done.map((done) => path.basename(done.output))).toEqual(files.map((file) => path.basename(file)))
    expect(three.failed).toEqual([])
    for (const [i, pixels] of frames.entries()) {
      const expected = pipeline.run(pixels)
      const written = await px.readImage(three.done[i]!.output)
      expect(written.spec).toEqual({ width: spec.width, height: spec.height, channels: 1, type: 'u8' })
      expect(Buffer.from(written.data).equals(Buffer.from(expected))).toBe(true)
      expect(readFileSync(one.done[i]!.output).equals(readFileSync(three.done[i]!.output))).toBe(true)
    }
  })

  it('names raw results by their shape, and plans again for a file of another size', async () => {
    mkdirSync(at('sizes'))
    const small = frame(1)
    const otherSpec = { width: 30, height: 20, channels: 1, type: 'u16' } as const
    const other = Uint16Array.from({ length: 600 }, (_, i) => i * 99)
    await px.writeImage(at('sizes/a.png'), small, spec)
    await px.writeImage(at('sizes/b.png'), other, otherSpec)
    const { done } = await px.processFiles([at('sizes/a.png'), at('sizes/b.png')], { output: at('sizes-out'), steps: [['boxBlur', { ksize: 3 }]], format: 'raw', jobs: 1 })
    expect(done.map((d) => path.basename(d.output))).toEqual(['a.61x37x1.u16.raw', 'b.30x20x1.u16.raw'])
    const back = await px.readImage(done[1]!.output)
    expect(back.data).toEqual(new px.Pipeline(otherSpec).boxBlur({ ksize: 3 }).run(other))
  })

  it('goes on past a file that fails with keepGoing, and stops at it without', async () => {
    const { files } = await writeFrames('broken', 4)
    writeFileSync(files[1]!, 'not a png')
    const steps = chain().steps
    const kept = await px.processFiles(files, { output: at('kept'), steps, jobs: 2, keepGoing: true })
    expect(kept.done.map((d) => path.basename(d.output))).toEqual(['f0.png', 'f2.png', 'f3.png'])
    expect(kept.failed).toEqual([{ input: files[1], code: 'ERR_PIXCHAIN_DECODE', message: expect.stringContaining(files[1]!) }])

    // One job: the failing second file is the last one started.
    const stopped = px.processFiles(files, { output: at('stopped'), steps, jobs: 1 })
    await expect(stopped).rejects.toMatchObject({ code: 'ERR_PIXCHAIN_DECODE', message: expect.stringContaining(files[1]!) })
    const written = (await import('node:fs')).readdirSync(at('stopped'))
    expect(written).toEqual(['f0.png'])
  })

  it('starts no file once its signal is aborted, and rejects with its reason', async () => {
    const { files } = await writeFrames('aborted', 6)
    const controller = new AbortController()
    const settled: string[] = []
    const run = px.processFiles(files, {
      output: at('aborted-out'),
      steps: chain().steps,
      jobs: 1,
      signal: controller.signal,
      onProgress: ({ done }) => {
        settled.push(done!.input)
        if (settled.length === 2) controller.abort()
      },
    })
    await expect(run).rejects.toMatchObject({ name: 'AbortError' })
    expect(settled).toEqual(files.slice(0, 2))
    expect((await import('node:fs')).readdirSync(at('aborted-out')).sort()).toEqual(['f0.png', 'f1.png'])
  })

  it('refuses a raw output that the shape of its result names as its input, and leaves the input as it was', async () => {
    mkdirSync(at('pf'))
    const input = at('pf/a.8x8x1.u8.raw')
    const bytes = Uint8Array.from({ length: 64 }, (_, i) => i * 3)
    writeFileSync(input, bytes)
    await expect(px.processFiles([input], { output: at('pf'), steps: [['invert']] })).rejects.toMatchObject({
      code: 'ERR_PIXCHAIN_PARAM',
      message: `${input}: the output ${input} would overwrite its input`,
    })
    expect(readFileSync(input).equals(Buffer.from(bytes))).toBe(true)
    expect((await import('node:fs')).readdirSync(at('pf'))).toEqual(['a.8x8x1.u8.raw'])
  })

  it('writes into the folder the results of inputs named all extension', async () => {
    mkdirSync(at('dots'))
    writeFileSync(at('dots/.8x8x1.u8.raw'), new Uint8Array(64).fill(10))
    writeFileSync(at('dots/.raw'), new Uint8Array(64).fill(20))
    const shaped = await px.processFiles([at('dots/.8x8x1.u8.raw')], { output: at('pfout'), steps: [['invert']] })
    const bare = await px.processFiles([at('dots/.raw')], { output: at('pfout'), steps: [['invert']], raw: { width: 8, height: 8, channels: 1, type: 'u8' } })
    expect([shaped.done[0]!.output, bare.done[0]!.output]).toEqual([at('pfout/.8x8x1.u8.raw.8x8x1.u8.raw'), at('pfout/.raw.8x8x1.u8.raw')])
    const fs = await import('node:fs')
    expect(fs.readdirSync(at('pfout')).sort()).toEqual(['.8x8x1.u8.raw.8x8x1.u8.raw', '.raw.8x8x1.u8.raw'])
    expect(fs.existsSync(at('pfout.8x8x1.u8.raw'))).toBe(false)
    expect([...fs.readFileSync(at('pfout/.raw.8x8x1.u8.raw'))]).toEqual(new Array(64).fill(235))
  })

  it('lets the files running finish when onProgress throws, starts no other, and rejects with its error', async () => {
    mkdirSync(at('listener'))
    // The first file settles long before the second, which is running when the listener throws.
    const bigSpec = { width: 640, height: 480, channels: 1, type: 'u16' } as const
    await px.writeImage(at('listener/a.png'), frame(1), spec)
    await px.writeImage(at('listener/b.png'), Uint16Array.from({ length: 640 * 480 }, (_, i) => (i * 7919) & 65535), bigSpec)
    await Promise.all([2, 3, 4].map((i) => px.writeImage(at(`listener/c${i}.png`), frame(i), spec)))
    const files = ['a', 'b', 'c2', 'c3', 'c4'].map((name) => at(`listener/${name}.png`))
    const heard: string[] = []
    const thrown = new Error('listener broke')
    const run = px.processFiles(files, {
      output: at('listener-out'),
      steps: [['gaussianBlur', { sigma: 6 }], ['medianBlur', { ksize: 5 }]],
      jobs: 2,
      threads: 1,
      onProgress: ({ done }) => {
        heard.push(path.basename(done!.input))
        throw thrown
      },
    })
    await expect(run).rejects.toBe(thrown)
    // Heard once; the second file, running then, was written whole before the rejection.
    expect(heard).toEqual(['a.png'])
    expect((await import('node:fs')).readdirSync(at('listener-out')).sort()).toEqual(['a.png', 'b.png'])
    expect((await px.readImage(at('listener-out/b.png'))).spec).toEqual(bigSpec)
  })

  it('refuses bad options before any file is read', async () => {
    const files = [at('in/f0.png')]
    const refused = async (options: object, message: RegExp) =>
      expect(px.processFiles(files, options as never)).rejects.toMatchObject({ code: 'ERR_PIXCHAIN_PARAM', message: expect.stringMatching(message) })
    await refused({ steps: [['medianBlur']] }, /output/)
    await refused({ output: at('x') }, /expected either steps or pipeline/)
    await refused({ output: at('x'), steps: [['medianBlur']], pipeline: chain() }, /expected either steps or pipeline/)
    await refused({ output: at('x'), steps: [] }, /at least one step/)
    await refused({ output: at('x'), steps: [['medianBlur']], jobs: 0 }, /jobs: expected an integer ≥ 1/)
    await refused({ output: at('x'), steps: [['medianBlur']], format: 'bmp' }, /format: expected png, raw/)
    // A bad raw shape is one refusal up front, not a failure per file.
    await refused({ output: at('x'), steps: [['medianBlur']], keepGoing: true, raw: { width: 0, height: 4, type: 'u8' } }, /^raw: width: expected an integer ≥ 1, got 0$/)
    await refused({ output: at('x'), steps: [['medianBlur']], keepGoing: true, raw: 'u8' }, /^raw: expected an options object, got "u8"$/)
    expect((await import('node:fs')).existsSync(at('x'))).toBe(false)
    await expect(px.processFiles([at('in/f0.png'), at('broken/f0.png')], { output: at('x'), steps: [['medianBlur']] })).rejects.toMatchObject({
      code: 'ERR_PIXCHAIN_PARAM',
      message: expect.stringMatching(/would both be written to .*f0\.png/),
    })
    await expect(px.processFiles([at('in/f0.png')], { output: at('in'), steps: [['medianBlur']] })).rejects.toMatchObject({
      message: expect.stringMatching(/the output would overwrite its input/),
    })
  })
})
