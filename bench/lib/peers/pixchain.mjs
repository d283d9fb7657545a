// pixchain itself, one-shot kernels, at one thread and at all threads when
// the addon has `setThreads` (older builds run one thread only).

import { createRequire } from 'node:module'
import os from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'

import { PIXEL_TYPES } from '../frames.mjs'

const require = createRequire(import.meta.url)

/** The addon may be mid-rebuild for a moment: retry a few times before giving up. */
async function loadAddon(attempts = 5) {
  for (let i = 1; ; i++) {
    try {
      return require('../../../dist/index.js')
    } catch (error) {
      if (i >= attempts) throw error
      await sleep(2000)
    }
  }
}

const calls = {
  gaussianBlur: (px, p) => (input, output, spec) => px.gaussianBlur(input, output, spec, { sigma: p.sigma }),
  medianBlur3: (px, p) => (input, output, spec) => px.medianBlur(input, output, spec, { ksize: p.ksize }),
  medianBlur5: (px, p) => (input, output, spec) => px.medianBlur(input, output, spec, { ksize: p.ksize }),
  boxBlur: (px, p) => (input, output, spec) => px.boxBlur(input, output, spec, { ksize: p.ksize }),
  threshold: (px, p) => (input, output, spec) =>
    px.threshold(input, output, spec, { thresh: p.thresh, maxval: p.maxval, kind: 'binary' }),
  linear: (px, p) => (input, output, spec) => px.linear(input, output, spec, { a: p.a, b: p.b }),
  clip: (px, p) => (input, output, spec) => px.clip(input, output, spec, { min: p.min, max: p.max }),
  convert: (px, p) => (input, output, spec) => px.convert(input, output, spec, { type: p.type, scale: p.scale }),
  convertF32: (px, p) => (input, output, spec) => px.convert(input, output, spec, { type: p.type, scale: p.scale }),
  grayscale: (px, p) => (input, output, spec) => px.grayscale(input, output, spec, { order: p.order }),
}

export async function loadPixchain() {
  const px = await loadAddon()
  const { version } = require('../../../package.json')
  const threadsApi = typeof px.setThreads === 'function' && typeof px.getThreads === 'function'
  const all = os.availableParallelism()
  const initial = threadsApi ? px.getThreads() : 1
  return {
    id: 'pixchain',
    label: 'pixchain',
    px,
    info: {
      version,
      simdPath: typeof px.simdPath === 'function' ? px.simdPath() : null,
      threadsApi,
      defaultThreads: initial,
    },
    notes: [],
    threadCounts: threadsApi ? [...new Set([1, all])] : [1],
    setThreads: (n) => threadsApi && px.setThreads(n),
    restore: () => threadsApi && px.setThreads(initial),
    bind(spec, input) {
      const outputs = new Map()
      const output = (type, channels) => {
        const key = `${type}/${channels}`
        if (!outputs.has(key)) outputs.set(key, new PIXEL_TYPES[type].Array(spec.width * spec.height * channels))
        return outputs.get(key)
      }
      return {
        operation(c) {
          const make = calls[c.kernel]
          if (!make) return null
          const call = make(px, c.params)
          const out = output(c.outType, c.outChannels)
          return () => call(input, out, spec)
        },
        release: () => outputs.clear(),
      }
    },
  }
}
