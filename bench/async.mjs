// What an asynchronous run costs beside the synchronous one. `runAsync` and
// `promises.*` copy the input in when the call starts and the result out
// when it settles (so JavaScript cannot free memory a run still uses); arrays
// over a SharedArrayBuffer skip both copies. Each case runs on a 3840×2160
// frame, one run at a time, as a frame loop awaits each.
//
//   npm run bench:async

import * as px from 'pixchain'

import { makeFrame } from './lib/frames.mjs'
import { median } from './lib/timing.mjs'

const ROUNDS = 15

async function time(call) {
  const start = performance.now()
  await call()
  return performance.now() - start
}

async function medianOf(call) {
  for (let i = 0; i < 3; i++) await call()
  const times = []
  for (let i = 0; i < ROUNDS; i++) times.push(await time(call))
  return median(times)
}

function shared(array) {
  const copy = new array.constructor(new SharedArrayBuffer(array.byteLength))
  copy.set(array)
  return copy
}

console.log(`3840×2160, 1 channel, median of ${ROUNDS} runs after a warm-up; ${px.getThreads()} threads; SIMD ${px.simdPath()}\n`)
console.log('| case | type | sync ms | async ms | async ÷ sync | async, SharedArrayBuffer ms | ÷ sync |')
console.log('|---|---|---|---|---|---|---|')
for (const type of ['u8', 'u16', 'f32']) {
  const spec = { width: 3840, height: 2160, channels: 1, type }
  const input = makeFrame(spec)
  const output = new input.constructor(input.length)
  const [sharedInput, sharedOutput] = [shared(input), shared(output)]
  const pipeline = new px.Pipeline(spec).gaussianBlur({ sigma: 2 }).medianBlur({ ksize: 3 }).clip({ min: 10, max: 200 })
  const cases = [
    ['Pipeline: gaussian → median → clip', () => pipeline.run(input, output), (i, o) => pipeline.runAsync(i, o)],
    ['clip one-shot', () => px.clip(input, output, spec, { min: 10, max: 200 }), (i, o) => px.promises.clip(i, o, spec, { min: 10, max: 200 })],
    ['gaussianBlur σ=2 one-shot', () => px.gaussianBlur(input, output, spec, { sigma: 2 }), (i, o) => px.promises.gaussianBlur(i, o, spec, { sigma: 2 })],
  ]
  for (const [name, sync, async] of cases) {
    const s = await medianOf(sync)
    const a = await medianOf(() => async(input, output))
    const sa = await medianOf(() => async(sharedInput, sharedOutput))
    console.log(`| ${name} | ${type} | ${s.toFixed(2)} | ${a.toFixed(2)} | ${(a / s).toFixed(2)}× | ${sa.toFixed(2)} | ${(sa / s).toFixed(2)}× |`)
  }
  pipeline.dispose()
}
