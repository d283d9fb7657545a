// Peak RSS growth of one pixchain peer on one chain, in a process of its
// own so no other peer's pages or garbage count. The input and output are
// allocated and touched first; growth is the peak RSS after three runs less
// the RSS before the pipeline (or the one-shots' intermediates) existed.
// On Linux the peak is reset to the current RSS at that point
// (/proc/self/clear_refs) and read back as VmHWM: getrusage's maxrss keeps
// every earlier peak, the parent's too when the child was spawned by vfork.
//
//   node --expose-gc bench/lib/chains-memory.mjs <chain id> <pipeline|oneShots> <width> <height>

import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const SCRIPT = fileURLToPath(import.meta.url)
export const MEMORY_RUNS = 3

/** Runs the child for `peer` and returns its JSON, or `{ error }`. */
export function measureMemory(chainId, peer, { width, height }) {
  try {
    const out = execFileSync(process.execPath, ['--expose-gc', SCRIPT, chainId, peer, String(width), String(height)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    return JSON.parse(out)
  } catch (error) {
    return { error: error.message.split('\n')[0] }
  }
}

/** `{ rss, peak }` in bytes from /proc/self/status, or null off Linux. */
function procStatus() {
  try {
    const status = readFileSync('/proc/self/status', 'utf8')
    const kib = (name) => Number(new RegExp(`^${name}:\\s*(\\d+) kB`, 'm').exec(status)[1]) * 1024
    return { rss: kib('VmRSS'), peak: kib('VmHWM') }
  } catch {
    return null
  }
}

/** Resets the peak to the current RSS; false where the kernel has no clear_refs. */
function resetPeak() {
  try {
    writeFileSync('/proc/self/clear_refs', '5')
    return procStatus() !== null
  } catch {
    return false
  }
}

async function child([chainId, peer, width, height]) {
  const { CHAINS, allocateFrame, bindOneShots, buildPipeline, planChain } = await import('./chains.mjs')
  const { makeFrame } = await import('./frames.mjs')
  const { loadPixchain } = await import('./peers/pixchain.mjs')
  const { px } = await loadPixchain()
  const chain = CHAINS.find((c) => c.id === chainId)
  const spec = { width: Number(width), height: Number(height), ...chain.input }
  const plan = planChain(chain, spec)
  const input = makeFrame(spec)
  const output = allocateFrame(plan.output).fill(1) // fault its pages in now: growth is the peer's own memory
  globalThis.gc?.()
  const reset = resetPeak()
  // maxRSS is in KiB.
  const before = { rss: process.memoryUsage().rss, maxRss: process.resourceUsage().maxRSS * 1024, ...(reset && procStatus()) }
  let extra
  if (peer === 'pipeline') {
    const pipeline = buildPipeline(px, chain, spec)
    for (let i = 0; i < MEMORY_RUNS; i++) pipeline.run(input, output)
    extra = { stats: { ...pipeline.stats } }
  } else {
    const oneShots = bindOneShots(px, plan, input, output)
    for (let i = 0; i < MEMORY_RUNS; i++) oneShots.run()
    extra = { intermediateBytes: oneShots.bytes }
  }
  const after = { rss: process.memoryUsage().rss, maxRss: process.resourceUsage().maxRSS * 1024, ...(reset && procStatus()) }
  // Without the reset, a peak that did not rise past the one before the baseline only bounds the growth.
  const exact = reset || after.maxRss > before.maxRss
  const peak = reset ? after.peak : exact ? after.maxRss : before.maxRss
  const peakGrowth = Math.max(0, peak - before.rss)
  const method = reset ? 'VmHWM after clear_refs' : 'getrusage maxrss'
  const bound = exact ? {} : { bound: 'upper' }
  process.stdout.write(
    `${JSON.stringify({ chain: chainId, peer, threads: px.getThreads(), runs: MEMORY_RUNS, method, before, after, peakGrowth, exact, ...bound, ...extra })}\n`,
  )
}

if (process.argv[1] === SCRIPT) await child(process.argv.slice(2))
