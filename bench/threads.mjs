// Thread scaling of the neighbourhood kernels: each kernel on a 3840×2160
// frame, run after run as a frame loop does, at one thread and then at every
// core. Read it beside the machine's own ceiling, the same arithmetic on two
// threads: `cargo run --release -p pixchain --features parallel --example
// thread_ceiling`.
//
//   npm run bench:threads

import os from 'node:os'

import * as px from 'pixchain'

import { makeFrame } from './lib/frames.mjs'
import { median } from './lib/timing.mjs'

const ROUNDS = 11
const all = os.availableParallelism()
const cases = [
  ['gaussianBlur σ=2', (i, o, s) => px.gaussianBlur(i, o, s, { sigma: 2 })],
  ['medianBlur 3', (i, o, s) => px.medianBlur(i, o, s, { ksize: 3 })],
  ['medianBlur 5', (i, o, s) => px.medianBlur(i, o, s, { ksize: 5 })],
  ['boxBlur 5×5', (i, o, s) => px.boxBlur(i, o, s, { ksize: 5 })],
]

function time(call) {
  const start = performance.now()
  call()
  return performance.now() - start
}

// The pool's threads start, and the strips' scratch grows, on first use.
{
  const spec = { width: 3840, height: 2160, channels: 1, type: 'u8' }
  const input = makeFrame(spec)
  px.setThreads(all)
  for (const [, kernel] of cases) for (let i = 0; i < 3; i++) kernel(input, new Uint8Array(input.length), spec)
}

console.log(`3840×2160, 1 channel, median of ${ROUNDS} runs after a warm-up; ${all} threads; SIMD ${px.simdPath()}\n`)
console.log(`| kernel | type | 1 thread ms | ${all} threads ms | speed-up |`)
console.log('|---|---|---|---|---|')
for (const type of ['u8', 'u16', 'f32']) {
  const spec = { width: 3840, height: 2160, channels: 1, type }
  const input = makeFrame(spec)
  const output = new input.constructor(input.length)
  for (const [name, kernel] of cases) {
    const run = () => kernel(input, output, spec)
    const [t1, tn] = [1, all].map((threads) => {
      px.setThreads(threads)
      run()
      return median(Array.from({ length: ROUNDS }, () => time(run)))
    })
    console.log(`| ${name} | ${type} | ${t1.toFixed(2)} | ${tn.toFixed(2)} | ${(t1 / tn).toFixed(2)}× |`)
  }
}
