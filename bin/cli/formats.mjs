// Image formats on the command line: `--format` and `--raw`, the format of
// each input and output file, and what the command says when a pipeline's
// result does not fit one. The facts — extensions, what each format holds,
// which go through sharp, the shape a raw file's name records — are the
// library's (lib/image-formats.ts, lib/raw-names.ts); this file says them in
// the command's words. sharp is imported only when a file needs it, so that
// a missing sharp is one line before any file is read or any step runs.

import path from 'node:path'

import { UsageError } from './usage.mjs'
import { allExtensions, formatNames, formatOfExtension, formatOfName, imageFormats } from '../../dist/lib/image-formats.js'
import { describeShape, rawShape, rawShapeOfName, sameShape } from '../../dist/lib/raw-names.js'

/** `--raw 640x480x3:u16` as a spec; channels default to 1 and the type to u8. */
export function parseRawSpec(text) {
  const match = /^(\d+)x(\d+)(?:x(\d+))?(?::(u8|u16|i16|f32))?$/.exec(text)
  if (!match) throw new UsageError(`pixchain: --raw takes WxH[xC][:type], e.g. 640x480x3:u16, got '${text}'`)
  const [, width, height, channels = '1', type = 'u8'] = match
  return { width: Number(width), height: Number(height), channels: Number(channels), type }
}

/** `--format`'s value as a format name (`jpg` and `tif` too), or a UsageError. */
export function parseFormat(text) {
  const format = formatOfExtension(`.${text}`)
  if (format === undefined) throw new UsageError(`pixchain: --format takes ${formatNames.join(', ')}, got '${text}'`)
  return format
}

/** An input's format: the one its extension names, else raw samples (described by its name or --raw). */
export function inputFormat(file) {
  return formatOfName(file) ?? 'raw'
}

/**
 * The shape of a raw input: the one its name records (`frame.640x480x1.u16.raw`),
 * else --raw's. A UsageError when it has neither, or the two disagree.
 */
export function checkRawInput(file, rawSpec) {
  try {
    const named = rawShapeOfName(file)
    if (rawSpec === undefined && named === undefined) {
      throw new UsageError(`pixchain: ${file}: a raw file needs --raw WxH[xC][:type], or a name that records its shape (NAME.WxHxC.TYPE.raw)`)
    }
    if (named !== undefined && rawSpec !== undefined && !sameShape(named, rawSpec)) {
      throw new UsageError(`pixchain: ${file}: the name records ${describeShape(named)} and --raw says ${describeShape(rawSpec)}: drop --raw, or rename the file`)
    }
    return rawShape(file, file, rawSpec)
  } catch (error) {
    throw asUsageError(error)
  }
}

/**
 * An output file's format: the one its extension names, which `--format`
 * must agree with. No extension, or one no format has, is raw only when
 * `--format raw` says so: a name like out.jpg must never hold raw samples.
 */
export function outputFormat(file, given) {
  const named = formatOfName(file)
  if (named === undefined) {
    if (given === 'raw') return 'raw'
    const extension = path.extname(file)
    const what = extension === '' ? 'has no extension' : `has the extension '${extension}', which names no format`
    throw new UsageError(`pixchain: ${file}: the output ${what}: expected ${allExtensions.join(', ')}, or --format raw for raw samples`)
  }
  if (given !== undefined && given !== named) {
    throw new UsageError(`pixchain: ${file}: --format ${given} for a ${named} file name: drop --format, or name the file *${extensionOf(given)}`)
  }
  return named
}

/** The file name extension a file of `format` gets when pixchain names it. */
export function extensionOf(format) {
  return imageFormats[format].extensions[0]
}

/** Whether files of `format` are read and written by sharp. */
export function needsSharp(format) {
  return imageFormats[format].sharp
}

/** Why a frame of `spec` cannot be written to `file` as `format`, or undefined when it can. */
export function unwritable(spec, { file, format }) {
  const { types, channels } = imageFormats[format]
  if (!types.includes(spec.type)) {
    const fix = types.length > 1 ? 'add convert:u8 (or convert:u16)' : 'add convert:u8'
    return `a ${format.toUpperCase()} holds ${types.join(' or ')} samples and the pipeline ends in ${spec.type}: ${fix}, or write a raw file`
  }
  if (!channels.includes(spec.channels)) {
    return `a ${format.toUpperCase()} holds ${channels.join(' or ')} channels and the pipeline ends in ${spec.channels}: write PNG, TIFF or WebP, or a raw file`
  }
  const named = format === 'raw' ? rawShapeOfName(file) : undefined
  if (named !== undefined && !sameShape(named, spec)) {
    return `the name records ${describeShape(named)} and the pipeline ends in ${describeShape(spec)}: name the output for that shape, or drop the shape from its name`
  }
  return undefined
}

/** Resolves when sharp can be imported; else a UsageError naming the file of `format` that needs it. */
export async function loadSharp(file, format) {
  // The codec module loads the addon: imported here, when a file needs sharp.
  const { requireSharp } = await import('../../dist/lib/sharp-codec.js')
  try {
    await requireSharp(file, format)
  } catch (error) {
    throw asUsageError(error)
  }
}

/** The library's coded errors about a file (their messages name it) as one line of the command. */
export function asUsageError(error) {
  if (typeof error?.code === 'string' && error.code.startsWith('ERR_PIXCHAIN_') && error.code !== 'ERR_PIXCHAIN_INTERNAL') {
    return new UsageError(`pixchain: ${error.message}`)
  }
  return error
}
