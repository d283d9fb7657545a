// ImageBuffers: two frame buffers, allocated once, that a chain of kernels
// ping-pongs between.

// `Disposable` and `Symbol.dispose` come from TypeScript's own library (5.2+),
// so the declaration needs neither @types/node nor a `lib` setting.
/// <reference lib="esnext.disposable" preserve="true" />

import { KernelChain } from './kernel-chain'
import type { AddWeightedOptions, MultiplyOptions } from './kernel-options'
import { native, nativeBinaryOp, nativeOp, nativeSpec, stridedSpec, type NativeImageBuffers } from './native'
import { checkOptions, specRules, type BinaryOpName, type OpName } from './options'
import { allocateFrame } from './pixels'
import type { ImageSpec, LooseImageSpec, PixelArray, PixelArrayOf, PixelArrays, PixelType } from './types'

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
    this.#native = new native.NativeImageBuffers(nativeSpec(spec), maxType, limitInputPixels)
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
   * With `inputSpec`, `input` is read through its `stride`: a crop of a larger
   * frame (`cropView(…).data` and `.spec`) loads without a copy of its own.
   * @throws `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_SHAPE`
   * for an `inputSpec` of another shape; the active frame is unchanged.
   */
  load(input: PixelArrayOf<Start>, inputSpec?: ImageSpec<Start> | LooseImageSpec): ImageBuffers<Start, Start>
  load(input: PixelArray, inputSpec?: ImageSpec | LooseImageSpec): this | ImageBuffers<Start, Start> {
    if (inputSpec === undefined) {
      this.#native.load(input)
    } else {
      const [frame, stride] = stridedSpec(inputSpec)
      this.#native.load(input, frame, stride)
    }
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
    const target = output ?? allocateFrame(this.spec)
    this.#native.read(target)
    return target
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

  /** Appends `other`, a one-channel frame of the active size and type, as a new last channel. */
  mergeChannels(other: PixelArrayOf<Active>): this {
    return this.#applyWith('mergeChannels', other, {})
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
