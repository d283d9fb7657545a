import { type FileSpec } from './image-formats';
import type { ImageSpec, LooseImageSpec } from './types';
/**
 * The shape a raw file's name records (`frame.640x480x3.u8.raw`), or
 * undefined when its name records none. A name that records a shape
 * describing no frame (`frame.0x480x1.u8.raw`) is `ERR_PIXCHAIN_SPEC`.
 */
export declare function rawShapeOfName(file: string): FileSpec | undefined;
/**
 * The shape of the frame a raw file holds: the one its name records, else
 * the one given; the two must agree (`ERR_PIXCHAIN_SHAPE`), and one must be
 * there (`ERR_PIXCHAIN_SPEC`). `file` is undefined for bytes.
 */
export declare function rawShape(label: string, file: string | undefined, given: FileSpec | undefined): FileSpec;
/** A file name without its raw shape and extension: `out/frame` of `out/frame.640x480x3.u8.raw`. */
export declare function withoutRawShape(file: string): string;
/**
 * The name of a raw file of frames of `spec` that records their shape, so
 * that `readImage` reads it back without being told it: `stem` followed by
 * `.WxHxC.type.raw` — `rawImageName('out/frame', { width: 3840, height:
 * 2160, type: 'u16' })` is `'out/frame.3840x2160x1.u16.raw'`.
 * @throws `ERR_PIXCHAIN_SPEC` for a spec that describes no frame.
 */
export declare function rawImageName(stem: string, spec: ImageSpec | LooseImageSpec): string;
/** How a shape reads in messages: `640×480×3 u8`. */
export declare function describeShape({ width, height, channels, type }: FileSpec): string;
/** Whether two shapes are the same. */
export declare function sameShape(a: FileSpec, b: FileSpec): boolean;
