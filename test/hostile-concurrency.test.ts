// Hostile timing: dispose, abort and garbage collection at every point of
// a run in flight, many runs at once, calls on a busy pipeline, and workers
// terminated mid-run. Each case runs in a child process.

import { describe, expect, it } from 'vitest'

import { survives } from './hostile'

const setup = `
const spec = { width: 400, height: 300, channels: 1, type: 'u16' }
const n = spec.width * spec.height
const SENTINEL = 0xa5a5
const frame = (seed = 1) => { const a = new Uint16Array(n); let x = seed; for (let i = 0; i < n; i++) { x = (Math.imul(x, 1103515245) + 12345) >>> 0; a[i] = x >>> 16 } return a }
const blank = () => new Uint16Array(n).fill(SENTINEL)
const heavy = () => new px.Pipeline(spec).medianBlur({ ksize: 5 }).normalize().gaussianBlur({ sigma: 2 }).medianBlur({ ksize: 5 })
const points = ['before', 'sync', 'microtask', 'immediate', 'timeout', 'settled']
async function at(point, promise) {
  if (point === 'microtask') await null
  if (point === 'immediate') await tick()
  if (point === 'timeout') await sleep(2)
  if (point === 'settled') await promise.catch(() => {})
}
`

describe('dispose, abort and gc while a run is in flight', () => {
  it('dispose at every point: ERR_PIXCHAIN_ABORTED or the right frame, the output untouched on failure, DISPOSED after', async () => {
    const lines = await survives(`${setup}
const input = frame()
const expected = heavy().run(input)
for (const point of points) for (let round = 0; round < 3; round++) {
  const p = heavy()
  const output = blank()
  if (point === 'before') p.dispose()
  let settled = false
  const promise = p.runAsync(input, output)
  promise.then(() => (settled = true), () => (settled = true))
  await at(point, promise)
  const settledBefore = settled
  p.dispose()
  churn(1)
  const code = await outcome(promise)
  emit({ point, settledBefore, code, right: same(output, expected), untouched: all(output, SENTINEL), after: thrown(() => p.run(input)), disposed: p.disposed, again: thrown(() => p.dispose()) })
}`)
    expect(lines.length).toBe(18)
    for (const line of lines) {
      const label = JSON.stringify(line)
      expect(line.after, label).toBe('ERR_PIXCHAIN_DISPOSED')
      expect(line.disposed, label).toBe(true)
      expect(line.again, label).toBe('ok')
      if (line.point === 'before') expect(line, label).toMatchObject({ code: 'ERR_PIXCHAIN_DISPOSED', untouched: true })
      else if (line.settledBefore) expect(line, label).toMatchObject({ code: 'ok', right: true })
      else if (line.code === 'ok') expect(line.right, label).toBe(true)
      else expect(line, label).toMatchObject({ code: 'ERR_PIXCHAIN_ABORTED', untouched: true })
    }
  })

  it('abort signals at every point, with every kind of reason, in runAsync and promises.*', async () => {
    const lines = await survives(`${setup}
const input = frame()
const expected = heavy().run(input)
const blurredExpected = px.medianBlur(input, new Uint16Array(n), spec, { ksize: 5 })
const reasons = [undefined, 'why', 0, null, new Error('mine')]
for (const point of points) for (const reason of reasons) {
  const controller = new AbortController()
  if (point === 'before') controller.abort(reason)
  const p = heavy()
  const output = blank(), kernelOutput = blank()
  let settled = false
  const runs = [p.runAsync(input, output, { signal: controller.signal }), px.promises.medianBlur(input, kernelOutput, spec, { ksize: 5 }, { signal: controller.signal })]
  const both = Promise.allSettled(runs)
  both.then(() => (settled = true))
  await at(point, both)
  const settledBefore = settled
  if (point !== 'before') controller.abort(reason)
  gc()
  const [run, kernel] = await both
  const describe = (r) => r.status === 'fulfilled' ? 'ok' : r.reason === controller.signal.reason ? 'reason' : word(r.reason)
  emit({ point, reason: String(reason), settledBefore, run: describe(run), kernel: describe(kernel), runRight: same(output, expected), runUntouched: all(output, SENTINEL), kernelRight: same(kernelOutput, blurredExpected), kernelUntouched: all(kernelOutput, SENTINEL), reusable: same(p.run(input), expected) })
}`)
    expect(lines.length).toBe(30)
    for (const line of lines) {
      const label = JSON.stringify(line)
      expect(line.reusable, label).toBe(true)
      if (line.point === 'before') {
        expect(line, label).toMatchObject({ run: 'reason', kernel: 'reason', runUntouched: true, kernelUntouched: true })
        continue
      }
      // The run stops before its next step, rejecting with the signal's reason, or completes.
      if (line.run === 'ok') expect(line.runRight, label).toBe(true)
      else expect(line, label).toMatchObject({ run: 'reason', runUntouched: true })
      if (line.settledBefore || line.point === 'settled') expect(line.run, label).toBe('ok')
      // A one-shot kernel that has started completes.
      expect(line, label).toMatchObject({ kernel: 'ok', kernelRight: true })
    }
  })

  it('a pipeline collected with a run in flight: the run completes, nothing crashes', async () => {
    const lines = await survives(`${setup}
const input = frame()
const expected = heavy().run(input)
const registry = new FinalizationRegistry(() => collected++)
let collected = 0
const results = []
for (let round = 0; round < 8; round++) {
  const outputs = []
  const promises = []
  for (let k = 0; k < 4; k++) {
    const output = blank()
    outputs.push(output)
    // No reference to the pipeline survives this expression but the promise's.
    promises.push((() => { const p = heavy(); registry.register(p, k); return p.runAsync(input, output) })())
  }
  for (let g = 0; g < 5; g++) { gc(); await tick() }
  churn()
  const codes = await Promise.all(promises.map(outcome))
  results.push(codes.every((c) => c === 'ok') && outputs.every((o) => same(o, expected)))
}
for (let g = 0; g < 10; g++) { gc(); await tick() }
emit({ results, collected })`)
    expect(lines[0].results).toEqual(Array(8).fill(true))
    expect(lines[0].collected).toBeGreaterThan(0)
  })
})

describe('many runs, busy pipelines', () => {
  it('64 pipelines and 64 one-shot kernels at once give the synchronous results', async () => {
    const lines = await survives(`${setup}
const inputs = Array.from({ length: 64 }, (_, k) => frame(k + 1))
const pipelines = inputs.map((_, k) => new px.Pipeline(spec, { threads: 1 + (k % 3) }).gaussianBlur({ sigma: 1 + (k % 4) }).linear({ a: 1.5 }))
const expected = pipelines.map((p, k) => p.run(inputs[k]))
const kernelExpected = inputs.map((input) => px.boxBlur(input, new Uint16Array(n), spec, { ksize: 7 }))
const outputs = await Promise.all(pipelines.map((p, k) => p.runAsync(inputs[k])))
const kernelOutputs = await Promise.all(inputs.map((input) => px.promises.boxBlur(input, new Uint16Array(n), spec, { ksize: 7 })))
emit({ pipelines: outputs.every((o, k) => same(o, expected[k])), kernels: kernelOutputs.every((o, k) => same(o, kernelExpected[k])) })`)
    expect(lines[0]).toEqual({ pipelines: true, kernels: true })
  })

  it('every call on a busy pipeline is ERR_PIXCHAIN_BUSY, and the pipeline works once the run settles', async () => {
    const lines = await survives(`${setup}
const input = frame()
const p = heavy()
const expected = p.run(input)
const output = blank()
const running = p.runAsync(input, output)
const calls = {
  run: () => p.run(input),
  runAsync: () => p.runAsync(input),
  push: () => p.clip(),
  pushBinary: () => p.add({ other: 'input' }),
  save: () => p.save('x'),
  from: () => p.from('input'),
  compile: () => p.compile(),
  stats: () => p.stats,
  resize: () => p.run(input, undefined, { ...spec, width: 10 }),
}
const codes = {}
for (const [name, call] of Object.entries(calls)) {
  try { const r = call(); codes[name] = r instanceof Promise ? await outcome(r) : 'ok' } catch (error) { codes[name] = word(error) }
}
const outputSpec = thrown(() => p.outputSpec)
await running
emit({ codes, outputSpec, right: same(output, expected), after: same(p.run(input), expected) })`)
    expect(lines[0].codes).toEqual({
      run: 'ERR_PIXCHAIN_BUSY',
      runAsync: 'ERR_PIXCHAIN_BUSY',
      push: 'ERR_PIXCHAIN_BUSY',
      pushBinary: 'ERR_PIXCHAIN_BUSY',
      save: 'ERR_PIXCHAIN_BUSY',
      from: 'ERR_PIXCHAIN_BUSY',
      compile: 'ERR_PIXCHAIN_BUSY',
      stats: 'ERR_PIXCHAIN_BUSY',
      resize: 'ERR_PIXCHAIN_BUSY',
    })
    expect(lines[0]).toMatchObject({ outputSpec: 'ok', right: true, after: true })
  })

  it('reentrant callers: runs started from the previous run settling, dispose inside an abort listener', async () => {
    const lines = await survives(`${setup}
const input = frame()
const p = heavy()
const expected = p.run(input)
// Chains of runs, each started by the previous one's settlement.
let chained = 0
await new Promise((done) => {
  const next = () => (chained < 20 ? p.runAsync(input).then((o) => { if (same(o, expected)) chained++; next() }) : done())
  next()
})
const q = heavy()
const controller = new AbortController()
controller.signal.addEventListener('abort', () => q.dispose())
const output = blank()
const promise = q.runAsync(input, output, { signal: controller.signal })
await tick()
controller.abort()
const code = await outcome(promise)
emit({ chained, code, ok: code === 'ok' ? same(output, expected) : all(output, SENTINEL), disposed: q.disposed })`)
    expect(lines[0].chained).toBe(20)
    expect(['ok', 'AbortError', 'ERR_PIXCHAIN_ABORTED']).toContain(lines[0].code)
    expect(lines[0]).toMatchObject({ ok: true, disposed: true })
  })

  it('workers terminated, and exiting, with runs in flight', async () => {
    const lines = await survives(`
const script = \`
  const { parentPort, workerData } = require('node:worker_threads')
  const px = require(\${JSON.stringify(process.cwd() + '/dist/index.js')})
  const spec = { width: 600, height: 600, channels: 1, type: 'u16' }
  const input = new Uint16Array(600 * 600).map((_, i) => i)
  const shared = new Uint16Array(new SharedArrayBuffer(600 * 600 * 2))
  for (let k = 0; k < 4; k++) {
    new px.Pipeline(spec).medianBlur({ ksize: 5 }).normalize().runAsync(input)
    px.promises.medianBlur(input, shared, spec, { ksize: 5 })
  }
  parentPort.postMessage('started')
  if (workerData === 'exit') process.exit(3)
\`
const codes = []
for (let round = 0; round < 12; round++) {
  const how = round % 3 === 0 ? 'exit' : 'terminate'
  const worker = new Worker(script, { eval: true, workerData: how })
  // Listened for first: a worker that exits by itself may be gone before 'started' is read.
  const exited = new Promise((done) => worker.once('exit', done))
  await new Promise((done) => worker.once('message', done))
  if (round % 3 === 1) await sleep(1)
  if (how === 'terminate') await worker.terminate()
  codes.push(await exited)
  gc()
}
emit({ codes, alive: true })`)
    expect(lines[0].alive).toBe(true)
    expect(lines[0].codes.length).toBe(12)
  })
})
