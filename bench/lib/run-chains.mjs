// The chain benchmark, shared by `npm run bench:chains` and `pixchain bench
// --chains`: each chain as a pixchain Pipeline, as pixchain one-shots into
// preallocated intermediates and (optionally) as cv2 calls into preallocated
// dst= arrays, each at one thread and at all threads; then each peer's peak
// RSS growth in a process of its own. Returns the results document.

import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { HEIGHT, WIDTH } from './cases.mjs'
import { CHAINS, allocateFrame, bindOneShots, buildPipeline, planChain } from './chains.mjs'
import { MEMORY_RUNS, measureMemory } from './chains-memory.mjs'
import { GENERATOR, frameBytes, frameHash, makeFrame, writeFrame } from './frames.mjs'
import { machineInfo } from './machine.mjs'
import { loadPixchain } from './peers/pixchain.mjs'
import { TIMING, measure } from './timing.mjs'

const SCRIPT = fileURLToPath(new URL('../cross/chains.py', import.meta.url))
const DIST = new URL('../../dist/', import.meta.url)

/**
 * SHA-256 of the addon files in dist/: the addon may be rebuilt
 * while the benchmark runs, and the memory children load it afresh.
 */
function addonFingerprint() {
  try {
    const files = readdirSync(DIST).filter((f) => /^pixchain\..*\.node$/.test(f))
    return files.map((f) => `${f} ${createHash('sha256').update(readFileSync(new URL(f, DIST))).digest('hex').slice(0, 16)}`).join(', ') || null
  } catch {
    return null
  }
}

export const SCHEMA = 'pixchain-bench-chains'
export const SCHEMA_VERSION = 1

/**
 * Exactly `runs` timed runs after untimed warm-up runs (a pipeline's first
 * run grows its line buffers) for `TIMING.warmMs`, for every peer: chains
 * take 0.1–2 s, so the kernel suite's time budget would cut the slow ones
 * to fewer runs. Finite numbers, as cross.py's measure() reads them from JSON.
 */
function timingOf(runs) {
  return { runs, minRuns: runs, budgetMs: 0, slowMs: 1e9, capMs: 1e9, warmMs: TIMING.warmMs }
}

/** Where two frames of one type differ: `{ differing, maxAbsDiff }`. */
function compareFrames(a, b) {
  let differing = 0
  let maxAbsDiff = 0
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      differing++
      maxAbsDiff = Math.max(maxAbsDiff, Math.abs(a[i] - b[i]))
    }
  }
  return { differing, maxAbsDiff }
}

/** Times the pixchain peers of one chain; returns its result row (without cv2). */
async function runPixchain({ pixchain, chain, spec, timing, onFrames, log }) {
  const { px } = pixchain
  const plan = planChain(chain, spec)
  const input = makeFrame(spec)
  const sha256 = frameHash(input)
  const reference = allocateFrame(plan.output)
  const output = allocateFrame(plan.output)
  const oneShots = bindOneShots(px, plan, input, reference)
  const row = {
    id: chain.id,
    label: chain.label,
    input: { type: spec.type, channels: spec.channels, sha256 },
    output: { type: plan.output.type, channels: plan.output.channels },
    steps: chain.steps,
    intermediates: { oneShots: plan.slotBytes },
    pipelineStats: {},
    checks: { pipelineEqualsOneShots: {} },
    measurements: [],
  }
  for (const threads of pixchain.threadCounts) {
    pixchain.setThreads(threads)
    const pipeline = buildPipeline(px, chain, spec, threads)
    try {
      oneShots.run()
      pipeline.run(input, output)
      const check = compareFrames(output, reference)
      row.checks.pipelineEqualsOneShots[threads] = check.differing === 0 ? true : check
      if (check.differing) log(`${chain.id}: Pipeline ≠ one-shots at ${threads} threads (${check.differing} samples, max |diff| ${check.maxAbsDiff})`)
      const ran = {
        pipeline: await measure(() => pipeline.run(input, output), timing),
        oneShots: await measure(oneShots.run, timing),
      }
      for (const [peer, { ms, runs }] of Object.entries(ran)) row.measurements.push({ peer, threads, ms, runs })
      row.pipelineStats[threads] = { ...pipeline.stats }
      log(`${chain.label}, ${threads}T: Pipeline ${ran.pipeline.ms.toFixed(1)} ms, one-shots ${ran.oneShots.ms.toFixed(1)} ms`)
    } finally {
      pipeline.dispose()
    }
  }
  pixchain.restore()
  onFrames?.({ chain, plan, spec, input, sha256, reference })
  return row
}

/** The chain plans and frames for chains.py, written as raw files to a temporary directory. */
function prepareCv2(python) {
  const dir = mkdtempSync(join(os.tmpdir(), 'pixchain-chains-'))
  const chains = []
  return {
    onFrames({ chain, plan, spec, input, sha256, reference }) {
      const file = writeFrame(dir, spec, input)
      const refFile = `pixchain-${chain.id}.raw`
      writeFileSync(join(dir, refFile), frameBytes(reference))
      chains.push({
        id: chain.id,
        label: chain.label,
        input: { file, type: spec.type, channels: spec.channels, sha256 },
        output: plan.output,
        reference: { file: refFile },
        slots: plan.slots,
        steps: plan.steps,
      })
    },
    run({ timing, size }) {
      const manifest = join(dir, 'manifest.json')
      const out = join(dir, 'cv2.json')
      writeFileSync(manifest, JSON.stringify({ ...size, timing, chains }))
      const child = spawnSync(python, [SCRIPT, '--manifest', manifest, '--out', out], { stdio: ['ignore', 'inherit', 'inherit'] })
      if (child.error) return { status: 'failed', reason: child.error.message }
      if (child.status !== 0) return { status: 'failed', reason: `chains.py exited with ${child.status ?? child.signal} (its messages are above)` }
      try {
        return { status: 'ran', ...JSON.parse(readFileSync(out, 'utf8')) }
      } catch (error) {
        return { status: 'failed', reason: `no results from chains.py: ${error.message}` }
      }
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** `ratios`: the other peers' ms ÷ the Pipeline's, and the Pipeline's 1-thread ms ÷ all-threads ms. */
function ratiosOf(row, all, cv2Threads) {
  const ms = (peer, threads) => row.measurements.find((m) => m.peer === peer && m.threads === threads)?.ms
  const ratios = {}
  for (const threads of [...new Set([1, all])]) {
    const ours = ms('pipeline', threads)
    if (ours === undefined) continue
    const oneShots = ms('oneShots', threads)
    if (oneShots !== undefined) ratios[`oneShots@${threads}`] = oneShots / ours
    // cv2 at its default thread count stands beside pixchain at all threads.
    const cv2 = ms('cv2', threads === 1 ? 1 : cv2Threads)
    if (cv2 !== undefined) ratios[`cv2@${threads}`] = cv2 / ours
  }
  const [one, many] = [ms('pipeline', 1), ms('pipeline', all)]
  if (all > 1 && one !== undefined && many !== undefined) ratios.pipelineScaling = one / many
  return ratios
}

export const NOTES = [
  `Timing: untimed warm-up runs for ${TIMING.warmMs} ms (at least one), then the median of exactly the stated runs; pixchain and cv2 peers run one after the other, never at once.`,
  'pixchain Pipeline: built once per thread count with `new Pipeline(spec, { threads })`, `pipeline.run(input, output)` into a preallocated output. Its output is checked byte for byte against the one-shot chain’s at every thread count before timing.',
  'pixchain one-shots: the exported kernels (`px.gaussianBlur(input, output, spec, options)`, …) at `px.setThreads(n)`, into intermediates allocated once before timing; an intermediate’s buffer is reused once its last reader ran (two per pixel type for a straight chain).',
  'cv2: the same steps into preallocated `dst=` arrays with the same buffer plan, at `cv2.setNumThreads(1)` and at cv2’s default thread count. GaussianBlur with ksize (0, 0) (OpenCV then takes round(σ·6 + 1) | 1 taps for u8 and round(σ·8 + 1) | 1 otherwise, pixchain’s default), BORDER_REFLECT_101; clip = cv2.max then cv2.min in place (two passes: OpenCV has no single clamp); linear and convert = cv2.addWeighted(src, a, src, 0, b[, dtype]) (saturate(a·x + b); cv2 has no convertTo for NumPy arrays); threshold THRESH_BINARY; grayscale cvtColor RGB2GRAY; unsharp = cv2.addWeighted(blur, −0.5, input, 1.5, 0); difference of Gaussians = cv2.absdiff.',
  'Where cv2 differs from pixchain: addWeighted into f32 computes a·x + b in f64 and rounds once, where convertTo and pixchain compute in f32, so f32 outputs can be 1 ulp apart (the RGB chain); cv2’s f32 Gaussian sums in another order (within 2.4e-7 here), which flips a few roundings when the u16 chain converts back to u8. The integer steps are bit-exact.',
  `Memory: each peer of each chain runs ${MEMORY_RUNS} times in a fresh process (node for pixchain, python for cv2, each at its default threads). The input and output are allocated and touched first; then the process's peak RSS is reset to its current RSS (/proc/self/clear_refs) and peak RSS growth = the peak after the runs (VmHWM) less the RSS at that point. getrusage's maxrss is recorded as well but not used on Linux: it keeps every earlier peak, the parent's too for a child spawned by vfork. Without /proc: ≤ marks a growth bounded by an earlier peak, ≥ a lower bound. Work bytes: the Pipeline's \`stats\` (lineBytes: streamed rows and kernel scratch, all threads; frameBytes: frame-sized work buffers); the one-shots' and cv2's preallocated intermediates.`,
]

/**
 * `cross`: true to run the cv2 peer, or a string saying why not.
 * `runs` overrides the runs per measurement; `size` the frame size.
 */
export async function runChains({ command, quick = false, runs, size = {}, cross = 'not requested', log = () => {} }) {
  const started = performance.now()
  const frame = { width: size.width ?? WIDTH, height: size.height ?? HEIGHT }
  const timing = timingOf(runs ?? (quick ? 3 : 7))
  const all = os.availableParallelism()
  const addon = addonFingerprint()
  const pixchain = await loadPixchain()
  const notes = []

  let crossStatus = { status: 'skipped', reason: typeof cross === 'string' ? cross : undefined }
  let cv2Run = null
  if (cross === true) {
    // cv2 runs from the repository only (bench/cross/), never from an installed package.
    const { findPython } = await import('./cross.mjs')
    const python = findPython()
    if (python) cv2Run = prepareCv2(python)
    else {
      crossStatus = { status: 'skipped', reason: 'python3 not found (PYTHON names another interpreter)' }
      log('python3 not found: skipping cv2')
    }
  }

  const rows = []
  let python = null
  try {
    for (const chain of CHAINS) {
      const spec = { ...frame, ...chain.input }
      rows.push(await runPixchain({ pixchain, chain, spec, timing, onFrames: cv2Run?.onFrames, log }))
    }
    if (cv2Run) {
      log('running cv2: bench/cross/chains.py')
      const ran = cv2Run.run({ timing, size: frame })
      if (ran.status === 'ran') {
        python = ran.software
        crossStatus = { status: 'ran' }
        for (const row of rows) {
          for (const m of ran.results.filter((r) => r.chain === row.id)) {
            row.measurements.push({ peer: 'cv2', threads: m.threads, ms: m.ms, runs: m.runs })
            row.intermediates.cv2 = m.intermediateBytes
          }
          row.checks.cv2 = ran.checks[row.id]
          row.memory = { cv2: ran.memory[row.id] }
        }
      } else {
        crossStatus = ran
        log(`cv2 failed: ${ran.reason}`)
      }
    }
  } finally {
    cv2Run?.dispose()
  }

  log('peak RSS growth: one process per peer and chain')
  for (const row of rows) {
    row.memory = { pipeline: measureMemory(row.id, 'pipeline', frame), oneShots: measureMemory(row.id, 'oneShots', frame), ...row.memory }
  }

  if (addonFingerprint() !== addon) notes.push('The addon file changed during this run (a rebuild): later measurements may be of another build.')
  const cv2Threads = python?.cv2DefaultThreads ?? all
  if (python && cv2Threads !== all) notes.push(`cv2’s default is ${cv2Threads} threads: its all-threads rows stand beside pixchain’s ${all}.`)
  notes.push(...NOTES)
  return {
    schema: SCHEMA,
    version: SCHEMA_VERSION,
    date: new Date().toISOString(),
    command,
    settings: {
      ...frame,
      quick,
      timing,
      frameGenerator: GENERATOR,
      allThreads: all,
      threadCounts: pixchain.threadCounts,
      cross: crossStatus,
      durationSeconds: Math.round((performance.now() - started) / 100) / 10,
    },
    machine: machineInfo(),
    software: { pixchain: { ...pixchain.info, addon }, python },
    notes,
    chains: rows.map((row) => ({ ...row, ratios: ratiosOf(row, all, cv2Threads) })),
  }
}
