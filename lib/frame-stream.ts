// Frames as a Node stream: raw bytes in, cut into frames of a pipeline's
// input spec, each run with `runAsync` in order, output frames out — so a
// pipeline sits between `ffmpeg … -f rawvideo -` and `ffmpeg -f rawvideo -i -`
// in `stream.pipeline`. `Pipeline.createStream()` makes one.
//
// One run at a time. `runAsync` owns its pipeline until it settles: it runs
// over the pipeline's own copy buffers, and any other call meanwhile throws
// `ERR_PIXCHAIN_BUSY` (test/async.test.ts). A pool of pipelines could run
// frames side by side, but each member would plan again and hold its own
// work and copy buffers, while one run already spreads its bands over the
// pipeline's threads. So frames run one by one, in order, and `inFlight`
// bounds the frames taken in meanwhile: with the default 2, the next frame
// is assembled while the current one runs.

import { Transform } from 'node:stream'

import { pixchainError } from './errors'
import { checkOptions } from './options'
import { specText, type SpecFields } from './plan-text'
import type { Pipeline } from './pipeline'
import { allocateFrame, pixelArrayTypes } from './pixels'
import type { AbortSignalLike, ImageSpec, PixelArray, PixelType } from './types'

declare global {
  // Node's stream interface, which @types/node declares: with it, the
  // stream's type is Node's own; without it (a project with neither
  // @types/node nor the DOM library), this empty one keeps the declaration
  // whole, and `FrameStream` lists the members pixchain itself names.
  namespace NodeJS {
    interface ReadWriteStream {}
  }
}

/** `pipeline.createStream(options)`. */
export interface FrameStreamOptions {
  /**
   * Output frames the stream holds for a reader that has not taken them, an
   * integer ≥ 1: once that many wait, no frame runs until the reader reads.
   * The writable side buffers as many input frames' bytes. Default 2.
   */
  highWaterMark?: number
  /**
   * Frames taken from the input and not yet emitted, the running one
   * included, an integer ≥ 1: once that many are in, the stream asks for no
   * more input (a chunk holding more frames is taken whole). Default 2: one
   * frame runs while the next is assembled.
   */
  inFlight?: number
  /**
   * Ends the stream: an abort destroys it with `signal.reason` (an
   * `AbortError`), as `stream.addAbortSignal` does, and stops the run in
   * flight before its next pass. Already aborted: the stream is destroyed at once.
   */
  signal?: AbortSignalLike
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
  destroy(error?: Error): this
  /** Whether `destroy()` was called (by an abort, an error or the caller). */
  readonly destroyed: boolean
  /** Output frames waiting for the reader. */
  readonly readableLength: number
  /** Input bytes written and not yet taken. */
  readonly writableLength: number
}

/** A run's result, or why it has none. */
type Outcome = { output: PixelArray } | { error: unknown }

class FrameTransform extends Transform {
  readonly #pipeline: Pipeline
  readonly #input: SpecFields
  readonly #output: Required<ImageSpec>
  readonly #frameBytes: number
  readonly #inFlight: number
  readonly #signal: AbortSignalLike | undefined
  /** Stops the run in flight when the stream is destroyed. */
  readonly #stop = new AbortController()
  readonly #onAbort = () => this.destroy(this.#signal?.reason)
  /** Frames cut from the input, in order, waiting for their run. */
  readonly #waiting: PixelArray[] = []
  /** A frame that arrived split over chunks, and its bytes in so far. */
  #partial: Uint8Array | undefined
  #filled = 0
  /** Whole frames cut so far, for the message about a partial last one. */
  #frames = 0
  /** The run in flight; it never rejects (a failure destroys the stream). */
  #running: Promise<void> | undefined
  /** The reader holds `highWaterMark` frames: no run starts until it reads. */
  #readerFull = false
  /** The callback of the chunk last written, held while `inFlight` frames are in. */
  #nextChunk: (() => void) | undefined
  /** `_flush`'s callback, held until every frame taken has been emitted. */
  #flushed: ((error?: Error | null) => void) | undefined

  constructor(pipeline: Pipeline, input: SpecFields, output: Required<ImageSpec>, highWaterMark: number, inFlight: number, signal: AbortSignalLike | undefined) {
    const frameBytes = input.width * input.height * input.channels * pixelArrayTypes[input.type as PixelType].BYTES_PER_ELEMENT
    super({ readableObjectMode: true, readableHighWaterMark: highWaterMark, writableHighWaterMark: highWaterMark * frameBytes })
    this.#pipeline = pipeline
    this.#input = input
    this.#output = output
    this.#frameBytes = frameBytes
    this.#inFlight = inFlight
    this.#signal = signal
    if (signal?.aborted) this.destroy(signal.reason)
    else signal?.addEventListener('abort', this.#onAbort, { once: true })
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.#cut(chunk)
    this.#pump()
    if (this.#taken() < this.#inFlight) callback()
    else this.#nextChunk = callback
  }

  override _flush(callback: (error?: Error | null) => void): void {
    this.#flushed = callback
    this.#pump()
  }

  override _read(size: number): void {
    this.#readerFull = false
    super._read(size)
    this.#pump()
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#signal?.removeEventListener('abort', this.#onAbort)
    this.#stop.abort()
    this.#waiting.length = 0
    this.#partial = undefined
    // 'close' waits for the run in flight: once it fires, no native run is
    // left, and the pipeline takes calls again.
    const running = this.#running
    if (running === undefined) callback(error)
    else void running.then(() => callback(error))
  }

  /** Frames taken and not yet emitted: the waiting ones and the one running. */
  #taken(): number {
    return this.#waiting.length + (this.#running === undefined ? 0 : 1)
  }

  /**
   * Cuts `chunk` into frames. Whole frames inside a chunk are views of its
   * memory; a frame split over chunks is assembled in an array of its own.
   * A chunk, once written, belongs to the stream (as with every Node
   * stream), and `runAsync` copies each frame when its run starts.
   */
  #cut(chunk: Uint8Array): void {
    const size = this.#frameBytes
    let at = 0
    if (this.#partial !== undefined) {
      at = Math.min(chunk.length, size - this.#filled)
      this.#partial.set(chunk.subarray(0, at), this.#filled)
      this.#filled += at
      if (this.#filled < size) return
      this.#queue(this.#pixels(this.#partial, 0))
      this.#partial = undefined
      this.#filled = 0
    }
    for (; chunk.length - at >= size; at += size) this.#queue(this.#pixels(chunk, at))
    if (at < chunk.length) {
      this.#partial = new Uint8Array(size)
      this.#partial.set(chunk.subarray(at))
      this.#filled = chunk.length - at
    }
  }

  #queue(frame: PixelArray): void {
    this.#waiting.push(frame)
    this.#frames++
  }

  /**
   * The frame at byte `at` of `bytes` as the input's pixel array, in the
   * machine's byte order: a view where its first byte sits on a sample
   * boundary of the buffer, a copy otherwise (wider samples cannot be viewed
   * at an odd offset).
   */
  #pixels(bytes: Uint8Array, at: number): PixelArray {
    const Pixels = pixelArrayTypes[this.#input.type as PixelType]
    const samples = this.#frameBytes / Pixels.BYTES_PER_ELEMENT
    const offset = bytes.byteOffset + at
    // The cast is for the union of constructors; each takes a SharedArrayBuffer too.
    if (offset % Pixels.BYTES_PER_ELEMENT === 0) return new Pixels(bytes.buffer as ArrayBuffer, offset, samples)
    const copy = new Pixels(samples)
    new Uint8Array(copy.buffer).set(bytes.subarray(at, at + this.#frameBytes))
    return copy
  }

  /** Starts the next frame's run unless one is running or the reader is full; ends the stream once all is done. */
  #pump(): void {
    if (this.#running !== undefined || this.destroyed) return
    if (this.#waiting.length === 0) return this.#finishIfDone()
    if (this.#readerFull) return
    const frame = this.#waiting.shift()!
    let ran!: () => void
    // Set before the run starts, so that a destroy from within it still waits for it.
    this.#running = new Promise((resolve) => (ran = resolve))
    void this.#run(frame).then((outcome) => {
      this.#running = undefined
      ran()
      this.#settled(outcome)
    })
  }

  async #run(frame: PixelArray): Promise<Outcome> {
    try {
      const output = allocateFrame(this.#output)
      return { output: await this.#pipeline.runAsync(frame, output, { signal: this.#stop.signal }) }
    } catch (error) {
      return { error }
    }
  }

  #settled(outcome: Outcome): void {
    // Destroyed meanwhile: `_destroy` waited for this run, and its result goes nowhere.
    if (this.destroyed) return
    if ('error' in outcome) {
      this.destroy(outcome.error as Error)
      return
    }
    const { output } = outcome
    // A new array for each frame (`allocateFrame`), so the reader may keep every Buffer it is given.
    this.#readerFull = !this.push(Buffer.from(output.buffer as ArrayBuffer, output.byteOffset, output.byteLength))
    if (this.#nextChunk !== undefined && this.#taken() < this.#inFlight) {
      const next = this.#nextChunk
      this.#nextChunk = undefined
      next()
    }
    this.#pump()
  }

  /** After the input's end and its last frame: ends the stream, or refuses a partial last frame. */
  #finishIfDone(): void {
    const done = this.#flushed
    if (done === undefined) return
    this.#flushed = undefined
    if (this.#filled === 0) return done()
    const frames = `${this.#frames} frame${this.#frames === 1 ? '' : 's'}`
    done(
      pixchainError(
        'ERR_PIXCHAIN_LENGTH',
        `input: expected whole frames of ${this.#frameBytes} bytes (${specText(this.#input)}), got ${frames} and ${this.#filled} byte${this.#filled === 1 ? '' : 's'} more`,
      ),
    )
  }
}

/**
 * A stream of `pipeline`'s frames (see `Pipeline.createStream`): frames of
 * `input` in, of the pipeline's output spec out.
 * @throws `ERR_PIXCHAIN_PARAM` for bad options, `ERR_PIXCHAIN_SPEC` for a pipeline that reads crops (`stride`).
 */
export function createFrameStream(pipeline: Pipeline, input: SpecFields, stride: number | undefined, options: unknown): FrameStream {
  const {
    highWaterMark = 2,
    inFlight = 2,
    signal,
  } = checkOptions('createStream', options, { highWaterMark: { kind: 'size' }, inFlight: { kind: 'size' }, signal: { kind: 'signal' } } as const)
  if (stride !== undefined && stride !== input.width * input.channels) {
    throw pixchainError(
      'ERR_PIXCHAIN_SPEC',
      `stride: expected ${input.width * input.channels} (width × channels: a stream's frames follow one another without gaps), got ${stride}; make the pipeline on the frame's own spec`,
    )
  }
  return new FrameTransform(pipeline, input, pipeline.outputSpec, highWaterMark, inFlight, signal)
}
