// Frames from and to files: PNG (1–16-bit gray, gray + alpha, RGB, RGBA,
// palette; through fast-png), raw interleaved samples in the machine's byte
// order, described by `--raw WxH[xC][:type]`, and JPEG, WebP, TIFF and AVIF
// through sharp (8- and 16-bit). The format is chosen in formats.mjs.

import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { convertIndexedToRgb, decode, encode } from 'fast-png'

import { UsageError } from './usage.mjs'
import { allocatePixels } from '../../dist/lib/pixels.js'
import { loadSharp } from './formats.mjs'

/** `--raw 640x480x3:u16` as a spec; channels default to 1 and the type to u8. */
export function parseRawSpec(text) {
  const match = /^(\d+)x(\d+)(?:x(\d+))?(?::(u8|u16|i16|f32))?$/.exec(text)
  if (!match) throw new UsageError(`pixchain: --raw takes WxH[xC][:type], e.g. 640x480x3:u16, got '${text}'`)
  const [, width, height, channels = '1', type = 'u8'] = match
  return { width: Number(width), height: Number(height), channels: Number(channels), type }
}

/** Reads a frame of `format`: `{ spec, pixels }`. Raw files need `rawSpec`. */
export async function readImage(file, format, rawSpec) {
  if (format === 'png') return decodePngFile(file, readFileSync(file))
  if (format !== 'raw') return decodeWithSharp(file, format)
  if (!rawSpec) throw new UsageError(`pixchain: ${file}: a raw file needs --raw WxH[xC][:type]`)
  const bytes = readFileSync(file)
  const { width, height, channels, type } = rawSpec
  // A copy into a fresh array: the file's bytes may not be aligned for the type.
  const pixels = allocatePixels(type, width * height * channels)
  if (bytes.length !== pixels.byteLength) {
    throw new UsageError(`pixchain: ${file}: expected ${pixels.byteLength} bytes for ${width}×${height}×${channels} ${type}, got ${bytes.length}`)
  }
  new Uint8Array(pixels.buffer).set(bytes)
  return { spec: rawSpec, pixels }
}

function decodePngFile(file, bytes) {
  let png
  try {
    png = decode(bytes)
  } catch (error) {
    throw new UsageError(`pixchain: ${file}: not a PNG pixchain can read (${error.message})`)
  }
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
  const type = depth === 16 ? 'u16' : 'u8'
  const pixels = type === 'u16' ? new Uint16Array(data.buffer, data.byteOffset, data.length) : new Uint8Array(data.buffer, data.byteOffset, data.length)
  return { spec: { width, height, channels, type }, pixels }
}

/** 1-, 2- and 4-bit gray samples, packed per row, as u8 spread over 0–255. */
function unpackBits(packed, width, height, channels, depth) {
  const out = new Uint8Array(width * height * channels)
  const perRow = width * channels
  const rowBytes = Math.ceil((perRow * depth) / 8)
  const max = (1 << depth) - 1
  for (let y = 0; y < height; y++) {
    for (let i = 0; i < perRow; i++) {
      const bit = i * depth
      const byte = packed[y * rowBytes + (bit >> 3)]
      const value = (byte >> (8 - depth - (bit & 7))) & max
      out[y * perRow + i] = Math.round((value * 255) / max)
    }
  }
  return out
}

/**
 * A file sharp decodes, with the channels and depth it stores: sharp would
 * turn gray into RGB and 16 bits into 8 unless told the colour space.
 */
async function decodeWithSharp(file, format) {
  const sharp = await loadSharp(file, format)
  try {
    const metadata = await sharp(file).metadata()
    const gray = metadata.channels <= 2
    if (metadata.depth === 'ushort') {
      const { data, info } = await sharp(file).toColourspace(gray ? 'grey16' : 'rgb16').raw({ depth: 'ushort' }).toBuffer({ resolveWithObject: true })
      // A copy into a fresh array: sharp's bytes may not be aligned for u16.
      const pixels = new Uint16Array(data.length / 2)
      new Uint8Array(pixels.buffer).set(data)
      return { spec: { width: info.width, height: info.height, channels: info.channels, type: 'u16' }, pixels }
    }
    if (metadata.depth !== 'uchar') {
      throw new UsageError(`pixchain: ${file}: pixchain reads 8- and 16-bit ${format.toUpperCase()} files, got samples of ${metadata.depth}`)
    }
    const { data, info } = await sharp(file).raw().toBuffer({ resolveWithObject: true })
    // sharp gives 8-bit gray as RGB (and gray + alpha as RGBA): keep the first channel (and the alpha).
    const pixels = gray ? pickChannels(data, info.channels, metadata.channels === 2 ? [0, 3] : [0]) : new Uint8Array(data)
    return { spec: { width: info.width, height: info.height, channels: gray ? metadata.channels : info.channels, type: 'u8' }, pixels }
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw new UsageError(`pixchain: ${file}: not a ${format.toUpperCase()} pixchain can read (${String(error?.message).split('\n', 1)[0]})`)
  }
}

function pickChannels(data, stride, picked) {
  const out = new Uint8Array((data.length / stride) * picked.length)
  for (let from = 0, to = 0; from < data.length; from += stride) {
    for (const channel of picked) out[to++] = data[from + channel]
  }
  return out
}

/** Writes a frame as `format`, whole or not at all (through a temporary file in the same folder). */
export async function writeImage(file, pixels, spec, format) {
  writeWhole(file, await encodeImage(file, pixels, spec, format))
}

async function encodeImage(file, pixels, spec, format) {
  const { width, height, channels, type } = spec
  if (format === 'png') return encode({ width, height, channels, depth: type === 'u16' ? 16 : 8, data: pixels })
  if (format === 'raw') return new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength)
  const sharp = await loadSharp(file, format)
  // The colour space says how many channels are colour, and keeps 16-bit samples 16-bit.
  const space = channels <= 2 ? (type === 'u16' ? 'grey16' : 'b-w') : type === 'u16' ? 'rgb16' : 'srgb'
  const image = sharp(pixels, { raw: { width, height, channels } }).toColourspace(space)
  try {
    // TIFF is lossless here (sharp's default would compress it as JPEG, dropping alpha).
    return await (format === 'tiff' ? image.tiff({ compression: 'deflate' }) : image.toFormat(format)).toBuffer()
  } catch (error) {
    // An encoder's own limit, e.g. WebP's 16383 pixels a side.
    throw new UsageError(`pixchain: ${file}: sharp cannot write this ${width}×${height}×${channels} ${type} frame as ${format.toUpperCase()} (${String(error?.message).split('\n', 1)[0]})`)
  }
}

/** A file that appears under its name complete: written beside it, then renamed over it. */
function writeWhole(file, bytes) {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.pixchain-tmp`)
  try {
    writeFileSync(temporary, bytes)
    renameSync(temporary, file)
  } catch (error) {
    rmSync(temporary, { force: true })
    throw error
  }
}
