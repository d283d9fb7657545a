import type { ImageSpec, PixelArrays, PixelType } from './types';
/** The array class of each pixel type. */
export declare const pixelArrayTypes: {
    readonly u8: Uint8ArrayConstructor;
    readonly u16: Uint16ArrayConstructor;
    readonly i16: Int16ArrayConstructor;
    readonly f32: Float32ArrayConstructor;
};
/**
 * A zeroed array for `samples` values of `type`; an array JavaScript cannot
 * allocate (too long for a TypedArray, or memory refused) is
 * `ERR_PIXCHAIN_MEMORY`, as a frame the addon cannot allocate is.
 */
export declare function allocatePixels<T extends PixelType>(type: T, samples: number): PixelArrays[T];
/** A zeroed array for a whole frame of `spec`: what `read()` and `run()` return when given no output. */
export declare function allocateFrame<T extends PixelType>({ width, height, channels, type }: Required<ImageSpec<T>>): PixelArrays[T];
