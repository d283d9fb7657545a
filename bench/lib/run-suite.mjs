// The whole measurement, shared by `npm run bench` and `pixchain bench`:
// load the peers that are there, time every case, the call overhead and
// (optionally) the Python peers, and assemble the results document.

import os from 'node:os'

import { HEIGHT, WIDTH, expandCases } from './cases.mjs'
import { GENERATOR } from './frames.mjs'
import { machineInfo } from './machine.mjs'
import { measureCallOverhead } from './overhead.mjs'
import { loadBaseline } from './peers/baseline.mjs'
import { loadOpenCvJs } from './peers/opencvjs.mjs'
import { loadPixchain, scalarVariant } from './peers/pixchain.mjs'
import { loadSharp } from './peers/sharp.mjs'
import { buildDocument } from './report.mjs'
import { mergeMeasurements, runKernels } from './runner.mjs'
import { QUICK_TIMING, TIMING } from './timing.mjs'

/**
 * `cross`: true to run the Python peers, or a string saying why not.
 * `runs` overrides the most runs per measurement; `size` the frame size;
 * `only` (substrings of case ids, such as `boxBlur` or `threshold/u8`) keeps
 * the cases that contain one of them.
 */
export async function runSuite({ command, quick = false, runs, size = {}, cross = 'not requested', only, log = () => {} }) {
  const started = performance.now()
  const frame = { width: size.width ?? WIDTH, height: size.height ?? HEIGHT }
  const timing = { ...(quick ? QUICK_TIMING : TIMING) }
  if (runs) Object.assign(timing, { runs, minRuns: Math.min(timing.minRuns, runs) })

  const pixchain = await loadPixchain()
  const sharp = loadSharp()
  const opencvJs = await loadOpenCvJs()
  const peers = [pixchain, scalarVariant(pixchain), loadBaseline(), sharp, opencvJs].filter(Boolean)
  const notes = []
  if (!sharp) notes.push('sharp is not installed here: not measured.')
  else if (sharp.info.defaultConcurrency !== os.availableParallelism()) {
    notes.push(
      `sharp's default concurrency here is ${sharp.info.defaultConcurrency} (sharp picks 1 on glibc Linux without jemalloc): its all-threads rows set concurrency(${os.availableParallelism()}).`,
    )
  }
  if (!opencvJs) notes.push('@techstark/opencv-js is not installed here: OpenCV.js not measured.')
  for (const peer of peers) notes.push(...peer.notes)

  let crossStatus = { status: 'skipped', reason: typeof cross === 'string' ? cross : undefined }
  let crossRun = null
  let crossNotes = []
  if (cross === true) {
    // The Python peers run from the repository only (bench/cross/), never from an installed package.
    const crossPeers = await import('./cross.mjs')
    crossNotes = crossPeers.CROSS_NOTES
    const python = crossPeers.findPython()
    if (python) crossRun = crossPeers.prepareCross(python)
    else {
      crossStatus = { status: 'skipped', reason: 'python3 not found (PYTHON names another interpreter)' }
      log('python3 not found: skipping the Python peers (cv2, SciPy, NumPy)')
    }
  }

  const cases = expandCases({ quick, only })
  let outcome
  try {
    const { results, frames } = await runKernels({ cases, peers, timing, size: frame, onFrame: crossRun?.onFrame, log })
    const callOverhead = measureCallOverhead(pixchain, { quick })
    let python = null
    if (crossRun) {
      log('running the Python peers: bench/cross/cross.py')
      const ran = crossRun.run({ cases, timing, size: frame })
      if (ran.status === 'ran') {
        mergeMeasurements(results, ran.measurements, frame.width * frame.height)
        python = ran.software
        notes.push(...crossNotes)
        crossStatus = { status: 'ran' }
      } else {
        crossStatus = ran
        log(`Python peers failed: ${ran.reason}`)
      }
    }
    outcome = { results, frames, callOverhead, python }
  } finally {
    crossRun?.dispose()
  }

  const cv2Threads = outcome.python ? [...new Set([1, outcome.python.cv2DefaultThreads])] : []
  const peerList = [
    ...peers.map((p) => ({ id: p.id, label: p.label, threads: p.threadCounts })),
    ...(outcome.python
      ? [
          { id: 'cv2', label: 'cv2 (OpenCV Python)', threads: cv2Threads },
          { id: 'scipy', label: 'scipy.ndimage', threads: [1] },
          { id: 'numpy', label: 'NumPy', threads: [1] },
        ]
      : []),
  ]
  return buildDocument({
    command,
    date: new Date().toISOString(),
    settings: {
      ...frame,
      quick,
      timing,
      frameGenerator: GENERATOR,
      allThreads: os.availableParallelism(),
      cross: crossStatus,
      durationSeconds: Math.round((performance.now() - started) / 100) / 10,
    },
    machine: machineInfo(),
    software: {
      pixchain: pixchain.info,
      sharp: sharp?.info ?? null,
      opencvJs: opencvJs?.info ?? null,
      python: outcome.python,
    },
    frames: outcome.frames,
    peers: peerList,
    notes,
    callOverhead: outcome.callOverhead,
    results: outcome.results,
  })
}
