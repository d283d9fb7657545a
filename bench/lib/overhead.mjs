// The fixed cost of one one-shot call: option checks, the N-API crossing and
// the spec checks, measured on frames so small the kernel itself is a
// fraction of it (64×64 u8, and 1×1 as the floor). Target: under 2 µs.

import { makeFrame } from './frames.mjs'
import { microsecondsPerCall } from './timing.mjs'

export const OVERHEAD_TARGET_US = 2

export function measureCallOverhead(pixchain, { quick = false } = {}) {
  const { px } = pixchain
  const batch = quick ? { calls: 1000, batches: 11 } : { calls: 2000, batches: 31 }
  const calls = []
  for (const side of [64, 1]) {
    const spec = { width: side, height: side, channels: 1, type: 'u8' }
    const input = makeFrame(spec)
    const output = new Uint8Array(input.length)
    calls.push([spec, 'threshold', () => px.threshold(input, output, spec, { thresh: 127.5 })])
    if (side === 64) calls.push([spec, 'clip', () => px.clip(input, output, spec, { min: 26, max: 230 })])
  }
  const entries = []
  for (const threads of pixchain.threadCounts) {
    pixchain.setThreads(threads)
    for (const [spec, kernel, call] of calls) {
      const { us, calls: n, batches } = microsecondsPerCall(call, batch)
      entries.push({ kernel, ...spec, threads, usPerCall: us, calls: n, batches })
    }
  }
  pixchain.restore()
  return { targetUs: OVERHEAD_TARGET_US, entries }
}
