// Image formats, named by a file's extension. PNG (through fast-png) and raw
// samples are always there; JPEG, WebP, TIFF and AVIF go through sharp, an
// optional peer dependency imported only when a file needs it, so that a
// missing sharp is one line before any file is read or any step runs.

import path from 'node:path'

import { UsageError } from './usage.mjs'

/**
 * Every format: its extensions (the first is the one pixchain gives a file it
 * names), whether sharp reads and writes it, and the pixel types and channel
 * counts a file of it holds (raw files hold any).
 */
export const FORMATS = {
  png: { extensions: ['.png'], types: ['u8', 'u16'] },
  raw: { extensions: ['.raw'] },
  jpeg: { extensions: ['.jpg', '.jpeg'], sharp: true, types: ['u8'], channels: [1, 3] },
  webp: { extensions: ['.webp'], sharp: true, types: ['u8'] },
  tiff: { extensions: ['.tif', '.tiff'], sharp: true, types: ['u8', 'u16'] },
  avif: { extensions: ['.avif'], sharp: true, types: ['u8'] },
}

const EXTENSIONS = Object.values(FORMATS).flatMap((format) => format.extensions)

/** The format an extension (`.jpg`) names, or undefined. */
function formatOfExtension(extension) {
  return Object.keys(FORMATS).find((name) => FORMATS[name].extensions.includes(extension.toLowerCase()))
}

/** `--format`'s value as a format name (`jpg` and `tif` too), or a UsageError. */
export function parseFormat(text) {
  const format = formatOfExtension(`.${text}`)
  if (format === undefined) throw new UsageError(`pixchain: --format takes ${Object.keys(FORMATS).join(', ')}, got '${text}'`)
  return format
}

/** An input's format: the one its extension names, else raw samples (described by --raw). */
export function inputFormat(file) {
  return formatOfExtension(path.extname(file)) ?? 'raw'
}

/**
 * An output file's format: the one its extension names, which `--format`
 * must agree with. No extension, or one no format has, is raw only when
 * `--format raw` says so: a name like out.jpg must never hold raw samples.
 */
export function outputFormat(file, given) {
  const named = formatOfExtension(path.extname(file))
  if (named === undefined) {
    if (given === 'raw') return 'raw'
    const extension = path.extname(file)
    const what = extension === '' ? 'has no extension' : `has the extension '${extension}', which names no format`
    throw new UsageError(`pixchain: ${file}: the output ${what}: expected ${EXTENSIONS.join(', ')}, or --format raw for raw samples`)
  }
  if (given !== undefined && given !== named) {
    throw new UsageError(`pixchain: ${file}: --format ${given} for a ${named} file name: drop --format, or name the file *${FORMATS[given].extensions[0]}`)
  }
  return named
}

/** The file name extension a file of `format` gets when pixchain names it. */
export function extensionOf(format) {
  return FORMATS[format].extensions[0]
}

/** Whether files of `format` are read and written by sharp. */
export function needsSharp(format) {
  return FORMATS[format].sharp === true
}

/** Why a frame of `spec` cannot be written as `format`, or undefined when it can. */
export function unwritable(spec, format) {
  const { types, channels } = FORMATS[format]
  if (types && !types.includes(spec.type)) {
    const fix = types.length > 1 ? 'add convert:u8 (or convert:u16)' : 'add convert:u8'
    return `a ${format.toUpperCase()} holds ${types.join(' or ')} samples and the pipeline ends in ${spec.type}: ${fix}, or write a raw file`
  }
  if (channels && !channels.includes(spec.channels)) {
    return `a ${format.toUpperCase()} holds ${channels.join(' or ')} channels and the pipeline ends in ${spec.channels}: write PNG, TIFF or WebP, or a raw file`
  }
  return undefined
}

let sharp

/** sharp, imported once; a UsageError naming the file that needs it when it cannot be imported. */
export async function loadSharp(file, format) {
  try {
    sharp ??= (await import('sharp')).default
    return sharp
  } catch (error) {
    const why = String(error?.message ?? error).split('\n', 1)[0]
    throw new UsageError(`pixchain: ${file}: ${format.toUpperCase()} files need sharp, which cannot be imported (${why}): npm install sharp, or use PNG or raw files`)
  }
}
