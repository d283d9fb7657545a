import type { ImageBuffers } from './image-buffers';
import type { BoxBlurOptions, ClipOptions, ConvertOptions, ConvolveOptions, ExtractChannelOptions, GammaOptions, GaussianBlurOptions, GrayscaleOptions, InvertOptions, LinearOptions, MedianBlurOptions, NormalizeKind, NormalizeOptions, PercentileClipOptions, ResizeOptions, ToTensorOptions, SobelOptions, ThresholdOptions, DilateOptions, ErodeOptions, MorphologyOptions } from './kernel-options';
import type { ClaheOptions, LaplacianOptions, ScharrOptions } from './kernel-options';
import type { CropOptions, FlipOptions, PadOptions, RotateOptions } from './kernel-options';
import type { ReorderChannelsOptions } from './kernel-options';
import type { Pipeline } from './pipeline';
import type { PixelType } from './types';
/**
 * The codes a step of a chain (`ImageBuffers`, `Pipeline`) throws:
 * `ERR_PIXCHAIN_PARAM` for an option out of range, `ERR_PIXCHAIN_SHAPE` for
 * a step the frame cannot take, `ERR_PIXCHAIN_DISPOSED` after `dispose()`.
 */
export type StepErrorCode = 'ERR_PIXCHAIN_PARAM' | 'ERR_PIXCHAIN_SHAPE' | 'ERR_PIXCHAIN_DISPOSED';
/**
 * `C`, a `Pipeline` or `ImageBuffers`, typed for a frame of pixel type `T`:
 * what a step that changes the pixel type returns.
 */
export type Retyped<C, T extends PixelType> = C extends Pipeline<infer In, infer _Out> ? Pipeline<In, T> : C extends ImageBuffers<infer Start, infer _Active> ? ImageBuffers<Start, T> : C;
/**
 * The kernels that `ImageBuffers` run at once and `Pipeline` records as
 * steps; each returns the chain, so calls chain. `T` is the pixel type of
 * the frame the next step reads: steps that change it (`convert`,
 * `normalize` with `kind: 'zscore'`, `sobel`, `convolve` with `type`,
 * `laplacian`, `scharr`) return the chain typed for their output, when the
 * option is a literal.
 */
export declare abstract class KernelChain<T extends PixelType = PixelType> {
    /**
     * Clamps every sample into `[min, max]`; with `percentiles`, each channel
     * between the values at two of its own percentiles, measured on the frame
     * this step reads (in a `Pipeline`, a whole-frame step).
     * @throws {@link StepErrorCode}
     */
    clip(options?: ClipOptions | PercentileClipOptions): this;
    /**
     * `saturate(a·x + b)` on every sample.
     * @throws {@link StepErrorCode}
     */
    linear(options?: LinearOptions): this;
    /**
     * OpenCV's fixed-level threshold.
     * @throws {@link StepErrorCode}
     */
    threshold(options?: ThresholdOptions): this;
    /**
     * Mirrors every sample within a range: `min + max − x`.
     * @throws {@link StepErrorCode}
     */
    invert(options?: InvertOptions): this;
    /**
     * `x^γ` over the type's range.
     * @throws {@link StepErrorCode}
     */
    gamma(options?: GammaOptions): this;
    /**
     * Luma of a colour frame into one channel (in `ImageBuffers`, within the same buffers).
     * @throws {@link StepErrorCode}
     */
    grayscale(options?: GrayscaleOptions): this;
    /**
     * Stretches the frame onto a range, or standardizes it into f32.
     * @throws {@link StepErrorCode}
     */
    normalize<K extends NormalizeKind = 'minmax'>(options?: NormalizeOptions<K>): Retyped<this, K extends 'zscore' ? 'f32' : T>;
    /**
     * Converts to another pixel type (in `ImageBuffers`, within the same buffers);
     * with `abs: true`, OpenCV's `convertScaleAbs` into u8.
     * @throws `ERR_PIXCHAIN_CAPACITY` in `ImageBuffers` when the converted frame is larger than the buffers (`maxType`).
     */
    convert<To extends PixelType = T, A extends boolean = false>(options?: ConvertOptions<To, A>): Retyped<this, A extends true ? 'u8' : To>;
    /**
     * Gaussian blur.
     * @throws {@link StepErrorCode}
     */
    gaussianBlur(options: GaussianBlurOptions): this;
    /**
     * Mean over a box window.
     * @throws {@link StepErrorCode}
     */
    boxBlur(options?: BoxBlurOptions): this;
    /**
     * A first derivative into i16 or f32 (in `ImageBuffers`, within the same buffers: see `maxType`).
     * @throws {@link StepErrorCode}
     */
    sobel<To extends 'i16' | 'f32' = T extends 'u8' ? 'i16' : 'f32'>(options?: SobelOptions<To>): Retyped<this, To>;
    /**
     * Correlates with a user kernel.
     * @throws {@link StepErrorCode}
     */
    convolve<To extends PixelType = T>(options?: ConvolveOptions<To>): Retyped<this, To>;
    /**
     * Median blur over a square window.
     * @throws {@link StepErrorCode}
     */
    medianBlur(options?: MedianBlurOptions): this;
    /**
     * Erosion: the least sample under the structuring element (a row-local step; a `Pipeline` streams it).
     * @throws {@link StepErrorCode}
     */
    erode(options?: ErodeOptions): this;
    /**
     * Dilation: the greatest sample under the structuring element (a row-local step; a `Pipeline` streams it).
     * @throws {@link StepErrorCode}
     */
    dilate(options?: DilateOptions): this;
    /**
     * OpenCV's `morphologyEx` (`open`, `close`, `gradient`, `tophat`, `blackhat`): one row-local
     * step that a `Pipeline` streams, its passes chained through row buffers.
     * @throws {@link StepErrorCode}
     */
    morphology(options: MorphologyOptions): this;
    /**
     * The Laplacian, into i16 or f32 (in `ImageBuffers`, within the same buffers: see `maxType`).
     * @throws {@link StepErrorCode}
     */
    laplacian<To extends 'i16' | 'f32' = T extends 'u8' ? 'i16' : 'f32'>(options?: LaplacianOptions<To>): Retyped<this, To>;
    /**
     * A first derivative with Scharr's kernels, into i16 or f32 (in `ImageBuffers`, within the same buffers: see `maxType`).
     * @throws {@link StepErrorCode}
     */
    scharr<To extends 'i16' | 'f32' = T extends 'u8' ? 'i16' : 'f32'>(options?: ScharrOptions<To>): Retyped<this, To>;
    /**
     * Histogram equalization of a one-channel u8 frame (a whole-frame step).
     * @throws {@link StepErrorCode}; `ERR_PIXCHAIN_TYPE` for other pixel types.
     */
    equalizeHist(): this;
    /**
     * CLAHE of a one-channel u8 or u16 frame (a whole-frame step).
     * @throws {@link StepErrorCode}; `ERR_PIXCHAIN_TYPE` for other pixel types.
     */
    clahe(options?: ClaheOptions): this;
    /**
     * Mirrors the frame; a horizontal flip streams in a `Pipeline`.
     * @throws {@link StepErrorCode}
     */
    flip(options?: FlipOptions): this;
    /**
     * Turns the frame clockwise by 90, 180 or 270 degrees; a quarter turn swaps width and height.
     * @throws {@link StepErrorCode}
     */
    rotate(options?: RotateOptions): this;
    /**
     * Rows become columns: width and height swap.
     * @throws {@link StepErrorCode}
     */
    transpose(): this;
    /**
     * Frames the frame by a border (`copyMakeBorder`). In `ImageBuffers`, the
     * padded frame must fit the buffers (`ERR_PIXCHAIN_CAPACITY`).
     * @throws {@link StepErrorCode}
     */
    pad(options?: PadOptions): this;
    /**
     * Keeps the rectangle `options` of the frame.
     * @throws {@link StepErrorCode}
     */
    crop(options?: CropOptions): this;
    /**
     * One channel of the frame (in `ImageBuffers`, within the same buffers).
     * @throws {@link StepErrorCode}
     */
    extractChannel(options?: ExtractChannelOptions): this;
    /**
     * The channels in a new order, repeated or dropped (in `ImageBuffers`, within the same buffers).
     * @throws {@link StepErrorCode}
     */
    reorderChannels(options?: ReorderChannelsOptions): this;
    /**
     * Resizes to `width × height`: a whole-frame step in a `Pipeline`; in
     * `ImageBuffers`, a larger frame than the buffers hold is `ERR_PIXCHAIN_CAPACITY`.
     * @throws {@link StepErrorCode}
     */
    resize(options: ResizeOptions): this;
    /**
     * A model's f32 input, `(x·scale − mean[c]) / std[c]`: with `layout: 'chw'`
     * (the default) the channels' planes one after another, a whole-frame step
     * in a `Pipeline`; with `'hwc'`, interleaved and streamed.
     * @throws {@link StepErrorCode}
     */
    toTensor(options?: ToTensorOptions): Retyped<this, 'f32'>;
}
