// Hostile sizes: frames too large for memory (a pixel limit first, then a
// refused allocation, never an abort), every kind of degenerate side,
// channel count and limit, thousands of steps and of saved names. Each case
// runs in a child process, so an abort fails a test instead of the run.

import { describe, expect, it } from 'vitest'

import { survives } from './hostile'

describe('frames too large for memory', () => {
  it('60000×60000×4 f32: ERR_PIXCHAIN_LIMIT by default, ERR_PIXCHAIN_MEMORY without a limit, and the objects still work', async () => {
    const lines = await survives(`
const huge = { width: 60000, height: 60000, channels: 4, type: 'f32' }
const small = { width: 8, height: 8, channels: 4, type: 'f32' }
const input = new Float32Array(8 * 8 * 4).fill(0.25)
emit({ case: 'buffers, default limit', code: thrown(() => new px.ImageBuffers(huge)) })
emit({ case: 'buffers, no limit', code: thrown(() => new px.ImageBuffers({ ...huge, limitInputPixels: 0 })) })
emit({ case: 'buffers, limit false', code: thrown(() => new px.ImageBuffers({ ...huge, limitInputPixels: false })) })
emit({ case: 'pipeline, default limit', code: thrown(() => new px.Pipeline(huge)) })
// Row-local steps stream in line buffers, so planning may succeed; a
// full-frame step needs whole frames, which the system refuses.
const streamed = new px.Pipeline(huge, { limitInputPixels: 0, resize: 'rebuild' }).gaussianBlur({ sigma: 1 }).linear({ a: 2 })
emit({ case: 'pipeline streamed, no limit', code: thrown(() => streamed.compile()) })
const framed = new px.Pipeline(huge, { limitInputPixels: 0, resize: 'rebuild' }).normalize().gaussianBlur({ sigma: 1 }).normalize({ kind: 'zscore' })
emit({ case: 'pipeline full frames, no limit', code: thrown(() => framed.compile()) })
emit({ case: 'stats after a refusal', code: thrown(() => framed.stats) })
emit({ case: 'runAsync after a refusal', code: await outcome(framed.runAsync(new Float32Array(4))) })
// The same objects take a frame they can hold.
const out = framed.run(input, undefined, small)
emit({ case: 'pipeline rebuilt small', code: out.length === input.length && out.every(Number.isFinite) ? 'ok' : 'wrong' })
px.setLimitInputPixels(0)
emit({ case: 'process-wide no limit', code: thrown(() => new px.ImageBuffers(huge)) })
px.setLimitInputPixels(true)
emit({ case: 'process-wide default again', code: thrown(() => new px.ImageBuffers(huge)), limit: px.getLimitInputPixels() })
churn()
emit({ case: 'after', code: thrown(() => new px.ImageBuffers(small).load(input).gaussianBlur({ sigma: 1 }).read()) })`)
    const byCase = Object.fromEntries(lines.map((line) => [line.case, line]))
    expect(byCase['buffers, default limit'].code).toBe('ERR_PIXCHAIN_LIMIT')
    expect(byCase['buffers, no limit'].code).toBe('ERR_PIXCHAIN_MEMORY')
    expect(byCase['buffers, limit false'].code).toBe('ERR_PIXCHAIN_MEMORY')
    expect(byCase['pipeline, default limit'].code).toBe('ERR_PIXCHAIN_LIMIT')
    expect(['ok', 'ERR_PIXCHAIN_MEMORY']).toContain(byCase['pipeline streamed, no limit'].code)
    expect(byCase['pipeline full frames, no limit'].code).toBe('ERR_PIXCHAIN_MEMORY')
    expect(byCase['stats after a refusal'].code).toBe('ERR_PIXCHAIN_MEMORY')
    expect(byCase['runAsync after a refusal'].code).toBe('ERR_PIXCHAIN_MEMORY')
    expect(byCase['pipeline rebuilt small'].code).toBe('ok')
    expect(byCase['process-wide no limit'].code).toBe('ERR_PIXCHAIN_MEMORY')
    expect(byCase['process-wide default again']).toMatchObject({ code: 'ERR_PIXCHAIN_LIMIT', limit: 0x3fff * 0x3fff })
    expect(byCase.after.code).toBe('ok')
  })

  it('sides of 2**31 and 2**32 − 1: a limit, a spec error or a refused allocation', async () => {
    const lines = await survives(`
for (const [width, height] of [[2 ** 31, 1], [1, 2 ** 31], [2 ** 32 - 1, 2 ** 32 - 1], [2 ** 32 - 1, 1], [65536, 65536]]) {
  for (const type of ['u8', 'f32']) {
    const spec = { width, height, channels: 4, type }
    emit({
      spec,
      buffers: thrown(() => new px.ImageBuffers(spec)),
      pipeline: thrown(() => new px.Pipeline(spec)),
      unlimited: thrown(() => { const p = new px.Pipeline(spec, { limitInputPixels: 0 }).normalize(); p.compile(); p.dispose() }),
      oneShot: thrown(() => px.clip(new Uint8Array(4), new Uint8Array(4), spec)),
    })
  }
}`)
    expect(lines.length).toBe(10)
    for (const line of lines) {
      const label = JSON.stringify(line)
      expect(['ERR_PIXCHAIN_LIMIT', 'ERR_PIXCHAIN_SPEC'], label).toContain(line.buffers)
      expect(['ERR_PIXCHAIN_LIMIT', 'ERR_PIXCHAIN_SPEC'], label).toContain(line.pipeline)
      expect(['ERR_PIXCHAIN_MEMORY', 'ERR_PIXCHAIN_SPEC', 'ok'], label).toContain(line.unlimited)
      expect(['ERR_PIXCHAIN_LENGTH', 'ERR_PIXCHAIN_SPEC', 'ERR_PIXCHAIN_TYPE'], label).toContain(line.oneShot)
    }
  })
})

describe('degenerate specs and limits', () => {
  it('every bad side, channel count and type is ERR_PIXCHAIN_SPEC, in every entry', async () => {
    const lines = await survives(`
const bad = [0, -1, -0.5, 0.5, 1.5, NaN, Infinity, -Infinity, 2 ** 32, 2 ** 53, 2 ** 64, '4', null, true, 4n, {}, [4], Symbol('w'), { valueOf: () => 4 }]
const good = { width: 4, height: 4, channels: 1, type: 'u8' }
const array = new Uint8Array(16), out = new Uint8Array(16)
const entries = {
  oneShot: (spec) => thrown(() => px.clip(array, out, spec)),
  twoImage: (spec) => thrown(() => px.add(array, array.slice(), out, spec)),
  otsu: (spec) => thrown(() => px.otsuThreshold(array, spec)),
  buffers: (spec) => thrown(() => new px.ImageBuffers(spec)),
  pipeline: (spec) => thrown(() => new px.Pipeline(spec)),
  runSpec: (spec) => thrown(() => new px.Pipeline(good, { resize: 'rebuild' }).clip().run(array, out, spec ?? null)),
}
const codes = new Set()
const specs = []
for (const value of bad) for (const field of ['width', 'height', 'channels']) specs.push({ ...good, [field]: value })
for (const channels of [0, 5, 255, 256, 2 ** 32 - 1]) specs.push({ ...good, channels })
for (const type of ['u64', 'U8', '', 'f64', 5, undefined, null]) specs.push({ ...good, type })
specs.push(undefined, null, 42, 'u8', [], { width: 4, height: 4, type: 'u8', extra: 1 })
let count = 0
for (const spec of specs) for (const [name, entry] of Object.entries(entries)) {
  const code = entry(spec)
  count++
  if (code !== 'ERR_PIXCHAIN_SPEC') emit({ name, spec: String(JSON.stringify(spec, (k, v) => typeof v === 'bigint' || typeof v === 'symbol' ? String(v) : v)), code })
}
emit({ count, untouched: out.every((v) => v === 0) })`)
    const summary = lines.at(-1)
    expect(lines.slice(0, -1)).toEqual([])
    expect(summary.count).toBeGreaterThan(400)
    expect(summary.untouched).toBe(true)
  })

  it('limitInputPixels of every bad kind is ERR_PIXCHAIN_PARAM; good ones bound the frame exactly', async () => {
    const lines = await survives(`
const bad = [-1, -0.5, 1.5, NaN, Infinity, -Infinity, 2 ** 53 + 2, '100', null, {}, [], 4n, Symbol('l'), () => 1, new Number(5)]
const spec = { width: 10, height: 10, type: 'u8' }
const codes = []
for (const limit of bad) {
  codes.push(thrown(() => px.setLimitInputPixels(limit)))
  codes.push(thrown(() => new px.ImageBuffers({ ...spec, limitInputPixels: limit })))
  codes.push(thrown(() => new px.Pipeline(spec, { limitInputPixels: limit })))
}
emit({ codes: [...new Set(codes)], processLimit: px.getLimitInputPixels() })
const at = (limit) => [thrown(() => new px.ImageBuffers({ ...spec, limitInputPixels: limit })), thrown(() => new px.Pipeline(spec, { limitInputPixels: limit }))]
emit({ exact: at(100), under: at(99), one: at(1), zero: at(0), yes: at(true), no: at(false), max: at(2 ** 53 - 1) })
// A pipeline's own limit also bounds the frames it is rebuilt for.
const p = new px.Pipeline(spec, { limitInputPixels: 100, resize: 'rebuild' }).clip()
emit({ rebuild: thrown(() => p.run(new Uint8Array(121), undefined, { width: 11, height: 11, type: 'u8' })), same: thrown(() => p.run(new Uint8Array(100))) })
px.setLimitInputPixels(50)
emit({ processWide: thrown(() => new px.Pipeline(spec)), own: thrown(() => new px.Pipeline(spec, { limitInputPixels: 100 })) })`)
    expect(lines[0]).toEqual({ codes: ['ERR_PIXCHAIN_PARAM'], processLimit: 0x3fff * 0x3fff })
    expect(lines[1]).toEqual({
      exact: ['ok', 'ok'],
      under: ['ERR_PIXCHAIN_LIMIT', 'ERR_PIXCHAIN_LIMIT'],
      one: ['ERR_PIXCHAIN_LIMIT', 'ERR_PIXCHAIN_LIMIT'],
      zero: ['ok', 'ok'],
      yes: ['ok', 'ok'],
      no: ['ok', 'ok'],
      max: ['ok', 'ok'],
    })
    expect(lines[2]).toEqual({ rebuild: 'ERR_PIXCHAIN_LIMIT', same: 'ok' })
    expect(lines[3]).toEqual({ processWide: 'ERR_PIXCHAIN_LIMIT', own: 'ok' })
  })

  it('1×1, 1×N and N×1 frames through every kernel at its largest window: constant frames stay constant', async () => {
    const lines = await survives(`
const kernels = {
  gaussianBlur: { ksize: 4095, sigma: 0 }, boxBlur: { ksize: 4095 }, medianBlur: { ksize: 255 },
  sobel: { ksize: 5 }, convolve: { kernel: new Float32Array(255 * 255).fill(1 / (255 * 255)) },
  clip: {}, linear: {}, threshold: {}, invert: {}, gamma: { gamma: 3 }, normalize: {}, convert: {},
}
const constantOutput = new Set(['gaussianBlur', 'boxBlur', 'medianBlur', 'convolve', 'clip', 'linear', 'convert'])
const wrong = []
let runs = 0
for (const [w, h] of [[1, 1], [1, 37], [37, 1], [2, 2]]) for (const type of ['u8', 'u16', 'i16', 'f32']) for (const channels of [1, 4]) {
  const spec = { width: w, height: h, channels, type }
  const arrays = { u8: Uint8Array, u16: Uint16Array, i16: Int16Array, f32: Float32Array }
  const value = type === 'f32' ? 0.5 : 100
  const input = new arrays[type](w * h * channels).fill(value)
  for (const [name, options] of Object.entries(kernels)) {
    const outType = name === 'sobel' ? (type === 'u8' ? 'i16' : 'f32') : type
    const output = new arrays[outType](w * h * channels)
    const code = thrown(() => px[name](input, output, spec, options))
    runs++
    if (code !== 'ok') { wrong.push({ name, spec, code }); continue }
    if (constantOutput.has(name) && !output.every((v) => Math.abs(v - value) <= (type === 'f32' ? 1e-4 : 0))) wrong.push({ name, spec, output: Array.from(output.slice(0, 4)) })
    if (name === 'sobel' && !output.every((v) => v === 0)) wrong.push({ name, spec, output: Array.from(output.slice(0, 4)) })
  }
}
emit({ runs, wrong })`, 120_000)
    expect(lines[0].wrong).toEqual([])
    expect(lines[0].runs).toBe(4 * 4 * 2 * 12)
  })
})

describe('thousands of steps and names', () => {
  it('5000 clip steps plan, run and equal one clip; 2000 mixed steps run sync and async alike', async () => {
    const lines = await survives(`
const spec = { width: 97, height: 13, channels: 3, type: 'u16' }
const input = new Uint16Array(97 * 13 * 3).map((_, i) => (i * 2654435761) >>> 16)
const many = new px.Pipeline(spec)
for (let i = 0; i < 5000; i++) many.clip({ min: 1000, max: 60000 })
const once = px.clip(input, new Uint16Array(input.length), spec, { min: 1000, max: 60000 })
const t0 = Date.now()
const got = many.run(input)
emit({ clips: same(got, once), ms: Date.now() - t0, stats: many.stats.workBuffers })
const mixed = new px.Pipeline(spec)
for (let i = 0; i < 500; i++) mixed.linear({ a: 1.01, b: -1 }).boxBlur({ ksize: 1 }).convert({ type: 'f32' }).convert({ type: 'u16' })
const sync = mixed.run(input)
const async = await mixed.runAsync(input)
emit({ mixed: same(sync, async) })`, 120_000)
    expect(lines[0]).toMatchObject({ clips: true })
    expect(lines[0].ms).toBeLessThan(20_000)
    expect(lines[1]).toEqual({ mixed: true })
  })

  it('5000 saved names, odd names, and from() of unknown ones', async () => {
    const lines = await survives(`
const spec = { width: 16, height: 16, type: 'u8' }
const input = new Uint8Array(256).map((_, i) => i)
const p = new px.Pipeline(spec)
for (let i = 0; i < 5000; i++) p.linear({ b: i % 2 ? -1 : 1 }).save('n' + i)
// n0 is input + 1, n4999 the input again.
p.from('n0').add({ other: 'n4999' })
const expected = px.add(px.linear(input, new Uint8Array(256), spec, { b: 1 }), input, new Uint8Array(256), spec)
emit({ names: same(p.run(input), expected) })
const q = new px.Pipeline(spec)
const odd = ['', ' ', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '\\u0000', 'é', '💥', 'a'.repeat(1 << 20)]
emit({ saves: odd.map((name) => thrown(() => q.clip().save(name))), froms: odd.map((name) => thrown(() => q.from(name))) })
const unknown = ['nope', 'N0', 'input ', 'INPUT', '__proto__x', 'a'.repeat(1 << 20) + 'b']
let longest = 0
const codes = unknown.map((name) => { try { p.from(name); return 'ok' } catch (error) { longest = Math.max(longest, error.message.length); return word(error) } })
emit({ unknown: codes, longest, input: thrown(() => p.save('input')), fromInput: thrown(() => new px.Pipeline(spec).from('input')), otherUnknown: thrown(() => new px.Pipeline(spec).add({ other: 'ghost' })) })
emit({ stillRuns: p.run(input).length })`, 120_000)
    expect(lines[0]).toEqual({ names: true })
    expect(lines[1].saves.every((code: string) => code === 'ok')).toBe(true)
    expect(lines[1].froms.every((code: string) => code === 'ok')).toBe(true)
    expect(lines[2].unknown).toEqual(Array(6).fill('ERR_PIXCHAIN_PARAM'))
    expect(lines[2]).toMatchObject({ input: 'ERR_PIXCHAIN_PARAM', fromInput: 'ok', otherUnknown: 'ERR_PIXCHAIN_PARAM' })
    expect(lines[3]).toEqual({ stillRuns: 256 })
  })
})
