// sharp (libvips) with the closest operation it has to each kernel. It runs
// asynchronously on its own threads, and every call builds a pipeline and
// allocates its output: that is how sharp is used, so it is in the time.

import { createRequire } from 'node:module'
import os from 'node:os'

const require = createRequire(import.meta.url)

// Raw frames get a B_W / sRGB (8-bit) or GREY16 / RGB16 interpretation;
// without naming it on output, sharp turns one-channel frames into sRGB.
const COLOURSPACE = { u8: { 1: 'b-w', 3: 'srgb' }, u16: { 1: 'grey16', 3: 'rgb16' } }
const DEPTH = { u8: 'uchar', u16: 'ushort' }

// libvips sizes the Gaussian mask by `minAmplitude` (default 0.2: 7 taps at
// σ = 2). 0.005 gives pixchain's 13 taps; sharp's floor, 0.001, gives 15 of 17.
const MIN_AMPLITUDE = { u8: 0.005, u16: 0.001 }

const ops = {
  gaussianBlur: (s, c) => s.blur({ sigma: c.params.sigma, minAmplitude: MIN_AMPLITUDE[c.type] }),
  medianBlur3: (s, c) => s.median(c.params.ksize),
  medianBlur5: (s, c) => s.median(c.params.ksize),
  boxBlur: (s, c) => {
    const k = c.params.ksize
    return s.convolve({ width: k, height: k, kernel: new Array(k * k).fill(1), scale: k * k })
  },
  threshold: (s, c) =>
    c.type === 'u8'
      ? s.threshold(Math.floor(c.params.thresh) + 1, { grayscale: false }) // x ≥ 128 ⇔ x > 127
      : 'threshold level is 0–255 and the result 0/255: no 16-bit threshold',
  linear: (s, c) => s.linear(c.params.a, c.params.b),
  clip: () => 'no clamp operation',
  convert: (s, c) => s.linear(c.params.scale, 0),
  convertF32: () => 'linear() keeps 8-bit images 8-bit and casts 16-bit ones to ushort: no scaled float output',
  grayscale: (s, c) => (c.type === 'u8' ? s.grayscale() : s.toColourspace('grey16')),
  equalizeHist: () => 'no histogram equalization (normalise() stretches between percentiles; clahe() is local)',
  toTensor: () => 'no float output: raw pixels leave sharp as 8 or 16 bits',
}

/** How sharp's operations differ from pixchain's, for the report. */
const NOTES = [
  'sharp: gaussianBlur is libvips gaussblur with minAmplitude 0.005 (a 13-tap mask, as pixchain for u8) or 0.001 for u16 (15 taps, sharp\'s floor; pixchain uses 17), in sharp\'s default integer precision, whose rounding leaves 11 non-zero taps in both; plain blur(2) would use a 7-tap mask.',
  'sharp: boxBlur is convolve() with a 5×5 mask of ones and scale 25, medianBlur is libvips\' rank filter; both with libvips\' own edge handling.',
  'sharp: threshold is threshold(128, { grayscale: false }), x ≥ 128 per channel, the same result as x > 127.5 on u8; its level is 0–255 and its output 0/255, so u16 is n/a.',
  'sharp: linear and convert ×0.5 are linear(a, b) (libvips computes in float and casts back); grayscale is libvips\' colourspace conversion (u8: to b-w, luminance in linear light with Rec. 709 weights; u16: to grey16), not OpenCV\'s 0.299/0.587/0.114 luma.',
  'sharp: every call builds a pipeline and allocates its output, and is awaited; f32 frames are n/a (float raw pixels are cast to 16 bits on output), as are clip and convert → f32.',
]

/** sharp, or null when it cannot be imported. */
export function loadSharp() {
  let sharp
  try {
    sharp = require('sharp')
  } catch {
    return null
  }
  sharp.cache(false)
  const defaultConcurrency = sharp.concurrency()
  return {
    id: 'sharp',
    label: 'sharp',
    info: { version: sharp.versions.sharp, libvips: sharp.versions.vips, defaultConcurrency },
    notes: NOTES,
    // Its default is 1 on glibc Linux without jemalloc, so all threads are asked for explicitly too.
    threadCounts: [...new Set([1, defaultConcurrency, os.availableParallelism()])].sort((a, b) => a - b),
    setThreads: (n) => sharp.concurrency(n),
    restore: () => sharp.concurrency(defaultConcurrency),
    bind(spec, input) {
      const raw = { raw: { width: spec.width, height: spec.height, channels: spec.channels } }
      return {
        operation(c) {
          const op = ops[c.kernel]
          if (!op) return null
          if (c.type === 'f32') return { na: 'no float pipeline: float raw pixels are cast to 16 bits on output' }
          const probe = op(sharp(input, raw), c)
          if (typeof probe === 'string') return { na: probe }
          const gray = c.kernel === 'grayscale'
          const depth = DEPTH[c.outType]
          const space = COLOURSPACE[c.type][c.channels]
          return () => {
            const pipeline = op(sharp(input, raw), c)
            return (gray ? pipeline : pipeline.toColourspace(space)).raw({ depth }).toBuffer()
          }
        },
        release() {},
      }
    },
  }
}
