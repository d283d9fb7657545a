// A region of a frame as a view: the same memory, no copy. The view's spec
// carries the row stride of the frame it came from, so every one-shot
// kernel reads the region in place.

import { pixchainError } from './errors'
import { specValues } from './native'
import { checkOptions } from './options'
import type { ImageSpec, LooseImageSpec, PixelArray, PixelType } from './types'

/** A rectangle of a frame, in pixels. */
export interface Rect {
  /** Left column, less than the frame's width. */
  x: number
  /** Top row, less than the frame's height. */
  y: number
  /** Width, 1 to the frame's width − `x`. */
  width: number
  /** Height, 1 to the frame's height − `y`. */
  height: number
}

/** A region of a frame: a `subarray` of its memory and the spec that reads it. */
export interface CropView<A extends PixelArray = PixelArray, T extends PixelType = PixelType> {
  /** The frame's array from the region's first sample to its last: the same memory. */
  data: A
  /** The region's sides, channels and type, with the frame's row `stride`. */
  spec: Required<ImageSpec<T>>
}

const rectRules = {
  x: { kind: 'count', required: true },
  y: { kind: 'count', required: true },
  width: { kind: 'size', required: true },
  height: { kind: 'size', required: true },
} as const

/**
 * The region `rect` of `array`, a frame of `spec`, as a zero-copy view: pass
 * `view.data` and `view.spec` to any one-shot kernel to read the region in
 * place, as `crop` would copy it out (OpenCV's `Mat::roi`). Writes to the
 * frame show through the view.
 * @throws `ERR_PIXCHAIN_PARAM` for a rectangle outside the frame,
 * `ERR_PIXCHAIN_SPEC` for a bad spec, `ERR_PIXCHAIN_LENGTH` for an array
 * that is not a frame of it.
 */
export function cropView<A extends PixelArray, T extends PixelType = PixelType>(
  array: A,
  spec: ImageSpec<T> | LooseImageSpec,
  rect: Rect,
): CropView<A, T> {
  const [width, height, channels, type, given] = specValues(spec)
  const stride = given ?? width * channels
  const { x, y, width: w, height: h } = checkOptions('cropView', rect, rectRules)
  if (x >= width) throw pixchainError('ERR_PIXCHAIN_PARAM', `x: expected less than the frame's width (${width}), got ${x}`)
  if (y >= height) throw pixchainError('ERR_PIXCHAIN_PARAM', `y: expected less than the frame's height (${height}), got ${y}`)
  if (w > width - x) throw pixchainError('ERR_PIXCHAIN_PARAM', `width: expected from 1 to ${width - x} (width ${width} − x ${x}), got ${w}`)
  if (h > height - y) throw pixchainError('ERR_PIXCHAIN_PARAM', `height: expected from 1 to ${height - y} (height ${height} − y ${y}), got ${h}`)
  if (stride < width * channels) {
    throw pixchainError('ERR_PIXCHAIN_SPEC', `stride: expected at least width × channels (${width * channels}) samples, got ${stride}`)
  }
  const span = (height - 1) * stride + width * channels
  if (array.length !== span) {
    const size = array.BYTES_PER_ELEMENT
    throw pixchainError('ERR_PIXCHAIN_LENGTH', `input: expected ${span * size} bytes for ${width}×${height}×${channels} ${type}, got ${array.byteLength}`)
  }
  const start = y * stride + x * channels
  const end = start + (h - 1) * stride + w * channels
  return {
    data: array.subarray(start, end) as A,
    spec: { width: w, height: h, channels, type: type as T, stride },
  }
}
