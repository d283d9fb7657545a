// The Node half of the Python comparison: writes each input frame as a raw
// file while the suite has it in memory, then runs bench/cross/cross.py on
// them (after the Node peers, so the two never compete for the cores).

import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { writeFrame } from './frames.mjs'

const SCRIPT = fileURLToPath(new URL('../cross/cross.py', import.meta.url))

/** `PYTHON` or python3, when it runs; null otherwise. */
export function findPython() {
  const python = process.env.PYTHON || 'python3'
  const probe = spawnSync(python, ['--version'], { encoding: 'utf8' })
  return probe.status === 0 ? python : null
}

/** A temporary directory that collects the frames; `run` measures them, `dispose` deletes them. */
export function prepareCross(python) {
  const dir = mkdtempSync(join(os.tmpdir(), 'pixchain-bench-'))
  const frames = []
  return {
    onFrame(spec, input, sha256) {
      frames.push({ file: writeFrame(dir, spec, input), type: spec.type, channels: spec.channels, sha256 })
    },
    /** Returns `{ status: 'ran', software, measurements }` or `{ status: 'failed', reason }`. */
    run({ cases, timing, size }) {
      const manifest = join(dir, 'manifest.json')
      const out = join(dir, 'python.json')
      writeFileSync(manifest, JSON.stringify({ ...size, timing, frames, cases }))
      const child = spawnSync(python, [SCRIPT, '--manifest', manifest, '--out', out], {
        stdio: ['ignore', 'inherit', 'inherit'],
      })
      if (child.error) return { status: 'failed', reason: child.error.message }
      if (child.status !== 0) return { status: 'failed', reason: `cross.py exited with ${child.status ?? child.signal} (its messages are above)` }
      try {
        const { software, results } = JSON.parse(readFileSync(out, 'utf8'))
        return { status: 'ran', software, measurements: results }
      } catch (error) {
        return { status: 'failed', reason: `no results from cross.py: ${error.message}` }
      }
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** How the Python peers' operations are done, for the report. */
export const CROSS_NOTES = [
  'Python peers: Node writes its frames as raw files and cross.py checks their SHA-256 before timing, so every peer reads the same pixels.',
  'cv2: opencv-python-headless at cv2.setNumThreads(1) and at its default thread count, BORDER_REFLECT_101 as OpenCV.js; linear and both converts are addWeighted(src, a, src, 0, b) (cv2 has no convertTo for NumPy arrays; same saturate(a·x + b)); clip is n/a.',
  'SciPy: scipy.ndimage gaussian_filter with truncate 3.0 or 4.0 (13 or 17 taps) and mode mirror (= reflect101), median_filter with mode nearest (= replicate, as pixchain\'s median), uniform_filter size 5 with mode mirror; single-threaded, the linear filters summing in float64.',
  'NumPy: point operations as ufuncs into preallocated buffers (float32 arithmetic, rint and clip for integer types), single-threaded; the copy row is np.copyto.',
  'A Python peer that needs over a second per call on a one-channel frame is not run on the three-channel one (skipped): in practice scipy\'s median_filter, whose one-channel rows give its rate.',
]
