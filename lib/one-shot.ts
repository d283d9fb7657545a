// Every kernel as one function call over caller-owned frames: first the
// one-image kernels, then the two-image ones.

import type {
  AddWeightedOptions,
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
  MultiplyOptions,
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
import { native, nativeBinaryOp, nativeOpFields, nativePixelType, nativeSpec, specValues } from './native'
import { checkedBatch, frameSamples } from './batch'
import { describe, pixchainError } from './errors'
import type { BinaryOpName, OpName } from './options'
import type { ImageSpec, LooseImageSpec, PixelArray } from './types'

/**
 * The codes a one-shot kernel throws: `ERR_PIXCHAIN_SPEC`,
 * `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the
 * frames; `ERR_PIXCHAIN_PARAM` for an option out of range. On any error the
 * output is left untouched.
 */
export type OneShotErrorCode = 'ERR_PIXCHAIN_SPEC' | 'ERR_PIXCHAIN_LENGTH' | 'ERR_PIXCHAIN_TYPE' | 'ERR_PIXCHAIN_ALIAS' | 'ERR_PIXCHAIN_PARAM'

function oneShot(op: OpName, input: PixelArray, output: PixelArray, spec: ImageSpec | LooseImageSpec, options: unknown): void {
  const [index, values] = nativeOpFields(op, options)
  const [width, height, channels, type, stride] = specValues(spec)
  // Each option a plain argument, not spread: V8 calls the addon directly
  // only from a call with a fixed number of arguments.
  const [v0, v1, v2, v3, v4, v5, v6] = values
  native.runKernel(index, input, output, width, height, channels, nativePixelType(type), stride, v0, v1, v2, v3, v4, v5, v6)
}

// One-shot kernels, in OpenCV's style: read `input`, a frame of `spec`, in
// place and write `output` in place. The output must not share memory with
// the input (`ERR_PIXCHAIN_ALIAS`); on any error it is left untouched.

/**
 * Clamps every sample of `input` into `[min, max]`, written to `output`;
 * with `percentiles`, each channel between the values at two of its own
 * percentiles (see {@link PercentileClipOptions}).
 * @throws {@link OneShotErrorCode}
 */
export function clip<T extends PixelArray>(
  input: PixelArray,
  output: T,
  spec: ImageSpec | LooseImageSpec,
  options: ClipOptions | PercentileClipOptions = {},
): T {
  oneShot(clipKernel(options), input, output, spec, options)
  return output
}

/**
 * `output = saturate(a·input + b)`.
 * @throws {@link OneShotErrorCode}
 */
export function linear<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: LinearOptions = {}): T {
  oneShot('linear', input, output, spec, options)
  return output
}

/**
 * OpenCV's fixed-level threshold of `input` into `output`.
 * @throws {@link OneShotErrorCode}
 */
export function threshold<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: ThresholdOptions = {}): T {
  oneShot('threshold', input, output, spec, options)
  return output
}

/**
 * `output = saturate(min + max − input)`; see {@link InvertOptions}.
 * @throws {@link OneShotErrorCode}
 */
export function invert<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: InvertOptions = {}): T {
  oneShot('invert', input, output, spec, options)
  return output
}

/**
 * `output = input^γ` over the type's range; see {@link GammaOptions}.
 * @throws {@link OneShotErrorCode}
 */
export function gamma<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: GammaOptions = {}): T {
  oneShot('gamma', input, output, spec, options)
  return output
}

/**
 * Luma of `input`, a 3- or 4-channel frame of `spec`, into the 1-channel `output`.
 * @throws {@link OneShotErrorCode}
 */
export function grayscale<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: GrayscaleOptions = {}): T {
  oneShot('grayscale', input, output, spec, options)
  return output
}

/**
 * Normalizes `input` into `output` (same type for minmax, Float32Array for zscore).
 * @throws {@link OneShotErrorCode}
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
  return native.otsuThreshold(input, nativeSpec(spec))
}

/** `threshold` at Otsu's level of `input` (u8); returns the level it chose. */
export function thresholdOtsu(input: PixelArray, output: PixelArray, spec: ImageSpec | LooseImageSpec, options: Omit<ThresholdOptions, 'thresh'> = {}): number {
  const thresh = otsuThreshold(input, spec)
  threshold(input, output, spec, { ...options, thresh })
  return thresh
}

/**
 * Converts `input`, a frame of `spec`, into `output` of pixel type `options.type` (default the input's).
 * @throws {@link OneShotErrorCode}
 */
export function convert<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: ConvertOptions = {}): T {
  oneShot('convert', input, output, spec, options)
  return output
}

/**
 * Gaussian blur of `input` into `output`.
 * @throws {@link OneShotErrorCode}
 */
export function gaussianBlur<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: GaussianBlurOptions): T {
  oneShot('gaussianBlur', input, output, spec, options)
  return output
}

/**
 * Box (mean) blur of `input` into `output`.
 * @throws {@link OneShotErrorCode}
 */
export function boxBlur<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: BoxBlurOptions = {}): T {
  oneShot('boxBlur', input, output, spec, options)
  return output
}

/**
 * Sobel derivative of `input` into `output` (Int16Array or Float32Array).
 * @throws {@link OneShotErrorCode}
 */
export function sobel<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: SobelOptions = {}): T {
  oneShot('sobel', input, output, spec, options)
  return output
}

/**
 * `input` correlated with a user kernel, into `output`.
 * @throws {@link OneShotErrorCode}
 */
export function convolve<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: ConvolveOptions = {}): T {
  oneShot('convolve', input, output, spec, options)
  return output
}

/**
 * Median blur of `input` into `output`.
 * @throws {@link OneShotErrorCode}
 */
export function medianBlur<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: MedianBlurOptions = {}): T {
  oneShot('medianBlur', input, output, spec, options)
  return output
}

/**
 * Erosion of `input` into `output`: each sample the least under the structuring element (OpenCV's `erode`).
 * @throws {@link OneShotErrorCode}
 */
export function erode<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: ErodeOptions = {}): T {
  oneShot('erode', input, output, spec, options)
  return output
}

/**
 * Dilation of `input` into `output`: each sample the greatest under the structuring element (OpenCV's `dilate`).
 * @throws {@link OneShotErrorCode}
 */
export function dilate<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: DilateOptions = {}): T {
  oneShot('dilate', input, output, spec, options)
  return output
}

/**
 * OpenCV's `morphologyEx` of `input` into `output`: `open`, `close`, `gradient`, `tophat`, `blackhat` (or `erode`, `dilate`).
 * @throws {@link OneShotErrorCode}
 */
export function morphology<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: MorphologyOptions): T {
  oneShot('morphology', input, output, spec, options)
  return output
}

/**
 * Laplacian of `input` into `output` (Int16Array or Float32Array).
 * @throws {@link OneShotErrorCode}
 */
export function laplacian<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: LaplacianOptions = {}): T {
  oneShot('laplacian', input, output, spec, options)
  return output
}

/**
 * Scharr derivative of `input` into `output` (Int16Array or Float32Array).
 * @throws {@link OneShotErrorCode}
 */
export function scharr<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: ScharrOptions = {}): T {
  oneShot('scharr', input, output, spec, options)
  return output
}

/**
 * Histogram equalization of `input`, a one-channel u8 frame, into `output`, as OpenCV's `equalizeHist`.
 * @throws {@link OneShotErrorCode}; `ERR_PIXCHAIN_TYPE` for other pixel types, `ERR_PIXCHAIN_SHAPE` for more channels.
 */
export function equalizeHist<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec): T {
  oneShot('equalizeHist', input, output, spec, {})
  return output
}

/**
 * CLAHE of `input`, a one-channel u8 or u16 frame, into `output`, as OpenCV's `createCLAHE(...).apply`.
 * @throws {@link OneShotErrorCode}; `ERR_PIXCHAIN_TYPE` for other pixel types, `ERR_PIXCHAIN_SHAPE` for more channels.
 */
export function clahe<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: ClaheOptions = {}): T {
  oneShot('clahe', input, output, spec, options)
  return output
}

// Geometry: the output's sides may differ from the input's (rotate, transpose,
// pad, crop); `output` holds a frame of the sides the step makes.

/**
 * Mirrors `input` into `output` (same spec), as OpenCV's `flip`.
 * @throws {@link OneShotErrorCode}
 */
export function flip<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: FlipOptions = {}): T {
  oneShot('flip', input, output, spec, options)
  return output
}

/**
 * Turns `input` clockwise by 90, 180 or 270 degrees into `output`, which is
 * `height` wide and `width` high for a quarter turn; OpenCV's `rotate`.
 * @throws {@link OneShotErrorCode}
 */
export function rotate<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: RotateOptions = {}): T {
  oneShot('rotate', input, output, spec, options)
  return output
}

/**
 * Rows of `input` become columns of `output`, `height` wide and `width` high; OpenCV's `transpose`.
 * @throws {@link OneShotErrorCode}
 */
export function transpose<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec): T {
  oneShot('transpose', input, output, spec, {})
  return output
}

/**
 * `input` framed by a border into `output`, `left + width + right` by
 * `top + height + bottom`; OpenCV's `copyMakeBorder`.
 * @throws {@link OneShotErrorCode}
 */
export function pad<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: PadOptions = {}): T {
  oneShot('pad', input, output, spec, options)
  return output
}

/**
 * Copies the rectangle `options` of `input` into `output`, a frame of its
 * size.
 * @throws {@link OneShotErrorCode}
 */
export function crop<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: CropOptions = {}): T {
  oneShot('crop', input, output, spec, options)
  return output
}

/**
 * `input` resized to `options.width × options.height` into `output`, a
 * frame of that size with the input's channels and type.
 * @throws {@link OneShotErrorCode}
 */
export function resize<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: ResizeOptions): T {
  oneShot('resize', input, output, spec, options)
  return output
}

/**
 * `input` as a model's f32 input in `output` (a Float32Array of width ×
 * height × channels): `(x·scale − mean[c]) / std[c]`, planar (CHW) or
 * interleaved (HWC).
 * @throws {@link OneShotErrorCode}
 */
export function toTensor(input: PixelArray, output: Float32Array, spec: ImageSpec | LooseImageSpec, options: ToTensorOptions = {}): Float32Array {
  oneShot('toTensor', input, output, spec, options)
  return output
}

/**
 * `toTensor` over a batch: frame `i` of `inputs` (each a frame of `spec`,
 * all one kind and length) into the `i`-th `width × height × channels`
 * samples of `output` — with `layout: 'chw'`, a model's NCHW input. Every
 * frame is checked before the first is written: a refused batch writes nothing.
 * @throws {@link OneShotErrorCode}
 */
export function toTensorBatch(inputs: readonly PixelArray[], output: Float32Array, spec: ImageSpec | LooseImageSpec, options: ToTensorOptions = {}): Float32Array {
  const parts = checkedBatch(inputs, output, frameSamples(spec))
  inputs.forEach((input, i) => oneShot('toTensor', input, parts[i]!, spec, options))
  return output
}

function twoImages(op: BinaryOpName, a: PixelArray, b: PixelArray, output: PixelArray, spec: ImageSpec | LooseImageSpec, options: unknown): void {
  native.runBinaryKernel(nativeBinaryOp(op, options), a, b, output, nativeSpec(spec))
}

// Two-image kernels, saturating like OpenCV: `a` and `b` are frames of
// `spec`; `output` must share memory with neither.

/**
 * `output = saturate(a + b)`.
 * @throws {@link OneShotErrorCode}
 */
export function add<T extends PixelArray>(a: PixelArray, b: PixelArray, output: T, spec: ImageSpec | LooseImageSpec): T {
  twoImages('add', a, b, output, spec, {})
  return output
}

/**
 * `output = saturate(a − b)`.
 * @throws {@link OneShotErrorCode}
 */
export function subtract<T extends PixelArray>(a: PixelArray, b: PixelArray, output: T, spec: ImageSpec | LooseImageSpec): T {
  twoImages('subtract', a, b, output, spec, {})
  return output
}

/**
 * `output = saturate(|a − b|)`.
 * @throws {@link OneShotErrorCode}
 */
export function absdiff<T extends PixelArray>(a: PixelArray, b: PixelArray, output: T, spec: ImageSpec | LooseImageSpec): T {
  twoImages('absdiff', a, b, output, spec, {})
  return output
}

/**
 * `output = saturate(scale·a·b)`.
 * @throws {@link OneShotErrorCode}
 */
export function multiply<T extends PixelArray>(a: PixelArray, b: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: MultiplyOptions = {}): T {
  twoImages('multiply', a, b, output, spec, options)
  return output
}

/**
 * `output = saturate(alpha·a + beta·b + gamma)`.
 * @throws {@link OneShotErrorCode}
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

// Channel moves: samples keep their values, only their places change.

/**
 * Channel `options.channel` of `input`, a frame of `spec`, into the 1-channel `output`.
 * @throws {@link OneShotErrorCode}
 */
export function extractChannel<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: ExtractChannelOptions = {}): T {
  oneShot('extractChannel', input, output, spec, options)
  return output
}

/**
 * `input`'s channels in `options.order` into `output` (`order.length` channels).
 * @throws {@link OneShotErrorCode}
 */
export function reorderChannels<T extends PixelArray>(
  input: PixelArray,
  output: T,
  spec: ImageSpec | LooseImageSpec,
  options: ReorderChannelsOptions = {},
): T {
  oneShot('reorderChannels', input, output, spec, options)
  return output
}

/**
 * Interleaves `inputs`, 1–4 one-channel frames of `spec`, into `output`
 * (`inputs.length` channels), as OpenCV's `merge`.
 * @throws {@link OneShotErrorCode}
 */
export function mergeChannels<T extends PixelArray>(inputs: readonly PixelArray[], output: T, spec: ImageSpec | LooseImageSpec): T {
  native.mergeChannels(planesOf(inputs), output, nativeSpec(spec))
  return output
}

/** The planes of `mergeChannels` as a plain array (`ERR_PIXCHAIN_PARAM` otherwise). */
export function planesOf(inputs: unknown): PixelArray[] {
  if (!Array.isArray(inputs)) {
    throw pixchainError('ERR_PIXCHAIN_PARAM', `inputs: expected an array of one-channel frames, got ${describe(inputs)}`)
  }
  return Array.from(inputs as PixelArray[])
}
