// Hostile callers of every asynchronous entry: arrays transferred, detached
// and shrunk at every point before the promise settles, their new owners
// dropped and collected, shared memory written by a worker meanwhile. A run
// reads copies of its inputs taken when it starts and writes its output
// when it settles, so the process never crashes, a detached output is
// ERR_PIXCHAIN_DETACHED (no byte written anywhere), and an input moved away
// after the call still gives the right result.

import { describe, expect, it } from 'vitest'

import { survives } from './hostile'

/** The frames and entries every async case below shares, as child code. */
const entries = `
const spec = { width: 320, height: 240, channels: 1, type: 'u8' }
const n = spec.width * spec.height
const SENTINEL = 0xa5
function frame(seed, resizable) {
  const a = resizable ? new Uint8Array(new ArrayBuffer(n, { maxByteLength: n })) : new Uint8Array(n)
  let x = seed
  for (let i = 0; i < n; i++) { x = (Math.imul(x, 1103515245) + 12345) >>> 0; a[i] = x >>> 24 }
  return a
}
function blank(resizable) {
  const a = resizable ? new Uint8Array(new ArrayBuffer(n, { maxByteLength: n })) : new Uint8Array(n)
  return a.fill(SENTINEL)
}
const pipeline = () => new px.Pipeline(spec).gaussianBlur({ sigma: 2 }).medianBlur({ ksize: 5 })
// Each entry: how many inputs, whether it writes an output, the synchronous
// twin (the oracle) and the asynchronous call.
const ENTRIES = {
  pipeline: { inputs: 1, output: true, sync: ([i], o) => void pipeline().run(i, o), start: ([i], o) => pipeline().runAsync(i, o).then(() => undefined) },
  one: { inputs: 1, output: true, sync: ([i], o) => void px.medianBlur(i, o, spec, { ksize: 5 }), start: ([i], o) => px.promises.medianBlur(i, o, spec, { ksize: 5 }).then(() => undefined) },
  two: { inputs: 2, output: true, sync: ([a, b], o) => void px.absdiff(a, b, o, spec), start: ([a, b], o) => px.promises.absdiff(a, b, o, spec).then(() => undefined) },
  otsu: { inputs: 1, output: false, sync: ([i]) => px.otsuThreshold(i, spec), start: ([i]) => px.promises.otsuThreshold(i, spec) },
  thresholdOtsu: { inputs: 1, output: true, sync: ([i], o) => px.thresholdOtsu(i, o, spec), start: ([i], o) => px.promises.thresholdOtsu(i, o, spec) },
}
`

/**
 * Every way to move an array's memory, at every point before the promise
 * settles, of every array of the entry; one JSON line per attempt.
 */
function detachEverywhere(entry: string): string {
  return `${entries}
const e = ENTRIES[${JSON.stringify(entry)}]
const hows = ['clone', 'clone-drop', 'port', ...(hasTransfer ? ['transfer'] : []), ...(hasResizable ? ['shrink'] : [])]
const points = ['sync', 'microtask', 'immediate', 'timeout']
const targets = ['input', ...(e.inputs > 1 ? ['other'] : []), ...(e.output ? ['output', 'all'] : [])]
for (const how of hows) for (const point of points) for (const target of targets) {
  const resizable = how === 'shrink'
  const inputs = [frame(1, resizable), frame(2, resizable)].slice(0, e.inputs)
  const output = e.output ? blank(resizable) : undefined
  const expected = new Uint8Array(n)
  const expectedValue = e.sync(inputs.map((a) => a.slice()), expected)
  const victims = { input: [inputs[0]], other: [inputs[1]], output: [output], all: [...inputs, output] }[target]
  let settled = false
  const promise = e.start(inputs, output)
  promise.then(() => (settled = true), () => (settled = true))
  if (point === 'microtask') await null
  if (point === 'immediate') await tick()
  if (point === 'timeout') await sleep(3)
  const settledBefore = settled
  // What the arrays held when they were moved: the run must never write there after.
  const before = victims.map((a) => a.slice())
  let owners = victims.map((a) => detach(a.buffer, how === 'clone-drop' ? 'clone' : how))
  if (how === 'clone-drop') { owners = []; churn() }
  let value, code
  try { value = await promise; code = 'ok' } catch (error) { code = word(error) }
  churn()
  // What the arrays' memory holds now, wherever it went: never written by the run.
  const ownersUntouched = owners.every((owner, k) => owner === undefined || same(new Uint8Array(owner), before[k]))
  const outputRight = !e.output || output.length === 0 || same(output, expected)
  const outputUntouched = !e.output || output.length === 0 || all(output, SENTINEL)
  emit({ how, point, target, settledBefore, code, valueRight: value === expectedValue, outputRight, outputUntouched, ownersUntouched })
}
emit({ done: true })
`
}

interface Attempt {
  how: string
  point: string
  target: string
  settledBefore: boolean
  code: string
  valueRight: boolean
  outputRight: boolean
  outputUntouched: boolean
  ownersUntouched: boolean
}

function check(entry: string, attempts: Attempt[]): void {
  expect(attempts.length).toBeGreaterThanOrEqual(16)
  const writesOutput = entry !== 'otsu'
  const returnsValue = entry === 'otsu' || entry === 'thresholdOtsu'
  for (const a of attempts) {
    const label = JSON.stringify(a)
    expect(a.ownersUntouched, label).toBe(true)
    const outputGone = a.target === 'output' || a.target === 'all'
    if (a.settledBefore) {
      expect(a.code, label).toBe('ok')
    } else if (outputGone && writesOutput) {
      expect(a.code, label).toBe('ERR_PIXCHAIN_DETACHED')
    } else {
      // Only inputs moved: they were copied when the call started.
      expect(a.code, label).toBe('ok')
      expect(a.outputRight, label).toBe(true)
      if (returnsValue) expect(a.valueRight, label).toBe(true)
    }
    if (a.code !== 'ok') expect(a.outputUntouched, label).toBe(true)
  }
}

describe('arrays moved while an async run holds them', () => {
  for (const entry of ['pipeline', 'one', 'two', 'otsu', 'thresholdOtsu']) {
    it(`${entry}: every transfer, detach and shrink at every point is a code or the right result, never a crash`, async () => {
      const lines = await survives(detachEverywhere(entry))
      expect(lines.at(-1)).toEqual({ done: true })
      check(entry, lines.slice(0, -1))
    })
  }

  it('an array detached before the call is ERR_PIXCHAIN_LENGTH, the other arrays untouched', async () => {
    const lines = await survives(`${entries}
for (const [name, e] of Object.entries(ENTRIES)) for (const target of ['input', 'output']) {
  if (target === 'output' && !e.output) continue
  const inputs = [frame(1), frame(2)].slice(0, e.inputs)
  const output = e.output ? blank() : undefined
  detach((target === 'input' ? inputs[0] : output).buffer, 'clone')
  const code = await outcome(e.start(inputs, output))
  emit({ name, target, code, untouched: !e.output || output.length === 0 || all(output, SENTINEL) })
}`)
    expect(lines.length).toBe(9)
    for (const line of lines) expect(line, JSON.stringify(line)).toMatchObject({ code: 'ERR_PIXCHAIN_LENGTH', untouched: true })
  })

  it('a fixed-length view of a resizable buffer shrunk, then grown back, during a run', async () => {
    const lines = await survives(`${entries}
for (const regrow of [false, true]) {
  const buffer = new ArrayBuffer(n + 64, { maxByteLength: 2 * n })
  const output = new Uint8Array(buffer, 64, n).fill(SENTINEL)
  const input = frame(3)
  const expected = new Uint8Array(n)
  px.medianBlur(input, expected, spec, { ksize: 5 })
  const promise = px.promises.medianBlur(input, output, spec, { ksize: 5 })
  buffer.resize(10)
  churn()
  if (regrow) buffer.resize(n + 64)
  const code = await outcome(promise)
  emit({ regrow, code, length: output.length, right: output.length === n && same(output, expected), zero: output.length === n && all(output, 0) })
}`)
    // Out of bounds: the view has no bytes, the run is refused.
    expect(lines[0]).toMatchObject({ regrow: false, code: 'ERR_PIXCHAIN_DETACHED', length: 0 })
    // Grown back to the same bytes: either the result lands, or it is refused
    // and the (zeroed) regrown memory is untouched.
    expect(lines[1].length).toBe(320 * 240)
    if (lines[1].code === 'ok') expect(lines[1].right).toBe(true)
    else expect(lines[1]).toMatchObject({ code: 'ERR_PIXCHAIN_DETACHED', zero: true })
  })

  it('an output transferred to a worker that writes it meanwhile: ERR_PIXCHAIN_DETACHED, the bytes the worker owns never written by the run', async () => {
    const lines = await survives(`${entries}
const worker = new Worker(\`
  const { parentPort } = require('node:worker_threads')
  let view
  parentPort.on('message', (message) => {
    if (message === 'check') { parentPort.postMessage(view.every((v) => v === 7)); return }
    view = new Uint8Array(message)
    // Writes for a while, then waits for 'check'.
    const end = Date.now() + 20
    while (Date.now() < end) view.fill(7)
    parentPort.postMessage('filled')
  })\`, { eval: true })
const reply = () => new Promise((done) => worker.once('message', done))
for (const name of ['pipeline', 'one', 'two', 'thresholdOtsu']) {
  const e = ENTRIES[name]
  const inputs = [frame(1), frame(2)].slice(0, e.inputs)
  const output = blank()
  const promise = e.start(inputs, output)
  worker.postMessage(output.buffer, [output.buffer])
  const filled = reply()
  gc()
  const code = await outcome(promise)
  await filled
  worker.postMessage('check')
  emit({ name, code, workerBytesIntact: await reply() })
}
await worker.terminate()`)
    expect(lines.length).toBe(4)
    for (const line of lines) expect(line, JSON.stringify(line)).toMatchObject({ code: 'ERR_PIXCHAIN_DETACHED', workerBytesIntact: true })
  })
})

describe('SharedArrayBuffer memory, used in place', () => {
  it('shared input and output give the synchronous result, for every entry', async () => {
    const lines = await survives(`${entries}
const shared = (a) => { const s = new Uint8Array(new SharedArrayBuffer(a.length)); s.set(a); return s }
for (const [name, e] of Object.entries(ENTRIES)) for (const which of ['input', 'output', 'both']) {
  if (which !== 'input' && !e.output) continue
  const plain = [frame(1), frame(2)].slice(0, e.inputs)
  const inputs = which === 'output' ? plain : plain.map(shared)
  const output = e.output ? (which === 'input' ? blank() : shared(blank())) : undefined
  const expected = new Uint8Array(n)
  const value = e.sync(plain, expected)
  const got = await e.start(inputs, output)
  emit({ name, which, value: got === value, output: !e.output || same(output, expected) })
}`)
    expect(lines.length).toBe(13)
    for (const line of lines) expect(line, JSON.stringify(line)).toMatchObject({ value: true, output: true })
  })

  it('a growable SharedArrayBuffer grown during a run, and views of one shared buffer', async () => {
    const lines = await survives(`${entries}
const growable = new SharedArrayBuffer(2 * n, { maxByteLength: 8 * n })
const input = new Uint8Array(growable, 0, n)
input.set(frame(4))
const output = new Uint8Array(growable, n, n)
const expected = new Uint8Array(n)
px.medianBlur(input.slice(), expected, spec, { ksize: 5 })
const promise = px.promises.medianBlur(input, output, spec, { ksize: 5 })
growable.grow(8 * n)
churn()
emit({ code: await outcome(promise), right: same(output, expected) })
// Two views of one shared buffer that overlap by one byte: refused, in both forms.
const overlap = new Uint8Array(growable, n - 1, n)
emit({ sync: thrown(() => px.medianBlur(input, overlap, spec, { ksize: 5 })), async: await outcome(px.promises.medianBlur(input, overlap, spec, { ksize: 5 })) })
// A length-tracking view of the growable buffer: n bytes expected, more given.
emit({ tracking: await outcome(px.promises.medianBlur(input, new Uint8Array(growable), spec)) })`)
    expect(lines[0]).toEqual({ code: 'ok', right: true })
    expect(lines[1]).toEqual({ sync: 'ERR_PIXCHAIN_ALIAS', async: 'ERR_PIXCHAIN_ALIAS' })
    expect(['ERR_PIXCHAIN_ALIAS', 'ERR_PIXCHAIN_LENGTH']).toContain(lines[2].tracking)
  })

  it('a worker writing the shared input and output during runs: no crash, and a quiet rerun is right', async () => {
    const lines = await survives(`${entries}
const sin = new Uint8Array(new SharedArrayBuffer(n))
const sout = new Uint8Array(new SharedArrayBuffer(n))
const stop = new Int32Array(new SharedArrayBuffer(4))
const worker = new Worker(\`
  const { workerData } = require('node:worker_threads')
  const [input, output, stop] = workerData
  let k = 0
  while (Atomics.load(stop, 0) === 0) { input.fill(k & 255); output.fill(~k & 255); k++ }
\`, { eval: true, workerData: [sin, sout, stop] })
await sleep(20)
const codes = []
for (let round = 0; round < 20; round++) {
  codes.push(await outcome(pipeline().runAsync(sin, sout)))
  codes.push(await outcome(px.promises.absdiff(sin, sin.slice(), sout, spec)))
  codes.push(await outcome(px.promises.otsuThreshold(sin, spec)))
}
Atomics.store(stop, 0, 1)
await worker.terminate()
sin.set(frame(5))
const expected = new Uint8Array(n)
pipeline().run(sin.slice(), expected)
await pipeline().runAsync(sin, sout)
emit({ codes: [...new Set(codes)], right: same(sout, expected) })`)
    expect(lines[0]).toEqual({ codes: ['ok'], right: true })
  })
})
