// Deterministic test frames: the same bytes on every machine and every run,
// so rates are comparable across runs and the Python peers can read the
// exact frames Node measured (checked by SHA-256).

import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { pixelArrayTypes } from '../../dist/lib/pixels.js'

/** Array kind (pixchain's own table), largest sample value and NumPy dtype of each benchmarked pixel type. */
export const PIXEL_TYPES = {
  u8: { Array: pixelArrayTypes.u8, max: 255, dtype: '<u1' },
  u16: { Array: pixelArrayTypes.u16, max: 65535, dtype: '<u2' },
  f32: { Array: pixelArrayTypes.f32, max: 1, dtype: '<f4' },
}

export const GENERATOR =
  'horizontal (channel 0), vertical (1) and diagonal (2) ramps over 70% of the range plus 30% LCG noise (seed 7)'

/**
 * A `width × height × channels` frame: a ramp per channel plus noise, so
 * filters see structure and medians see unsorted windows, as in real images.
 */
export function makeFrame({ width, height, channels, type }) {
  const { Array: PixelArray, max } = PIXEL_TYPES[type]
  const frame = new PixelArray(width * height * channels)
  const integer = type !== 'f32'
  const span = width + height
  let seed = 7
  let i = 0
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0
        const ramp = c === 0 ? x / width : c === 1 ? y / height : (x + y) / span
        const value = (ramp * 0.7 + (seed / 2 ** 32) * 0.3) * max
        frame[i++] = integer ? Math.round(value) : value
      }
    }
  }
  return frame
}

/** Bytes of a frame, without a copy. */
export function frameBytes(frame) {
  return new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength)
}

export function frameHash(frame) {
  return createHash('sha256').update(frameBytes(frame)).digest('hex')
}

/** Writes the raw samples (little-endian, interleaved, row-major) and returns the file name. */
export function writeFrame(dir, { width, height, channels, type }, frame) {
  const name = `frame-${width}x${height}x${channels}-${type}.raw`
  writeFileSync(join(dir, name), frameBytes(frame))
  return name
}
