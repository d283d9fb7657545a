import type { ThresholdOptions } from './kernel-options';
import type { ImageSpec, LooseImageSpec, PixelArray, RunAsyncOptions } from './types';
/** `clip` on the thread pool; resolves to `output`. */
export declare const clip: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: import("./kernel-options").ClipOptions | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
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
export declare const convert: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: import("./kernel-options").ConvertOptions<import("./types").PixelType> | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
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
/** `resize` on the thread pool; resolves to `output`. */
export declare const resize: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: import("./kernel-options").ResizeOptions, run?: RunAsyncOptions | undefined) => Promise<T>;
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
