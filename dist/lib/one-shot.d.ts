import type { AddWeightedOptions, BoxBlurOptions, ClipOptions, ConvertOptions, ConvolveOptions, ExtractChannelOptions, GammaOptions, GaussianBlurOptions, GrayscaleOptions, InvertOptions, LinearOptions, MedianBlurOptions, MultiplyOptions, NormalizeOptions, PercentileClipOptions, ResizeOptions, ToTensorOptions, SobelOptions, ThresholdOptions, DilateOptions, ErodeOptions, MorphologyOptions } from './kernel-options';
import type { ClaheOptions, LaplacianOptions, ScharrOptions } from './kernel-options';
import type { CropOptions, FlipOptions, PadOptions, RotateOptions } from './kernel-options';
import type { ReorderChannelsOptions } from './kernel-options';
import type { ImageSpec, LooseImageSpec, PixelArray } from './types';
/**
 * The codes a one-shot kernel throws: `ERR_PIXCHAIN_SPEC`,
 * `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the
 * frames; `ERR_PIXCHAIN_PARAM` for an option out of range. On any error the
 * output is left untouched.
 */
export type OneShotErrorCode = 'ERR_PIXCHAIN_SPEC' | 'ERR_PIXCHAIN_LENGTH' | 'ERR_PIXCHAIN_TYPE' | 'ERR_PIXCHAIN_ALIAS' | 'ERR_PIXCHAIN_PARAM';
/**
 * Clamps every sample of `input` into `[min, max]`, written to `output`;
 * with `percentiles`, each channel between the values at two of its own
 * percentiles (see {@link PercentileClipOptions}).
 * @throws {@link OneShotErrorCode}
 */
export declare function clip<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: ClipOptions | PercentileClipOptions): T;
/**
 * `output = saturate(a·input + b)`.
 * @throws {@link OneShotErrorCode}
 */
export declare function linear<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: LinearOptions): T;
/**
 * OpenCV's fixed-level threshold of `input` into `output`.
 * @throws {@link OneShotErrorCode}
 */
export declare function threshold<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: ThresholdOptions): T;
/**
 * `output = saturate(min + max − input)`; see {@link InvertOptions}.
 * @throws {@link OneShotErrorCode}
 */
export declare function invert<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: InvertOptions): T;
/**
 * `output = input^γ` over the type's range; see {@link GammaOptions}.
 * @throws {@link OneShotErrorCode}
 */
export declare function gamma<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: GammaOptions): T;
/**
 * Luma of `input`, a 3- or 4-channel frame of `spec`, into the 1-channel `output`.
 * @throws {@link OneShotErrorCode}
 */
export declare function grayscale<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: GrayscaleOptions): T;
/**
 * Normalizes `input` into `output` (same type for minmax, Float32Array for zscore).
 * @throws {@link OneShotErrorCode}
 */
export declare function normalize<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: NormalizeOptions): T;
/**
 * Otsu's threshold of `input`, a u8 frame of `spec`: the level that best
 * separates its histogram into two classes, as OpenCV's `THRESH_OTSU`.
 * @throws `ERR_PIXCHAIN_TYPE` for other pixel types.
 */
export declare function otsuThreshold(input: PixelArray, spec: ImageSpec | LooseImageSpec): number;
/** `threshold` at Otsu's level of `input` (u8); returns the level it chose. */
export declare function thresholdOtsu(input: PixelArray, output: PixelArray, spec: ImageSpec | LooseImageSpec, options?: Omit<ThresholdOptions, 'thresh'>): number;
/**
 * Converts `input`, a frame of `spec`, into `output` of pixel type `options.type` (default the input's).
 * @throws {@link OneShotErrorCode}
 */
export declare function convert<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: ConvertOptions): T;
/**
 * Gaussian blur of `input` into `output`.
 * @throws {@link OneShotErrorCode}
 */
export declare function gaussianBlur<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: GaussianBlurOptions): T;
/**
 * Box (mean) blur of `input` into `output`.
 * @throws {@link OneShotErrorCode}
 */
export declare function boxBlur<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: BoxBlurOptions): T;
/**
 * Sobel derivative of `input` into `output` (Int16Array or Float32Array).
 * @throws {@link OneShotErrorCode}
 */
export declare function sobel<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: SobelOptions): T;
/**
 * `input` correlated with a user kernel, into `output`.
 * @throws {@link OneShotErrorCode}
 */
export declare function convolve<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: ConvolveOptions): T;
/**
 * Median blur of `input` into `output`.
 * @throws {@link OneShotErrorCode}
 */
export declare function medianBlur<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: MedianBlurOptions): T;
/**
 * Erosion of `input` into `output`: each sample the least under the structuring element (OpenCV's `erode`).
 * @throws {@link OneShotErrorCode}
 */
export declare function erode<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: ErodeOptions): T;
/**
 * Dilation of `input` into `output`: each sample the greatest under the structuring element (OpenCV's `dilate`).
 * @throws {@link OneShotErrorCode}
 */
export declare function dilate<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: DilateOptions): T;
/**
 * OpenCV's `morphologyEx` of `input` into `output`: `open`, `close`, `gradient`, `tophat`, `blackhat` (or `erode`, `dilate`).
 * @throws {@link OneShotErrorCode}
 */
export declare function morphology<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: MorphologyOptions): T;
/**
 * Laplacian of `input` into `output` (Int16Array or Float32Array).
 * @throws {@link OneShotErrorCode}
 */
export declare function laplacian<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: LaplacianOptions): T;
/**
 * Scharr derivative of `input` into `output` (Int16Array or Float32Array).
 * @throws {@link OneShotErrorCode}
 */
export declare function scharr<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: ScharrOptions): T;
/**
 * Histogram equalization of `input`, a one-channel u8 frame, into `output`, as OpenCV's `equalizeHist`.
 * @throws {@link OneShotErrorCode}; `ERR_PIXCHAIN_TYPE` for other pixel types, `ERR_PIXCHAIN_SHAPE` for more channels.
 */
export declare function equalizeHist<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec): T;
/**
 * CLAHE of `input`, a one-channel u8 or u16 frame, into `output`, as OpenCV's `createCLAHE(...).apply`.
 * @throws {@link OneShotErrorCode}; `ERR_PIXCHAIN_TYPE` for other pixel types, `ERR_PIXCHAIN_SHAPE` for more channels.
 */
export declare function clahe<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: ClaheOptions): T;
/**
 * Mirrors `input` into `output` (same spec), as OpenCV's `flip`.
 * @throws {@link OneShotErrorCode}
 */
export declare function flip<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: FlipOptions): T;
/**
 * Turns `input` clockwise by 90, 180 or 270 degrees into `output`, which is
 * `height` wide and `width` high for a quarter turn; OpenCV's `rotate`.
 * @throws {@link OneShotErrorCode}
 */
export declare function rotate<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: RotateOptions): T;
/**
 * Rows of `input` become columns of `output`, `height` wide and `width` high; OpenCV's `transpose`.
 * @throws {@link OneShotErrorCode}
 */
export declare function transpose<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec): T;
/**
 * `input` framed by a border into `output`, `left + width + right` by
 * `top + height + bottom`; OpenCV's `copyMakeBorder`.
 * @throws {@link OneShotErrorCode}
 */
export declare function pad<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: PadOptions): T;
/**
 * Copies the rectangle `options` of `input` into `output`, a frame of its
 * size.
 * @throws {@link OneShotErrorCode}
 */
export declare function crop<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: CropOptions): T;
/**
 * `input` resized to `options.width × options.height` into `output`, a
 * frame of that size with the input's channels and type.
 * @throws {@link OneShotErrorCode}
 */
export declare function resize<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: ResizeOptions): T;
/**
 * `input` as a model's f32 input in `output` (a Float32Array of width ×
 * height × channels): `(x·scale − mean[c]) / std[c]`, planar (CHW) or
 * interleaved (HWC).
 * @throws {@link OneShotErrorCode}
 */
export declare function toTensor(input: PixelArray, output: Float32Array, spec: ImageSpec | LooseImageSpec, options?: ToTensorOptions): Float32Array;
/**
 * `toTensor` over a batch: frame `i` of `inputs` (each a frame of `spec`,
 * all one kind and length) into the `i`-th `width × height × channels`
 * samples of `output` — with `layout: 'chw'`, a model's NCHW input. Every
 * frame is checked before the first is written: a refused batch writes nothing.
 * @throws {@link OneShotErrorCode}
 */
export declare function toTensorBatch(inputs: readonly PixelArray[], output: Float32Array, spec: ImageSpec | LooseImageSpec, options?: ToTensorOptions): Float32Array;
/**
 * `output = saturate(a + b)`.
 * @throws {@link OneShotErrorCode}
 */
export declare function add<T extends PixelArray>(a: PixelArray, b: PixelArray, output: T, spec: ImageSpec | LooseImageSpec): T;
/**
 * `output = saturate(a − b)`.
 * @throws {@link OneShotErrorCode}
 */
export declare function subtract<T extends PixelArray>(a: PixelArray, b: PixelArray, output: T, spec: ImageSpec | LooseImageSpec): T;
/**
 * `output = saturate(|a − b|)`.
 * @throws {@link OneShotErrorCode}
 */
export declare function absdiff<T extends PixelArray>(a: PixelArray, b: PixelArray, output: T, spec: ImageSpec | LooseImageSpec): T;
/**
 * `output = saturate(scale·a·b)`.
 * @throws {@link OneShotErrorCode}
 */
export declare function multiply<T extends PixelArray>(a: PixelArray, b: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: MultiplyOptions): T;
/**
 * `output = saturate(alpha·a + beta·b + gamma)`.
 * @throws {@link OneShotErrorCode}
 */
export declare function addWeighted<T extends PixelArray>(a: PixelArray, b: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: AddWeightedOptions): T;
/**
 * Channel `options.channel` of `input`, a frame of `spec`, into the 1-channel `output`.
 * @throws {@link OneShotErrorCode}
 */
export declare function extractChannel<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: ExtractChannelOptions): T;
/**
 * `input`'s channels in `options.order` into `output` (`order.length` channels).
 * @throws {@link OneShotErrorCode}
 */
export declare function reorderChannels<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: ReorderChannelsOptions): T;
/**
 * Interleaves `inputs`, 1–4 one-channel frames of `spec`, into `output`
 * (`inputs.length` channels), as OpenCV's `merge`.
 * @throws {@link OneShotErrorCode}
 */
export declare function mergeChannels<T extends PixelArray>(inputs: readonly PixelArray[], output: T, spec: ImageSpec | LooseImageSpec): T;
/** The planes of `mergeChannels` as a plain array (`ERR_PIXCHAIN_PARAM` otherwise). */
export declare function planesOf(inputs: unknown): PixelArray[];
