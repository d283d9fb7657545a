/** Every code on `error.code` of an error pixchain throws (see {@link ErrorCode}). */
export declare const errorCodes: readonly ["ERR_PIXCHAIN_SPEC", "ERR_PIXCHAIN_LENGTH", "ERR_PIXCHAIN_TYPE", "ERR_PIXCHAIN_ALIGN", "ERR_PIXCHAIN_SHAPE", "ERR_PIXCHAIN_PARAM", "ERR_PIXCHAIN_CAPACITY", "ERR_PIXCHAIN_ALIAS", "ERR_PIXCHAIN_DISPOSED", "ERR_PIXCHAIN_BUSY", "ERR_PIXCHAIN_ABORTED", "ERR_PIXCHAIN_DETACHED", "ERR_PIXCHAIN_LIMIT", "ERR_PIXCHAIN_MEMORY", "ERR_PIXCHAIN_FORMAT", "ERR_PIXCHAIN_DECODE", "ERR_PIXCHAIN_SHARP", "ERR_PIXCHAIN_ADDON", "ERR_PIXCHAIN_INTERNAL"];
/**
 * Codes of the errors pixchain throws, on `error.code`:
 * - `ERR_PIXCHAIN_SPEC`: dimensions that describe no frame.
 * - `ERR_PIXCHAIN_LENGTH`: pixel memory longer or shorter than its spec.
 * - `ERR_PIXCHAIN_TYPE`: not a TypedArray, or the wrong kind for the pixel type.
 * - `ERR_PIXCHAIN_ALIGN`: pixel memory not aligned for its type.
 * - `ERR_PIXCHAIN_SHAPE`: frames of different sizes where one size is needed.
 * - `ERR_PIXCHAIN_PARAM`: an option of the wrong type, unknown, or out of range.
 * - `ERR_PIXCHAIN_CAPACITY`: a frame larger than the buffers hold (see `maxType`).
 * - `ERR_PIXCHAIN_ALIAS`: an output that shares memory with the input.
 * - `ERR_PIXCHAIN_DISPOSED`: a call on a disposed object.
 * - `ERR_PIXCHAIN_BUSY`: a call on a `Pipeline` while its `runAsync` is in flight.
 * - `ERR_PIXCHAIN_ABORTED`: a `runAsync` stopped by `dispose()`.
 * - `ERR_PIXCHAIN_DETACHED`: an async run's output detached, transferred or resized before it settled.
 * - `ERR_PIXCHAIN_LIMIT`: a frame with more pixels than `limitInputPixels`.
 * - `ERR_PIXCHAIN_MEMORY`: frame buffers the system would not allocate.
 * - `ERR_PIXCHAIN_FORMAT`: an image file of no format pixchain knows, or a
 *   format that cannot hold the frame (f32 samples for a PNG).
 * - `ERR_PIXCHAIN_DECODE`: an image file whose bytes its format's decoder
 *   cannot read: truncated, corrupt, or another format under its name.
 * - `ERR_PIXCHAIN_SHARP`: a JPEG, WebP, TIFF or AVIF file, and sharp (an
 *   optional peer dependency) cannot be imported.
 * - `ERR_PIXCHAIN_ADDON`: no native addon for this platform (thrown when pixchain is loaded).
 * - `ERR_PIXCHAIN_INTERNAL`: a bug in pixchain; please report it.
 */
export type ErrorCode = (typeof errorCodes)[number];
/** An `Error` thrown by pixchain. On any error, the output is left untouched. */
export interface PixchainError extends Error {
    /** Stable across versions: branch on it, not on the message. */
    code: ErrorCode;
}
/**
 * An `Error` with `code`. A code written here must be an `ErrorCode` (a
 * literal that is not one does not compile); a code the native side reports
 * arrives as a `string`, and test/typings.test.ts checks that `ErrorCode`
 * lists every code the native side has.
 */
export declare function pixchainError<C extends string>(code: C & (string extends C ? unknown : ErrorCode), message: string): PixchainError;
/** How an asynchronous native run settled: its value, or its failure. */
export interface RunSettled {
    value?: number | null;
    failure?: {
        code: string;
        message: string;
    } | null;
}
/** Throws the failure of a settled run as a pixchain error; returns its value otherwise. */
export declare function throwIfFailed({ value, failure }: RunSettled): number | undefined;
/** How a value reads in an error message: `got 3.5`, `got "sigma"`, `got null`. */
export declare function describe(value: unknown): string;
