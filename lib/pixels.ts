// The TypedArray that holds each pixel type.

import type { PixelArrays, PixelType } from './types'

const arrayTypes = {
  u8: Uint8Array,
  u16: Uint16Array,
  i16: Int16Array,
  f32: Float32Array,
} as const

/** A zeroed array for `samples` values of `type`. */
export function allocatePixels<T extends PixelType>(type: T, samples: number): PixelArrays[T] {
  return new arrayTypes[type](samples) as PixelArrays[T]
}
