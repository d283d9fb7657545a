import { type DecodedImage } from './image-codecs';
import type { FileSpec } from './image-formats';
import type { PixelArray } from './types';
/**
 * The frame a PNG file holds: 16-bit files as u16, the rest as u8 (1-, 2-
 * and 4-bit gray spread over 0–255, palette files as RGB, or RGBA when
 * the palette has transparency). Chunk checksums are checked, so a
 * corrupt file is `ERR_PIXCHAIN_DECODE` rather than wrong pixels; an
 * embedded colour profile (iCCP) is skipped unread.
 */
export declare function decodePng(label: string, bytes: Uint8Array): Promise<DecodedImage>;
/** A PNG of a u8 or u16 frame (the caller has checked it fits: `checkHolds`). */
export declare function encodePng(data: PixelArray, { width, height, channels, type }: FileSpec): Promise<Uint8Array>;
