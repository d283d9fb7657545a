// The built-in sample: a generated 16-bit frame (a star field over a sky
// gradient, with sensor noise) through blur → clip → linear → median in one
// pair of buffers, printing the time of each step and the buffers held; then
// the same chain as a Pipeline, which streams it in rows, with the same bytes.
//
//   npm run demo

import { ImageBuffers, Pipeline } from 'pixchain'

const width = 1920
const height = 1080

/** A 16-bit sky: a gradient, a few hundred stars, and Gaussian-ish noise. */
function sampleFrame() {
  const frame = new Uint16Array(width * height)
  let seed = 42
  const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sky = 2000 + 6000 * (y / height)
      const noise = (random() + random() + random() - 1.5) * 800
      frame[y * width + x] = Math.max(0, Math.round(sky + noise))
    }
  }
  for (let s = 0; s < 400; s++) {
    const cx = Math.floor(random() * width)
    const cy = Math.floor(random() * height)
    const peak = 20000 + random() * 45000
    for (let dy = -4; dy <= 4; dy++) {
      for (let dx = -4; dx <= 4; dx++) {
        const x = cx + dx
        const y = cy + dy
        if (x < 0 || y < 0 || x >= width || y >= height) continue
        const i = y * width + x
        frame[i] = Math.min(65535, frame[i] + peak * Math.exp(-(dx * dx + dy * dy) / 3))
      }
    }
  }
  return frame
}

const input = sampleFrame()
const output = new Uint16Array(width * height)
const bufs = new ImageBuffers({ width, height, channels: 1, type: 'u16' })

const steps = [
  ['load', () => bufs.load(input)],
  ['gaussianBlur σ=2', () => bufs.gaussianBlur({ sigma: 2 })],
  ['clip 2500…60000', () => bufs.clip({ min: 2500, max: 60000 })],
  ['linear 1.25·x − 3125', () => bufs.linear({ a: 1.25, b: -3125 })],
  ['medianBlur 3×3', () => bufs.medianBlur({ ksize: 3 })],
  ['read', () => bufs.read(output)],
]

console.log(`pixchain demo: ${width}×${height} u16 frame, ${steps.length - 2} kernels\n`)
let total = 0
for (const [name, run] of steps) {
  const start = performance.now()
  run()
  const ms = performance.now() - start
  total += ms
  console.log(`  ${name.padEnd(22)} ${ms.toFixed(2).padStart(8)} ms`)
}
console.log(`  ${'total'.padEnd(22)} ${total.toFixed(2).padStart(8)} ms\n`)

let min = 65535
let max = 0
let sum = 0
for (const v of output) {
  min = Math.min(min, v)
  max = Math.max(max, v)
  sum += v
}
const { allocations, bytes } = bufs.stats
console.log(`output: min ${min}, max ${max}, mean ${(sum / output.length).toFixed(1)}`)
console.log(`frame buffers: ${allocations} (${(bytes / 2 ** 20).toFixed(1)} MiB), whatever the chain's length`)
bufs.dispose()

// The same steps as one Pipeline: planned once, streamed band by band.
const pipeline = new Pipeline({ width, height, channels: 1, type: 'u16' })
  .gaussianBlur({ sigma: 2 })
  .clip({ min: 2500, max: 60000 })
  .linear({ a: 1.25, b: -3125 })
  .medianBlur({ ksize: 3 })
const streamed = new Uint16Array(width * height)
pipeline.run(input, streamed)
const start = performance.now()
pipeline.run(input, streamed)
const ms = performance.now() - start
const same = streamed.every((v, i) => v === output[i])
const { workBuffers, lineBytes } = pipeline.stats
console.log(
  `\nas one Pipeline: ${ms.toFixed(2)} ms a run, ${workBuffers} frame buffers, ${(lineBytes / 2 ** 10).toFixed(0)} KiB of line buffers; ` +
    `${same ? 'the same bytes' : 'DIFFERENT bytes'} as the steps one by one`,
)
pipeline.dispose()
if (!same) process.exitCode = 1
