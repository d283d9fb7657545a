// A strict TypeScript user of the published declaration (index.d.ts), resolved
// by package name. Type-checked by `npm run test:types`; never run.

import { spawn } from 'node:child_process'
import { pipeline as streamPipeline } from 'node:stream/promises'

import { ImageBuffers, Pipeline, clip, gaussianBlur, histogram, percentiles, promises, stats, type ErrorCode, type ImageSpec, type PixchainError } from 'pixchain'

const spec: ImageSpec = { width: 64, height: 48, channels: 1, type: 'u16' }
const input = new Uint16Array(64 * 48)
const output: Uint16Array = gaussianBlur(input, new Uint16Array(64 * 48), spec, { sigma: 2, border: 'replicate' })

const bufs = new ImageBuffers({ ...spec, maxType: 'f32' })
const tensor = bufs
  .load(output)
  .clip({ min: 10, max: 60000 })
  .convert({ type: 'f32', scale: 1 / 65535 })
  .read(new Float32Array(64 * 48))
const allocations: number = bufs.stats.allocations
bufs[Symbol.dispose]()

try {
  // @ts-expect-error: 'wrap' is not a border mode
  gaussianBlur(input, output, spec, { sigma: 1, border: 'wrap' })
} catch (error) {
  const code: ErrorCode = (error as PixchainError).code
  console.log(code, tensor.length, allocations)
}

// Measurements: figures per channel, and clip by the frame's own percentiles.
const figures: { min: number[]; max: number[]; mean: number[]; std: number[] } = stats(input, spec)
const counts: Uint32Array[] = histogram(input, spec, { bins: 64, min: 0, max: 65536 })
const [[black, white] = []]: number[][] = percentiles(input, spec, [0.5, 99.5])
const clipped: Uint16Array = clip(input, new Uint16Array(64 * 48), spec, { percentiles: [0.5, 99.5] })
const stretched: Uint16Array = new Pipeline({ width: 64, height: 48, type: 'u16' }).clip({ percentiles: [1, 99] }).normalize().run(input)
// @ts-expect-error: percentiles are given as [low, high]
clip(input, new Uint16Array(64 * 48), spec, { percentiles: 50 })
void (async () => {
  const later: number[][] = await promises.percentiles(input, spec, [50])
  const laterCounts: Uint32Array[] = await promises.histogram(input, spec)
  const laterFigures: { mean: number[] } = await promises.stats(input, spec)
  console.log(figures, counts, black, white, clipped, stretched, later, laterCounts, laterFigures)
})()

// A pipeline between two ffmpeg processes: the stream is Node's, for stream.pipeline.
const decoder = spawn('ffmpeg', ['-i', 'clip.mp4', '-f', 'rawvideo', '-pix_fmt', 'gray16le', '-'])
const encoder = spawn('ffmpeg', ['-f', 'rawvideo', '-pix_fmt', 'gray16le', '-s', '64x48', '-i', '-', 'out.mkv'])
const denoise = new Pipeline(spec).medianBlur({ ksize: 3 })
const frames = denoise.createStream({ signal: AbortSignal.timeout(60_000) })
frames.on('data', (frame: Buffer) => console.log(frame.length, denoise.describe()))
void streamPipeline(decoder.stdout, frames, encoder.stdin)
