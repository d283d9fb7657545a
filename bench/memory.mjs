// Memory of a 12-step chain on a 3840×2160 u16 frame that converts to f32
// and back to u8: pixchain's Pipeline beside sharp, OpenCV.js with a Mat per
// step, and pixchain's one-shot functions with a new output per step. Each
// peer runs in a child process of its own; the report gives its work bytes
// (pixchain) and its peak RSS growth over the input frame being in memory.
//
//   npm run bench:memory

import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import { fileURLToPath } from 'node:url'

import { allocatePixels } from '../dist/lib/pixels.js'
import { CHAINS } from './lib/chains.mjs'

const width = 3840
const height = 2160
const samples = width * height
const runs = 3
const peer = process.argv[2]

function inputFrame() {
  const frame = new Uint16Array(samples)
  let seed = 3
  for (let i = 0; i < samples; i++) {
    seed = (seed * 1664525 + 1013904223) >>> 0
    frame[i] = ((i % width) / width) * 50000 + (seed >>> 20)
  }
  return frame
}

/** The chain, step by step, for peers that take it one kernel at a time: `npm run bench:chains`'s. */
const { steps } = CHAINS.find((chain) => chain.id === 'twelve-steps')

async function pixchainPipeline(px, input) {
  const spec = { width, height, channels: 1, type: 'u16' }
  let pipeline = new px.Pipeline(spec)
  for (const [name, options] of steps) pipeline = pipeline[name](options)
  const output = new Uint8Array(samples)
  for (let i = 0; i < runs; i++) pipeline.run(input, output)
  return { workBytes: pipeline.stats.workBytes, workBuffers: pipeline.stats.workBuffers }
}

async function pixchainOneShots(px, input) {
  for (let r = 0; r < runs; r++) {
    let frame = input
    let spec = { width, height, channels: 1, type: 'u16' }
    for (const [name, options] of steps) {
      const type = name === 'convert' ? options.type : spec.type
      const output = allocatePixels(type, samples)
      px[name](frame, output, spec, options)
      frame = output
      spec = { ...spec, type }
    }
  }
  return {}
}

async function opencvJs(_px, input) {
  const require = createRequire(import.meta.url)
  const { cv } = await new Promise((resolve) => {
    const cv = require('@techstark/opencv-js')
    if (cv.Mat) resolve({ cv })
    else cv.onRuntimeInitialized = () => resolve({ cv })
  })
  for (let r = 0; r < runs; r++) {
    const mats = []
    let mat = new cv.Mat(height, width, cv.CV_16UC1)
    mat.data16U.set(input)
    mats.push(mat)
    const next = () => {
      const out = new cv.Mat()
      mats.push(out)
      return out
    }
    for (const [name, o] of steps) {
      const out = next()
      if (name === 'gaussianBlur') cv.GaussianBlur(mat, out, new cv.Size(0, 0), o.sigma, o.sigma, cv.BORDER_REFLECT_101)
      else if (name === 'medianBlur') cv.medianBlur(mat, out, o.ksize)
      else if (name === 'linear') mat.convertTo(out, -1, o.a, o.b)
      else if (name === 'convert') mat.convertTo(out, o.type === 'f32' ? cv.CV_32F : cv.CV_8U, o.scale, 0)
      else if (name === 'threshold') cv.threshold(mat, out, o.thresh, 255, cv.THRESH_BINARY)
      else if (name === 'clip') {
        const low = new cv.Mat(height, width, mat.type(), new cv.Scalar(o.min))
        const high = new cv.Mat(height, width, mat.type(), new cv.Scalar(o.max))
        const tmp = next()
        cv.max(mat, low, tmp)
        cv.min(tmp, high, out)
        low.delete()
        high.delete()
      }
      mat = out
    }
    for (const m of mats) m.delete()
  }
  return {}
}

async function sharpChain(_px, input) {
  const sharp = createRequire(import.meta.url)('sharp')
  sharp.concurrency(1)
  sharp.cache(false)
  // sharp applies its operations in a fixed order of its own; this is its
  // nearest chain: blur, median, linear, clamp-free threshold, 16 → 8 bits.
  for (let r = 0; r < runs; r++) {
    await sharp(Buffer.from(input.buffer), { raw: { width, height, channels: 1, depth: 'ushort' } })
      .blur(1)
      .median(3)
      .linear(1.1, -500)
      .blur(0.8)
      .median(5)
      .threshold(100)
      .blur(1.5)
      .raw({ depth: 'uchar' })
      .toBuffer()
  }
  return {}
}

const peers = {
  'pixchain Pipeline': pixchainPipeline,
  'pixchain one-shots, new output per step': pixchainOneShots,
  'OpenCV.js, a Mat per step': opencvJs,
  'sharp (its nearest chain)': sharpChain,
}

if (peer) {
  const px = await import('pixchain')
  const input = inputFrame()
  globalThis.gc?.()
  const baseline = process.memoryUsage().rss
  const extra = await peers[peer](px, input)
  const peak = process.resourceUsage().maxRSS * 1024
  process.stdout.write(JSON.stringify({ peer, peakGrowth: Math.max(0, peak - baseline), ...extra }))
} else {
  const script = fileURLToPath(import.meta.url)
  const results = Object.keys(peers).map((name) =>
    JSON.parse(execFileSync(process.execPath, ['--expose-gc', script, name], { encoding: 'utf8', maxBuffer: 1 << 20 })),
  )
  const ours = results[0]
  const mib = (bytes) => (bytes / 2 ** 20).toFixed(1)
  const largest = samples * 4
  const lines = [
    `| peer | work bytes | peak RSS growth | peer's growth ÷ pixchain's |`,
    `|---|---|---|---|`,
    ...results.map((r) => {
      const times = r === ours ? '—' : `${(r.peakGrowth / ours.peakGrowth).toFixed(1)}×`
      const work = r.workBytes === undefined ? '—' : `${mib(r.workBytes)} MiB (${r.workBuffers} × the f32 frame)`
      return `| ${r.peer} | ${work} | ${mib(r.peakGrowth)} MiB | ${times} |`
    }),
  ]
  console.log(`12-step chain, ${width}×${height} u16 → f32 → u8, ${runs} runs each, one process per peer; ${os.cpus()[0]?.model}, Node ${process.version}`)
  console.log(`largest frame in the chain (f32): ${mib(largest)} MiB; pixchain work bytes = ${ours.workBytes / largest} × that\n`)
  console.log(lines.join('\n'))
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true })
  writeFileSync(new URL('./results/memory.json', import.meta.url), JSON.stringify({ width, height, runs, results }, null, 2))
}
