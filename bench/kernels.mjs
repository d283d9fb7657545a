// One-shot kernels on a 1920×1080 frame, side by side with OpenCV.js (its
// WebAssembly build, one thread) in the same run. Reports the median of
// several runs per kernel and the ratio of pixchain's rate to OpenCV.js's.
//
//   npm run bench                 # table on stdout, JSON in bench/results/
//   npm run bench -- --runs 15    # more runs per kernel

import { mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import { parseArgs } from 'node:util'

import * as px from 'pixchain'

const require = createRequire(import.meta.url)
const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '9' } } })
const runs = Number(args.runs)

const width = 1920
const height = 1080

function loadOpenCv() {
  return new Promise((resolve) => {
    const cv = require('@techstark/opencv-js')
    // Wrapped: the module is a thenable that resolves to itself.
    if (cv.Mat) resolve({ cv })
    else cv.onRuntimeInitialized = () => resolve({ cv })
  })
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[sorted.length >> 1]
}

/** Median milliseconds of `runs` calls, after one warm-up call. */
function time(call) {
  call()
  const samples = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    call()
    samples.push(performance.now() - start)
  }
  return median(samples)
}

function frame(type) {
  const n = width * height
  const array = type === 'u8' ? new Uint8Array(n) : new Uint16Array(n)
  const max = type === 'u8' ? 255 : 65535
  let seed = 7
  for (let i = 0; i < n; i++) {
    seed = (seed * 1664525 + 1013904223) >>> 0
    array[i] = Math.round(((i % width) / width) * max * 0.7 + (seed / 2 ** 32) * max * 0.3)
  }
  return array
}

const { cv } = await loadOpenCv()
const results = []

for (const type of ['u8', 'u16']) {
  const spec = { width, height, channels: 1, type }
  const input = frame(type)
  const output = type === 'u8' ? new Uint8Array(input.length) : new Uint16Array(input.length)
  const floats = new Float32Array(input.length)
  const cvType = type === 'u8' ? cv.CV_8UC1 : cv.CV_16UC1
  const src = new cv.Mat(height, width, cvType)
  ;(type === 'u8' ? src.data : src.data16U).set(input)
  const dst = new cv.Mat(height, width, cvType)
  const dstF = new cv.Mat(height, width, cv.CV_32FC1)
  const max = type === 'u8' ? 255 : 65535
  const side = type === 'u8' ? 13 : 17

  const kernels = [
    ['gaussianBlur σ=2', () => px.gaussianBlur(input, output, spec, { sigma: 2 }),
      () => cv.GaussianBlur(src, dst, new cv.Size(side, side), 2, 2, cv.BORDER_REFLECT_101)],
    ['medianBlur 3', () => px.medianBlur(input, output, spec, { ksize: 3 }), () => cv.medianBlur(src, dst, 3)],
    ['medianBlur 5', () => px.medianBlur(input, output, spec, { ksize: 5 }), () => cv.medianBlur(src, dst, 5)],
    ['threshold binary', () => px.threshold(input, output, spec, { thresh: max / 2 }),
      () => cv.threshold(src, dst, max / 2, max, cv.THRESH_BINARY)],
    ['linear 1.25·x + 3', () => px.linear(input, output, spec, { a: 1.25, b: 3 }), () => src.convertTo(dst, -1, 1.25, 3)],
    ['clip', () => px.clip(input, output, spec, { min: max * 0.1, max: max * 0.9 }), undefined],
    ['convert → f32', () => px.convert(input, floats, spec, { type: 'f32', scale: 1 / max }),
      () => src.convertTo(dstF, cv.CV_32F, 1 / max, 0)],
  ]
  for (const [name, ours, theirs] of kernels) {
    const pixchainMs = time(ours)
    const opencvMs = theirs ? time(theirs) : undefined
    results.push({ kernel: name, type, pixchainMs, opencvJsMs: opencvMs })
  }
  for (const mat of [src, dst, dstF]) mat.delete()
}

const megapixels = (width * height) / 1e6
const rate = (ms) => (ms === undefined ? '—' : (megapixels / (ms / 1000)).toFixed(1))
const lines = [
  `| kernel | type | pixchain MP/s | OpenCV.js MP/s | pixchain / OpenCV.js |`,
  `|---|---|---|---|---|`,
  ...results.map(({ kernel, type, pixchainMs, opencvJsMs }) => {
    const ratio = opencvJsMs === undefined ? '—' : `${(opencvJsMs / pixchainMs).toFixed(2)}×`
    return `| ${kernel} | ${type} | ${rate(pixchainMs)} | ${rate(opencvJsMs)} | ${ratio} |`
  }),
]
const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}`
console.log(`${width}×${height}, 1 channel, median of ${runs} runs, one thread; ${machine}\n`)
console.log(lines.join('\n'))

mkdirSync(new URL('./results/', import.meta.url), { recursive: true })
const report = { frame: { width, height, channels: 1 }, runs, machine, opencvJs: '4.12.0 (@techstark/opencv-js)', results }
writeFileSync(new URL('./results/kernels.json', import.meta.url), JSON.stringify(report, null, 2))
