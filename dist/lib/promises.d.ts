import type { ThresholdOptions, ToTensorOptions } from './kernel-options';
import { type HistogramOptions, type Stats } from './measure';
import type { ImageSpec, LooseImageSpec, PixelArray, RunAsyncOptions } from './types';
declare const clipMinMax: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: import("./kernel-options").ClipOptions | import("./kernel-options").PercentileClipOptions | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `clip` on the thread pool (by percentiles too); resolves to `output`. */
export declare const clip: typeof clipMinMax;
/** `linear` on the thread pool; resolves to `output`. */
export declare const linear: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: import("./kernel-options").LinearOptions | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `threshold` on the thread pool; resolves to `output`. */
export declare const threshold: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: ThresholdOptions | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `invert` on the thread pool; resolves to `output`. */
export declare const invert: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: import("./kernel-options").InvertOptions | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `gamma` on the thread pool; resolves to `output`. */
export declare const gamma: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: import("./kernel-options").GammaOptions | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `grayscale` on the thread pool; resolves to `output`. */
export declare const grayscale: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: import("./kernel-options").GrayscaleOptions | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `normalize` on the thread pool; resolves to `output`. */
export declare const normalize: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: import("./kernel-options").NormalizeOptions<import("./kernel-options").NormalizeKind> | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `convert` on the thread pool; resolves to `output`. */
export declare const convert: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: import("./kernel-options").ConvertOptions<import("./types").PixelType, boolean> | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `gaussianBlur` on the thread pool; resolves to `output`. */
export declare const gaussianBlur: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: import("./kernel-options").GaussianBlurOptions, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `boxBlur` on the thread pool; resolves to `output`. */
export declare const boxBlur: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: import("./kernel-options").BoxBlurOptions | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `sobel` on the thread pool; resolves to `output`. */
export declare const sobel: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: import("./kernel-options").SobelOptions<"i16" | "f32"> | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `convolve` on the thread pool; resolves to `output`. */
export declare const convolve: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: import("./kernel-options").ConvolveOptions<import("./types").PixelType> | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `medianBlur` on the thread pool; resolves to `output`. */
export declare const medianBlur: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: import("./kernel-options").MedianBlurOptions | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `erode` on the thread pool; resolves to `output`. */
export declare const erode: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: import("./kernel-options").ErodeOptions | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `dilate` on the thread pool; resolves to `output`. */
export declare const dilate: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: import("./kernel-options").DilateOptions | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `morphology` on the thread pool; resolves to `output`. */
export declare const morphology: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: import("./kernel-options").MorphologyOptions, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `laplacian` on the thread pool; resolves to `output`. */
export declare const laplacian: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: import("./kernel-options").LaplacianOptions<"i16" | "f32"> | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `scharr` on the thread pool; resolves to `output`. */
export declare const scharr: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: import("./kernel-options").ScharrOptions<"i16" | "f32"> | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `equalizeHist` on the thread pool; resolves to `output`. */
export declare const equalizeHist: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `clahe` on the thread pool; resolves to `output`. */
export declare const clahe: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: import("./kernel-options").ClaheOptions | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `flip` on the thread pool; resolves to `output`. */
export declare const flip: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: import("./kernel-options").FlipOptions | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `rotate` on the thread pool; resolves to `output`. */
export declare const rotate: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: import("./kernel-options").RotateOptions | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `transpose` on the thread pool; resolves to `output`. */
export declare const transpose: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `pad` on the thread pool; resolves to `output`. */
export declare const pad: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: import("./kernel-options").PadOptions | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `crop` on the thread pool; resolves to `output`. */
export declare const crop: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: import("./kernel-options").CropOptions | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `resize` on the thread pool; resolves to `output`. */
export declare const resize: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: import("./kernel-options").ResizeOptions, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `toTensor` on the thread pool; resolves to `output`. */
export declare const toTensor: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: ToTensorOptions | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
/**
 * `toTensorBatch` on the thread pool, one frame after the other; resolves to
 * `output`. Every frame is checked before the first runs; once the first
 * has started, the batch completes.
 */
export declare function toTensorBatch<T extends Float32Array>(inputs: readonly PixelArray[], output: T, spec: ImageSpec | LooseImageSpec, options?: ToTensorOptions, run?: RunAsyncOptions): Promise<T>;
/** `add` on the thread pool; resolves to `output`. */
export declare const add: <T extends PixelArray>(a: PixelArray, b: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `subtract` on the thread pool; resolves to `output`. */
export declare const subtract: <T extends PixelArray>(a: PixelArray, b: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `absdiff` on the thread pool; resolves to `output`. */
export declare const absdiff: <T extends PixelArray>(a: PixelArray, b: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `multiply` on the thread pool; resolves to `output`. */
export declare const multiply: <T extends PixelArray>(a: PixelArray, b: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: import("./kernel-options").MultiplyOptions | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `addWeighted` on the thread pool; resolves to `output`. */
export declare const addWeighted: <T extends PixelArray>(a: PixelArray, b: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: import("./kernel-options").AddWeightedOptions | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `otsuThreshold` on the thread pool; resolves to Otsu's level. */
export declare function otsuThreshold(input: PixelArray, spec: ImageSpec | LooseImageSpec, run?: RunAsyncOptions): Promise<number>;
/**
 * `thresholdOtsu` on the thread pool; resolves to the level it chose. Otsu's
 * level, then the threshold at it, in one run over one copy of the input (a
 * second call would read the input again after the first settled, when it
 * may have been moved).
 */
export declare function thresholdOtsu(input: PixelArray, output: PixelArray, spec: ImageSpec | LooseImageSpec, options?: Omit<ThresholdOptions, 'thresh'>, run?: RunAsyncOptions): Promise<number>;
/** `stats` on the thread pool, over a copy of `input`; resolves to the figures. */
export declare function stats(input: PixelArray, spec: ImageSpec | LooseImageSpec, run?: RunAsyncOptions): Promise<Stats>;
/** `histogram` on the thread pool, over a copy of `input`; resolves to one Uint32Array per channel. */
export declare function histogram(input: PixelArray, spec: ImageSpec | LooseImageSpec, options?: HistogramOptions, run?: RunAsyncOptions): Promise<Uint32Array[]>;
/** `percentiles` on the thread pool, over a copy of `input`; resolves to the values per channel. */
export declare function percentiles(input: PixelArray, spec: ImageSpec | LooseImageSpec, percentiles: readonly number[], run?: RunAsyncOptions): Promise<number[][]>;
/** `extractChannel` on the thread pool; resolves to `output`. */
export declare const extractChannel: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: import("./kernel-options").ExtractChannelOptions | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `reorderChannels` on the thread pool; resolves to `output`. */
export declare const reorderChannels: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: import("./kernel-options").ReorderChannelsOptions | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
/** `mergeChannels` on the thread pool over copies of the planes; resolves to `output`. */
export declare function mergeChannels<T extends PixelArray>(inputs: readonly PixelArray[], output: T, spec: ImageSpec | LooseImageSpec, run?: RunAsyncOptions): Promise<T>;
export {};
