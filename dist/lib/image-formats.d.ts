import type { PixelType } from './types';
/**
 * A format of image files: PNG (through fast-png), raw interleaved samples
 * in the machine's byte order, and JPEG, WebP, TIFF and AVIF (through sharp).
 */
export type ImageFormat = 'png' | 'raw' | 'jpeg' | 'webp' | 'tiff' | 'avif';
/** What pixchain knows of one format. */
export interface FormatFacts {
    /** File name extensions, lowercase; the first is the one pixchain gives a file it names. */
    readonly extensions: readonly string[];
    /** Whether sharp reads and writes it. */
    readonly sharp: boolean;
    /** The pixel types a file of it holds. */
    readonly types: readonly PixelType[];
    /** The channel counts a file of it holds (WebP and AVIF store gray as RGB: 1 channel reads back as 3). */
    readonly channels: readonly number[];
}
/** Every format, in the order messages list them. */
export declare const imageFormats: Readonly<Record<ImageFormat, FormatFacts>>;
/** Every format's name. */
export declare const formatNames: ImageFormat[];
/** Every extension a format has, for messages: `.png, .raw, .jpg, …`. */
export declare const allExtensions: string[];
/** Whether `name` is a format's name. */
export declare function isImageFormat(name: unknown): name is ImageFormat;
/** The format an extension (`.jpg`, any case) names, or undefined. */
export declare function formatOfExtension(extension: string): ImageFormat | undefined;
/** A file name's extension: `.png` of `out/a.b.png`, `''` when it has none (`.profile` has none). */
export declare function extensionOf(file: string): string;
/** The format a file's name names by its extension, or undefined. */
export declare function formatOfName(file: string): ImageFormat | undefined;
/** The format whose signature starts `bytes` (raw samples have none), or undefined. */
export declare function formatOfBytes(bytes: Uint8Array): ImageFormat | undefined;
/** A spec as image files take it, checked (`ERR_PIXCHAIN_SPEC`): whole rows, 1–4 channels, a pixel type pixchain has. */
export interface FileSpec<T extends PixelType = PixelType> {
    width: number;
    height: number;
    channels: number;
    type: T;
}
/**
 * `spec` checked as the kernels check theirs, with the same messages
 * (`ERR_PIXCHAIN_SPEC`), channels defaulting to 1. Here, not in the addon:
 * the command line reads file names and formats without loading it.
 * `where` names it in the message of a spec that is not an object (`raw`
 * for readImage's option).
 */
export declare function fileSpec(spec: unknown, where?: string): FileSpec;
/** Refuses a frame of `spec` that a file of `format` cannot hold (`ERR_PIXCHAIN_FORMAT`), naming `label`. */
export declare function checkHolds(label: string, spec: FileSpec, format: ImageFormat): void;
