// Image file formats: the extensions and signatures that name each, the
// pixel types and channel counts a file of it holds, and which go through
// sharp. readImage, writeImage and the command line read this one table.

import { pixchainError } from './errors'
import { checkOptions, specRules } from './options'
import { pixelArrayTypes } from './pixels'
import type { PixelType } from './types'

/**
 * A format of image files: PNG (through fast-png), raw interleaved samples
 * in the machine's byte order, and JPEG, WebP, TIFF and AVIF (through sharp).
 */
export type ImageFormat = 'png' | 'raw' | 'jpeg' | 'webp' | 'tiff' | 'avif'

/** What pixchain knows of one format. */
export interface FormatFacts {
  /** File name extensions, lowercase; the first is the one pixchain gives a file it names. */
  readonly extensions: readonly string[]
  /** Whether sharp reads and writes it. */
  readonly sharp: boolean
  /** The pixel types a file of it holds. */
  readonly types: readonly PixelType[]
  /** The channel counts a file of it holds (WebP and AVIF store gray as RGB: 1 channel reads back as 3). */
  readonly channels: readonly number[]
}

/** Every format, in the order messages list them. */
export const imageFormats: Readonly<Record<ImageFormat, FormatFacts>> = {
  png: { extensions: ['.png'], sharp: false, types: ['u8', 'u16'], channels: [1, 2, 3, 4] },
  raw: { extensions: ['.raw'], sharp: false, types: ['u8', 'u16', 'i16', 'f32'], channels: [1, 2, 3, 4] },
  jpeg: { extensions: ['.jpg', '.jpeg'], sharp: true, types: ['u8'], channels: [1, 3] },
  webp: { extensions: ['.webp'], sharp: true, types: ['u8'], channels: [1, 2, 3, 4] },
  tiff: { extensions: ['.tif', '.tiff'], sharp: true, types: ['u8', 'u16'], channels: [1, 2, 3, 4] },
  avif: { extensions: ['.avif'], sharp: true, types: ['u8'], channels: [1, 2, 3, 4] },
}

/** Every format's name. */
export const formatNames = Object.keys(imageFormats) as ImageFormat[]

/** Every extension a format has, for messages: `.png, .raw, .jpg, …`. */
export const allExtensions = formatNames.flatMap((name) => imageFormats[name].extensions)

/** Whether `name` is a format's name. */
export function isImageFormat(name: unknown): name is ImageFormat {
  return typeof name === 'string' && Object.hasOwn(imageFormats, name)
}

/** The format an extension (`.jpg`, any case) names, or undefined. */
export function formatOfExtension(extension: string): ImageFormat | undefined {
  const lower = extension.toLowerCase()
  return formatNames.find((name) => imageFormats[name].extensions.includes(lower))
}

/** A file name's extension: `.png` of `out/a.b.png`, `''` when it has none (`.profile` has none). */
export function extensionOf(file: string): string {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1)
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(dot) : ''
}

/** The format a file's name names by its extension, or undefined. */
export function formatOfName(file: string): ImageFormat | undefined {
  return formatOfExtension(extensionOf(file))
}

const ascii = (bytes: Uint8Array, start: number, text: string) => text.split('').every((c, i) => bytes[start + i] === c.charCodeAt(0))

/** The format whose signature starts `bytes` (raw samples have none), or undefined. */
export function formatOfBytes(bytes: Uint8Array): ImageFormat | undefined {
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((byte, i) => bytes[i] === byte)) return 'png'
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return 'webp'
  // Classic TIFF (42) and BigTIFF (43), in either byte order.
  if ((ascii(bytes, 0, 'II') && (bytes[2] === 42 || bytes[2] === 43) && bytes[3] === 0) || (ascii(bytes, 0, 'MM') && bytes[2] === 0 && (bytes[3] === 42 || bytes[3] === 43))) {
    return 'tiff'
  }
  if (ascii(bytes, 4, 'ftyp') && (ascii(bytes, 8, 'avif') || ascii(bytes, 8, 'avis'))) return 'avif'
  return undefined
}

/** A spec as image files take it, checked (`ERR_PIXCHAIN_SPEC`): whole rows, 1–4 channels, a pixel type pixchain has. */
export interface FileSpec<T extends PixelType = PixelType> {
  width: number
  height: number
  channels: number
  type: T
}

/**
 * `spec` checked as the kernels check theirs, with the same messages
 * (`ERR_PIXCHAIN_SPEC`), channels defaulting to 1. Here, not in the addon:
 * the command line reads file names and formats without loading it.
 * `where` names it in the message of a spec that is not an object (`raw`
 * for readImage's option).
 */
export function fileSpec(spec: unknown, where = 'spec'): FileSpec {
  const { width, height, channels = 1, type, stride } = checkOptions(where, spec, specRules, 'ERR_PIXCHAIN_SPEC')
  if (stride !== undefined && stride !== width * channels) {
    throw pixchainError('ERR_PIXCHAIN_SPEC', `stride: expected ${width * channels} (width × channels: image files hold rows without gaps between them), got ${stride}`)
  }
  if (channels > 4) throw pixchainError('ERR_PIXCHAIN_SPEC', `channels: expected an integer from 1 to 4, got ${channels}`)
  if (!Object.hasOwn(pixelArrayTypes, type)) {
    throw pixchainError('ERR_PIXCHAIN_SPEC', `type: expected one of ${Object.keys(pixelArrayTypes).join(', ')}, got ${JSON.stringify(type)}`)
  }
  return { width, height, channels, type: type as PixelType }
}

/** Refuses a frame of `spec` that a file of `format` cannot hold (`ERR_PIXCHAIN_FORMAT`), naming `label`. */
export function checkHolds(label: string, spec: FileSpec, format: ImageFormat): void {
  const { types, channels } = imageFormats[format]
  const name = format.toUpperCase()
  if (!types.includes(spec.type)) {
    const into = types.length > 1 ? `${types.slice(0, -1).join(', ')} or ${types.at(-1)}` : types[0]
    throw pixchainError('ERR_PIXCHAIN_FORMAT', `${label}: a ${name} holds ${into} samples, got ${spec.type}: convert to ${into} first, or write a raw file`)
  }
  if (!channels.includes(spec.channels)) {
    throw pixchainError('ERR_PIXCHAIN_FORMAT', `${label}: a ${name} holds ${channels.join(' or ')} channels, got ${spec.channels}: write PNG, TIFF or WebP, or a raw file`)
  }
}
