import type { ImageBuffers } from './image-buffers';
import type { BoxBlurOptions, ClipOptions, ConvertOptions, ConvolveOptions, GammaOptions, GaussianBlurOptions, GrayscaleOptions, InvertOptions, LinearOptions, MedianBlurOptions, NormalizeKind, NormalizeOptions, ResizeOptions, SobelOptions, ThresholdOptions } from './kernel-options';
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
 * `normalize` with `kind: 'zscore'`, `sobel`, `convolve` with `type`) return
 * the chain typed for their output, when the option is a literal.
 */
export declare abstract class KernelChain<T extends PixelType = PixelType> {
    /**
     * Clamps every sample into `[min, max]`.
     * @throws {@link StepErrorCode}
     */
    clip(options?: ClipOptions): this;
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
     * Converts to another pixel type (in `ImageBuffers`, within the same buffers).
     * @throws `ERR_PIXCHAIN_CAPACITY` in `ImageBuffers` when the converted frame is larger than the buffers (`maxType`).
     */
    convert<To extends PixelType = T>(options?: ConvertOptions<To>): Retyped<this, To>;
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
     * Resizes to `width × height`: a whole-frame step in a `Pipeline`; in
     * `ImageBuffers`, a larger frame than the buffers hold is `ERR_PIXCHAIN_CAPACITY`.
     * @throws {@link StepErrorCode}
     */
    resize(options: ResizeOptions): this;
}
