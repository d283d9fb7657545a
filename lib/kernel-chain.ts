// The kernel steps `ImageBuffers` and `Pipeline` share: each names its
// kernel and options once here, and the chain applies it (`ImageBuffers` at
// once, `Pipeline` as a recorded step).

import type { ImageBuffers } from './image-buffers'
import type {
  BoxBlurOptions,
  ClipOptions,
  ConvertOptions,
  ConvolveOptions,
  ExtractChannelOptions,
  GammaOptions,
  GaussianBlurOptions,
  GrayscaleOptions,
  InvertOptions,
  LinearOptions,
  MedianBlurOptions,
  NormalizeKind,
  NormalizeOptions,
  PercentileClipOptions,
  ResizeOptions,
  ToTensorOptions,
  SobelOptions,
  ThresholdOptions,
  DilateOptions,
  ErodeOptions,
  MorphologyOptions,
} from './kernel-options'
import type { ClaheOptions, LaplacianOptions, ScharrOptions } from './kernel-options'
import type { CropOptions, FlipOptions, PadOptions, RotateOptions } from './kernel-options'
import { clipKernel } from './measure'
import type { ReorderChannelsOptions } from './kernel-options'
import type { OpName } from './options'
import type { Pipeline } from './pipeline'
import type { PixelType } from './types'

/**
 * The codes a step of a chain (`ImageBuffers`, `Pipeline`) throws:
 * `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for
 * a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED` after `dispose()`.
 */
export type StepErrorCode = 'ERR_PIXCHAIN_PARAM' | 'ERR_PIXCHAIN_SHAPE' | 'ERR_PIXCHAIN_DISPOSED'

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
 * `normalize` with `kind: 'zscore'`, `sobel`, `convolve` with `type`,
 * `laplacian`, `scharr`) return the chain typed for their output, when the
 * option is a literal.
 */
export abstract class KernelChain<T extends PixelType = PixelType> {
  /** @internal */
  protected abstract applyKernel(op: OpName, options: unknown): this

  /**
   * Clamps every sample into `[min, max]`; with `percentiles`, each channel
   * between the values at two of its own percentiles, measured on the frame
   * this step reads (in a `Pipeline`, a whole-frame step).
   * @throws {@link StepErrorCode}
   */
  clip(options: ClipOptions | PercentileClipOptions = {}): this {
    return this.applyKernel(clipKernel(options), options)
  }

  /**
   * `saturate(a·x + b)` on every sample.
   * @throws {@link StepErrorCode}
   */
  linear(options: LinearOptions = {}): this {
    return this.applyKernel('linear', options)
  }

  /**
   * OpenCV's fixed-level threshold.
   * @throws {@link StepErrorCode}
   */
  threshold(options: ThresholdOptions = {}): this {
    return this.applyKernel('threshold', options)
  }

  /**
   * Mirrors every sample within a range: `min + max − x`.
   * @throws {@link StepErrorCode}
   */
  invert(options: InvertOptions = {}): this {
    return this.applyKernel('invert', options)
  }

  /**
   * `x^γ` over the type's range.
   * @throws {@link StepErrorCode}
   */
  gamma(options: GammaOptions = {}): this {
    return this.applyKernel('gamma', options)
  }

  /**
   * Luma of a colour frame into one channel (in `ImageBuffers`, within the same buffers).
   * @throws {@link StepErrorCode}
   */
  grayscale(options: GrayscaleOptions = {}): this {
    return this.applyKernel('grayscale', options)
  }

  /**
   * Stretches the frame onto a range, or standardizes it into f32.
   * @throws {@link StepErrorCode}
   */
  normalize<K extends NormalizeKind = 'minmax'>(options: NormalizeOptions<K> = {}): Retyped<this, K extends 'zscore' ? 'f32' : T> {
    return this.applyKernel('normalize', options) as never
  }

  /**
   * Converts to another pixel type (in `ImageBuffers`, within the same buffers);
   * with `abs: true`, OpenCV's `convertScaleAbs` into u8.
   * @throws `ERR_PIXCHAIN_CAPACITY` in `ImageBuffers` when the converted frame is larger than the buffers (`maxType`).
   */
  convert<To extends PixelType = T, A extends boolean = false>(options: ConvertOptions<To, A> = {}): Retyped<this, A extends true ? 'u8' : To> {
    return this.applyKernel('convert', options) as never
  }

  /**
   * Gaussian blur.
   * @throws {@link StepErrorCode}
   */
  gaussianBlur(options: GaussianBlurOptions): this {
    return this.applyKernel('gaussianBlur', options)
  }

  /**
   * Mean over a box window.
   * @throws {@link StepErrorCode}
   */
  boxBlur(options: BoxBlurOptions = {}): this {
    return this.applyKernel('boxBlur', options)
  }

  /**
   * A first derivative into i16 or f32 (in `ImageBuffers`, within the same buffers: see `maxType`).
   * @throws {@link StepErrorCode}
   */
  sobel<To extends 'i16' | 'f32' = T extends 'u8' ? 'i16' : 'f32'>(options: SobelOptions<To> = {}): Retyped<this, To> {
    return this.applyKernel('sobel', options) as never
  }

  /**
   * Correlates with a user kernel.
   * @throws {@link StepErrorCode}
   */
  convolve<To extends PixelType = T>(options: ConvolveOptions<To> = {}): Retyped<this, To> {
    return this.applyKernel('convolve', options) as never
  }

  /**
   * Median blur over a square window.
   * @throws {@link StepErrorCode}
   */
  medianBlur(options: MedianBlurOptions = {}): this {
    return this.applyKernel('medianBlur', options)
  }

  /**
   * Erosion: the least sample under the structuring element (a row-local step; a `Pipeline` streams it).
   * @throws {@link StepErrorCode}
   */
  erode(options: ErodeOptions = {}): this {
    return this.applyKernel('erode', options)
  }

  /**
   * Dilation: the greatest sample under the structuring element (a row-local step; a `Pipeline` streams it).
   * @throws {@link StepErrorCode}
   */
  dilate(options: DilateOptions = {}): this {
    return this.applyKernel('dilate', options)
  }

  /**
   * OpenCV's `morphologyEx` (`open`, `close`, `gradient`, `tophat`, `blackhat`): one row-local
   * step that a `Pipeline` streams, its passes chained through row buffers.
   * @throws {@link StepErrorCode}
   */
  morphology(options: MorphologyOptions): this {
    return this.applyKernel('morphology', options)
  }

  /**
   * The Laplacian, into i16 or f32 (in `ImageBuffers`, within the same buffers: see `maxType`).
   * @throws {@link StepErrorCode}
   */
  laplacian<To extends 'i16' | 'f32' = T extends 'u8' ? 'i16' : 'f32'>(options: LaplacianOptions<To> = {}): Retyped<this, To> {
    return this.applyKernel('laplacian', options) as never
  }

  /**
   * A first derivative with Scharr's kernels, into i16 or f32 (in `ImageBuffers`, within the same buffers: see `maxType`).
   * @throws {@link StepErrorCode}
   */
  scharr<To extends 'i16' | 'f32' = T extends 'u8' ? 'i16' : 'f32'>(options: ScharrOptions<To> = {}): Retyped<this, To> {
    return this.applyKernel('scharr', options) as never
  }

  /**
   * Histogram equalization of a one-channel u8 frame (a whole-frame step).
   * @throws {@link StepErrorCode}; `ERR_PIXCHAIN_TYPE` for other pixel types.
   */
  equalizeHist(): this {
    return this.applyKernel('equalizeHist', {})
  }

  /**
   * CLAHE of a one-channel u8 or u16 frame (a whole-frame step).
   * @throws {@link StepErrorCode}; `ERR_PIXCHAIN_TYPE` for other pixel types.
   */
  clahe(options: ClaheOptions = {}): this {
    return this.applyKernel('clahe', options)
  }

  /**
   * Mirrors the frame; a horizontal flip streams in a `Pipeline`.
   * @throws {@link StepErrorCode}
   */
  flip(options: FlipOptions = {}): this {
    return this.applyKernel('flip', options)
  }

  /**
   * Turns the frame clockwise by 90, 180 or 270 degrees; a quarter turn swaps width and height.
   * @throws {@link StepErrorCode}
   */
  rotate(options: RotateOptions = {}): this {
    return this.applyKernel('rotate', options)
  }

  /**
   * Rows become columns: width and height swap.
   * @throws {@link StepErrorCode}
   */
  transpose(): this {
    return this.applyKernel('transpose', {})
  }

  /**
   * Frames the frame by a border (`copyMakeBorder`). In `ImageBuffers`, the
   * padded frame must fit the buffers (`ERR_PIXCHAIN_CAPACITY`).
   * @throws {@link StepErrorCode}
   */
  pad(options: PadOptions = {}): this {
    return this.applyKernel('pad', options)
  }

  /**
   * Keeps the rectangle `options` of the frame.
   * @throws {@link StepErrorCode}
   */
  crop(options: CropOptions = {}): this {
    return this.applyKernel('crop', options)
  }

  /**
   * One channel of the frame (in `ImageBuffers`, within the same buffers).
   * @throws {@link StepErrorCode}
   */
  extractChannel(options: ExtractChannelOptions = {}): this {
    return this.applyKernel('extractChannel', options)
  }

  /**
   * The channels in a new order, repeated or dropped (in `ImageBuffers`, within the same buffers).
   * @throws {@link StepErrorCode}
   */
  reorderChannels(options: ReorderChannelsOptions = {}): this {
    return this.applyKernel('reorderChannels', options)
  }

  /**
   * Resizes to `width × height`: a whole-frame step in a `Pipeline`; in
   * `ImageBuffers`, a larger frame than the buffers hold is `ERR_PIXCHAIN_CAPACITY`.
   * @throws {@link StepErrorCode}
   */
  resize(options: ResizeOptions): this {
    return this.applyKernel('resize', options)
  }

  /**
   * A model's f32 input, `(x·scale − mean[c]) / std[c]`: with `layout: 'chw'`
   * (the default) the channels' planes one after another, a whole-frame step
   * in a `Pipeline`; with `'hwc'`, interleaved and streamed.
   * @throws {@link StepErrorCode}
   */
  toTensor(options: ToTensorOptions = {}): Retyped<this, 'f32'> {
    return this.applyKernel('toTensor', options) as never
  }
}
