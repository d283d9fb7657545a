// pixchain itself, one-shot kernels, at one thread and at all threads.

import { createRequire } from 'node:module'
import os from 'node:os'

import { PIXEL_TYPES } from '../frames.mjs'

const require = createRequire(import.meta.url)

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
  erode3: (px, p) => (input, output, spec) => px.erode(input, output, spec, { ksize: p.ksize }),
  erode15: (px, p) => (input, output, spec) => px.erode(input, output, spec, { ksize: p.ksize }),
  dilate3: (px, p) => (input, output, spec) => px.dilate(input, output, spec, { ksize: p.ksize }),
  dilate15: (px, p) => (input, output, spec) => px.dilate(input, output, spec, { ksize: p.ksize }),
  equalizeHist: (px) => (input, output, spec) => px.equalizeHist(input, output, spec),
  resizeDown: resizeCall,
  resizeDownArea: resizeCall,
  resizeUp: resizeCall,
  toTensor: (px, p) => (input, output, spec) => px.toTensor(input, output, spec, { scale: p.scale, mean: p.mean, std: p.std }),
}

/** A resize from the first samples of the frame, taken as a frame of `p.from`. */
function resizeCall(px, p) {
  const options = { width: p.width, height: p.height, interpolation: p.interpolation }
  return (input, output, spec) => {
    const from = { ...spec, ...p.from }
    const source = input.subarray(0, from.width * from.height * spec.channels)
    return px.resize(source, output.subarray(0, p.width * p.height * spec.channels), from, options)
  }
}

/**
 * pixchain forced onto its scalar path, at one thread: the report's
 * best-path ÷ scalar ratio shows a kernel that stopped vectorizing.
 * Null when the best path is the scalar one.
 */
export function scalarVariant(pixchain) {
  const { px } = pixchain
  const best = pixchain.info.simdPath
  if (best === 'scalar') return null
  return {
    ...pixchain,
    id: 'pixchain-scalar',
    label: 'pixchain (scalar path)',
    threadCounts: [1],
    setThreads(n) {
      pixchain.setThreads(n)
      px.setSimdPath('scalar')
    },
    restore() {
      pixchain.restore()
      px.setSimdPath(best)
    },
  }
}

export async function loadPixchain() {
  const px = require('../../../dist/index.js')
  const { version } = require('../../../package.json')
  const all = os.availableParallelism()
  const initial = px.getThreads()
  return {
    id: 'pixchain',
    label: 'pixchain',
    px,
    info: {
      version,
      simdPath: px.simdPath(),
      defaultThreads: initial,
    },
    notes: [],
    threadCounts: [...new Set([1, all])],
    setThreads: (n) => px.setThreads(n),
    restore: () => px.setThreads(initial),
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
