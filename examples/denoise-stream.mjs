// A filter between two ffmpeg processes: raw gray frames on stdin, the same
// frames denoised on stdout, through one pipeline planned once. The stream
// takes frames only as fast as the pipeline and the encoder go.
//
//   ffmpeg -i clip.mp4 -f rawvideo -pix_fmt gray - \
//     | node examples/denoise-stream.mjs 640x360 \
//     | ffmpeg -f rawvideo -pix_fmt gray -s 640x360 -i - denoised.mp4
//
// The size is the frames' width x height. The plan and a count go to
// stderr; Ctrl-C stops it after the frame in flight.

import { pipeline } from 'node:stream/promises'

import * as px from 'pixchain'

const size = /^(\d+)x(\d+)$/.exec(process.argv[2] ?? '')
if (!size) {
  console.error('usage: node examples/denoise-stream.mjs <width>x<height>   (raw gray frames on stdin)')
  process.exit(2)
}
const [width, height] = [Number(size[1]), Number(size[2])]

const denoise = new px.Pipeline({ width, height, channels: 1, type: 'u8' }).medianBlur({ ksize: 3 }).gaussianBlur({ sigma: 0.8 })
console.error(denoise.describe())

const controller = new AbortController()
process.once('SIGINT', () => controller.abort())
try {
  await pipeline(process.stdin, denoise.createStream({ signal: controller.signal }), process.stdout)
  console.error(`denoised ${denoise.stats.runs} frames of ${width}×${height}`)
} catch (error) {
  if (error.name !== 'AbortError') throw error
  console.error(`stopped after ${denoise.stats.runs} frames`)
}
