// Runs every case on every peer at each of its thread counts, frame by
// frame: one input frame is alive at a time (a 4K f32 colour frame is
// 100 MB), and each peer gets it once, before any timing.

import { groupByFrame } from './cases.mjs'
import { frameHash, makeFrame } from './frames.mjs'
import { measure, megapixelsPerSecond } from './timing.mjs'

/** One row of the results: a case and its measurements. */
function resultOf(c) {
  const { id, kernel, label, baseline, type, channels, outType, outChannels, params } = c
  return { id, kernel, label, baseline, type, channels, outType, outChannels, params, measurements: [] }
}

/**
 * Measures `cases` on `peers`. `onFrame(spec, input, sha256)` sees each
 * input frame (to hand it to the Python peers); `log` gets one line per case.
 */
export async function runKernels({ cases, peers, timing, size, onFrame = () => {}, log = () => {} }) {
  const results = cases.map(resultOf)
  const byId = new Map(results.map((r) => [r.id, r]))
  const frames = []
  for (const group of groupByFrame(cases, size)) {
    const { spec } = group
    const pixels = spec.width * spec.height
    const input = makeFrame(spec)
    const sha256 = frameHash(input)
    frames.push({ width: spec.width, height: spec.height, channels: spec.channels, type: spec.type, sha256 })
    onFrame(spec, input, sha256)
    const bound = peers.map((peer) => ({ peer, frame: peer.bind(spec, input) }))
    for (const c of group.cases) {
      const result = byId.get(c.id)
      for (const { peer, frame } of bound) {
        const op = frame.operation(c)
        if (op === null) continue
        for (const threads of peer.threadCounts) {
          const base = { peer: peer.id, threads }
          if (op.na) {
            result.measurements.push({ ...base, status: 'n/a', reason: op.na })
            continue
          }
          peer.setThreads(threads)
          try {
            const { ms, runs } = await measure(op, timing)
            result.measurements.push({ ...base, status: 'ok', ms, mps: megapixelsPerSecond(pixels, ms), runs })
          } catch (error) {
            result.measurements.push({ ...base, status: 'error', reason: error?.message ?? String(error) })
          }
        }
        peer.restore()
      }
      log(progressLine(result))
    }
    for (const { frame } of bound) frame.release()
  }
  return { results, frames }
}

function progressLine(result) {
  const parts = result.measurements.map((m) =>
    m.status === 'ok' ? `${m.peer} ${m.threads}T ${m.mps.toFixed(1)}` : `${m.peer} ${m.threads}T ${m.status}`,
  )
  return `${result.label} ${result.type}×${result.channels}: ${parts.join(', ')} MP/s`
}

/** Adds the Python peers' measurements (milliseconds) to the rows they belong to. */
export function mergeMeasurements(results, measurements, pixels) {
  const byId = new Map(results.map((r) => [r.id, r]))
  for (const m of measurements) {
    const result = byId.get(m.case)
    if (!result) continue
    const { peer, threads, status, ms, runs, reason } = m
    result.measurements.push(
      status === 'ok'
        ? { peer, threads, status, ms, mps: megapixelsPerSecond(pixels, ms), runs }
        : { peer, threads, status, reason },
    )
  }
}
