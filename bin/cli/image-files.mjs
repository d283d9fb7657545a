// Frames from and to files: PNG (1–16-bit gray, gray + alpha, RGB, RGBA,
// palette; through fast-png) and raw interleaved samples in the machine's
// byte order, described by `--raw WxH[xC][:type]`.

import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { convertIndexedToRgb, decode, encode } from 'fast-png'

import { UsageError } from '../../bench/lib/cli-options.mjs'
import { allocatePixels } from '../../lib/pixels.js'

/** The format a path's extension names: 'png', or 'raw' for anything else. */
export function formatOf(file) {
  return path.extname(file).toLowerCase() === '.png' ? 'png' : 'raw'
}

/** `--raw 640x480x3:u16` as a spec; channels default to 1 and the type to u8. */
export function parseRawSpec(text) {
  const match = /^(\d+)x(\d+)(?:x(\d+))?(?::(u8|u16|i16|f32))?$/.exec(text)
  if (!match) throw new UsageError(`pixchain: --raw takes WxH[xC][:type], e.g. 640x480x3:u16, got '${text}'`)
  const [, width, height, channels = '1', type = 'u8'] = match
  return { width: Number(width), height: Number(height), channels: Number(channels), type }
}

/** Reads a frame: `{ spec, pixels }`. Raw files need `rawSpec`. */
export function readImage(file, rawSpec) {
  const bytes = readFileSync(file)
  if (formatOf(file) === 'png') return decodePngFile(file, bytes)
  if (!rawSpec) throw new UsageError(`pixchain: ${file}: a raw file needs --raw WxH[xC][:type]`)
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

/** Why a frame of `spec` cannot be written as `format`, or undefined when it can. */
export function unwritable(spec, format) {
  if (format === 'png' && spec.type !== 'u8' && spec.type !== 'u16') {
    return `a PNG holds u8 or u16 samples and the pipeline ends in ${spec.type}: add convert:u8 (or convert:u16), or write a raw file`
  }
  return undefined
}

/** Writes a frame as PNG or raw samples. */
export function writeImage(file, pixels, spec, format) {
  if (format === 'png') {
    const { width, height, channels, type } = spec
    writeFileSync(file, encode({ width, height, channels, depth: type === 'u16' ? 16 : 8, data: pixels }))
  } else {
    writeFileSync(file, new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength))
  }
}
