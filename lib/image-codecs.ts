// What the codecs of image files share: the frame a decoder gives (the
// result of `readImage`), the
// pixel limit checked before a compressed file is decoded, and how a
// decoder's failure reads in a message.

import { pixchainError } from './errors'
import { getLimitInputPixels } from './runtime'
import type { PixelArrays, PixelType } from './types'

/**
 * What `readImage` gives: `data`, the samples, interleaved and row-major,
 * in the array of the pixel type (`Uint8Array` for u8, `Uint16Array` for
 * u16, `Int16Array` for i16, `Float32Array` for f32), and `spec`, their
 * shape — ready for `new Pipeline(spec)` and `run(data)`. Without `T`, the
 * union of the four (`data instanceof Uint16Array` narrows `data`).
 */
export type DecodedImage<T extends PixelType = PixelType> = T extends PixelType
  ? { data: PixelArrays[T]; spec: { width: number; height: number; channels: number; type: T } }
  : never

/**
 * Refuses a `width × height` image over the process's pixel limit
 * (`setLimitInputPixels`, by default sharp's 16383 × 16383) with
 * `ERR_PIXCHAIN_LIMIT`: a small compressed file can claim a frame larger
 * than memory, and its header is read before any pixel is.
 */
export function checkPixelLimit(label: string, width: number, height: number): void {
  const limit = getLimitInputPixels()
  if (limit !== 0 && width * height > limit) {
    throw pixchainError(
      'ERR_PIXCHAIN_LIMIT',
      `${label}: expected at most ${limit} pixels (limitInputPixels), got a ${width}×${height} image with ${width * height}; raise it with setLimitInputPixels, or set it to 0 for no limit`,
    )
  }
}

/** The first line of an error's message: decoders' messages can run to several. */
export function firstLine(error: unknown): string {
  return String((error as Error | undefined)?.message ?? error).split('\n', 1)[0]!
}
