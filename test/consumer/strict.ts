// A strict TypeScript user of the published declaration (index.d.ts), resolved
// by package name. Type-checked by `npm run test:types`; never run.

import { spawn } from 'node:child_process'
import { pipeline as streamPipeline } from 'node:stream/promises'

import {
  ImageBuffers,
  Pipeline,
  clip,
  gaussianBlur,
  histogram,
  percentiles,
  promises,
  rawImageName,
  readImage,
  stats,
  writeImage,
  type DecodedImage,
  type ErrorCode,
  type ImageFormat,
  type ImageSpec,
  type PixchainError,
  type ReadImageOptions,
  type WriteImageOptions,
} from 'pixchain'

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

// Image files: a decoded frame's spec.type narrows its data; a union spec runs a pipeline.
void (async () => {
  const options: ReadImageOptions = { raw: { width: 64, height: 48, type: 'u16' } }
  const image: DecodedImage = await readImage(rawImageName('frame', spec), options)
  const gray: Uint8Array | Uint16Array | Int16Array | Float32Array = image.data
  if (image.data instanceof Float32Array) {
    const samples: Float32Array = image.data
    console.log(samples)
  }
  // @ts-expect-error: the data of any frame is not always a Uint16Array
  const wrong: Uint16Array = image.data
  const u16: DecodedImage<'u16'> = { data: new Uint16Array(4), spec: { width: 2, height: 2, channels: 1, type: 'u16' } }
  // @ts-expect-error: a u16 frame holds a Uint16Array
  const mixed: DecodedImage<'u16'> = { data: new Uint8Array(4), spec: { width: 2, height: 2, channels: 1, type: 'u16' } }
  const smoothed = new Pipeline(image.spec).gaussianBlur({ sigma: 1 }).run(image.data)
  const format: ImageFormat = 'tiff'
  const written: Promise<void> = writeImage('out.tif', smoothed, image.spec, { format } satisfies WriteImageOptions)
  // @ts-expect-error: gif is not a format pixchain writes
  await writeImage('out.gif', smoothed, image.spec, { format: 'gif' })
  console.log(gray, wrong, u16, mixed, await written, await readImage(new Uint8Array(8)))
})()

// A pipeline between two ffmpeg processes: the stream is Node's, for stream.pipeline.
const decoder = spawn('ffmpeg', ['-i', 'clip.mp4', '-f', 'rawvideo', '-pix_fmt', 'gray16le', '-'])
const encoder = spawn('ffmpeg', ['-f', 'rawvideo', '-pix_fmt', 'gray16le', '-s', '64x48', '-i', '-', 'out.mkv'])
const denoise = new Pipeline(spec).medianBlur({ ksize: 3 })
const frames = denoise.createStream({ signal: AbortSignal.timeout(60_000) })
frames.on('data', (frame: Buffer) => console.log(frame.length, denoise.describe()))
void streamPipeline(decoder.stdout, frames, encoder.stdin)
