import { type SpecFields } from './plan-text';
import type { Pipeline } from './pipeline';
import type { AbortSignalLike } from './types';
declare global {
    namespace NodeJS {
        interface ReadWriteStream {
        }
    }
}
/** `pipeline.createStream(options)`. */
export interface FrameStreamOptions {
    /**
     * Output frames the stream holds for a reader that has not taken them, an
     * integer ≥ 1: once that many wait, no frame runs until the reader reads.
     * The writable side buffers as many input frames' bytes. Default 2.
     */
    highWaterMark?: number;
    /**
     * Frames taken from the input and not yet emitted, the running one
     * included, an integer ≥ 1: once that many are in, the stream asks for no
     * more input (a chunk holding more frames is taken whole). Default 2: one
     * frame runs while the next is assembled.
     */
    inFlight?: number;
    /**
     * Ends the stream: an abort destroys it with `signal.reason` (an
     * `AbortError`), as `stream.addAbortSignal` does, and stops the run in
     * flight before its next pass. Already aborted: the stream is destroyed at once.
     */
    signal?: AbortSignalLike;
}
/**
 * A `Transform` from `node:stream`: raw bytes in, one `Buffer` per output
 * frame out (its readable side is in object mode). Typed as Node's
 * `NodeJS.ReadWriteStream` when the project has `@types/node`, so it fits
 * `stream.pipeline`, plus the members below.
 */
export interface FrameStream extends NodeJS.ReadWriteStream {
    /**
     * Stops the stream, with `error` if given. The run in flight is asked to
     * stop; `'close'` is emitted once it has settled, so the pipeline takes
     * calls again by then.
     */
    destroy(error?: Error): this;
    /** Whether `destroy()` was called (by an abort, an error or the caller). */
    readonly destroyed: boolean;
    /** Output frames waiting for the reader. */
    readonly readableLength: number;
    /** Input bytes written and not yet taken. */
    readonly writableLength: number;
}
/**
 * A stream of `pipeline`'s frames (see `Pipeline.createStream`): frames of
 * `input` in, of the pipeline's output spec out.
 * @throws `ERR_PIXCHAIN_PARAM` for bad options, `ERR_PIXCHAIN_SPEC` for a pipeline that reads crops (`stride`).
 */
export declare function createFrameStream(pipeline: Pipeline, input: SpecFields, stride: number | undefined, options: unknown): FrameStream;
