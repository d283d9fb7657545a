// Hostile option objects and specs: getters that detach the arrays or
// dispose the object mid-call, getters that answer differently on each
// read, Proxies whose traps throw, values of every wrong kind, and getters
// planted on Object.prototype that run while the addon converts its
// arguments. Each is an error with a code (or the user's own exception),
// with the output untouched, or the right result — never a crash.

import { describe, expect, it } from 'vitest'

import { survives } from './hostile'

const frames = `
const spec = { width: 64, height: 48, channels: 1, type: 'u8' }
const n = spec.width * spec.height
const SENTINEL = 0xa5
const frame = (seed = 1) => { const a = new Uint8Array(n); let x = seed; for (let i = 0; i < n; i++) { x = (Math.imul(x, 1103515245) + 12345) >>> 0; a[i] = x >>> 24 } return a }
const blank = () => new Uint8Array(n).fill(SENTINEL)
const blurred = (input) => px.gaussianBlur(input, new Uint8Array(n), spec, { sigma: 1 })
`

describe('getters that detach or dispose while options are read', () => {
  it('a getter that detaches the input or output: ERR_PIXCHAIN_LENGTH, nothing written, in every entry', async () => {
    const lines = await survives(`${frames}
const cases = {
  'oneShot options': (i, o, evil) => px.gaussianBlur(i, o, spec, { get sigma() { evil(); return 1 } }),
  'oneShot spec': (i, o, evil) => px.gaussianBlur(i, o, { ...spec, get width() { evil(); return 64 } }, { sigma: 1 }),
  'twoImage spec': (i, o, evil) => px.add(i, frame(2), o, { ...spec, get type() { evil(); return 'u8' } }),
  'run inputSpec': (i, o, evil) => new px.Pipeline(spec).gaussianBlur({ sigma: 1 }).run(i, o, { ...spec, get height() { evil(); return 48 } }),
  'promises options': (i, o, evil) => px.promises.gaussianBlur(i, o, spec, { get sigma() { evil(); return 1 } }),
  'promises run options': (i, o, evil) => px.promises.gaussianBlur(i, o, spec, { sigma: 1 }, { get signal() { evil(); return undefined } }),
  'runAsync options': (i, o, evil) => new px.Pipeline(spec).gaussianBlur({ sigma: 1 }).runAsync(i, o, { get signal() { evil(); return undefined } }),
  'thresholdOtsu options': (i, o, evil) => px.promises.thresholdOtsu(i, o, spec, { get kind() { evil(); return 'binary' } }),
}
for (const [name, call] of Object.entries(cases)) for (const victim of ['input', 'output']) {
  const input = frame(), output = blank()
  let moved
  const evil = () => { moved = structuredClone((victim === 'input' ? input : output).buffer, { transfer: [(victim === 'input' ? input : output).buffer] }); gc() }
  let code
  try { await call(input, output, evil); code = 'ok' } catch (error) { code = word(error) }
  churn()
  const untouched = victim === 'output' ? all(new Uint8Array(moved), SENTINEL) : all(output, SENTINEL)
  emit({ name, victim, code, untouched })
}`)
    expect(lines.length).toBe(16)
    for (const line of lines) expect(line, JSON.stringify(line)).toMatchObject({ code: 'ERR_PIXCHAIN_LENGTH', untouched: true })
  })

  it('a getter that disposes the object, or starts a run on it, while its own call reads options', async () => {
    const lines = await survives(`${frames}
const input = frame()
const make = () => new px.Pipeline(spec).gaussianBlur({ sigma: 1 })
let p = make()
emit({ case: 'push disposes', code: thrown(() => p.medianBlur({ get ksize() { p.dispose(); return 3 } })) })
p = make()
emit({ case: 'run disposes', code: thrown(() => p.run(input, blank(), { ...spec, get width() { p.dispose(); return 64 } })) })
p = make()
emit({ case: 'runAsync disposes', code: await outcome(p.runAsync(input, blank(), { get signal() { p.dispose(); return undefined } })) })
p = make()
let inner
const out = blank()
emit({ case: 'run while a getter started runAsync', code: thrown(() => p.run(input, out, { ...spec, get width() { inner = p.runAsync(input); return 64 } })), untouched: all(out, SENTINEL) })
emit({ case: 'the inner run', code: await outcome(inner) })
p = make()
emit({ case: 'push during push', code: thrown(() => p.medianBlur({ get ksize() { p.clip({ min: 10 }); return 3 } })), steps: p.run(input).length })
const b = new px.ImageBuffers(spec).load(input)
emit({ case: 'buffers kernel disposes', code: thrown(() => b.gaussianBlur({ get sigma() { b.dispose(); return 1 } })) })
const c = new px.ImageBuffers(spec).load(input)
emit({ case: 'buffers kernel loads', code: thrown(() => c.gaussianBlur({ get sigma() { c.load(frame(9)); return 1 } })), right: same(c.read(), blurred(frame(9))) })`)
    const byCase = Object.fromEntries(lines.map((line) => [line.case, line]))
    expect(byCase['push disposes'].code).toBe('ERR_PIXCHAIN_DISPOSED')
    expect(byCase['run disposes'].code).toBe('ERR_PIXCHAIN_DISPOSED')
    expect(byCase['runAsync disposes'].code).toBe('ERR_PIXCHAIN_DISPOSED')
    expect(byCase['run while a getter started runAsync']).toMatchObject({ code: 'ERR_PIXCHAIN_BUSY', untouched: true })
    expect(byCase['the inner run'].code).toBe('ok')
    expect(byCase['push during push']).toMatchObject({ code: 'ok', steps: 64 * 48 })
    expect(byCase['buffers kernel disposes'].code).toBe('ERR_PIXCHAIN_DISPOSED')
    expect(byCase['buffers kernel loads']).toMatchObject({ code: 'ok', right: true })
  })

  it('getters planted on Object.prototype run while the addon converts options: no aliasing, no crash', async () => {
    const lines = await survives(`${frames}
const input = frame()
const b = new px.ImageBuffers(spec).load(input)
const p = new px.Pipeline(spec)
let calls = 0
// Fields the TypeScript layer leaves out when not given, read by the addon
// through the prototype chain.
for (const key of ['sigmaY', 'ksize', 'border', 'borderValue', 'maxval', 'kind']) {
  Object.defineProperty(Object.prototype, key, {
    configurable: true,
    get() {
      calls++
      try { b.dispose() } catch {}
      try { p.dispose() } catch {}
      try { b.load(input) } catch {}
      return undefined
    },
  })
}
const results = {
  buffersApply: thrown(() => b.gaussianBlur({ sigma: 1 })),
  pipelinePush: thrown(() => p.gaussianBlur({ sigma: 1 })),
  oneShot: thrown(() => px.gaussianBlur(input, blank(), spec, { sigma: 1 })),
  promise: await outcome(px.promises.gaussianBlur(input, blank(), spec, { sigma: 1 })),
}
for (const key of ['sigmaY', 'ksize', 'border', 'borderValue', 'maxval', 'kind']) delete Object.prototype[key]
churn()
emit({ results, calls, disposed: [b.disposed, p.disposed] })`)
    const [{ results, disposed }] = lines
    for (const code of Object.values(results)) expect(['ok', 'ERR_PIXCHAIN_DISPOSED']).toContain(code)
    expect(disposed).toEqual([true, true])
  })
})

describe('values that change, throw or lie', () => {
  it('a getter is read once: the value checked is the value used', async () => {
    const lines = await survives(`${frames}
const input = frame()
let reads = 0
const flaky = { get sigma() { return reads++ === 0 ? 1 : 'not a number' } }
const output = px.gaussianBlur(input, new Uint8Array(n), spec, flaky)
emit({ reads, right: same(output, blurred(input)) })
reads = 0
const specReads = { get width() { reads++; return reads === 1 ? 64 : 1e9 }, height: 48, type: 'u8' }
emit({ specReads: thrown(() => px.gaussianBlur(input, new Uint8Array(n), specReads, { sigma: 1 })), reads })
`)
    expect(lines[0]).toEqual({ reads: 1, right: true })
    expect(lines[1]).toEqual({ specReads: 'ok', reads: 1 })
  })

  it('kernel lists with holes, flaky elements, proxies and absurd lengths: ERR_PIXCHAIN_PARAM or the right result', async () => {
    const lines = await survives(`${frames}
const input = frame()
const identity = px.convolve(input, new Uint8Array(n), spec, { kernel: [0, 0, 0, 0, 1, 0, 0, 0, 0] })
let k = 0
const flaky = [0, 0, 0, 0, 0, 0, 0, 0, 0]
Object.defineProperty(flaky, 4, { get() { return k++ === 0 ? 1 : 'x' }, enumerable: true })
const cases = {
  holes: { kernel: [0, 0, 0, 0, 1, 0, 0, 0, , ] },
  sparse: { kernel: Object.assign([], { 8: 1 }) },
  flaky: { kernel: flaky },
  undefinedTap: { kernel: [0, 0, 0, 0, 1, 0, 0, 0, undefined] },
  bigintTaps: { kernel: new BigInt64Array(9) },
  nanTap: { kernel: [0, 0, 0, 0, NaN, 0, 0, 0, 0] },
  infTap: { kernel: [0, 0, 0, 0, Infinity, 0, 0, 0, 0] },
  huge: { kernel: new Float32Array(1 << 20), kernelWidth: 1024 },
  notSquare: { kernel: [1, 2, 3] },
  widthZero: { kernel: [1], kernelWidth: 0 },
  rowOnly: { row: [1] },
  emptyRow: { row: [], column: [] },
  proxyThrows: { kernel: new Proxy([1], { get(target, key) { if (key === '0') throw new Error('trap'); return Reflect.get(target, key) } }) },
  dataView: { kernel: new DataView(new ArrayBuffer(4)) },
}
for (const [name, options] of Object.entries(cases)) {
  const output = blank()
  let code
  try { px.convolve(input, output, spec, options); code = 'ok' } catch (error) { code = word(error) === 'Error' ? error.message : word(error) }
  emit({ name, code, right: code === 'ok' ? same(output, identity) : all(output, SENTINEL) })
}`)
    const byName = Object.fromEntries(lines.map((line) => [line.name, line]))
    expect(Object.keys(byName).length).toBe(14)
    for (const line of lines) expect(line.right, JSON.stringify(line)).toBe(true)
    for (const name of ['holes', 'sparse', 'undefinedTap', 'bigintTaps', 'huge', 'notSquare', 'widthZero', 'dataView']) {
      expect(byName[name].code, name).toBe('ERR_PIXCHAIN_PARAM')
    }
    expect(['ok', 'ERR_PIXCHAIN_PARAM']).toContain(byName.flaky.code)
    expect(byName.proxyThrows.code).toBe('trap')
    for (const name of ['nanTap', 'infTap', 'rowOnly', 'emptyRow']) expect(['ok', 'ERR_PIXCHAIN_PARAM'], name).toContain(byName[name].code)
  })

  it('Proxies whose traps throw, as options, specs, arrays and signals', async () => {
    const lines = await survives(`${frames}
const input = frame()
const throwing = (what) => new Proxy({}, { ownKeys() { throw new Error(what + ' ownKeys') }, get() { throw new Error(what + ' get') }, getOwnPropertyDescriptor() { throw new Error(what + ' gopd') } })
const getThrows = new Proxy({ sigma: 1 }, { get() { throw new Error('get') } })
const message = (error) => error?.code ?? error?.message
const attempt = async (call) => { try { await call(); return 'ok' } catch (error) { return message(error) } }
const p = new px.Pipeline(spec).gaussianBlur({ sigma: 1 })
const output = blank()
emit({
  options: await attempt(() => px.gaussianBlur(input, output, spec, throwing('options'))),
  getOptions: await attempt(() => px.gaussianBlur(input, output, spec, getThrows)),
  spec: await attempt(() => px.gaussianBlur(input, output, throwing('spec'), { sigma: 1 })),
  promiseOptions: await attempt(() => px.promises.gaussianBlur(input, output, spec, throwing('options'))),
  runOptions: await attempt(() => p.runAsync(input, output, throwing('run'))),
  pipelineOptions: await attempt(() => new px.Pipeline(spec, throwing('pipeline'))),
  buffersOptions: await attempt(() => new px.ImageBuffers(throwing('buffers'))),
  proxiedArray: await attempt(() => px.gaussianBlur(new Proxy(input, {}), output, spec, { sigma: 1 })),
  proxiedOutput: await attempt(() => p.runAsync(input, new Proxy(output, {}))),
  forgedSignal: await attempt(() => p.runAsync(input, output, { signal: Object.create(AbortSignal.prototype) })),
  name: await attempt(() => p.save({ toString() { throw new Error('toString') } })),
  untouched: all(output, SENTINEL),
  stillWorks: same(p.run(input), blurred(input)),
})`)
    expect(lines[0]).toMatchObject({
      options: 'options ownKeys',
      getOptions: 'get',
      spec: 'spec ownKeys',
      promiseOptions: 'options ownKeys',
      runOptions: 'run ownKeys',
      pipelineOptions: 'pipeline ownKeys',
      buffersOptions: 'buffers ownKeys',
      proxiedArray: 'ERR_PIXCHAIN_TYPE',
      proxiedOutput: 'ERR_PIXCHAIN_TYPE',
      name: 'ERR_PIXCHAIN_PARAM',
      untouched: true,
      stillWorks: true,
    })
    expect(lines[0].forgedSignal).not.toBe('ok')
  })

  it('an array whose length, buffer and offset properties lie is read by its real memory', async () => {
    const lines = await survives(`${frames}
const input = frame()
let touched = 0
const liar = (a) => {
  for (const key of ['length', 'byteLength', 'byteOffset', 'buffer']) {
    Object.defineProperty(a, key, { get() { touched++; return key === 'buffer' ? new ArrayBuffer(1) : 1e9 } })
  }
  return a
}
const output = liar(new Uint8Array(n))
px.gaussianBlur(liar(input.slice()), output, spec, { sigma: 1 })
const asyncOut = liar(new Uint8Array(n))
await px.promises.gaussianBlur(liar(input.slice()), asyncOut, spec, { sigma: 1 })
emit({ touched, right: same(new Uint8Array(output), blurred(input)) && same(new Uint8Array(asyncOut), blurred(input)) })`)
    expect(lines[0]).toEqual({ touched: 0, right: true })
  })
})
