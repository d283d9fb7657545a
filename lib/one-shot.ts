// Every kernel as one function call over caller-owned frames: first the
// one-image kernels, then the two-image ones.

import type {
  AddWeightedOptions,
  BoxBlurOptions,
  ClipOptions,
  ConvertOptions,
  ConvolveOptions,
  GammaOptions,
  GaussianBlurOptions,
  GrayscaleOptions,
  InvertOptions,
  LinearOptions,
  MedianBlurOptions,
  MultiplyOptions,
  NormalizeOptions,
  ResizeOptions,
  SobelOptions,
  ThresholdOptions,
} from './kernel-options'
import { native, nativeBinaryOp, nativeOpFields, nativePixelType, nativeSpec, specValues } from './native'
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
  const [width, height, channels, type] = specValues(spec)
  native.runKernel(index, values, input, output, width, height, channels, nativePixelType(type))
}

// One-shot kernels, in OpenCV's style: read `input`, a frame of `spec`, in
// place and write `output` in place. The output must not share memory with
// the input (`ERR_PIXCHAIN_ALIAS`); on any error it is left untouched.

/**
 * Clamps every sample of `input` into `[min, max]`, written to `output`.
 * @throws {@link OneShotErrorCode}
 */
export function clip<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: ClipOptions = {}): T {
  oneShot('clip', input, output, spec, options)
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
 * `input` resized to `options.width × options.height` into `output`, a
 * frame of that size with the input's channels and type.
 * @throws {@link OneShotErrorCode}
 */
export function resize<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: ResizeOptions): T {
  oneShot('resize', input, output, spec, options)
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
