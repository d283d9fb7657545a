/// <reference lib="esnext.disposable" preserve="true" />
import './lib/native';
import type { AbortSignalLike, ImageSpec, LooseImageSpec, PixelArray, PixelArrayOf, PixelArrays, PixelType } from './lib/types';
export type { AbortSignalLike, ErrorCode, ImageSpec, LooseImageSpec, PixchainError, PixelArray, PixelArrayOf, PixelArrays, PixelType, } from './lib/types';
/** How kernels read beyond the frame's edge, as OpenCV names them. */
export type Border = 
/** `gfedcb|abcdefgh|gfedcba`: mirror without repeating the edge. OpenCV's default. */
'reflect101'
/** `fedcba|abcdefgh|hgfedcb`: mirror, repeating the edge. */
 | 'reflect'
/** `aaaaaa|abcdefgh|hhhhhhh`: repeat the edge. */
 | 'replicate'
/** `vvvvvv|abcdefgh|vvvvvvv`: `borderValue`, saturated to the pixel type. */
 | 'constant';
/** `clip`: clamp every sample into `[min, max]`. */
export interface ClipOptions {
    /** Lower bound. Default −∞ (no bound). Integer types round it to the nearest value of the type. */
    min?: number;
    /** Upper bound, ≥ `min`. Default +∞ (no bound). */
    max?: number;
}
/** `linear`: `saturate(a·x + b)`, computed in f32 as OpenCV's `convertTo`. */
export interface LinearOptions {
    /** Gain, finite. Default 1. */
    a?: number;
    /** Offset, finite. Default 0. */
    b?: number;
}
/** The five fixed-level thresholds of OpenCV. */
export type ThresholdKind = 
/** `x > thresh ? maxval : 0` */
'binary'
/** `x > thresh ? 0 : maxval` */
 | 'binaryInv'
/** `x > thresh ? thresh : x` */
 | 'trunc'
/** `x > thresh ? x : 0` */
 | 'toZero'
/** `x > thresh ? 0 : x` */
 | 'toZeroInv';
/** `threshold`: OpenCV's `threshold`, exact for integer types. */
export interface ThresholdOptions {
    /**
     * The level, not NaN. Integer types floor it, as OpenCV does. Default the
     * middle of the type's range: 127.5, 32767.5, −0.5, or 0.5 for f32.
     */
    thresh?: number;
    /** The value written above the level. Default the type's maximum: 255, 65535, 32767, or 1 for f32. */
    maxval?: number;
    /** Default `'binary'`. */
    kind?: ThresholdKind;
}
/**
 * `invert`: `saturate(min + max − x)`. Without a range: the type's range for
 * integers (u8: `255 − x`, i16: `−1 − x`, as OpenCV's `bitwise_not`), `−x` for f32.
 */
export interface InvertOptions {
    /** Lower end of the range, finite; give `min` and `max` together. */
    min?: number;
    /** Upper end of the range, finite, ≥ `min`. */
    max?: number;
}
/**
 * `gamma`: `x^γ` over the type's range `[lo, hi]`, i.e.
 * `lo + (hi − lo)·((x − lo)/(hi − lo))^γ`, through a lookup table for
 * integer types; `sign(x)·|x|^γ` for f32, so [0, 1] maps onto itself.
 */
export interface GammaOptions {
    /** The exponent, finite and > 0. Default 1. */
    gamma?: number;
}
/** The channel order of a colour frame. */
export type ChannelOrder = 'rgb' | 'bgr' | 'rgba' | 'bgra';
/**
 * `grayscale`: luma of a 3- or 4-channel frame into 1 channel, as OpenCV's
 * `cvtColor(…2GRAY)`: `(9798·R + 19235·G + 3735·B + 2¹⁴) >> 15` for integer
 * types, `0.299·R + 0.587·G + 0.114·B` in f32 for f32. Alpha is ignored.
 */
export interface GrayscaleOptions {
    /** Default `'rgb'`. The frame must have 3 channels for rgb/bgr, 4 for rgba/bgra (`ERR_PIXCHAIN_SHAPE`). */
    order?: ChannelOrder;
}
/** How `normalize` maps a frame: onto a range in its own type, or standardized into f32. */
export type NormalizeKind = 'minmax' | 'zscore';
/**
 * `normalize`: `'minmax'` maps the frame's smallest sample onto `min` and its
 * largest onto `max`, in the same pixel type, as OpenCV's `NORM_MINMAX`;
 * `'zscore'` gives `(x − mean) / std` over all samples as f32 (0 for a
 * constant frame), so ImageBuffers need `maxType: 'f32'` for it.
 */
export interface NormalizeOptions<K extends NormalizeKind = NormalizeKind> {
    /** Default `'minmax'`. */
    kind?: K;
    /** minmax only: finite. Default 0. */
    min?: number;
    /** minmax only: finite. Default the type's maximum (255, 65535, 32767, or 1 for f32). */
    max?: number;
}
/** `convert`: `saturate(x·scale + offset)` into another pixel type. */
export interface ConvertOptions<T extends PixelType = PixelType> {
    /** The pixel type to convert to. Default the input's (a scale and offset only). */
    type?: T;
    /** Finite. Default 1. */
    scale?: number;
    /** Finite. Default 0. */
    offset?: number;
}
/** `gaussianBlur`: separable Gaussian smoothing with OpenCV's kernel sizes and taps. */
export interface GaussianBlurOptions {
    /**
     * Standard deviation in pixels, finite and ≥ 0. Required unless `ksize` is
     * given; with `ksize` and sigma 0, sigma is derived from the size as OpenCV does.
     */
    sigma?: number;
    /** Vertical standard deviation. Default `sigma`. */
    sigmaY?: number;
    /**
     * Odd kernel side, 1–4095. Default OpenCV's rule: `round(σ·6 + 1) | 1` for u8,
     * `round(σ·8 + 1) | 1` for the other types.
     */
    ksize?: number;
    /** Default `'reflect101'`. */
    border?: Border;
    /** The value beyond the edge with `border: 'constant'`. Default 0. */
    borderValue?: number;
}
/**
 * `boxBlur`: the mean of each pixel's window, OpenCV's `blur`. Exact integer
 * sums; u8 windows of up to 256 pixels divide in OpenCV's fixed point, other
 * integer windows multiply by `1/area` and round half to even.
 */
export interface BoxBlurOptions {
    /** Window width, 1–4095, odd or even, anchored at `ksize / 2`. Default 3. */
    ksize?: number;
    /** Window height. Default `ksize`. */
    ksizeY?: number;
    /** Default `'reflect101'`. */
    border?: Border;
    /** The value beyond the edge with `border: 'constant'`. Default 0. */
    borderValue?: number;
}
/** `medianBlur`: the median of each pixel's square window, per channel; borders replicate. */
export interface MedianBlurOptions {
    /** Odd window side, 3–255. Default 3. */
    ksize?: number;
}
/** `multiply`: `saturate(scale·a·b)`; exact integer products when `scale` is 1, else f32 as OpenCV. */
export interface MultiplyOptions {
    /** Finite. Default 1. */
    scale?: number;
}
/** `addWeighted`: `saturate(alpha·a + beta·b + gamma)`, computed in f32 as OpenCV. */
export interface AddWeightedOptions {
    /** Weight of the first frame, finite. Default 0.5. */
    alpha?: number;
    /** Weight of the second frame, finite. Default 0.5. */
    beta?: number;
    /** Offset, finite. Default 0. */
    gamma?: number;
}
/**
 * `sobel`: a first derivative with OpenCV's Sobel kernels (`[−1 0 1]`·`[1 2 1]`
 * for 3, `[−1 −2 0 2 1]`·`[1 4 6 4 1]` for 5). Exact integer sums for integer
 * frames, f32 sums for f32 frames, saturated into the output type.
 */
export interface SobelOptions<T extends 'i16' | 'f32' = 'i16' | 'f32'> {
    /** Order of the x derivative, 0 or 1. Default 1. */
    dx?: number;
    /** Order of the y derivative, 0 or 1 (not both 0). Default 0. */
    dy?: number;
    /** Aperture, 3 or 5. Default 3. */
    ksize?: 3 | 5;
    /** Output type, `'i16'` or `'f32'`. Default i16 for u8 frames, f32 otherwise. */
    type?: T;
    /** Default `'reflect101'`. */
    border?: Border;
    /** The value beyond the edge with `border: 'constant'`. Default 0. */
    borderValue?: number;
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
    kernel?: ArrayLike<number>;
    /** Width of `kernel`. Default: the side of a square kernel. */
    kernelWidth?: number;
    /** Horizontal taps of a separable kernel. */
    row?: ArrayLike<number>;
    /** Vertical taps of a separable kernel. */
    column?: ArrayLike<number>;
    /** Output type. Default the input's. */
    type?: T;
    /** Default `'reflect101'`. */
    border?: Border;
    /** The value beyond the edge with `border: 'constant'`. Default 0. */
    borderValue?: number;
}
/** What an `ImageBuffers` holds. */
export interface BufferStats {
    /** Frame-sized allocations since construction: 2, whatever the chain. */
    allocations: number;
    /** Bytes held by the two frame buffers. */
    bytes: number;
}
/** `new ImageBuffers(options)`: the first frame's spec, and the widest type the buffers will hold. */
export interface ImageBuffersOptions<T extends PixelType = PixelType> extends ImageSpec<T> {
    /** The widest pixel type a later `convert` may produce. Default `type`. */
    maxType?: PixelType;
    /**
     * The most pixels (width × height) a frame may have, checked before the
     * buffers are allocated (`ERR_PIXCHAIN_LIMIT`): an integer, `0` or `false`
     * for no limit, `true` for the default 16383 × 16383. Default: the
     * process-wide limit (`setLimitInputPixels`).
     */
    limitInputPixels?: number | boolean;
}
/** `ImageBuffersOptions` whose `type` and `maxType` TypeScript widened to `string` (see {@link LooseImageSpec}). */
export interface LooseImageBuffersOptions extends LooseImageSpec {
    /** The widest pixel type a later `convert` may produce. Default `type`. */
    maxType?: string;
    /** As in `ImageBuffersOptions`. */
    limitInputPixels?: number | boolean;
}
/**
 * `C`, a `Pipeline` or `ImageBuffers`, typed for a frame of pixel type `T`:
 * what a step that changes the pixel type returns.
 */
export type Retyped<C, T extends PixelType> = C extends Pipeline<infer In, infer _Out> ? Pipeline<In, T> : C extends ImageBuffers<infer Start, infer _Active> ? ImageBuffers<Start, T> : C;
/**
 * The kernels that `ImageBuffers` run at once and `Pipeline` records as
 * steps; each returns the chain, so calls chain. `T` is the pixel type of
 * the frame the next step reads: steps that change it (`convert`,
 * `normalize` with `kind: 'zscore'`, `sobel`, `convolve` with `type`) return
 * the chain typed for their output, when the option is a literal.
 */
export declare abstract class KernelChain<T extends PixelType = PixelType> {
    /**
     * Clamps every sample into `[min, max]`.
     * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
     */
    clip(options?: ClipOptions): this;
    /**
     * `saturate(a·x + b)` on every sample.
     * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
     */
    linear(options?: LinearOptions): this;
    /**
     * OpenCV's fixed-level threshold.
     * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
     */
    threshold(options?: ThresholdOptions): this;
    /**
     * Mirrors every sample within a range: `min + max − x`.
     * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
     */
    invert(options?: InvertOptions): this;
    /**
     * `x^γ` over the type's range.
     * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
     */
    gamma(options?: GammaOptions): this;
    /**
     * Luma of a colour frame into one channel (in `ImageBuffers`, within the same buffers).
     * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
     */
    grayscale(options?: GrayscaleOptions): this;
    /**
     * Stretches the frame onto a range, or standardizes it into f32.
     * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
     */
    normalize<K extends NormalizeKind = 'minmax'>(options?: NormalizeOptions<K>): Retyped<this, K extends 'zscore' ? 'f32' : T>;
    /**
     * Converts to another pixel type (in `ImageBuffers`, within the same buffers).
     * @throws `ERR_PIXCHAIN_CAPACITY` in `ImageBuffers` when the converted frame is larger than the buffers (`maxType`).
     */
    convert<To extends PixelType = T>(options?: ConvertOptions<To>): Retyped<this, To>;
    /**
     * Gaussian blur.
     * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
     */
    gaussianBlur(options: GaussianBlurOptions): this;
    /**
     * Mean over a box window.
     * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
     */
    boxBlur(options?: BoxBlurOptions): this;
    /**
     * A first derivative into i16 or f32 (in `ImageBuffers`, within the same buffers: see `maxType`).
     * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
     */
    sobel<To extends 'i16' | 'f32' = T extends 'u8' ? 'i16' : 'f32'>(options?: SobelOptions<To>): Retyped<this, To>;
    /**
     * Correlates with a user kernel.
     * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
     */
    convolve<To extends PixelType = T>(options?: ConvolveOptions<To>): Retyped<this, To>;
    /**
     * Median blur over a square window.
     * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
     */
    medianBlur(options?: MedianBlurOptions): this;
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
export declare class ImageBuffers<Start extends PixelType = PixelType, Active extends PixelType = Start> extends KernelChain<Active> implements Disposable {
    #private;
    /**
     * @throws `ERR_PIXCHAIN_SPEC` for a bad spec, `ERR_PIXCHAIN_PARAM` for a bad `maxType`,
     * `ERR_PIXCHAIN_LIMIT` for a frame over `limitInputPixels`, `ERR_PIXCHAIN_MEMORY` when the system refuses the buffers.
     */
    constructor(options: ImageBuffersOptions<Start> | LooseImageBuffersOptions);
    /** The active frame's spec; its type changes with `convert`. */
    get spec(): Required<ImageSpec<Active>>;
    /** The widest pixel type these buffers hold. */
    get maxType(): PixelType;
    /** Frame-sized allocations so far and bytes held. */
    get stats(): BufferStats;
    /** Whether `dispose()` has freed the buffers. */
    get disposed(): boolean;
    /**
     * Starts a new frame: copies `input`, a whole frame of the spec the
     * buffers were made with, into the active buffer — whatever type or
     * channels the last chain left — so the same buffers take frame after frame.
     * @throws `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_LENGTH`; the active frame is unchanged.
     */
    load(input: PixelArrayOf<Start>): ImageBuffers<Start, Start>;
    /**
     * Copies the active frame into `output`, or into a new array of the right
     * type when `output` is omitted, and returns it.
     * @throws `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_LENGTH`.
     */
    read<A extends PixelArrayOf<Active>>(output: A): A;
    /** Copies the active frame into a new array of its pixel type and returns it. */
    read(): PixelArrays[Active];
    /** Otsu's threshold of the active frame (u8): pass it to `threshold({ thresh })`. */
    otsuThreshold(): number;
    /** `saturate(x + other)`. */
    add(other: PixelArrayOf<Active>): this;
    /** `saturate(x − other)`. */
    subtract(other: PixelArrayOf<Active>): this;
    /** `saturate(|x − other|)`. */
    absdiff(other: PixelArrayOf<Active>): this;
    /** `saturate(scale·x·other)`. */
    multiply(other: PixelArrayOf<Active>, options?: MultiplyOptions): this;
    /** `saturate(alpha·x + beta·other + gamma)`. */
    addWeighted(other: PixelArrayOf<Active>, options?: AddWeightedOptions): this;
    /** Frees both buffers now. Any later call throws `ERR_PIXCHAIN_DISPOSED`. */
    dispose(): void;
    /** `using bufs = new ImageBuffers(…)` disposes at the end of the scope. */
    [Symbol.dispose](): void;
}
/**
 * Clamps every sample of `input` into `[min, max]`, written to `output`.
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export declare function clip<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: ClipOptions): T;
/**
 * `output = saturate(a·input + b)`.
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export declare function linear<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: LinearOptions): T;
/**
 * OpenCV's fixed-level threshold of `input` into `output`.
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export declare function threshold<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: ThresholdOptions): T;
/**
 * `output = saturate(min + max − input)`; see {@link InvertOptions}.
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export declare function invert<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: InvertOptions): T;
/**
 * `output = input^γ` over the type's range; see {@link GammaOptions}.
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export declare function gamma<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: GammaOptions): T;
/**
 * Luma of `input`, a 3- or 4-channel frame of `spec`, into the 1-channel `output`.
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export declare function grayscale<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: GrayscaleOptions): T;
/**
 * Normalizes `input` into `output` (same type for minmax, Float32Array for zscore).
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
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
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export declare function convert<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: ConvertOptions): T;
/**
 * Gaussian blur of `input` into `output`.
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export declare function gaussianBlur<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: GaussianBlurOptions): T;
/**
 * Box (mean) blur of `input` into `output`.
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export declare function boxBlur<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: BoxBlurOptions): T;
/**
 * Sobel derivative of `input` into `output` (Int16Array or Float32Array).
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export declare function sobel<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: SobelOptions): T;
/**
 * `input` correlated with a user kernel, into `output`.
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export declare function convolve<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: ConvolveOptions): T;
/**
 * Median blur of `input` into `output`.
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export declare function medianBlur<T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: MedianBlurOptions): T;
/** What a `Pipeline` holds and does. */
export interface PipelineStats {
    /** Frame-sized work buffers held: 0 for chains and graphs of row-local steps, which stream rows; around whole-frame steps (normalize, and gamma on u16 and i16), the frames alive at once. */
    workBuffers: number;
    /** Their bytes. */
    frameBytes: number;
    /** Line buffers held: the rows of streamed intermediates and kernel scratch, for every thread. */
    lineBytes: number;
    /** Everything the pipeline holds: `frameBytes + lineBytes`. */
    workBytes: number;
    /** Allocations since the pipeline was planned: work and line buffers, and their growth on a first run. */
    allocations: number;
    /** Passes over the frame per run: streamed segments and whole-frame steps. */
    passes: number;
    /** Runs so far. */
    runs: number;
}
/** `new Pipeline(spec, options)`. */
export interface PipelineOptions {
    /**
     * What a run with a frame of another size does: `'error'` throws
     * `ERR_PIXCHAIN_SHAPE`; `'rebuild'` plans the steps again for the new size
     * and replaces the work buffers. Default `'error'`.
     */
    resize?: 'error' | 'rebuild';
    /**
     * Threads each step may use, an integer ≥ 1; default: the process
     * default (`setThreads`). Results are identical for any count.
     */
    threads?: number;
    /**
     * The most pixels (width × height) an input frame may have, checked
     * before any buffer is allocated (`ERR_PIXCHAIN_LIMIT`): an integer, `0` or
     * `false` for no limit, `true` for the default 16383 × 16383. Default: the
     * process-wide limit (`setLimitInputPixels`).
     */
    limitInputPixels?: number | boolean;
}
/** Options of `Pipeline.runAsync` and of the kernels in `promises`. */
export interface RunAsyncOptions {
    /** Aborts the run: it rejects with the signal's reason (an `AbortError`). */
    signal?: AbortSignalLike;
}
/** The second operand of a two-image step in a `Pipeline`: a name given to `save()`, or `'input'`. */
export interface OtherOperand {
    /** A name given to `save()` earlier in the pipeline, or `'input'`. */
    other: string;
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
export declare class Pipeline<In extends PixelType = PixelType, Out extends PixelType = In> extends KernelChain<Out> implements Disposable {
    #private;
    /** @throws `ERR_PIXCHAIN_SPEC` for a bad spec, `ERR_PIXCHAIN_PARAM` for bad options. */
    constructor(spec: ImageSpec<In> | LooseImageSpec, options?: PipelineOptions);
    /** The output's spec, inferred through the steps so far. */
    get outputSpec(): Required<ImageSpec<Out>>;
    /** Frame and line buffers, their bytes, allocations, passes per run and runs; plans the pipeline if needed. */
    get stats(): PipelineStats;
    /** Whether `dispose()` has freed the pipeline. */
    get disposed(): boolean;
    /** Names the current result, for `from()` and the `other` of two-image steps. */
    save(name: string): this;
    /** Continues from a saved result; `'input'` is the pipeline's input. */
    from<N extends string>(name: N): Pipeline<In, N extends 'input' ? In : PixelType>;
    /**
     * `saturate(x + other)`.
     * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
     */
    add(options: OtherOperand): this;
    /**
     * `saturate(x − other)`.
     * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
     */
    subtract(options: OtherOperand): this;
    /**
     * `saturate(|x − other|)`.
     * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
     */
    absdiff(options: OtherOperand): this;
    /**
     * `saturate(scale·x·other)`.
     * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
     */
    multiply(options: OtherOperand & MultiplyOptions): this;
    /**
     * `saturate(alpha·x + beta·other + gamma)`.
     * @throws `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED`.
     */
    addWeighted(options: OtherOperand & AddWeightedOptions): this;
    /** Plans the pipeline and allocates its frame and line buffers now rather than on the first run. */
    compile(): this;
    /**
     * Runs every step in one native call: reads `input` (a frame of the
     * pipeline's spec, or of `inputSpec` when given) in place and writes
     * `output` (checked against `outputSpec`) in place, or a new array when
     * `output` is omitted. A frame of another size follows the `resize` option.
     * @throws `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS`, `ERR_PIXCHAIN_SHAPE`.
     */
    run<A extends PixelArrayOf<Out>>(input: PixelArrayOf<In>, output: A, inputSpec?: ImageSpec<In> | LooseImageSpec): A;
    /** `run` into a new array of the output's pixel type, which it returns. */
    run(input: PixelArrayOf<In>, output?: undefined, inputSpec?: ImageSpec<In> | LooseImageSpec): PixelArrays[Out];
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
    runAsync<A extends PixelArrayOf<Out>>(input: PixelArrayOf<In>, output: A, options?: RunAsyncOptions): Promise<A>;
    /** `runAsync` into a new array of the output's pixel type, which it resolves to. */
    runAsync(input: PixelArrayOf<In>, output?: undefined, options?: RunAsyncOptions): Promise<PixelArrays[Out]>;
    /** Frees the work buffers now. Any later call throws `ERR_PIXCHAIN_DISPOSED`. */
    dispose(): void;
    /** `using pipeline = new Pipeline(…)` disposes at the end of the scope. */
    [Symbol.dispose](): void;
}
/**
 * `output = saturate(a + b)`.
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export declare function add<T extends PixelArray>(a: PixelArray, b: PixelArray, output: T, spec: ImageSpec | LooseImageSpec): T;
/**
 * `output = saturate(a − b)`.
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export declare function subtract<T extends PixelArray>(a: PixelArray, b: PixelArray, output: T, spec: ImageSpec | LooseImageSpec): T;
/**
 * `output = saturate(|a − b|)`.
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export declare function absdiff<T extends PixelArray>(a: PixelArray, b: PixelArray, output: T, spec: ImageSpec | LooseImageSpec): T;
/**
 * `output = saturate(scale·a·b)`.
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export declare function multiply<T extends PixelArray>(a: PixelArray, b: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: MultiplyOptions): T;
/**
 * `output = saturate(alpha·a + beta·b + gamma)`.
 * @throws `ERR_PIXCHAIN_SPEC`, `ERR_PIXCHAIN_LENGTH`, `ERR_PIXCHAIN_TYPE`, `ERR_PIXCHAIN_ALIAS` for the frames; `ERR_PIXCHAIN_PARAM` for an option out of range.
 */
export declare function addWeighted<T extends PixelArray>(a: PixelArray, b: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: AddWeightedOptions): T;
/** A SIMD path: the instruction set kernels are compiled for. */
export type SimdPath = 'avx2' | 'sse4.1' | 'neon' | 'scalar';
/**
 * Sets how many threads each kernel may use (neighbourhood kernels split
 * frames into horizontal strips), an integer ≥ 1. The default is every core
 * of the machine. Results are identical for any count; a `Pipeline` created
 * with `{ threads }` keeps its own.
 * @throws `ERR_PIXCHAIN_PARAM` unless an integer ≥ 1.
 */
export declare function setThreads(threads: number): void;
/** Threads each kernel may use now (see `setThreads`). */
export declare function getThreads(): number;
/**
 * The SIMD path kernels take: the best this CPU runs, or the one named by
 * the `PIXCHAIN_SIMD` environment variable (or `setSimdPath`) if the CPU runs it.
 */
export declare function simdPath(): SimdPath;
/** Every SIMD path this CPU runs, the most capable first; `'scalar'` is always last. */
export declare function simdPaths(): SimdPath[];
/**
 * Chooses the SIMD path for the whole process. Every path gives the same
 * results; this exists to compare them and to rule one out.
 * @throws `ERR_PIXCHAIN_PARAM` for an unknown path or one this CPU lacks.
 */
export declare function setSimdPath(path: SimdPath): void;
/** `otsuThreshold` on the thread pool. */
declare function otsuThresholdAsync(input: PixelArray, spec: ImageSpec | LooseImageSpec, run?: RunAsyncOptions): Promise<number>;
/**
 * `thresholdOtsu` on the thread pool: Otsu's level, then the threshold at it,
 * in one run over one copy of the input (a second call would read the input
 * again after the first settled, when it may have been moved).
 */
declare function thresholdOtsuAsync(input: PixelArray, output: PixelArray, spec: ImageSpec | LooseImageSpec, options?: Omit<ThresholdOptions, 'thresh'>, run?: RunAsyncOptions): Promise<number>;
/**
 * Every kernel on the libuv thread pool, as promises: the same arguments as
 * the synchronous functions, then `{ signal }` (an aborted signal rejects
 * before the kernel starts; a kernel that has started completes). Kernels
 * work on copies, as `Pipeline.runAsync` does: the inputs are copied when
 * the call starts and the result into `output` when it settles
 * (`ERR_PIXCHAIN_DETACHED` if `output` lost its memory meanwhile).
 */
export declare const promises: {
    /** `clip` on the thread pool; resolves to `output`. */
    clip: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: ClipOptions | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
    /** `linear` on the thread pool; resolves to `output`. */
    linear: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: LinearOptions | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
    /** `threshold` on the thread pool; resolves to `output`. */
    threshold: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: ThresholdOptions | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
    /** `invert` on the thread pool; resolves to `output`. */
    invert: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: InvertOptions | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
    /** `gamma` on the thread pool; resolves to `output`. */
    gamma: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: GammaOptions | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
    /** `grayscale` on the thread pool; resolves to `output`. */
    grayscale: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: GrayscaleOptions | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
    /** `normalize` on the thread pool; resolves to `output`. */
    normalize: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: NormalizeOptions<NormalizeKind> | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
    /** `convert` on the thread pool; resolves to `output`. */
    convert: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: ConvertOptions<PixelType> | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
    /** `gaussianBlur` on the thread pool; resolves to `output`. */
    gaussianBlur: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options: GaussianBlurOptions, run?: RunAsyncOptions | undefined) => Promise<T>;
    /** `boxBlur` on the thread pool; resolves to `output`. */
    boxBlur: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: BoxBlurOptions | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
    /** `sobel` on the thread pool; resolves to `output`. */
    sobel: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: SobelOptions<"i16" | "f32"> | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
    /** `convolve` on the thread pool; resolves to `output`. */
    convolve: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: ConvolveOptions<PixelType> | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
    /** `medianBlur` on the thread pool; resolves to `output`. */
    medianBlur: <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: MedianBlurOptions | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
    /** `add` on the thread pool; resolves to `output`. */
    add: <T extends PixelArray>(a: PixelArray, b: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, run?: RunAsyncOptions | undefined) => Promise<T>;
    /** `subtract` on the thread pool; resolves to `output`. */
    subtract: <T extends PixelArray>(a: PixelArray, b: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, run?: RunAsyncOptions | undefined) => Promise<T>;
    /** `absdiff` on the thread pool; resolves to `output`. */
    absdiff: <T extends PixelArray>(a: PixelArray, b: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, run?: RunAsyncOptions | undefined) => Promise<T>;
    /** `multiply` on the thread pool; resolves to `output`. */
    multiply: <T extends PixelArray>(a: PixelArray, b: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: MultiplyOptions | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
    /** `addWeighted` on the thread pool; resolves to `output`. */
    addWeighted: <T extends PixelArray>(a: PixelArray, b: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, options?: AddWeightedOptions | undefined, run?: RunAsyncOptions | undefined) => Promise<T>;
    /** `otsuThreshold` on the thread pool; resolves to Otsu's level. */
    otsuThreshold: typeof otsuThresholdAsync;
    /** `thresholdOtsu` on the thread pool; resolves to the level it chose. */
    thresholdOtsu: typeof thresholdOtsuAsync;
};
/**
 * Sets the most pixels (width × height) a frame of a `Pipeline` or
 * `ImageBuffers` made without its own `limitInputPixels` may have: an
 * integer, `0` or `false` for no limit, `true` for the default
 * 16383 × 16383 (sharp's). Checked before any buffer is allocated.
 * @throws `ERR_PIXCHAIN_PARAM` for anything else.
 */
export declare function setLimitInputPixels(limit: number | boolean): void;
/** The process-wide pixel limit; 0 is none. */
export declare function getLimitInputPixels(): number;
/**
 * V8's count of external memory, in bytes: every ArrayBuffer's bytes and
 * what addons report — among them every live `Pipeline`'s work buffers (and
 * its copies for `runAsync`) and every `ImageBuffers`' two frames, from
 * allocation to `dispose()` or garbage collection. V8 weighs it when it
 * decides to collect garbage. A pipeline's share is the change across its
 * `compile()` or `dispose()`.
 */
export declare function reportedNativeMemory(): number;
