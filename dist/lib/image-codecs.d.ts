import type { PixelArrays, PixelType } from './types';
/**
 * What `readImage` gives: `data`, the samples, interleaved and row-major,
 * in the array of the pixel type (`Uint8Array` for u8, `Uint16Array` for
 * u16, `Int16Array` for i16, `Float32Array` for f32), and `spec`, their
 * shape — ready for `new Pipeline(spec)` and `run(data)`. Without `T`, the
 * union of the four (`data instanceof Uint16Array` narrows `data`).
 */
export type DecodedImage<T extends PixelType = PixelType> = T extends PixelType ? {
    data: PixelArrays[T];
    spec: {
        width: number;
        height: number;
        channels: number;
        type: T;
    };
} : never;
/**
 * Refuses a `width × height` image over the process's pixel limit
 * (`setLimitInputPixels`, by default sharp's 16383 × 16383) with
 * `ERR_PIXCHAIN_LIMIT`: a small compressed file can claim a frame larger
 * than memory, and its header is read before any pixel is.
 */
export declare function checkPixelLimit(label: string, width: number, height: number): void;
/** The first line of an error's message: decoders' messages can run to several. */
export declare function firstLine(error: unknown): string;
