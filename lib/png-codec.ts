// PNG files through fast-png, a pure-JavaScript codec and a dependency, so
// PNG needs nothing else installed: 1- to 16-bit gray, gray + alpha, RGB,
// RGBA and palette files read as u8 or u16 frames; u8 and u16 frames written
// with 8 or 16 bits a sample.

import { pixchainError } from './errors'
import { checkPixelLimit, firstLine, type DecodedImage } from './image-codecs'
import type { FileSpec } from './image-formats'
import type { PixelArray } from './types'

/** fast-png is an ES module: CommonJS reaches it through import() (require() of ES modules is Node 20.19 on). */
const importFastPng = () => import('fast-png')
let fastPng: ReturnType<typeof importFastPng> | undefined

/**
 * The frame a PNG file holds: 16-bit files as u16, the rest as u8 (1-, 2-
 * and 4-bit gray spread over 0–255, palette files as RGB, or RGBA when
 * the palette has transparency). Chunk checksums are checked, so a
 * corrupt file is `ERR_PIXCHAIN_DECODE` rather than wrong pixels.
 */
export async function decodePng(label: string, bytes: Uint8Array): Promise<DecodedImage> {
  checkHeaderSize(label, bytes)
  const { decode, convertIndexedToRgb } = await (fastPng ??= importFastPng())
  try {
    const png = decode(bytes, { checkCrc: true })
    const { width, height } = png
    let { data, channels, depth } = png
    if (png.palette) {
      data = convertIndexedToRgb(png)
      channels = data.length / (width * height)
      depth = 8
    } else if (depth < 8) {
      data = unpackBits(data, width, height, channels, depth)
      depth = 8
    }
    if (data.length !== width * height * channels) throw new Error(`${data.length} samples for ${width}×${height}×${channels}`)
    const type = depth === 16 ? 'u16' : 'u8'
    // fast-png gives a Uint16Array for 16 bits and a Uint8Array otherwise, each over its own buffer.
    return { spec: { width, height, channels, type }, data } as DecodedImage
  } catch (error) {
    throw pixchainError('ERR_PIXCHAIN_DECODE', `${label}: not a PNG pixchain can read (${firstLine(error)})`)
  }
}

/** A PNG of a u8 or u16 frame (the caller has checked it fits: `checkHolds`). */
export async function encodePng(data: PixelArray, { width, height, channels, type }: FileSpec): Promise<Uint8Array> {
  const { encode } = await (fastPng ??= importFastPng())
  return encode({ width, height, channels, depth: type === 'u16' ? 16 : 8, data: data as Uint8Array | Uint16Array })
}

/** Refuses a file whose header claims more pixels than the limit, before anything is inflated (`ERR_PIXCHAIN_LIMIT`). */
function checkHeaderSize(label: string, bytes: Uint8Array): void {
  // The signature (8 bytes), then IHDR: length, type, width, height (big-endian). A shorter file is the decoder's to refuse.
  if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return
  const header = new DataView(bytes.buffer, bytes.byteOffset, 24)
  checkPixelLimit(label, header.getUint32(16), header.getUint32(20))
}

/** 1-, 2- and 4-bit gray samples, packed per row, as u8 spread over 0–255. */
function unpackBits(packed: ArrayLike<number>, width: number, height: number, channels: number, depth: number): Uint8Array {
  const out = new Uint8Array(width * height * channels)
  const perRow = width * channels
  const rowBytes = Math.ceil((perRow * depth) / 8)
  const max = (1 << depth) - 1
  for (let y = 0; y < height; y++) {
    for (let i = 0; i < perRow; i++) {
      const bit = i * depth
      const byte = packed[y * rowBytes + (bit >> 3)]!
      const value = (byte >> (8 - depth - (bit & 7))) & max
      out[y * perRow + i] = Math.round((value * 255) / max)
    }
  }
  return out
}
