// pixchain: chains of pixel kernels on raw image data, in two frame buffers.
//
// This file is the public TypeScript API. It checks the JavaScript types of
// options and forwards to the native addon, which owns the buffers, runs the
// kernels and checks every range. `index.d.ts` is generated from it.

// `Disposable` and `Symbol.dispose` come from TypeScript's own library (5.2+),
// so the declaration needs neither @types/node nor a `lib` setting.
/// <reference lib="esnext.disposable" preserve="true" />

import './lib/native'
import {
  NativeImageBuffers,
  NativePipeline,
  otsuThreshold as nativeOtsuThreshold,
  otsuThresholdAsync as nativeOtsuThresholdAsync,
  thresholdOtsuAsync as nativeThresholdOtsuAsync,
  getLimitInputPixels as nativeGetLimitInputPixels,
  getThreads as nativeGetThreads,
  reportedNativeMemory as nativeReportedNativeMemory,
  runBinaryKernel,
  runBinaryKernelAsync,
  runKernel,
  runKernelAsync,
  setLimitInputPixels as nativeSetLimitInputPixels,
  setSimdPath as nativeSetSimdPath,
  setThreads as nativeSetThreads,
  simdPath as nativeSimdPath,
  simdPaths as nativeSimdPaths,
  type NativeBinaryOp,
  type NativeImageSpec,
  type NativeOp,
  type RunOutcome,
} from './binding'
import { describe, pixchainError } from './lib/errors'
import { checkOptions, type OptionRules } from './lib/options'
import { allocatePixels } from './lib/pixels'
import type {
  AbortSignalLike,
  ImageSpec,
  LooseImageSpec,
  PixelArray,
  PixelArrayOf,
  PixelArrays,
  PixelType,
} from './lib/types'

export type {
  AbortSignalLike,
  ErrorCode,
  ImageSpec,
  LooseImageSpec,
  PixchainError,
  PixelArray,
  PixelArrayOf,
  PixelArrays,
  PixelType,
} from './lib/types'

/** How kernels read beyond the frame's edge, as OpenCV names them. */
export type Border =
  /** `gfedcb|abcdefgh|gfedcba`: mirror without repeating the edge. OpenCV's default. */
  | 'reflect101'
  /** `fedcba|abcdefgh|hgfedcb`: mirror, repeating the edge. */
  | 'reflect'
  /** `aaaaaa|abcdefgh|hhhhhhh`: repeat the edge. */
  | 'replicate'
  /** `vvvvvv|abcdefgh|vvvvvvv`: `borderValue`, saturated to the pixel type. */
  | 'constant'

/** `clip`: clamp every sample into `[min, max]`. */
export interface ClipOptions {
  /** Lower bound. Default −∞ (no bound). Integer types round it to the nearest value of the type. */
  min?: number
  /** Upper bound, ≥ `min`. Default +∞ (no bound). */
  max?: number
}

/** `linear`: `saturate(a·x + b)`, computed in f32 as OpenCV's `convertTo`. */
export interface LinearOptions {
  /** Gain, finite. Default 1. */
  a?: number
  /** Offset, finite. Default 0. */
  b?: number
}

/** The five fixed-level thresholds of OpenCV. */
export type ThresholdKind =
  /** `x > thresh ? maxval : 0` */
  | 'binary'
  /** `x > thresh ? 0 : maxval` */
  | 'binaryInv'
  /** `x > thresh ? thresh : x` */
  | 'trunc'
  /** `x > thresh ? x : 0` */
  | 'toZero'
  /** `x > thresh ? 0 : x` */
  | 'toZeroInv'

/** `threshold`: OpenCV's `threshold`, exact for integer types. */
export interface ThresholdOptions {
  /**
   * The level, not NaN. Integer types floor it, as OpenCV does. Default the
   * middle of the type's range: 127.5, 32767.5, −0.5, or 0.5 for f32.
   */
  thresh?: number
  /** The value written above the level. Default the type's maximum: 255, 65535, 32767, or 1 for f32. */
  maxval?: number
  /** Default `'binary'`. */
  kind?: ThresholdKind
}

/**
 * `invert`: `saturate(min + max − x)`. Without a range: the type's range for
 * integers (u8: `255 − x`, i16: `−1 − x`, as OpenCV's `bitwise_not`), `−x` for f32.
 */
export interface InvertOptions {
  /** Lower end of the range, finite; give `min` and `max` together. */
  min?: number
  /** Upper end of the range, finite, ≥ `min`. */
  max?: number
}

/**
 * `gamma`: `x^γ` over the type's range `[lo, hi]`, i.e.
 * `lo + (hi − lo)·((x − lo)/(hi − lo))^γ`, through a lookup table for
 * integer types; `sign(x)·|x|^γ` for f32, so [0, 1] maps onto itself.
 */
export interface GammaOptions {
  /** The exponent, finite and > 0. Default 1. */
  gamma?: number
}

/** The channel order of a colour frame. */
export type ChannelOrder = 'rgb' | 'bgr' | 'rgba' | 'bgra'

/**
 * `grayscale`: luma of a 3- or 4-channel frame into 1 channel, as OpenCV's
 * `cvtColor(…2GRAY)`: `(9798·R + 19235·G + 3735·B + 2¹⁴) >> 15` for integer
 * types, `0.299·R + 0.587·G + 0.114·B` in f32 for f32. Alpha is ignored.
 */
export interface GrayscaleOptions {
  /** Default `'rgb'`. The frame must have 3 channels for rgb/bgr, 4 for rgba/bgra (`ERR_PIXCHAIN_SHAPE`). */
  order?: ChannelOrder
}

/** How `normalize` maps a frame: onto a range in its own type, or standardized into f32. */
export type NormalizeKind = 'minmax' | 'zscore'

/**
 * `normalize`: `'minmax'` maps the frame's smallest sample onto `min` and its
 * largest onto `max`, in the same pixel type, as OpenCV's `NORM_MINMAX`;
 * `'zscore'` gives `(x − mean) / std` over all samples as f32 (0 for a
 * constant frame), so ImageBuffers need `maxType: 'f32'` for it.
 */
export interface NormalizeOptions<K extends NormalizeKind = NormalizeKind> {
  /** Default `'minmax'`. */
  kind?: K
  /** minmax only: finite. Default 0. */
  min?: number
  /** minmax only: finite. Default the type's maximum (255, 65535, 32767, or 1 for f32). */
  max?: number
}

/** `convert`: `saturate(x·scale + offset)` into another pixel type. */
export interface ConvertOptions<T extends PixelType = PixelType> {
  /** The pixel type to convert to. Default the input's (a scale and offset only). */
  type?: T
  /** Finite. Default 1. */
  scale?: number
  /** Finite. Default 0. */
  offset?: number
}

/** `gaussianBlur`: separable Gaussian smoothing with OpenCV's kernel sizes and taps. */
export interface GaussianBlurOptions {
  /**
   * Standard deviation in pixels, finite and ≥ 0. Required unless `ksize` is
   * given; with `ksize` and sigma 0, sigma is derived from the size as OpenCV does.
   */
  sigma?: number
  /** Vertical standard deviation. Default `sigma`. */
  sigmaY?: number
  /**
   * Odd kernel side, 1–4095. Default OpenCV's rule: `round(σ·6 + 1) | 1` for u8,
   * `round(σ·8 + 1) | 1` for the other types.
   */
  ksize?: number
  /** Default `'reflect101'`. */
  border?: Border
  /** The value beyond the edge with `border: 'constant'`. Default 0. */
  borderValue?: number
}

/**
 * `boxBlur`: the mean of each pixel's window, OpenCV's `blur`. Exact integer
 * sums; u8 windows of up to 256 pixels divide in OpenCV's fixed point, other
 * integer windows multiply by `1/area` and round half to even.
 */
export interface BoxBlurOptions {
  /** Window width, 1–4095, odd or even, anchored at `ksize / 2`. Default 3. */
  ksize?: number
  /** Window height. Default `ksize`. */
  ksizeY?: number
  /** Default `'reflect101'`. */
  border?: Border
  /** The value beyond the edge with `border: 'constant'`. Default 0. */
  borderValue?: number
}

/** `medianBlur`: the median of each pixel's square window, per channel; borders replicate. */
export interface MedianBlurOptions {
  /** Odd window side, 3–255. Default 3. */
  ksize?: number
}

/** `multiply`: `saturate(scale·a·b)`; exact integer products when `scale` is 1, else f32 as OpenCV. */
export interface MultiplyOptions {
  /** Finite. Default 1. */
  scale?: number
}

/** `addWeighted`: `saturate(alpha·a + beta·b + gamma)`, computed in f32 as OpenCV. */
export interface AddWeightedOptions {
  /** Weight of the first frame, finite. Default 0.5. */
  alpha?: number
  /** Weight of the second frame, finite. Default 0.5. */
  beta?: number
  /** Offset, finite. Default 0. */
  gamma?: number
}

/**
 * `sobel`: a first derivative with OpenCV's Sobel kernels (`[−1 0 1]`·`[1 2 1]`
 * for 3, `[−1 −2 0 2 1]`·`[1 4 6 4 1]` for 5). Exact integer sums for integer
 * frames, f32 sums for f32 frames, saturated into the output type.
 */
export interface SobelOptions<T extends 'i16' | 'f32' = 'i16' | 'f32'> {
  /** Order of the x derivative, 0 or 1. Default 1. */
  dx?: number
  /** Order of the y derivative, 0 or 1 (not both 0). Default 0. */
  dy?: number
  /** Aperture, 3 or 5. Default 3. */
  ksize?: 3 | 5
  /** Output type, `'i16'` or `'f32'`. Default i16 for u8 frames, f32 otherwise. */
  type?: T
  /** Default `'reflect101'`. */
  border?: Border
  /** The value beyond the edge with `border: 'constant'`. Default 0. */
  borderValue?: number
}

/**
 * `convolve`: a user kernel in f32, anchored at its centre, applied as
 * OpenCV's `filter2D` / `sepFilter2D` do (correlation: the kernel is not
 * flipped), saturated into the output type. Give `kernel` (row-major taps,
 * with `kernelWidth` unless square) or `row` and `column` for a separable one;
 * with neither, the kernel is the identity `[1]`.
 */
export interface ConvolveOptions<T extends PixelType = PixelType> {
  /** Row-major taps of a 2-D kernel, sides 1–255. */
  kernel?: ArrayLike<number>
  /** Width of `kernel`. Default: the side of a square kernel. */
  kernelWidth?: number
  /** Horizontal taps of a separable kernel. */
  row?: ArrayLike<number>
  /** Vertical taps of a separable kernel. */
  column?: ArrayLike<number>
  /** Output type. Default the input's. */
  type?: T
  /** Default `'reflect101'`. */
  border?: Border
  /** The value beyond the edge with `border: 'constant'`. Default 0. */
  borderValue?: number
}

/** What an `ImageBuffers` holds. */
export interface BufferStats {
  /** Frame-sized allocations since construction: 2, whatever the chain. */
  allocations: number
  /** Bytes held by the two frame buffers. */
  bytes: number
}

/** `new ImageBuffers(options)`: the first frame's spec, and the widest type the buffers will hold. */
export interface ImageBuffersOptions<T extends PixelType = PixelType> extends ImageSpec<T> {
  /** The widest pixel type a later `convert` may produce. Default `type`. */
  maxType?: PixelType
  /**
   * The most pixels (width × height) a frame may have, checked before the
   * buffers are allocated (`ERR_PIXCHAIN_LIMIT`): an integer, `0` or `false`
   * for no limit, `true` for the default 16383 × 16383. Default: the
   * process-wide limit (`setLimitInputPixels`).
   */
  limitInputPixels?: number | boolean
}

/** `ImageBuffersOptions` whose `type` and `maxType` TypeScript widened to `string` (see {@link LooseImageSpec}). */
export interface LooseImageBuffersOptions extends LooseImageSpec {
  /** The widest pixel type a later `convert` may produce. Default `type`. */
  maxType?: string
  /** As in `ImageBuffersOptions`. */
  limitInputPixels?: number | boolean
}

type OpName = NativeOp['op']

const kernelRules = {
  clip: { min: { kind: 'number' }, max: { kind: 'number' } },
  linear: { a: { kind: 'number' }, b: { kind: 'number' } },
  threshold: {
    thresh: { kind: 'number' },
    maxval: { kind: 'number' },
    kind: { kind: 'string' },
  },
  invert: { min: { kind: 'number' }, max: { kind: 'number' } },
  gamma: { gamma: { kind: 'number' } },
  grayscale: { order: { kind: 'string' } },
  normalize: { kind: { kind: 'string' }, min: { kind: 'number' }, max: { kind: 'number' } },
  convert: {
    type: { kind: 'string' },
    scale: { kind: 'number' },
    offset: { kind: 'number' },
  },
  gaussianBlur: {
    sigma: { kind: 'number' },
    sigmaY: { kind: 'number' },
    ksize: { kind: 'count' },
    border: { kind: 'string' },
    borderValue: { kind: 'number' },
  },
  boxBlur: {
    ksize: { kind: 'count' },
    ksizeY: { kind: 'count' },
    border: { kind: 'string' },
    borderValue: { kind: 'number' },
  },
  medianBlur: { ksize: { kind: 'count' } },
  sobel: {
    dx: { kind: 'count' },
    dy: { kind: 'count' },
    ksize: { kind: 'count' },
    type: { kind: 'string' },
    border: { kind: 'string' },
    borderValue: { kind: 'number' },
  },
  convolve: {
    kernel: { kind: 'numbers' },
    kernelWidth: { kind: 'count' },
    row: { kind: 'numbers' },
    column: { kind: 'numbers' },
    type: { kind: 'string' },
    border: { kind: 'string' },
    borderValue: { kind: 'number' },
  },
} as const satisfies Record<OpName, OptionRules>

type BinaryOpName = NativeBinaryOp['op']

const binaryRules = {
  add: {},
  subtract: {},
  absdiff: {},
  multiply: { scale: { kind: 'number' } },
  addWeighted: { alpha: { kind: 'number' }, beta: { kind: 'number' }, gamma: { kind: 'number' } },
} as const satisfies Record<BinaryOpName, OptionRules>

function nativeBinaryOp(op: BinaryOpName, options: unknown): NativeBinaryOp {
  return { op, ...checkOptions(op, options, binaryRules[op]) } as NativeBinaryOp
}

const specRules = {
  width: { kind: 'size', required: true },
  height: { kind: 'size', required: true },
  channels: { kind: 'size' },
  type: { kind: 'string', required: true },
} as const satisfies OptionRules

function nativeOp(op: OpName, options: unknown): NativeOp {
  return { op, ...checkOptions(op, options, kernelRules[op]) } as NativeOp
}

function nativeSpec(spec: unknown, extra: OptionRules = {}): NativeImageSpec {
  const checked = checkOptions('spec', spec, { ...specRules, ...extra }, 'ERR_PIXCHAIN_SPEC')
  return {
    width: checked.width as number,
    height: checked.height as number,
    channels: (checked.channels as number | undefined) ?? 1,
    type: checked.type as string,
  }
}

/**
 * `C`, a `Pipeline` or `ImageBuffers`, typed for a frame of pixel type `T`:
 * what a step that changes the pixel type returns.
 */
export type Retyped<C, T extends PixelType> =
  C extends Pipeline<infer In, infer _Out>
    ? Pipeline<In, T>
    : C extends ImageBuffers<infer Start, infer _Active>
      ? ImageBuffers<Start, T>
      : C

/**
 * The kernels that `ImageBuffers` run at once and `Pipeline` records as
 * steps; each returns the chain, so calls chain. `T` is the pixel type of
 * the frame the next step reads: steps that change it (`convert`,
 * `normalize` with `kind: 'zscore'`, `sobel`, `convolve` with `type`) return
 * the chain typed for their output, when the option is a literal.
 */
export abstract class KernelChain<T extends PixelType = PixelType> {
  /** @internal */
  protected abstract applyKernel(op: OpName, options: unknown): this

  /**
   * Clamps every sample into `[min, max]`.
   * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
   */
  clip(options: ClipOptions = {}): this {
    return this.applyKernel('clip', options)
  }

  /**
   * `saturate(a·x + b)` on every sample.
   * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
   */
  linear(options: LinearOptions = {}): this {
    return this.applyKernel('linear', options)
  }

  /**
   * OpenCV's fixed-level threshold.
   * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
   */
  threshold(options: ThresholdOptions = {}): this {
    return this.applyKernel('threshold', options)
  }

  /**
   * Mirrors every sample within a range: `min + max − x`.
   * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
   */
  invert(options: InvertOptions = {}): this {
    return this.applyKernel('invert', options)
  }

  /**
   * `x^γ` over the type's range.
   * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
   */
  gamma(options: GammaOptions = {}): this {
    return this.applyKernel('gamma', options)
  }

  /**
   * Luma of a colour frame into one channel (in `ImageBuffers`, within the same buffers).
   * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
   */
  grayscale(options: GrayscaleOptions = {}): this {
    return this.applyKernel('grayscale', options)
  }

  /**
   * Stretches the frame onto a range, or standardizes it into f32.
   * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
   */
  normalize<K extends NormalizeKind = 'minmax'>(options: NormalizeOptions<K> = {}): Retyped<this, K extends 'zscore' ? 'f32' : T> {
    return this.applyKernel('normalize', options) as never
  }

  /**
   * Converts to another pixel type (in `ImageBuffers`, within the same buffers).
   * @throws `ERR_PIXCHAIN_CAPACITY` in `ImageBuffers` when the converted frame is larger than the buffers (`maxType`).
   */
  convert<To extends PixelType = T>(options: ConvertOptions<To> = {}): Retyped<this, To> {
    return this.applyKernel('convert', options) as never
  }

  /**
   * Gaussian blur.
   * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
   */
  gaussianBlur(options: GaussianBlurOptions): this {
    return this.applyKernel('gaussianBlur', options)
  }

  /**
   * Mean over a box window.
   * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
   */
  boxBlur(options: BoxBlurOptions = {}): this {
    return this.applyKernel('boxBlur', options)
  }

  /**
   * A first derivative into i16 or f32 (in `ImageBuffers`, within the same buffers: see `maxType`).
   * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
   */
  sobel<To extends 'i16' | 'f32' = T extends 'u8' ? 'i16' : 'f32'>(options: SobelOptions<To> = {}): Retyped<this, To> {
    return this.applyKernel('sobel', options) as never
  }

  /**
   * Correlates with a user kernel.
   * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
   */
  convolve<To extends PixelType = T>(options: ConvolveOptions<To> = {}): Retyped<this, To> {
    return this.applyKernel('convolve', options) as never
  }

  /**
   * Median blur over a square window.
   * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
   */
  medianBlur(options: MedianBlurOptions = {}): this {
    return this.applyKernel('medianBlur', options)
  }
}

/**
 * Two frame-sized buffers that a chain of kernels ping-pongs between. Each
 * kernel method reads the active frame, writes the scratch frame, swaps them
 * and returns `this`, so calls chain:
 *
 * ```ts
 * using bufs = new ImageBuffers({ width, height, channels: 1, type: 'u16' })
 * bufs.load(input).gaussianBlur({ sigma: 2 }).clip({ min: 10, max: 200 }).read(output)
 * ```
 *
 * The buffers are allocated once, sized for `maxType`; no later call
 * allocates a frame. A kernel that throws leaves the active frame as it was.
 */
export class ImageBuffers<Start extends PixelType = PixelType, Active extends PixelType = Start>
  extends KernelChain<Active>
  implements Disposable
{
  readonly #native: NativeImageBuffers

  /**
   * @throws `ERR_PIXCHAIN_SPEC` for a bad spec, `ERR_PIXCHAIN_PARAM` for a bad `maxType`,
   * `ERR_PIXCHAIN_LIMIT` for a frame over `limitInputPixels`, `ERR_PIXCHAIN_MEMORY` when the system refuses the buffers.
   */
  constructor(options: ImageBuffersOptions<Start> | LooseImageBuffersOptions) {
    super()
    const extra = {
      maxType: { kind: 'string', code: 'ERR_PIXCHAIN_PARAM' },
      limitInputPixels: { kind: 'limit', code: 'ERR_PIXCHAIN_PARAM' },
    } as const
    const { maxType, limitInputPixels, ...spec } = checkOptions('spec', options, { ...specRules, ...extra }, 'ERR_PIXCHAIN_SPEC')
    this.#native = new NativeImageBuffers(nativeSpec(spec), maxType as string | undefined, limitInputPixels as number | boolean | undefined)
  }

  /** The active frame's spec; its type changes with `convert`. */
  get spec(): Required<ImageSpec<Active>> {
    return this.#native.spec as Required<ImageSpec<Active>>
  }

  /** The widest pixel type these buffers hold. */
  get maxType(): PixelType {
    return this.#native.maxType as PixelType
  }

  /** Frame-sized allocations so far and bytes held. */
  get stats(): BufferStats {
    return this.#native.stats
  }

  /** Whether `dispose()` has freed the buffers. */
  get disposed(): boolean {
    return this.#native.disposed
  }

  /**
   * Starts a new frame: copies `input`, a whole frame of the spec the
   * buffers were made with, into the active buffer — whatever type or
   * channels the last chain left — so the same buffers take frame after frame.
   * @throws `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_LENGTH`; the active frame is unchanged.
   */
  load(input: PixelArrayOf<Start>): ImageBuffers<Start, Start>
  load(input: PixelArray): this | ImageBuffers<Start, Start> {
    this.#native.load(input)
    return this
  }

  /**
   * Copies the active frame into `output`, or into a new array of the right
   * type when `output` is omitted, and returns it.
   * @throws `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_LENGTH`.
   */
  read<A extends PixelArrayOf<Active>>(output: A): A
  /** Copies the active frame into a new array of its pixel type and returns it. */
  read(): PixelArrays[Active]
  read(output?: PixelArray): PixelArray {
    const target = output ?? this.#allocateActive()
    this.#native.read(target)
    return target
  }

  #allocateActive(): PixelArray {
    const { width, height, channels, type } = this.spec
    return allocatePixels(type, width * height * channels)
  }

  /** Otsu's threshold of the active frame (u8): pass it to `threshold({ thresh })`. */
  otsuThreshold(): number {
    return this.#native.otsuThreshold()
  }

  // Two-image kernels: `other` is a whole frame of the active spec, read in place.

  /** `saturate(x + other)`. */
  add(other: PixelArrayOf<Active>): this {
    return this.#applyWith('add', other, {})
  }

  /** `saturate(x − other)`. */
  subtract(other: PixelArrayOf<Active>): this {
    return this.#applyWith('subtract', other, {})
  }

  /** `saturate(|x − other|)`. */
  absdiff(other: PixelArrayOf<Active>): this {
    return this.#applyWith('absdiff', other, {})
  }

  /** `saturate(scale·x·other)`. */
  multiply(other: PixelArrayOf<Active>, options: MultiplyOptions = {}): this {
    return this.#applyWith('multiply', other, options)
  }

  /** `saturate(alpha·x + beta·other + gamma)`. */
  addWeighted(other: PixelArrayOf<Active>, options: AddWeightedOptions = {}): this {
    return this.#applyWith('addWeighted', other, options)
  }

  /** Frees both buffers now. Any later call throws `ERR_PIXCHAIN_DISPOSED`. */
  dispose(): void {
    this.#native.dispose()
  }

  /** `using bufs = new ImageBuffers(…)` disposes at the end of the scope. */
  [Symbol.dispose](): void {
    this.dispose()
  }

  /** @internal */
  protected applyKernel(op: OpName, options: unknown): this {
    this.#native.apply(nativeOp(op, options))
    return this
  }

  #applyWith(op: BinaryOpName, other: PixelArray, options: unknown): this {
    this.#native.applyWith(nativeBinaryOp(op, options), other)
    return this
  }
}

function oneShot(op: OpName, input: PixelArray, output: PixelArray, spec: ImageSpec | LooseImageSpec, options: unknown): void {
  runKernel(nativeOp(op, options), input, output, nativeSpec(spec))
}

// One-shot kernels, in OpenCV's style: read `input`, a frame of `spec`, in
// place and write `output` in place. The output must not share memory with
// the input (`ERR_PIXCHAIN_ALIAS`); on any error it is left untouched.

/**
 * Clamps every sample of `input` into `[min, max]`, written to `output`.
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export function clip<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: ClipOptions = {}): T {
  oneShot('clip', input, output, spec, options)
  return output
}

/**
 * `output = saturate(a·input + b)`.
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export function linear<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: LinearOptions = {}): T {
  oneShot('linear', input, output, spec, options)
  return output
}

/**
 * OpenCV's fixed-level threshold of `input` into `output`.
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export function threshold<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: ThresholdOptions = {}): T {
  oneShot('threshold', input, output, spec, options)
  return output
}

/**
 * `output = saturate(min + max − input)`; see {@link InvertOptions}.
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export function invert<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: InvertOptions = {}): T {
  oneShot('invert', input, output, spec, options)
  return output
}

/**
 * `output = input^γ` over the type's range; see {@link GammaOptions}.
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export function gamma<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: GammaOptions = {}): T {
  oneShot('gamma', input, output, spec, options)
  return output
}

/**
 * Luma of `input`, a 3- or 4-channel frame of `spec`, into the 1-channel `output`.
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export function grayscale<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: GrayscaleOptions = {}): T {
  oneShot('grayscale', input, output, spec, options)
  return output
}

/**
 * Normalizes `input` into `output` (same type for minmax, Float32Array for zscore).
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export function normalize<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: NormalizeOptions = {}): T {
  oneShot('normalize', input, output, spec, options)
  return output
}

/**
 * Otsu's threshold of `input`, a u8 frame of `spec`: the level that best
 * separates its histogram into two classes, as OpenCV's `THRESH_OTSU`.
 * @throws `ERR_PIXCHAIN_TYPE` for other pixel types.
 */
export function otsuThreshold(input: PixelArray, spec: ImageSpec | LooseImageSpec): number {
  return nativeOtsuThreshold(input, nativeSpec(spec))
}

/** `threshold` at Otsu's level of `input` (u8); returns the level it chose. */
export function thresholdOtsu(input: PixelArray, output: PixelArray, spec: ImageSpec | LooseImageSpec, options: Omit<ThresholdOptions, 'thresh'> = {}): number {
  const thresh = otsuThreshold(input, spec)
  threshold(input, output, spec, { ...options, thresh })
  return thresh
}

/**
 * Converts `input`, a frame of `spec`, into `output` of pixel type `options.type` (default the input's).
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export function convert<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: ConvertOptions = {}): T {
  oneShot('convert', input, output, spec, options)
  return output
}

/**
 * Gaussian blur of `input` into `output`.
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export function gaussianBlur<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: GaussianBlurOptions): T {
  oneShot('gaussianBlur', input, output, spec, options)
  return output
}

/**
 * Box (mean) blur of `input` into `output`.
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export function boxBlur<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: BoxBlurOptions = {}): T {
  oneShot('boxBlur', input, output, spec, options)
  return output
}

/**
 * Sobel derivative of `input` into `output` (Int16Array or Float32Array).
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export function sobel<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: SobelOptions = {}): T {
  oneShot('sobel', input, output, spec, options)
  return output
}

/**
 * `input` correlated with a user kernel, into `output`.
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export function convolve<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: ConvolveOptions = {}): T {
  oneShot('convolve', input, output, spec, options)
  return output
}

/**
 * Median blur of `input` into `output`.
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export function medianBlur<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: MedianBlurOptions = {}): T {
  oneShot('medianBlur', input, output, spec, options)
  return output
}

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

/** Options of `Pipeline.runAsync` and of the kernels in `promises`. */
export interface RunAsyncOptions {
  /** Aborts the run: it rejects with the signal's reason (an `AbortError`). */
  signal?: AbortSignalLike
}

/** The `signal` of an async call's options, refused at once if already aborted. */
function signalToStart(where: string, options: unknown): AbortSignalLike | undefined {
  const { signal } = checkOptions(where, options, { signal: { kind: 'signal' } }) as RunAsyncOptions
  signal?.throwIfAborted()
  return signal
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

  /** @throws `ERR_PIXCHAIN_SPEC` for a bad spec, `ERR_PIXCHAIN_PARAM` for bad options. */
  constructor(spec: ImageSpec<In> | LooseImageSpec, options: PipelineOptions = {}) {
    super()
    const { resize = 'error', threads, limitInputPixels } = checkOptions('Pipeline', options, {
      resize: { kind: 'string' },
      threads: { kind: 'size' },
      limitInputPixels: { kind: 'limit' },
    }) as PipelineOptions
    if (resize !== 'error' && resize !== 'rebuild') {
      throw pixchainError('ERR_PIXCHAIN_PARAM', `resize: expected 'error' or 'rebuild', got ${describe(resize)}`)
    }
    this.#rebuild = resize === 'rebuild'
    this.#native = new NativePipeline(nativeSpec(spec), threads, limitInputPixels)
  }

  /** The output's spec, inferred through the steps so far. */
  get outputSpec(): Required<ImageSpec<Out>> {
    return this.#native.outputSpec as Required<ImageSpec<Out>>
  }

  /** Frame and line buffers, their bytes, allocations, passes per run and runs; plans the pipeline if needed. */
  get stats(): PipelineStats {
    return this.#native.stats
  }

  /** Whether `dispose()` has freed the pipeline. */
  get disposed(): boolean {
    return this.#native.disposed
  }

  /** Names the current result, for `from()` and the `other` of two-image steps. */
  save(name: string): this {
    this.#native.save(checkName(name))
    return this
  }

  /** Continues from a saved result; `'input'` is the pipeline's input. */
  from<N extends string>(name: N): Pipeline<In, N extends 'input' ? In : PixelType> {
    this.#native.from(checkName(name))
    return this as never
  }

  /**
   * `saturate(x + other)`.
   * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
   */
  add(options: OtherOperand): this {
    return this.#pushBinary('add', options)
  }

  /**
   * `saturate(x − other)`.
   * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
   */
  subtract(options: OtherOperand): this {
    return this.#pushBinary('subtract', options)
  }

  /**
   * `saturate(|x − other|)`.
   * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
   */
  absdiff(options: OtherOperand): this {
    return this.#pushBinary('absdiff', options)
  }

  /**
   * `saturate(scale·x·other)`.
   * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
   */
  multiply(options: OtherOperand & MultiplyOptions): this {
    return this.#pushBinary('multiply', options)
  }

  /**
   * `saturate(alpha·x + beta·other + gamma)`.
   * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
   */
  addWeighted(options: OtherOperand & AddWeightedOptions): this {
    return this.#pushBinary('addWeighted', options)
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
    if (inputSpec !== undefined) this.#native.resize(nativeSpec(inputSpec), this.#rebuild)
    const target = output ?? this.#allocateOutput()
    this.#native.run(input, target)
    return target
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
    const target = (output ?? this.#allocateOutput()) as T
    const outcome = this.#native.runAsync(input, target)
    const abort = () => this.#native.abort()
    signal?.addEventListener('abort', abort, { once: true })
    try {
      const { failure } = await outcome
      if (!failure) return target
      if (failure.code === 'ERR_PIXCHAIN_ABORTED' && signal?.aborted) throw signal.reason
      throw pixchainError(failure.code, failure.message)
    } finally {
      signal?.removeEventListener('abort', abort)
    }
  }

  #allocateOutput(): PixelArray {
    const { width, height, channels, type } = this.outputSpec
    return allocatePixels(type, width * height * channels)
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
    this.#native.push(nativeOp(op, options))
    return this
  }

  #pushBinary(op: BinaryOpName, options: unknown): this {
    // Checked once, with `other` beside the step's own options.
    const { other, ...rest } = checkOptions(op, options, { ...binaryRules[op], other: { kind: 'string', required: true } })
    this.#native.pushBinary({ op, ...rest } as NativeBinaryOp, other as string)
    return this
  }
}

function checkName(name: unknown): string {
  if (typeof name !== 'string') throw pixchainError('ERR_PIXCHAIN_PARAM', `name: expected a string, got ${describe(name)}`)
  return name
}

function twoImages(op: BinaryOpName, a: PixelArray, b: PixelArray, output: PixelArray, spec: ImageSpec | LooseImageSpec, options: unknown): void {
  runBinaryKernel(nativeBinaryOp(op, options), a, b, output, nativeSpec(spec))
}

// Two-image kernels, saturating like OpenCV: `a` and `b` are frames of
// `spec`; `output` must share memory with neither.

/**
 * `output = saturate(a + b)`.
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export function add<T extends PixelArray>(a: PixelArray, b: PixelArray, output: T, spec: ImageSpec | LooseImageSpec): T {
  twoImages('add', a, b, output, spec, {})
  return output
}

/**
 * `output = saturate(a − b)`.
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export function subtract<T extends PixelArray>(a: PixelArray, b: PixelArray, output: T, spec: ImageSpec | LooseImageSpec): T {
  twoImages('subtract', a, b, output, spec, {})
  return output
}

/**
 * `output = saturate(|a − b|)`.
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export function absdiff<T extends PixelArray>(a: PixelArray, b: PixelArray, output: T, spec: ImageSpec | LooseImageSpec): T {
  twoImages('absdiff', a, b, output, spec, {})
  return output
}

/**
 * `output = saturate(scale·a·b)`.
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export function multiply<T extends PixelArray>(a: PixelArray, b: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: MultiplyOptions = {}): T {
  twoImages('multiply', a, b, output, spec, options)
  return output
}

/**
 * `output = saturate(alpha·a + beta·b + gamma)`.
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export function addWeighted<T extends PixelArray>(
  a: PixelArray,
  b: PixelArray,
  output: T,
  spec: ImageSpec | LooseImageSpec,
  options: AddWeightedOptions = {},
): T {
  twoImages('addWeighted', a, b, output, spec, options)
  return output
}

/** A SIMD path: the instruction set kernels are compiled for. */
export type SimdPath = 'avx2' | 'sse4.1' | 'neon' | 'scalar'

/**
 * Sets how many threads each kernel may use (neighbourhood kernels split
 * frames into horizontal strips), an integer ≥ 1. The default is every core
 * of the machine. Results are identical for any count; a `Pipeline` created
 * with `{ threads }` keeps its own.
 * @throws `ERR_PIXCHAIN_PARAM` unless an integer ≥ 1.
 */
export function setThreads(threads: number): void {
  checkOptions('setThreads', { threads }, { threads: { kind: 'size' } })
  nativeSetThreads(threads)
}

/** Threads each kernel may use now (see `setThreads`). */
export function getThreads(): number {
  return nativeGetThreads()
}

/**
 * The SIMD path kernels take: the best this CPU runs, or the one named by
 * the `PIXCHAIN_SIMD` environment variable (or `setSimdPath`) if the CPU runs it.
 */
export function simdPath(): SimdPath {
  return nativeSimdPath() as SimdPath
}

/** Every SIMD path this CPU runs, the most capable first; `'scalar'` is always last. */
export function simdPaths(): SimdPath[] {
  return nativeSimdPaths() as SimdPath[]
}

/**
 * Chooses the SIMD path for the whole process. Every path gives the same
 * results; this exists to compare them and to rule one out.
 * @throws `ERR_PIXCHAIN_PARAM` for an unknown path or one this CPU lacks.
 */
export function setSimdPath(path: SimdPath): void {
  if (typeof path !== 'string') {
    throw pixchainError('ERR_PIXCHAIN_PARAM', `simd: expected a path name, got ${describe(path)}`)
  }
  nativeSetSimdPath(path)
}

/** The promise form of a one-shot kernel `F`: it resolves to the `output` passed, typed as given. */
type Promised<F> = F extends (input: PixelArray, output: never, spec: ImageSpec | LooseImageSpec, ...options: infer A) => unknown
  ? <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, ...rest: [...options: A, run?: RunAsyncOptions]) => Promise<T>
  : never

/** The value of a settled async run, or its failure thrown as an `Error`. */
function settled({ value, failure }: RunOutcome): number | undefined {
  if (failure) throw pixchainError(failure.code, failure.message)
  return value ?? undefined
}

/** Runs `kernel` on the thread pool over copies of its frames. */
function promised<F>(kernel: OpName): Promised<F> {
  return (async (input: PixelArray, output: PixelArray, spec: ImageSpec, options: unknown = {}, run: RunAsyncOptions = {}) => {
    signalToStart('promises', run)
    settled(await runKernelAsync(nativeOp(kernel, options), input, output, nativeSpec(spec)))
    return output
  }) as unknown as Promised<F>
}

/** The promise form of a two-image kernel `F`: it resolves to the `output` passed, typed as given. */
type PromisedTwo<F> = F extends (a: PixelArray, b: PixelArray, output: never, spec: ImageSpec | LooseImageSpec, ...options: infer A) => unknown
  ? <T extends PixelArray>(
      a: PixelArray,
      b: PixelArray,
      output: T,
      spec: ImageSpec | LooseImageSpec,
      ...rest: [...options: A, run?: RunAsyncOptions]
    ) => Promise<T>
  : never

/** Runs the two-image `op` on the thread pool. */
function promisedTwo<F>(op: BinaryOpName): PromisedTwo<F> {
  return (async (a: PixelArray, b: PixelArray, output: PixelArray, spec: ImageSpec, options: unknown = {}, run: RunAsyncOptions = {}) => {
    signalToStart('promises', run)
    settled(await runBinaryKernelAsync(nativeBinaryOp(op, options), a, b, output, nativeSpec(spec)))
    return output
  }) as unknown as PromisedTwo<F>
}

/** `otsuThreshold` on the thread pool. */
async function otsuThresholdAsync(input: PixelArray, spec: ImageSpec | LooseImageSpec, run: RunAsyncOptions = {}): Promise<number> {
  signalToStart('promises', run)
  return settled(await nativeOtsuThresholdAsync(input, nativeSpec(spec))) as number
}

/**
 * `thresholdOtsu` on the thread pool: Otsu's level, then the threshold at it,
 * in one run over one copy of the input (a second call would read the input
 * again after the first settled, when it may have been moved).
 */
async function thresholdOtsuAsync(
  input: PixelArray,
  output: PixelArray,
  spec: ImageSpec | LooseImageSpec,
  options: Omit<ThresholdOptions, 'thresh'> = {},
  run: RunAsyncOptions = {},
): Promise<number> {
  signalToStart('promises', run)
  // As `thresholdOtsu` does; the level replaces `thresh` in the run.
  const op = nativeOp('threshold', { ...options, thresh: 0 })
  return settled(await nativeThresholdOtsuAsync(op, input, output, nativeSpec(spec))) as number
}

/**
 * Every kernel on the libuv thread pool, as promises: the same arguments as
 * the synchronous functions, then `{ signal }` (an aborted signal rejects
 * before the kernel starts; a kernel that has started completes). Kernels
 * work on copies, as `Pipeline.runAsync` does: the inputs are copied when
 * the call starts and the result into `output` when it settles
 * (`ERR_PIXCHAIN_DETACHED` if `output` lost its memory meanwhile).
 */
export const promises = {
  /** `clip` on the thread pool; resolves to `output`. */
  clip: promised<typeof clip>('clip'),
  /** `linear` on the thread pool; resolves to `output`. */
  linear: promised<typeof linear>('linear'),
  /** `threshold` on the thread pool; resolves to `output`. */
  threshold: promised<typeof threshold>('threshold'),
  /** `invert` on the thread pool; resolves to `output`. */
  invert: promised<typeof invert>('invert'),
  /** `gamma` on the thread pool; resolves to `output`. */
  gamma: promised<typeof gamma>('gamma'),
  /** `grayscale` on the thread pool; resolves to `output`. */
  grayscale: promised<typeof grayscale>('grayscale'),
  /** `normalize` on the thread pool; resolves to `output`. */
  normalize: promised<typeof normalize>('normalize'),
  /** `convert` on the thread pool; resolves to `output`. */
  convert: promised<typeof convert>('convert'),
  /** `gaussianBlur` on the thread pool; resolves to `output`. */
  gaussianBlur: promised<typeof gaussianBlur>('gaussianBlur'),
  /** `boxBlur` on the thread pool; resolves to `output`. */
  boxBlur: promised<typeof boxBlur>('boxBlur'),
  /** `sobel` on the thread pool; resolves to `output`. */
  sobel: promised<typeof sobel>('sobel'),
  /** `convolve` on the thread pool; resolves to `output`. */
  convolve: promised<typeof convolve>('convolve'),
  /** `medianBlur` on the thread pool; resolves to `output`. */
  medianBlur: promised<typeof medianBlur>('medianBlur'),
  /** `add` on the thread pool; resolves to `output`. */
  add: promisedTwo<typeof add>('add'),
  /** `subtract` on the thread pool; resolves to `output`. */
  subtract: promisedTwo<typeof subtract>('subtract'),
  /** `absdiff` on the thread pool; resolves to `output`. */
  absdiff: promisedTwo<typeof absdiff>('absdiff'),
  /** `multiply` on the thread pool; resolves to `output`. */
  multiply: promisedTwo<typeof multiply>('multiply'),
  /** `addWeighted` on the thread pool; resolves to `output`. */
  addWeighted: promisedTwo<typeof addWeighted>('addWeighted'),
  /** `otsuThreshold` on the thread pool; resolves to Otsu's level. */
  otsuThreshold: otsuThresholdAsync,
  /** `thresholdOtsu` on the thread pool; resolves to the level it chose. */
  thresholdOtsu: thresholdOtsuAsync,
}

/**
 * Sets the most pixels (width × height) a frame of a `Pipeline` or
 * `ImageBuffers` made without its own `limitInputPixels` may have: an
 * integer, `0` or `false` for no limit, `true` for the default
 * 16383 × 16383 (sharp's). Checked before any buffer is allocated.
 * @throws `ERR_PIXCHAIN_PARAM` for anything else.
 */
export function setLimitInputPixels(limit: number | boolean): void {
  if (typeof limit !== 'number' && typeof limit !== 'boolean') {
    throw pixchainError('ERR_PIXCHAIN_PARAM', `limitInputPixels: expected an integer ≥ 0 (0: no limit) or a boolean, got ${describe(limit)}`)
  }
  nativeSetLimitInputPixels(limit)
}

/** The process-wide pixel limit; 0 is none. */
export function getLimitInputPixels(): number {
  return nativeGetLimitInputPixels()
}

/**
 * V8's count of external memory, in bytes: every ArrayBuffer's bytes and
 * what addons report — among them every live `Pipeline`'s work buffers (and
 * its copies for `runAsync`) and every `ImageBuffers`' two frames, from
 * allocation to `dispose()` or garbage collection. V8 weighs it when it
 * decides to collect garbage. A pipeline's share is the change across its
 * `compile()` or `dispose()`.
 */
export function reportedNativeMemory(): number {
  return nativeReportedNativeMemory()
}
