// Soak: 100,000 frames through a pipeline, synchronously and asynchronously,
// the pipeline disposed and made again every 1,000 frames. Memory must stay flat:
// the process's native memory (RSS less the JavaScript heap's reserved
// pages), the live JavaScript heap, V8's external memory and the native
// memory reported to V8 are taken after a warm-up (the first tenth of the
// frames) and at the end, and may differ by at most 1 MiB.
//
//   npm run soak                      # 100,000 frames each way
//   npm run soak -- --frames 20000

import { createRequire } from 'node:module'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { parseArgs } from 'node:util'

const px = createRequire(import.meta.url)('../dist/index.js')
const { values } = parseArgs({ options: { frames: { type: 'string', default: '100000' } } })
const FRAMES = Number(values.frames)
const PER_PIPELINE = 1000
// Warm-up: the first tenth of the frames grows the JavaScript heap, the
// allocator's arenas and the workspaces to their working size.
const WARM_UP = Math.max(PER_PIPELINE, FRAMES / 10)
const TOLERANCE = 1024 * 1024
const spec = { width: 256, height: 256, channels: 1, type: 'u16' }

const input = new Uint16Array(256 * 256).map((_, i) => (i * 2654435761) >>> 16)
const output = new Uint16Array(256 * 256)

function pipeline() {
  return new px.Pipeline(spec).gaussianBlur({ sigma: 1.5 }).clip({ min: 1000, max: 60000 }).medianBlur({ ksize: 3 }).linear({ a: 0.5, b: 7 })
}

const reference = pipeline().run(input)

/** Collects garbage, letting the finalizers of native objects run in between. */
async function collect() {
  for (let i = 0; i < 3; i++) {
    globalThis.gc()
    await nextTurn()
  }
}

async function usage() {
  await collect()
  const { rss, heapTotal, heapUsed, external } = process.memoryUsage()
  // RSS less the JavaScript heap's reserved pages: the native part, which
  // pixchain could leak; V8 sizes its heap reservation in steps of its own.
  return { native: rss - heapTotal, heapUsed, external, reported: px.reportedNativeMemory(), rss }
}

const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(2)} MiB`

async function soak(name, runFrame) {
  let current = pipeline()
  let start
  const begun = performance.now()
  for (let frame = 0; frame < FRAMES; frame++) {
    if (frame > 0 && frame % PER_PIPELINE === 0) {
      current.dispose()
      current = pipeline()
    }
    await runFrame(current)
    if (frame === WARM_UP - 1) start = await usage()
  }
  current.dispose()
  const end = await usage()
  if (output.some((v, i) => v !== reference[i])) throw new Error(`${name}: the last frame differs from the reference`)
  const seconds = (performance.now() - begun) / 1000
  console.log(`${name}: ${FRAMES} frames in ${seconds.toFixed(1)} s; RSS ${mib(start.rss)} → ${mib(end.rss)}`)
  let flat = true
  for (const key of ['native', 'heapUsed', 'external', 'reported']) {
    const change = end[key] - start[key]
    const ok = Math.abs(change) <= TOLERANCE
    flat &&= ok
    console.log(`  ${key.padEnd(9)} ${mib(start[key]).padStart(12)} → ${mib(end[key]).padStart(12)}  (${change >= 0 ? '+' : ''}${mib(change)}) ${ok ? 'flat' : 'GREW'}`)
  }
  return flat
}

if (typeof globalThis.gc !== 'function') {
  console.error('soak: run with node --expose-gc (npm run soak does)')
  process.exit(2)
}
/**
 * Pipelines never disposed: the garbage collector's finalizers must free
 * their buffers, so the native memory reported to V8 returns to where it was.
 * (RSS is not checked here: freed heap memory is not always given back to
 * the system, and the collector frees these in its own time.)
 */
async function finalized(count) {
  const before = await usage()
  for (let i = 0; i < count; i++) pipeline().run(input, output)
  const held = px.reportedNativeMemory() - before.reported
  const after = await usage()
  const ok = after.reported === before.reported && held > 0
  console.log(`finalizers: ${count} pipelines left to the collector held ${mib(held)}; reported after collection ${mib(after.reported - before.reported)} ${ok ? 'freed' : 'NOT FREED'}`)
  return ok
}

const sync = await soak('sync', (p) => p.run(input, output))
const async = await soak('async', (p) => p.runAsync(input, output))
const collected = await finalized(100)
process.exit(sync && async && collected ? 0 : 1)
