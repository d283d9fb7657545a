// JPEG, WebP, TIFF and AVIF files through sharp, an optional peer
// dependency: imported when a file first needs it, so that pixchain loads,
// and reads and writes PNG and raw files, without it. A missing sharp is
// one coded error (ERR_PIXCHAIN_SHARP) that says what to install.

import { pixchainError } from './errors'
import { checkPixelLimit, firstLine, type DecodedImage } from './image-codecs'
import type { FileSpec, ImageFormat } from './image-formats'
import { getLimitInputPixels } from './runtime'
import type { PixelArray } from './types'

/**
 * sharp, through Node's module loader (`import()`): a resolve hook
 * registered with `module.register` can hide it, which is how the tests
 * run without it.
 */
const importSharp = async () => (await import('sharp')).default
let sharpModule: Awaited<ReturnType<typeof importSharp>> | undefined

/** sharp, imported once; `ERR_PIXCHAIN_SHARP` naming the file that needs it when it cannot be imported. */
async function loadSharp(label: string, format: ImageFormat) {
  try {
    return (sharpModule ??= await importSharp())
  } catch (error) {
    throw pixchainError(
      'ERR_PIXCHAIN_SHARP',
      `${label}: ${format.toUpperCase()} files need sharp, which cannot be imported (${firstLine(error)}): npm install sharp, or use PNG or raw files`,
    )
  }
}

/** Resolves when sharp can be imported; else `ERR_PIXCHAIN_SHARP` naming `label`, the file of `format` that needs it. */
export async function requireSharp(label: string, format: ImageFormat): Promise<void> {
  await loadSharp(label, format)
}

/** sharp's own pixel limit, the process's (`checkPixelLimit` has checked the header against it first). */
const sharpLimit = () => getLimitInputPixels() || false

/** The name sharp's metadata gives each format it decodes for pixchain (AVIF is a HEIF file). */
const sharpFormats: Partial<Record<ImageFormat, string>> = { jpeg: 'jpeg', webp: 'webp', tiff: 'tiff', avif: 'heif' }

/**
 * The frame a file sharp decodes holds, with the channels and depth it
 * stores: sharp would turn gray into RGB, and 16 bits into 8, unless told
 * the colour space. 8- and 16-bit files only.
 */
export async function decodeWithSharp(label: string, bytes: Uint8Array, format: ImageFormat): Promise<DecodedImage> {
  const sharp = await loadSharp(label, format)
  const name = format.toUpperCase()
  const refuse = (error: unknown) => pixchainError('ERR_PIXCHAIN_DECODE', `${label}: not a ${name} pixchain can read (${firstLine(error)})`)
  const image = () => sharp(bytes, { limitInputPixels: sharpLimit() })
  let metadata
  try {
    // The header alone: sharp's own limit would make an image over it a decoding error.
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata()
  } catch (error) {
    throw refuse(error)
  }
  // sharp decodes whatever libvips recognises (SVG through librsvg, GIF, …): only the format the name or caller gave.
  if (metadata.format !== sharpFormats[format]) {
    throw pixchainError('ERR_PIXCHAIN_DECODE', `${label}: expected ${name} data, got ${String(metadata.format).toUpperCase()}`)
  }
  const { width = 0, height = 0, channels = 0, depth } = metadata
  checkPixelLimit(label, width, height)
  if (depth !== 'uchar' && depth !== 'ushort') {
    throw pixchainError('ERR_PIXCHAIN_FORMAT', `${label}: pixchain reads 8- and 16-bit ${name} files, got samples of ${depth}`)
  }
  const gray = channels <= 2
  try {
    if (depth === 'ushort') {
      const { data, info } = await image()
        .toColourspace(gray ? 'grey16' : 'rgb16')
        .raw({ depth: 'ushort' })
        .toBuffer({ resolveWithObject: true })
      // A copy into a fresh array: sharp's bytes may not be aligned for u16.
      const samples = new Uint16Array(data.length / 2)
      new Uint8Array(samples.buffer).set(data)
      return { spec: { width: info.width, height: info.height, channels: info.channels, type: 'u16' }, data: samples }
    }
    const { data, info } = await image().raw().toBuffer({ resolveWithObject: true })
    // sharp gives 8-bit gray as RGB (and gray + alpha as RGBA): keep the first channel (and the alpha).
    const samples = gray ? pickChannels(data, info.channels, channels === 2 ? [0, 3] : [0]) : new Uint8Array(data)
    return { spec: { width: info.width, height: info.height, channels: gray ? channels : info.channels, type: 'u8' }, data: samples }
  } catch (error) {
    throw refuse(error)
  }
}

function pickChannels(data: Uint8Array, stride: number, picked: number[]): Uint8Array {
  const out = new Uint8Array((data.length / stride) * picked.length)
  for (let from = 0, to = 0; from < data.length; from += stride) {
    for (const channel of picked) out[to++] = data[from + channel]!
  }
  return out
}

/**
 * A file of `format` holding a frame of `spec`, which the caller has checked
 * the format holds (`checkHolds`). An encoder's own limit (WebP's 16383
 * pixels a side) is `ERR_PIXCHAIN_FORMAT`.
 */
export async function encodeWithSharp(label: string, data: PixelArray, spec: FileSpec, format: ImageFormat): Promise<Uint8Array> {
  const sharp = await loadSharp(label, format)
  const { width, height, channels, type } = spec
  // The colour space says how many channels are colour, and keeps 16-bit samples 16-bit.
  const space = channels <= 2 ? (type === 'u16' ? 'grey16' : 'b-w') : type === 'u16' ? 'rgb16' : 'srgb'
  try {
    const image = sharp(data, { raw: { width, height, channels: channels as 1 | 2 | 3 | 4 }, limitInputPixels: false }).toColourspace(space)
    // TIFF is lossless here (sharp's default would compress it as JPEG, dropping alpha).
    return await (format === 'tiff' ? image.tiff({ compression: 'deflate' }) : image.toFormat(format as 'jpeg' | 'webp' | 'avif')).toBuffer()
  } catch (error) {
    throw pixchainError('ERR_PIXCHAIN_FORMAT', `${label}: sharp cannot write this ${width}×${height}×${channels} ${type} frame as ${format.toUpperCase()} (${firstLine(error)})`)
  }
}
