// What a new user hits first: frames after a chain that changed type, the
// pixel limit, allocation failures, async runs on copies, the words of
// errors, and the message of a platform without its addon.

import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { firstMismatch, makeFrame, type Frame } from './frames'
import { px } from './pixchain'

type Coded = Error & { code?: string }

function thrown(call: () => unknown): Coded {
  try {
    call()
  } catch (error) {
    return error as Coded
  }
  throw new Error('expected an error, got none')
}

async function rejection(promise: Promise<unknown>): Promise<Coded> {
  try {
    await promise
  } catch (error) {
    return error as Coded
  }
  throw new Error('expected a rejection, got a result')
}

const rgb: Frame = { width: 4, height: 4, channels: 3, type: 'u8' }

describe('ImageBuffers takes frame after frame', () => {
  it('load starts a new frame after a chain that changed type and channels', () => {
    const loose = px as unknown as { ImageBuffers: new (options: object) => InstanceType<typeof px.ImageBuffers> }
    const buffers = new loose.ImageBuffers({ ...rgb, maxType: 'f32' })
    for (const seed of [1, 2, 3]) {
      const frame = makeFrame(rgb, 'random', seed) as Uint8Array
      const gray = px.grayscale(frame, new Uint8Array(16), rgb)
      const expected = px.convert(gray, new Float32Array(16), { ...rgb, channels: 1 }, { type: 'f32' })
      const result = buffers.load(frame).grayscale().convert({ type: 'f32' }).read()
      expect(firstMismatch(result as Float32Array, expected)).toBeUndefined()
      expect(buffers.spec).toEqual({ ...rgb, channels: 1, type: 'f32' })
    }
    const short = thrown(() => buffers.load(new Uint8Array(47)))
    expect(short.code).toBe('ERR_PIXCHAIN_LENGTH')
    expect(buffers.spec).toEqual({ ...rgb, channels: 1, type: 'f32' })
    buffers.dispose()
  })
})

describe('the pixel limit', () => {
  const huge = { width: 60000, height: 60000, channels: 4, type: 'f32' } as const

  it('refuses frames over 16383 × 16383 by default, naming the limit and how to raise it', () => {
    expect(px.getLimitInputPixels()).toBe(0x3fff * 0x3fff)
    for (const make of [() => new px.ImageBuffers(huge), () => new px.Pipeline(huge)]) {
      const error = thrown(make)
      expect(error.code).toBe('ERR_PIXCHAIN_LIMIT')
      expect(error.message).toContain('at most 268402689 pixels (limitInputPixels)')
      expect(error.message).toContain('raise limitInputPixels')
    }
    expect(new px.Pipeline({ width: 16383, height: 16383, type: 'u8' }).clip({}).disposed).toBe(false)
  })

  it('is set per object and for the process; 0 and false lift it', () => {
    const spec = { width: 100, height: 100, type: 'u8' } as const
    expect(thrown(() => new px.Pipeline(spec, { limitInputPixels: 9999 })).code).toBe('ERR_PIXCHAIN_LIMIT')
    expect(thrown(() => new px.ImageBuffers({ ...spec, limitInputPixels: 9999 })).code).toBe('ERR_PIXCHAIN_LIMIT')
    new px.Pipeline(spec, { limitInputPixels: 10000 }).dispose()
    try {
      px.setLimitInputPixels(5000)
      expect(px.getLimitInputPixels()).toBe(5000)
      expect(thrown(() => new px.ImageBuffers(spec)).code).toBe('ERR_PIXCHAIN_LIMIT')
      new px.ImageBuffers({ ...spec, limitInputPixels: false }).dispose()
      new px.Pipeline(spec, { limitInputPixels: 0 }).dispose()
      // A rebuild for a larger frame is checked too, before it allocates.
      const pipeline = new px.Pipeline({ width: 10, height: 10, type: 'u8' }, { resize: 'rebuild' }).clip({})
      const error = thrown(() => pipeline.run(new Uint8Array(10000), new Uint8Array(10000), spec))
      expect(error.code).toBe('ERR_PIXCHAIN_LIMIT')
      px.setLimitInputPixels(true)
      expect(px.getLimitInputPixels()).toBe(0x3fff * 0x3fff)
    } finally {
      px.setLimitInputPixels(true)
    }
  })

  it('refuses limits that are not counts', () => {
    const loose = px as unknown as { setLimitInputPixels(limit: unknown): void }
    for (const bad of [-1, 1.5, NaN, Infinity, '100', null]) {
      expect(thrown(() => loose.setLimitInputPixels(bad)).code, String(bad)).toBe('ERR_PIXCHAIN_PARAM')
      const options = { limitInputPixels: bad } as unknown as { limitInputPixels: number }
      expect(thrown(() => new px.Pipeline({ width: 2, height: 2, type: 'u8' }, options)).code).toBe('ERR_PIXCHAIN_PARAM')
    }
    expect(px.getLimitInputPixels()).toBe(0x3fff * 0x3fff)
  })

  it('without a limit, buffers the system cannot give are ERR_PIXCHAIN_MEMORY, not an abort', () => {
    // 2^31 × 2^29 u8 as f32: 2^62 bytes, more than any address space.
    const impossible = { width: 2 ** 31, height: 2 ** 29, type: 'u8', limitInputPixels: 0 } as const
    const error = thrown(() => new px.ImageBuffers({ ...impossible, maxType: 'f32' }))
    expect(error.code).toBe('ERR_PIXCHAIN_MEMORY')
    expect(error.message).toMatch(/^memory: expected to allocate \d+ bytes for the active frame/)
    // A pipeline streams rows, but rows of 2^31 four-channel f32 pixels are 32 GiB each.
    const wide = { width: 2 ** 31, height: 8, channels: 4, type: 'f32' } as const
    const pipeline = new px.Pipeline(wide, { limitInputPixels: 0 }).medianBlur({}).medianBlur({})
    expect(thrown(() => pipeline.compile()).code).toBe('ERR_PIXCHAIN_MEMORY')
    // Nothing was kept: the pipeline still refuses the same way, and is not broken.
    expect(thrown(() => pipeline.compile()).code).toBe('ERR_PIXCHAIN_MEMORY')
  })
})

describe('async runs work on copies', () => {
  const spec: Frame = { width: 64, height: 48, channels: 1, type: 'u8' }

  it('a failed run leaves the output untouched', async () => {
    const input = makeFrame(spec, 'random', 7) as Uint8Array
    const output = new Uint8Array(input.length).fill(0xab)
    const error = await rejection(px.promises.medianBlur(input, output, spec, { ksize: 4 }))
    expect(error.code).toBe('ERR_PIXCHAIN_PARAM')
    expect(output.every((v) => v === 0xab)).toBe(true)
  })

  it('the input may change once the call has returned: the run reads its copy', async () => {
    const input = makeFrame(spec, 'random', 8) as Uint8Array
    const expected = px.gaussianBlur(input, new Uint8Array(input.length), spec, { sigma: 2 })
    const pipeline = new px.Pipeline(spec).gaussianBlur({ sigma: 2 })
    const output = new Uint8Array(input.length)
    const running = pipeline.runAsync(input, output)
    const kernel = px.promises.gaussianBlur(input, new Uint8Array(input.length), spec, { sigma: 2 })
    input.fill(0)
    expect(firstMismatch(await running, expected)).toBeUndefined()
    expect(firstMismatch(await kernel, expected)).toBeUndefined()
  })

  it('an output transferred during the run is ERR_PIXCHAIN_DETACHED, written nowhere', async () => {
    const input = makeFrame(spec, 'random', 9) as Uint8Array
    const pipeline = new px.Pipeline(spec).medianBlur({ ksize: 5 })
    const output = new Uint8Array(input.length)
    const running = pipeline.runAsync(input, output)
    const moved = new Uint8Array(structuredClone(output.buffer, { transfer: [output.buffer] }))
    const error = await rejection(running)
    expect(error.code).toBe('ERR_PIXCHAIN_DETACHED')
    expect(error.message).toContain(`expected the ${input.length} bytes it had when the run started, got 0`)
    expect(moved.every((v) => v === 0)).toBe(true)
    // The pipeline is whole again: the next run gives the frame.
    const again = await pipeline.runAsync(input, new Uint8Array(input.length))
    expect(firstMismatch(again, pipeline.run(input))).toBeUndefined()
  })

  it('arrays over a SharedArrayBuffer are read and written in place', async () => {
    const input = new Uint8Array(new SharedArrayBuffer(spec.width * spec.height))
    input.set(makeFrame(spec, 'random', 10) as Uint8Array)
    const output = new Uint8Array(new SharedArrayBuffer(input.length))
    const expected = px.boxBlur(input, new Uint8Array(input.length), spec, { ksize: 3 })
    expect(await px.promises.boxBlur(input, output, spec, { ksize: 3 })).toBe(output)
    expect(firstMismatch(output, expected)).toBeUndefined()
  })
})

describe('errors say what happened in JavaScript terms', () => {
  const spec = { width: 4, height: 4, channels: 1, type: 'u8' } as const
  const frame = () => new Uint8Array(16)

  it('a one-shot and its promises twin give the same code and message', async () => {
    const cases: [string, object][] = [
      ['medianBlur', { ksize: 4 }],
      ['gaussianBlur', {}],
      ['gaussianBlur', { sigma: Infinity }],
      ['threshold', { thresh: NaN }],
      ['clip', { min: 5, max: 1 }],
    ]
    const loose = px as unknown as Record<string, (...args: unknown[]) => unknown>
    const promised = px.promises as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>
    for (const [name, options] of cases) {
      const sync = thrown(() => loose[name](frame(), frame(), spec, options))
      const async = await rejection(promised[name](frame(), frame(), spec, options))
      expect([async.code, async.message], name).toEqual([sync.code, sync.message])
      expect(sync.message).not.toMatch(/step \d/)
    }
  })

  it('numbers read as JavaScript prints them, and missing options say they are missing', () => {
    expect(thrown(() => px.gaussianBlur(frame(), frame(), spec, { sigma: Infinity })).message).toContain('got Infinity')
    expect(thrown(() => px.linear(frame(), frame(), spec, { a: -Infinity })).message).toContain('got -Infinity')
    const missing = thrown(() => px.gaussianBlur(frame(), frame(), spec, {} as { sigma: number }))
    expect(missing.message).toContain('got nothing')
    expect(missing.message).not.toContain('got 0')
  })

  it('from() and an empty pipeline speak of themselves', () => {
    const from = thrown(() => new px.Pipeline(spec).from('g1'))
    expect(from.message).toMatch(/^from: expected "input" or a name given to save\(\)/)
    expect(from.message).not.toContain('other')
    const empty = thrown(() => new px.Pipeline(spec).run(frame(), frame()))
    expect(empty.message).toBe('pipeline: expected at least one step, got no steps')
  })

  it("a frame of another size points to resize: 'rebuild'", () => {
    const pipeline = new px.Pipeline(spec).clip({})
    const other = { width: 5, height: 5, type: 'u8' } as const
    for (const call of [
      () => pipeline.run(new Uint8Array(25), new Uint8Array(25)),
      () => pipeline.run(new Uint8Array(25), new Uint8Array(25), other),
    ]) {
      expect(thrown(call).message).toContain("resize: 'rebuild'")
    }
  })

  it('every field of a spec answers with one code, whatever is wrong with it', () => {
    const loose = px.clip as unknown as (a: unknown, b: unknown, spec: unknown) => unknown
    for (const type of [5, 'u64', null]) {
      expect(thrown(() => loose(frame(), frame(), { ...spec, type })).code, String(type)).toBe('ERR_PIXCHAIN_SPEC')
    }
    const buffers = px.ImageBuffers as unknown as new (options: unknown) => unknown
    for (const maxType of [5, 'u64']) {
      expect(thrown(() => new buffers({ ...spec, maxType })).code, String(maxType)).toBe('ERR_PIXCHAIN_PARAM')
    }
  })

  it('a platform without its addon is told which package to install', () => {
    const root = join(__dirname, '..')
    const copy = mkdtempSync(join(tmpdir(), 'pixchain-no-addon-'))
    try {
      for (const file of ['package.json', 'dist/index.js', 'dist/binding.js', 'dist/lib']) cpSync(join(root, file), join(copy, file), { recursive: true })
      const run = spawnSync(process.execPath, ['-e', `try { require(${JSON.stringify(copy)}) } catch (e) { console.log(e.code + '|' + e.message) }`], {
        encoding: 'utf8',
        env: { ...process.env, NODE_PATH: '' },
      })
      const [code, message] = run.stdout.trim().split('|')
      expect(code).toBe('ERR_PIXCHAIN_ADDON')
      const abi = process.platform === 'linux' ? '-gnu' : process.platform === 'win32' ? '-msvc' : ''
      expect(message).toContain(`install pixchain-${process.platform}-${process.arch}${abi} beside pixchain`)
      expect(message).not.toContain('wasm32')
    } finally {
      rmSync(copy, { recursive: true, force: true })
    }
  })
})

describe('accounting', () => {
  it('a first runAsync without compile() reports its work buffers to V8', async () => {
    const spec: Frame = { width: 512, height: 512, channels: 1, type: 'f32' }
    const before = px.reportedNativeMemory()
    const pipeline = new px.Pipeline(spec).gaussianBlur({ sigma: 1 }).medianBlur({ ksize: 3 }).gaussianBlur({ sigma: 1 })
    const input = makeFrame(spec, 'random', 3) as Float32Array
    const running = pipeline.runAsync(input, new Float32Array(input.length))
    const during = px.reportedNativeMemory() - before
    await running
    const work = pipeline.stats.workBytes
    expect(work).toBeGreaterThan(0)
    expect(during).toBeGreaterThanOrEqual(work)
    // V8's count holds every ArrayBuffer too, so only the change at dispose() is the pipeline's.
    const held = px.reportedNativeMemory()
    pipeline.dispose()
    expect(held - px.reportedNativeMemory()).toBeGreaterThanOrEqual(work)
  })
})
