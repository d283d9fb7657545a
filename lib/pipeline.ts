// Pipeline: steps planned once and run per frame in one native call,
// streaming rows through line buffers.

// `Disposable` and `Symbol.dispose` come from TypeScript's own library (5.2+),
// so the declaration needs neither @types/node nor a `lib` setting.
/// <reference lib="esnext.disposable" preserve="true" />

import { checkedBatch, frameSamples } from './batch'
import { describe, pixchainError, throwIfFailed, type PixchainError } from './errors'
import { createFrameStream, type FrameStream, type FrameStreamOptions } from './frame-stream'
import { KernelChain } from './kernel-chain'
import type { AddWeightedOptions, MultiplyOptions } from './kernel-options'
import { native, nativeOp, stridedSpec, type NativeBinaryOp, type NativeImageSpec, type NativeOp, type NativePipeline } from './native'
import { binaryRules, checkOptions, signalToStart, type BinaryOpName, type OpName } from './options'
import { graphStepText, planText, stepText, type PlanParts } from './plan-text'
import type { PipelineStep } from './pipeline-steps'
import { allocateFrame } from './pixels'
import type { ImageSpec, LooseImageSpec, PixelArray, PixelArrayOf, PixelArrays, PixelType, RunAsyncOptions } from './types'

/** What a `Pipeline` holds and does. */
export interface PipelineStats {
  /** Frame-sized work buffers held: 0 for chains and graphs of row-local steps, which stream rows; around whole-frame steps (normalize, and gamma on u16 and i16), the frames alive at once. */
  workBuffers: number
  /** Their bytes. */
  frameBytes: number
  /** Line buffers held: the rows of streamed intermediates and kernel scratch, for every thread. */
  lineBytes: number
  /** Everything the pipeline holds: `frameBytes + lineBytes`. */
  workBytes: number
  /** Allocations since the pipeline was planned: work and line buffers, and their growth on a first run. */
  allocations: number
  /** Passes over the frame per run: streamed segments and whole-frame steps. */
  passes: number
  /** Runs so far. */
  runs: number
}

/** `new Pipeline(spec, options)`. */
export interface PipelineOptions {
  /**
   * What a run with a frame of another size does: `'error'` throws
   * `ERR_PIXCHAIN_SHAPE`; `'rebuild'` plans the steps again for the new size
   * and replaces the work buffers. Default `'error'`.
   */
  resize?: 'error' | 'rebuild'
  /**
   * Threads each step may use, an integer ≥ 1; default: the process
   * default (`setThreads`). Results are identical for any count.
   */
  threads?: number
  /**
   * The most pixels (width × height) an input frame may have, checked
   * before any buffer is allocated (`ERR_PIXCHAIN_LIMIT`): an integer, `0` or
   * `false` for no limit, `true` for the default 16383 × 16383. Default: the
   * process-wide limit (`setLimitInputPixels`).
   */
  limitInputPixels?: number | boolean
}

/** The second operand of a two-image step in a `Pipeline`: a name given to `save()`, or `'input'`. */
export interface OtherOperand {
  /** A name given to `save()` earlier in the pipeline, or `'input'`. */
  other: string
}

/**
 * Steps planned once and run per frame in one native call. The builder
 * methods record steps (and check that each can apply, naming the step when
 * not); the plan is made on `compile()` or the first `run()`. Row-local
 * steps stream band by band through line buffers (a few rows of each
 * intermediate per thread); only whole-frame steps (`normalize`, and `gamma`
 * on u16 and i16) hold frames, each reused after its last reader:
 *
 * ```ts
 * const sharpen = new Pipeline({ width, height, type: 'u8' })
 *   .gaussianBlur({ sigma: 3 })
 *   .addWeighted({ other: 'input', alpha: -0.5, beta: 1.5 })
 * sharpen.run(frame, output) // reads `frame` and writes `output` in place
 * ```
 */
export class Pipeline<In extends PixelType = PixelType, Out extends PixelType = In>
  extends KernelChain<Out>
  implements Disposable
{
  readonly #native: NativePipeline
  readonly #rebuild: boolean
  /** The input frames' spec: the constructor's, or the last `inputSpec` a run took. */
  #input: NativeImageSpec
  /** Samples from one input row's start to the next, when the input is a crop read in place. */
  #stride: number | undefined
  /** Each step as `describe()` prints it, recorded once the native side has taken it. */
  readonly #steps: string[] = []
  /** Each step as data, as `steps` gives it. */
  readonly #data: PipelineStep[] = []

  /** @throws `ERR_PIXCHAIN_SPEC` for a bad spec, `ERR_PIXCHAIN_PARAM` for bad options. */
  constructor(spec: ImageSpec<In> | LooseImageSpec, options: PipelineOptions = {}) {
    super()
    const { resize = 'error', threads, limitInputPixels } = checkOptions('Pipeline', options, {
      resize: { kind: 'string' },
      threads: { kind: 'size' },
      limitInputPixels: { kind: 'limit' },
    } as const)
    if (resize !== 'error' && resize !== 'rebuild') {
      throw pixchainError('ERR_PIXCHAIN_PARAM', `resize: expected 'error' or 'rebuild', got ${describe(resize)}`)
    }
    this.#rebuild = resize === 'rebuild'
    const [frame, stride] = stridedSpec(spec)
    this.#native = new native.NativePipeline(frame, threads, limitInputPixels)
    this.#input = frame
    this.#stride = stride
  }

  /** The output's spec, inferred through the steps so far. */
  get outputSpec(): Required<ImageSpec<Out>> {
    return this.#native.outputSpec as Required<ImageSpec<Out>>
  }

  /** Frame and line buffers, their bytes, allocations, passes per run and runs; plans the pipeline if needed. */
  get stats(): PipelineStats {
    return this.#native.stats
  }

  /**
   * The steps so far as data, `[method, argument]` with the checked options
   * (a fresh copy): `pipelineFromSteps(spec, pipeline.steps)` builds the same
   * pipeline, in this thread or in a worker, another process or machine.
   */
  get steps(): PipelineStep[] {
    return structuredClone(this.#data)
  }

  /** Whether `dispose()` has freed the pipeline. */
  get disposed(): boolean {
    return this.#native.disposed
  }

  /** Names the current result, for `from()` and the `other` of two-image steps. */
  save(name: string): this {
    this.#native.save(checkName(name))
    this.#steps.push(graphStepText('save', name))
    this.#data.push(['save', name])
    return this
  }

  /** Continues from a saved result; `'input'` is the pipeline's input. */
  from<N extends string>(name: N): Pipeline<In, N extends 'input' ? In : PixelType> {
    this.#native.from(checkName(name))
    this.#steps.push(graphStepText('from', name))
    this.#data.push(['from', name])
    return this as never
  }

  /**
   * `saturate(x + other)`.
   * @throws {@link StepErrorCode}
   */
  add(options: OtherOperand): this {
    return this.#pushBinary('add', options)
  }

  /**
   * `saturate(x − other)`.
   * @throws {@link StepErrorCode}
   */
  subtract(options: OtherOperand): this {
    return this.#pushBinary('subtract', options)
  }

  /**
   * `saturate(|x − other|)`.
   * @throws {@link StepErrorCode}
   */
  absdiff(options: OtherOperand): this {
    return this.#pushBinary('absdiff', options)
  }

  /**
   * `saturate(scale·x·other)`.
   * @throws {@link StepErrorCode}
   */
  multiply(options: OtherOperand & MultiplyOptions): this {
    return this.#pushBinary('multiply', options)
  }

  /**
   * `saturate(alpha·x + beta·other + gamma)`.
   * @throws {@link StepErrorCode}
   */
  addWeighted(options: OtherOperand & AddWeightedOptions): this {
    return this.#pushBinary('addWeighted', options)
  }

  /**
   * Appends `other`, a one-channel frame of the same size and type, as a
   * new last channel (a frame of fewer than 4 channels): OpenCV's `merge`
   * one plane at a time, streamed.
   * @throws {@link StepErrorCode}
   */
  mergeChannels(options: OtherOperand): this {
    return this.#pushBinary('mergeChannels', options)
  }

  /** Plans the pipeline and allocates its frame and line buffers now rather than on the first run. */
  compile(): this {
    this.#native.compile()
    return this
  }

  /**
   * Runs every step in one native call: reads `input` (a frame of the
   * pipeline's spec, or of `inputSpec` when given) in place and writes
   * `output` (checked against `outputSpec`) in place, or a new array when
   * `output` is omitted. A frame of another size follows the `resize` option.
   * @throws `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS`, `ERR_PIXCHAIN_SHAPE`.
   */
  run<A extends PixelArrayOf<Out>>(input: PixelArrayOf<In>, output: A, inputSpec?: ImageSpec<In> | LooseImageSpec): A
  /** `run` into a new array of the output's pixel type, which it returns. */
  run(input: PixelArrayOf<In>, output?: undefined, inputSpec?: ImageSpec<In> | LooseImageSpec): PixelArrays[Out]
  run(input: PixelArray, output?: PixelArray, inputSpec?: ImageSpec | LooseImageSpec): PixelArray {
    if (inputSpec !== undefined) {
      const [frame, stride] = stridedSpec(inputSpec)
      this.#native.resize(frame, this.#rebuild)
      this.#input = frame
      this.#stride = stride
    }
    const target = output ?? allocateFrame(this.outputSpec)
    this.#native.run(input, target, this.#stride)
    return target
  }

  /**
   * `run` over a batch: frame `i` of `inputs` (all one kind and length)
   * into the `i`-th output frame of `output`, which holds them all — after
   * `toTensor`, a model's NCHW input. Every frame is checked before the
   * first runs: a refused batch writes nothing.
   * @throws the codes of `run`.
   */
  runBatch<A extends PixelArrayOf<Out>>(inputs: readonly PixelArrayOf<In>[], output: A): A {
    const parts = checkedBatch(inputs, output, frameSamples(this.outputSpec))
    inputs.forEach((input, i) => this.#native.run(input, parts[i]!, this.#stride))
    return output
  }

  /**
   * `run` on the libuv thread pool: the event loop stays free meanwhile.
   * The run works on copies: `input` is copied when the call starts, and
   * the result is copied into `output` when the run settles (an array backed
   * by a `SharedArrayBuffer` is read and written in place instead). An
   * `output` detached, transferred or resized meanwhile rejects with
   * `ERR_PIXCHAIN_DETACHED`, written nowhere. One run at a time: any other
   * call on this pipeline meanwhile throws `ERR_PIXCHAIN_BUSY`.
   *
   * `signal`: an already aborted signal rejects at once with its reason (an
   * `AbortError`) and touches nothing; an abort during the run stops it
   * before its next step and rejects the same way, leaving `output`
   * untouched — unless the last step, the one that writes `output`, had
   * begun, in which case the run completes.
   * @throws (rejects with) the codes of `run`, and `ERR_PIXCHAIN_BUSY`.
   */
  runAsync<A extends PixelArrayOf<Out>>(input: PixelArrayOf<In>, output: A, options?: RunAsyncOptions): Promise<A>
  /** `runAsync` into a new array of the output's pixel type, which it resolves to. */
  runAsync(input: PixelArrayOf<In>, output?: undefined, options?: RunAsyncOptions): Promise<PixelArrays[Out]>
  async runAsync<T extends PixelArray>(input: PixelArray, output?: T, options: RunAsyncOptions = {}): Promise<T> {
    const signal = signalToStart('runAsync', options)
    const target = (output ?? allocateFrame(this.outputSpec)) as T
    const running = this.#native.runAsync(input, target, this.#stride)
    const abort = () => this.#native.abort()
    signal?.addEventListener('abort', abort, { once: true })
    try {
      const outcome = await running
      // Stopped by the caller's signal: reject with its reason, as an aborted fetch does.
      if (outcome.failure?.code === 'ERR_PIXCHAIN_ABORTED' && signal?.aborted) throw signal.reason
      throwIfFailed(outcome)
      return target
    } finally {
      signal?.removeEventListener('abort', abort)
    }
  }

  /**
   * A stream of frames: a `Transform` from `node:stream` that takes raw
   * bytes, cuts them into frames of the pipeline's input spec as it is now (pixel types
   * wider than u8 in the machine's byte order, as ffmpeg's `gray16le` on
   * x86-64 and arm64), runs each with `runAsync`, in order, and emits each
   * output frame as a new `Buffer` of the output spec's bytes. Frames run one
   * at a time, with backpressure both ways: at most `inFlight` frames are
   * taken in, and no frame runs while the reader holds `highWaterMark`.
   *
   * ```js
   * await pipeline(ffmpeg.stdout, denoise.createStream(), process.stdout) // node:stream/promises
   * ```
   *
   * Input that ends inside a frame fails the stream with
   * `ERR_PIXCHAIN_LENGTH`, after the whole frames before it. A run's error
   * fails it with that run's code. Destroying the stream (or aborting
   * `signal`) stops the run in flight; `'close'` comes once it has settled.
   * While a frame runs, other calls on the pipeline throw `ERR_PIXCHAIN_BUSY`.
   * @throws `ERR_PIXCHAIN_PARAM` for bad options, `ERR_PIXCHAIN_SPEC` when the pipeline reads crops (a `stride`).
   */
  createStream(options: FrameStreamOptions = {}): FrameStream {
    return createFrameStream(this, this.#input, this.#stride, options)
  }

  /**
   * The plan as text, as the command line prints it: the steps as they were
   * called (checked options; the defaults filled in are not shown), the spec
   * in and out, and the frame buffers, line buffers and passes per frame
   * that `stats` gives — a pass is a streamed segment or a whole-frame step.
   * Plans the pipeline if needed, as `stats` does. `console.log(pipeline)`
   * prints it too.
   *
   * ```text
   * plan: grayscale() → gaussianBlur(sigma=2) → clip(min=10, max=200)
   * spec: 97×61×3 u8 → 97×61×1 u8
   * buffers: 0 frame buffers (0.00 MiB), line buffers 0.01 MiB, 1 pass a frame
   * ```
   * @throws what `stats` throws: `ERR_PIXCHAIN_BUSY` during `runAsync`, `ERR_PIXCHAIN_DISPOSED` after `dispose()`.
   */
  describe(): string {
    const stats = this.stats
    return planText({ steps: this.#steps, input: this.#input, stride: this.#stride, output: this.outputSpec, stats, passes: this.#passes() })
  }

  /** The plan's passes, with the steps their indexes name. */
  #passes(): PlanParts['passes'] {
    // The passes name the steps that make values by index: `save` and `from` make none.
    const nodes = this.#steps.filter((_, i) => this.#data[i]![0] !== 'save' && this.#data[i]![0] !== 'from')
    return { list: this.#native.passes, nodes }
  }

  /**
   * What `util.inspect` (and so `console.log`) shows: `describe()`'s lines
   * under `Pipeline`; during a run, once disposed, or when the plan cannot
   * be made, what is known without it, and why.
   * @internal
   */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    let state = ''
    let stats: PipelineStats | undefined
    let passes: PlanParts['passes']
    try {
      stats = this.stats
      passes = this.#passes()
    } catch (error) {
      const { code, message } = error as PixchainError
      state = this.disposed ? ' (disposed)' : code === 'ERR_PIXCHAIN_BUSY' ? ' (running)' : ` (not planned: ${message})`
    }
    const output = this.disposed ? undefined : this.outputSpec
    const text = planText({ steps: this.#steps, input: this.#input, stride: this.#stride, output, stats, passes })
    return `Pipeline${state}\n  ${text.replaceAll('\n', '\n  ')}`
  }

  /** Frees the work buffers now. Any later call throws `ERR_PIXCHAIN_DISPOSED`. */
  dispose(): void {
    this.#native.dispose()
  }

  /** `using pipeline = new Pipeline(…)` disposes at the end of the scope. */
  [Symbol.dispose](): void {
    this.dispose()
  }

  /** @internal */
  protected applyKernel(op: OpName, options: unknown): this {
    const step = nativeOp(op, options)
    this.#native.push(step)
    this.#steps.push(describedStep(step))
    this.#data.push(stepData(step))
    return this
  }

  #pushBinary(op: BinaryOpName, options: unknown): this {
    // Checked once, with `other` beside the step's own options.
    const { other, ...rest } = checkOptions(op, options, { ...binaryRules[op], other: { kind: 'string', required: true } } as const)
    this.#native.pushBinary({ op, ...rest } as NativeBinaryOp, other)
    this.#steps.push(stepText(op, { other, ...rest }))
    this.#data.push([op, { other, ...rest }])
    return this
  }
}

/** A native step as the method that made it was called: `clip` for `clipPercentiles`, morphology's `op` for `operation`. */
function describedStep({ op, ...options }: NativeOp): string {
  if (op === 'clipPercentiles') return stepText('clip', options)
  if (op === 'morphology' && 'operation' in options) {
    const { operation, ...rest } = options
    return stepText(op, operation === undefined ? rest : { op: operation, ...rest })
  }
  return stepText(op, options)
}

/** A native step as the method call that made it, as data: `clip` for `clipPercentiles`, morphology's `op` for `operation`. */
function stepData({ op, ...options }: NativeOp): PipelineStep {
  if (op === 'clipPercentiles') return ['clip', options]
  if (op === 'morphology' && 'operation' in options) {
    const { operation, ...rest } = options
    return [op, operation === undefined ? rest : { op: operation, ...rest }]
  }
  return [op, options]
}

function checkName(name: unknown): string {
  if (typeof name !== 'string') throw pixchainError('ERR_PIXCHAIN_PARAM', `name: expected a string, got ${describe(name)}`)
  return name
}
