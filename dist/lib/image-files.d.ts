import { type DecodedImage } from './image-codecs';
import { type ImageFormat } from './image-formats';
import type { ImageSpec, LooseImageSpec, PixelArray } from './types';
export type { DecodedImage };
/** Options of `readImage`. */
export interface ReadImageOptions {
    /**
     * The file's format, when its name does not say it. Without it, the
     * extension says it (`.png`, `.jpg`, …, `.raw`); a name without a known
     * extension, or bytes, are raw samples when `raw` is given, else the
     * format their signature names (PNG, JPEG, WebP, TIFF, AVIF).
     */
    format?: ImageFormat;
    /**
     * The shape of raw samples: `{ width, height, channels, type }` of the
     * frame a raw file or raw bytes hold, when no name records it
     * (`frame.3840x2160x1.u16.raw` does). A name that records another shape
     * is `ERR_PIXCHAIN_SHAPE`.
     */
    raw?: ImageSpec | LooseImageSpec;
}
/** Options of `writeImage`. */
export interface WriteImageOptions {
    /**
     * The format, for a name whose extension names none (`depth.f32`,
     * `frame`); where the extension names one, it must be that one
     * (`ERR_PIXCHAIN_FORMAT`), so that a name like `out.jpg` never holds
     * another format.
     */
    format?: ImageFormat;
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
export declare function readImage(source: string | Uint8Array, options?: ReadImageOptions): Promise<DecodedImage>;
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
export declare function writeImage(path: string, data: PixelArray, spec: ImageSpec | LooseImageSpec, options?: WriteImageOptions): Promise<void>;
