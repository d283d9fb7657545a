// Images in and out of files: `readImage` and `writeImage`. PNG through
// fast-png always; JPEG, WebP, TIFF and AVIF through sharp when it is
// installed; raw samples, whose shape the file's name records
// (raw-names.ts) or the caller gives. A write is whole or nothing.
//
// Both return promises. sharp has only an asynchronous API, fast-png is an
// ES module (which CommonJS loads through import()), and files are read and
// written with fs/promises, off the event loop: one promise API for every
// format, rather than a synchronous one that some formats cannot have.
// They are not in `promises`, which holds the promise forms of the
// synchronous kernels (and is `pixchain/promises`): with no synchronous
// form, they have one name, on the main entry.

import { randomUUID } from 'node:crypto'
import { open, readFile, rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'

import { describe, pixchainError } from './errors'
import { checkPixelLimit, type DecodedImage } from './image-codecs'
import {
  allExtensions,
  checkHolds,
  extensionOf,
  fileSpec,
  formatNames,
  formatOfBytes,
  formatOfName,
  imageFormats,
  isImageFormat,
  type FileSpec,
  type ImageFormat,
} from './image-formats'
import { pixelArrayTypes } from './pixels'
import { decodePng, encodePng } from './png-codec'
import { describeShape, rawShape, rawShapeOfName, sameShape } from './raw-names'
import { decodeWithSharp, encodeWithSharp } from './sharp-codec'
import type { ImageSpec, LooseImageSpec, PixelArray } from './types'

export type { DecodedImage }

/** Options of `readImage`. */
export interface ReadImageOptions {
  /**
   * The file's format, when its name does not say it. Without it, the
   * extension says it (`.png`, `.jpg`, …, `.raw`); a name without a known
   * extension, or bytes, are raw samples when `raw` is given, else the
   * format their signature names (PNG, JPEG, WebP, TIFF, AVIF).
   */
  format?: ImageFormat
  /**
   * The shape of raw samples: `{ width, height, channels, type }` of the
   * frame a raw file or raw bytes hold, when no name records it
   * (`frame.3840x2160x1.u16.raw` does). A name that records another shape
   * is `ERR_PIXCHAIN_SHAPE`.
   */
  raw?: ImageSpec | LooseImageSpec
}

/** Options of `writeImage`. */
export interface WriteImageOptions {
  /**
   * The format, for a name whose extension names none (`depth.f32`,
   * `frame`); where the extension names one, it must be that one
   * (`ERR_PIXCHAIN_FORMAT`), so that a name like `out.jpg` never holds
   * another format.
   */
  format?: ImageFormat
}

/**
 * Reads an image file, or the bytes of one, into a frame: PNG (1- to
 * 16-bit gray, gray + alpha, RGB, RGBA, palette; through fast-png), raw
 * samples (`ReadImageOptions.raw`, or a name that records their shape, as
 * `rawImageName` makes) and, when sharp is installed, JPEG, WebP, TIFF and
 * AVIF (8- and 16-bit). 16-bit files give u16 frames, the rest u8; palette
 * PNGs give RGB (RGBA with transparency); WebP and AVIF store gray as RGB.
 *
 * ```ts
 * const { data, spec } = await readImage('photo.png')
 * const sky = await readImage('frame.3840x2160x1.u16.raw') // a u16 frame
 * ```
 * @param source a file's path, or its bytes (a `Uint8Array` or `Buffer`).
 * @throws `ERR_PIXCHAIN_FORMAT` for a name or bytes of no format pixchain
 * reads, `ERR_PIXCHAIN_DECODE` for a file its decoder cannot read
 * (truncated, corrupt, of another format than its name or `format` says),
 * `ERR_PIXCHAIN_SHARP` for a format that needs sharp
 * when sharp cannot be imported, `ERR_PIXCHAIN_LENGTH` for raw samples of
 * another size than their shape, `ERR_PIXCHAIN_LIMIT` for an image of more
 * pixels than `getLimitInputPixels()` (checked before it is decoded),
 * `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_SHAPE`, `ERR_PIXCHAIN_PARAM` for the
 * options; the file system's own errors (`ENOENT`) as they come.
 */
export async function readImage(source: string | Uint8Array, options: ReadImageOptions = {}): Promise<DecodedImage> {
  const { format: given, raw } = readOptions(options)
  if (typeof source !== 'string' && !(source instanceof Uint8Array)) {
    throw pixchainError('ERR_PIXCHAIN_TYPE', `source: expected a file's path or its bytes (a Uint8Array or Buffer), got ${describe(source)}`)
  }
  const file = typeof source === 'string' ? source : undefined
  const label = file ?? 'source'
  const bytes = typeof source === 'string' ? await readFile(source) : source
  // A name that records a raw shape ends in .raw, which names the format.
  const named = file === undefined ? undefined : formatOfName(file)
  const format = given ?? named ?? (raw !== undefined ? 'raw' : formatOfBytes(bytes))
  if (format === undefined) throw unknownFormat(label, file)
  switch (format) {
    case 'raw':
      return readRaw(label, bytes, rawShape(label, file, raw))
    case 'png':
      return decodePng(label, bytes)
    default:
      return decodeWithSharp(label, bytes, format)
  }
}

/**
 * Writes a frame to an image file of the format its extension names (or
 * `options.format`): PNG (u8, u16; 1–4 channels), raw samples (any type;
 * `.raw`, or any name with `format: 'raw'`) and, when sharp is installed,
 * JPEG (u8; 1 or 3 channels), WebP and AVIF (u8), TIFF (u8, u16; lossless).
 * A raw file whose name records a shape (`rawImageName`) must be given
 * frames of that shape. `data` is copied when the call starts: change or
 * transfer it right after, if you like.
 *
 * Whole or not at all: the file is written under a temporary name in the
 * same folder, then renamed over `path`, so a failed write leaves neither
 * half a file nor the temporary one, and a reader never sees a partial
 * file. The folder must exist.
 *
 * ```ts
 * await writeImage('out.png', new Uint16Array(64 * 48), { width: 64, height: 48, type: 'u16' })
 * ```
 * @throws `ERR_PIXCHAIN_TYPE` and `ERR_PIXCHAIN_LENGTH` for `data` that is
 * not a whole frame of `spec` in the array of its type, `ERR_PIXCHAIN_SPEC`
 * for the spec, `ERR_PIXCHAIN_FORMAT` for a name of no format, or a format
 * that cannot hold the frame (f32 samples for a PNG; an encoder's own
 * limit), `ERR_PIXCHAIN_SHAPE` for a raw name that records another shape,
 * `ERR_PIXCHAIN_SHARP` when the format needs sharp and it cannot be
 * imported, `ERR_PIXCHAIN_PARAM` for the options; the file system's own
 * errors with their code (`ENOENT` for a missing folder), naming `path`.
 * Nothing is written on any of them.
 */
export async function writeImage(path: string, data: PixelArray, spec: ImageSpec | LooseImageSpec, options: WriteImageOptions = {}): Promise<void> {
  const { format: given } = writeOptions(options)
  if (typeof path !== 'string' || path === '') throw pixchainError('ERR_PIXCHAIN_PARAM', `path: expected a file's path, got ${describe(path)}`)
  const frame = fileSpec(spec)
  const format = outputFormat(path, given)
  checkHolds(path, frame, format)
  if (format === 'raw') checkRawName(path, frame)
  // Before the first await: what is written is what `data` holds now.
  const samples = copyOfFrame(data, frame)
  const bytes =
    format === 'raw'
      ? new Uint8Array(samples.buffer)
      : format === 'png'
        ? await encodePng(samples, frame)
        : await encodeWithSharp(path, samples, frame, format)
  await writeWhole(path, bytes)
}

function isOptions(options: unknown): options is Record<string, unknown> {
  return options !== null && typeof options === 'object' && !Array.isArray(options)
}

/** `options` checked: an object of the `known` keys only (`ERR_PIXCHAIN_PARAM`), its `format` one of the formats. */
function checkedOptions(where: string, options: unknown, known: readonly string[]): Record<string, unknown> {
  if (options === undefined) return {}
  if (!isOptions(options)) throw pixchainError('ERR_PIXCHAIN_PARAM', `${where}: expected an options object, got ${describe(options)}`)
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw pixchainError('ERR_PIXCHAIN_PARAM', `${where}: expected options among ${known.join(', ')}, got unknown option ${JSON.stringify(key)}`)
  }
  const { format } = options
  if (format !== undefined && !isImageFormat(format)) {
    throw pixchainError('ERR_PIXCHAIN_PARAM', `format: expected one of ${formatNames.join(', ')}, got ${describe(format)}`)
  }
  return options
}

function readOptions(options: unknown): { format?: ImageFormat; raw?: FileSpec } {
  const { format, raw } = checkedOptions('readImage', options, ['format', 'raw'])
  return { format: format as ImageFormat | undefined, raw: raw === undefined ? undefined : fileSpec(raw, 'raw') }
}

function writeOptions(options: unknown): { format?: ImageFormat } {
  const { format } = checkedOptions('writeImage', options, ['format'])
  return { format: format as ImageFormat | undefined }
}

/** What to say of a file or bytes of no format pixchain knows. */
function unknownFormat(label: string, file: string | undefined) {
  if (file === undefined) {
    return pixchainError(
      'ERR_PIXCHAIN_FORMAT',
      `${label}: expected the bytes of a PNG, JPEG, WebP, TIFF or AVIF file (by their signature), got none of these: give { raw: spec } for raw samples, or { format }`,
    )
  }
  return pixchainError('ERR_PIXCHAIN_FORMAT', `${label}: ${namesNoFormat(file)}, and its bytes are none pixchain knows: give { raw: spec } for raw samples, or { format }`)
}

/** `has no extension`, or `has the extension '.bmp', which names no format`. */
function namesNoFormat(file: string): string {
  const extension = extensionOf(file)
  return extension === '' ? 'the name has no extension' : `the name has the extension '${extension}', which names no format`
}

/**
 * Raw samples as a frame of `shape`: a copy into a fresh array, as the
 * bytes may not be aligned for the type. The pixel limit holds for raw
 * frames too: a frame over it is refused whatever format it came in.
 */
function readRaw(label: string, bytes: Uint8Array, shape: FileSpec): DecodedImage {
  const { width, height, channels, type } = shape
  checkPixelLimit(label, width, height)
  const Array = pixelArrayTypes[type]
  const samples = width * height * channels
  if (bytes.length !== samples * Array.BYTES_PER_ELEMENT) {
    throw pixchainError('ERR_PIXCHAIN_LENGTH', `${label}: expected ${samples * Array.BYTES_PER_ELEMENT} bytes for ${describeShape(shape)}, got ${bytes.length}`)
  }
  const data = new Array(samples)
  new Uint8Array(data.buffer).set(bytes)
  return { spec: shape, data } as DecodedImage
}

/**
 * A copy of `data`, checked to be a whole frame of `spec` in the array of
 * its type (`ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_LENGTH`, with the kernels'
 * messages), in an array of its own: what is encoded is what was given
 * when the call started, whatever happens to `data` while it runs.
 */
function copyOfFrame(data: unknown, spec: FileSpec): PixelArray {
  const { type } = spec
  const Array = pixelArrayTypes[type]
  if (!ArrayBuffer.isView(data) || data instanceof DataView) {
    throw pixchainError('ERR_PIXCHAIN_TYPE', `data: expected a TypedArray or Buffer, got ${describe(data)}`)
  }
  const fits = type === 'u8' ? data instanceof Uint8Array || data instanceof Uint8ClampedArray : data instanceof Array
  if (!fits) {
    const expected = type === 'u8' ? 'a Buffer, Uint8Array or Uint8ClampedArray' : `a ${Array.name}`
    throw pixchainError('ERR_PIXCHAIN_TYPE', `data: expected ${expected} for ${type} pixels, got ${data.constructor.name}`)
  }
  const bytes = spec.width * spec.height * spec.channels * Array.BYTES_PER_ELEMENT
  if (data.byteLength !== bytes) {
    throw pixchainError('ERR_PIXCHAIN_LENGTH', `data: expected ${bytes} bytes for ${describeShape(spec)}, got ${data.byteLength}`)
  }
  const copy = new Array(data.byteLength / Array.BYTES_PER_ELEMENT)
  copy.set(data as PixelArray)
  return copy
}

/**
 * The format a file is written as: the one its extension names, which
 * `given` must agree with; a name whose extension names none takes `given`.
 */
function outputFormat(path: string, given: ImageFormat | undefined): ImageFormat {
  const named = formatOfName(path)
  if (named !== undefined && given !== undefined && named !== given) {
    throw pixchainError('ERR_PIXCHAIN_FORMAT', `${path}: format ${given} for a ${named} file name: drop format, or name the file *${imageFormats[given].extensions[0]}`)
  }
  const format = named ?? given
  if (format === undefined) {
    throw pixchainError('ERR_PIXCHAIN_FORMAT', `${path}: ${namesNoFormat(path)}: expected ${allExtensions.join(', ')}, or { format } (raw for raw samples)`)
  }
  return format
}

/** Refuses frames of another shape than a raw file's name records: the file would be read back wrong. */
function checkRawName(path: string, spec: FileSpec): void {
  const named = rawShapeOfName(path)
  if (named && !sameShape(named, spec)) {
    throw pixchainError('ERR_PIXCHAIN_SHAPE', `${path}: the name records ${describeShape(named)}, and the frame is ${describeShape(spec)}: name the file for its shape (rawImageName)`)
  }
}

/**
 * A file that appears under its name complete: written beside it, then
 * renamed over it. The temporary name is random, so writers in other
 * threads or processes never share one ('wx' refuses one that exists), and
 * short, so any name the folder takes has room for it.
 */
async function writeWhole(path: string, bytes: Uint8Array): Promise<void> {
  const temporary = join(dirname(path), `.pixchain-${randomUUID()}.tmp`)
  let file
  try {
    file = await open(temporary, 'wx')
  } catch (error) {
    throw namingOutput(error, path)
  }
  try {
    try {
      await file.writeFile(bytes)
    } finally {
      await file.close()
    }
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw namingOutput(error, path)
  }
}

/**
 * The file system's error of a write, naming the file written rather than
 * its temporary one, with its code, errno and syscall kept (callers tell
 * errors by their code).
 */
function namingOutput(error: unknown, path: string): unknown {
  const { code, errno, syscall } = error as NodeJS.ErrnoException
  if (typeof code !== 'string' || typeof syscall !== 'string') return error
  // Node's message is `CODE: reason, syscall 'path'`: keep the reason.
  const reason = String((error as Error).message).split(`, ${syscall} `, 1)[0]
  return Object.assign(new Error(`${reason}, writing '${path}'`), { code, errno, syscall, path })
}
