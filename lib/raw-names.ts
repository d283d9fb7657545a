// Raw files name their own shape: `frame.3840x2160x1.u16.raw` holds
// 3840×2160 samples of one u16 channel. Raw samples carry no header, so the
// name is what lets a raw file be read back without being told its shape.

import { describe, pixchainError } from './errors'
import { fileSpec, type FileSpec } from './image-formats'
import type { ImageSpec, LooseImageSpec } from './types'

/** `.WxH[xC].type.raw` at the end of a name; channels default to 1 when read. */
const SHAPE = /\.(\d+)x(\d+)(?:x(\d+))?\.(u8|u16|i16|f32)\.raw$/i

/**
 * The shape a raw file's name records (`frame.640x480x3.u8.raw`), or
 * undefined when its name records none. A name that records a shape
 * describing no frame (`frame.0x480x1.u8.raw`) is `ERR_PIXCHAIN_SPEC`.
 */
export function rawShapeOfName(file: string): FileSpec | undefined {
  const match = SHAPE.exec(file)
  if (!match) return undefined
  const [, width, height, channels = '1', type] = match
  return fileSpec({ width: Number(width), height: Number(height), channels: Number(channels), type: type!.toLowerCase() })
}

/**
 * The shape of the frame a raw file holds: the one its name records, else
 * the one given; the two must agree (`ERR_PIXCHAIN_SHAPE`), and one must be
 * there (`ERR_PIXCHAIN_SPEC`). `file` is undefined for bytes.
 */
export function rawShape(label: string, file: string | undefined, given: FileSpec | undefined): FileSpec {
  const named = file === undefined ? undefined : rawShapeOfName(file)
  if (named && given && !sameShape(named, given)) {
    throw pixchainError('ERR_PIXCHAIN_SHAPE', `${label}: the name records ${describeShape(named)} and raw gives ${describeShape(given)}: drop raw, or rename the file`)
  }
  const shape = named ?? given
  if (shape === undefined) {
    throw pixchainError(
      'ERR_PIXCHAIN_SPEC',
      `${label}: a raw file needs its shape: give { raw: { width, height, channels, type } }, or name the file NAME.WxHxC.TYPE.raw (rawImageName)`,
    )
  }
  return shape
}

/** A file name without its raw shape and extension: `out/frame` of `out/frame.640x480x3.u8.raw`. */
export function withoutRawShape(file: string): string {
  return file.replace(SHAPE, '')
}

/**
 * The name of a raw file of frames of `spec` that records their shape, so
 * that `readImage` reads it back without being told it: `stem` followed by
 * `.WxHxC.type.raw` — `rawImageName('out/frame', { width: 3840, height:
 * 2160, type: 'u16' })` is `'out/frame.3840x2160x1.u16.raw'`.
 * @throws `ERR_PIXCHAIN_SPEC` for a spec that describes no frame.
 */
export function rawImageName(stem: string, spec: ImageSpec | LooseImageSpec): string {
  if (typeof stem !== 'string') throw pixchainError('ERR_PIXCHAIN_PARAM', `stem: expected a string, got ${describe(stem)}`)
  const { width, height, channels, type } = fileSpec(spec)
  return `${stem}.${width}x${height}x${channels}.${type}.raw`
}

/** How a shape reads in messages: `640×480×3 u8`. */
export function describeShape({ width, height, channels, type }: FileSpec): string {
  return `${width}×${height}×${channels} ${type}`
}

/** Whether two shapes are the same. */
export function sameShape(a: FileSpec, b: FileSpec): boolean {
  return a.width === b.width && a.height === b.height && a.channels === b.channels && a.type === b.type
}
