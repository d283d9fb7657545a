import { type DecodedImage } from './image-codecs';
import type { FileSpec, ImageFormat } from './image-formats';
import type { PixelArray } from './types';
/** Resolves when sharp can be imported; else `ERR_PIXCHAIN_SHARP` naming `label`, the file of `format` that needs it. */
export declare function requireSharp(label: string, format: ImageFormat): Promise<void>;
/**
 * The frame a file sharp decodes holds, with the channels and depth it
 * stores: sharp would turn gray into RGB, and 16 bits into 8, unless told
 * the colour space. 8- and 16-bit files only.
 */
export declare function decodeWithSharp(label: string, bytes: Uint8Array, format: ImageFormat): Promise<DecodedImage>;
/**
 * A file of `format` holding a frame of `spec`, which the caller has checked
 * the format holds (`checkHolds`). An encoder's own limit (WebP's 16383
 * pixels a side) is `ERR_PIXCHAIN_FORMAT`.
 */
export declare function encodeWithSharp(label: string, data: PixelArray, spec: FileSpec, format: ImageFormat): Promise<Uint8Array>;
