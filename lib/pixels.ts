// The TypedArray that holds each pixel type — the one table of it, which the
// tests and the benchmarks import too — and the arrays allocated for outputs.

import { pixchainError } from './errors'
import type { ImageSpec, PixelArrays, PixelType } from './types'

/** The array class of each pixel type. */
export const pixelArrayTypes = {
  u8: Uint8Array,
  u16: Uint16Array,
  i16: Int16Array,
  f32: Float32Array,
} as const satisfies Record<PixelType, unknown>

/**
 * A zeroed array for `samples` values of `type`; an array JavaScript cannot
 * allocate (too long for a TypedArray, or memory refused) is
 * `ERR_PIXCHAIN_MEMORY`, as a frame the addon cannot allocate is.
 */
export function allocatePixels<T extends PixelType>(type: T, samples: number): PixelArrays[T] {
  try {
    return new pixelArrayTypes[type](samples) as PixelArrays[T]
  } catch (error) {
    if (!(error instanceof RangeError)) throw error
    const bytes = samples * pixelArrayTypes[type].BYTES_PER_ELEMENT
    throw pixchainError('ERR_PIXCHAIN_MEMORY', `an output array of ${bytes} bytes (${samples} ${type} samples): JavaScript would not allocate it (${error.message}); pass an output, or run a smaller frame`)
  }
}

/** A zeroed array for a whole frame of `spec`: what `read()` and `run()` return when given no output. */
export function allocateFrame<T extends PixelType>({ width, height, channels, type }: Required<ImageSpec<T>>): PixelArrays[T] {
  return allocatePixels(type, width * height * channels)
}
