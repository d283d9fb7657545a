// PNG files through fast-png, a pure-JavaScript codec and a dependency, so
// PNG needs nothing else installed: 1- to 16-bit gray, gray + alpha, RGB,
// RGBA and palette files read as u8 or u16 frames; u8 and u16 frames written
// with 8 or 16 bits a sample.

import { kMaxLength } from 'node:buffer'
import { constants, inflateSync } from 'node:zlib'

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
 * corrupt file is `ERR_PIXCHAIN_DECODE` rather than wrong pixels; an
 * embedded colour profile (iCCP) is skipped unread.
 */
export async function decodePng(label: string, bytes: Uint8Array): Promise<DecodedImage> {
  const refuse = (error: unknown) => pixchainError('ERR_PIXCHAIN_DECODE', `${label}: not a PNG pixchain can read (${firstLine(error)})`)
  let layout: PngLayout
  try {
    layout = pngLayout(bytes)
  } catch (error) {
    throw refuse(error)
  }
  checkPixelLimit(label, layout.width, layout.height)
  const { decode, convertIndexedToRgb } = await (fastPng ??= importFastPng())
  try {
    checkImageDataSize(layout)
    const png = decode(withoutChunks(bytes, layout.profiles), { checkCrc: true })
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
    throw refuse(error)
  }
}

/** A PNG of a u8 or u16 frame (the caller has checked it fits: `checkHolds`). */
export async function encodePng(data: PixelArray, { width, height, channels, type }: FileSpec): Promise<Uint8Array> {
  const { encode } = await (fastPng ??= importFastPng())
  return encode({ width, height, channels, depth: type === 'u16' ? 16 : 8, data: data as Uint8Array | Uint16Array })
}

/** What the chunks of a PNG say before any of it is inflated: its one header, and its image data. */
interface PngLayout {
  width: number
  height: number
  /** Bits a sample: 1, 2, 4, 8 or 16. */
  depth: number
  /** Samples a pixel, by the colour type: 1 (gray, palette), 2, 3 or 4. */
  channels: number
  interlaced: boolean
  /** The IDAT chunks' data, in order: one zlib stream. */
  imageData: Uint8Array[]
  /** Where each iCCP chunk starts and ends (its length and checksum included). */
  profiles: [start: number, end: number][]
}

const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10]
const CHANNELS_OF_COLOUR_TYPE: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }

/**
 * The chunks of a PNG walked to IEND, each checked to lie within the file:
 * one IHDR, and first. fast-png takes a later IHDR over the first, so a
 * header checked against the pixel limit must be the only one.
 */
function pngLayout(bytes: Uint8Array): PngLayout {
  if (bytes.length < 8 || PNG_SIGNATURE.some((byte, i) => bytes[i] !== byte)) throw new Error('no PNG signature')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const imageData: Uint8Array[] = []
  const profiles: [number, number][] = []
  let header: Omit<PngLayout, 'imageData' | 'profiles'> | undefined
  for (let at = 8; ; ) {
    if (at + 12 > bytes.length) throw new Error('the file ends before IEND')
    const length = view.getUint32(at)
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8))
    const data = at + 8
    if (data + length + 4 > bytes.length) throw new Error(`the ${type} chunk runs past the end of the file`)
    if (type === 'IHDR') {
      if (header !== undefined) throw new Error('a second IHDR chunk')
      if (length < 13) throw new Error(`an IHDR chunk of ${length} bytes`)
      const channels = CHANNELS_OF_COLOUR_TYPE[bytes[data + 9]!]
      if (channels === undefined) throw new Error(`colour type ${bytes[data + 9]}`)
      header = { width: view.getUint32(data), height: view.getUint32(data + 4), depth: bytes[data + 8]!, channels, interlaced: bytes[data + 12] === 1 }
    } else if (header === undefined) {
      throw new Error(`the first chunk is ${type}, not IHDR`)
    } else if (type === 'IDAT') {
      imageData.push(bytes.subarray(data, data + length))
    } else if (type === 'iCCP') {
      profiles.push([at, data + length + 4])
    } else if (type === 'IEND') {
      return { ...header, imageData, profiles }
    }
    at = data + length + 4
  }
}

/** Adam7's passes: the column and row each starts at, and the steps between them. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const

/** The bytes the image data of a PNG of this header inflates to: each row a filter byte and its packed samples, each Adam7 pass its own rows. */
function imageDataSize({ width, height, depth, channels, interlaced }: PngLayout): number {
  const rows = (columns: number, count: number) => (columns === 0 || count === 0 ? 0 : count * (1 + Math.ceil((columns * channels * depth) / 8)))
  if (!interlaced) return rows(width, height)
  let size = 0
  for (const [x, y, dx, dy] of ADAM7) size += rows(Math.ceil(Math.max(0, width - x) / dx), Math.ceil(Math.max(0, height - y) / dy))
  return size
}

/**
 * Refuses image data that inflates to more bytes than its header allows,
 * stopping the inflation there: the pixel limit bounds the header, and a
 * few hundred kilobytes of deflated zeros can inflate to gigabytes, which
 * fast-png would hold whole. The data is inflated again by fast-png, which
 * takes only the file: twice the inflation, for memory bounded by the header.
 */
function checkImageDataSize(layout: PngLayout): void {
  const expected = imageDataSize(layout)
  // One byte over what is expected is enough to refuse; a Buffer cannot be larger than kMaxLength anyway.
  const cap = Math.min(expected + 1, kMaxLength)
  let inflated: Buffer
  try {
    // A truncated stream is fast-png's to judge: this check is of the size alone.
    inflated = inflateSync(Buffer.concat(layout.imageData), { maxOutputLength: cap, finishFlush: constants.Z_SYNC_FLUSH })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new Error(`image data that inflates to more than the ${expected} bytes its header allows`)
    throw error
  }
  if (inflated.length > expected) throw new Error(`image data that inflates to more than the ${expected} bytes its header allows`)
}

/**
 * The file without the chunks at `ranges`: fast-png inflates an iCCP
 * colour profile whole, however large it inflates, and pixchain has no use
 * for it (frames carry no colour profile).
 */
function withoutChunks(bytes: Uint8Array, ranges: [number, number][]): Uint8Array {
  if (ranges.length === 0) return bytes
  const parts: Uint8Array[] = []
  let from = 0
  for (const [start, end] of ranges) {
    parts.push(bytes.subarray(from, start))
    from = end
  }
  parts.push(bytes.subarray(from))
  return Buffer.concat(parts)
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
