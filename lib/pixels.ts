// The TypedArray that holds each pixel type.

import { pixchainError } from './errors'
import type { PixelArrays, PixelType } from './types'

const arrayTypes = {
  u8: Uint8Array,
  u16: Uint16Array,
  i16: Int16Array,
  f32: Float32Array,
} as const

/**
 * A zeroed array for `samples` values of `type`; an array JavaScript cannot
 * allocate (too long for a TypedArray, or memory refused) is
 * `ERR_PIXCHAIN_MEMORY`, as a frame the addon cannot allocate is.
 */
export function allocatePixels<T extends PixelType>(type: T, samples: number): PixelArrays[T] {
  try {
    return new arrayTypes[type](samples) as PixelArrays[T]
  } catch (error) {
    if (!(error instanceof RangeError)) throw error
    const bytes = samples * arrayTypes[type].BYTES_PER_ELEMENT
    throw pixchainError('ERR_PIXCHAIN_MEMORY', `an output array of ${bytes} bytes (${samples} ${type} samples): JavaScript would not allocate it (${error.message}); pass an output, or run a smaller frame`)
  }
}
