import type { ImageSpec, LooseImageSpec, PixelArray, PixelType } from './types';
/** A rectangle of a frame, in pixels. */
export interface Rect {
    /** Left column, less than the frame's width. */
    x: number;
    /** Top row, less than the frame's height. */
    y: number;
    /** Width, 1 to the frame's width − `x`. */
    width: number;
    /** Height, 1 to the frame's height − `y`. */
    height: number;
}
/** A region of a frame: a `subarray` of its memory and the spec that reads it. */
export interface CropView<A extends PixelArray = PixelArray, T extends PixelType = PixelType> {
    /** The frame's array from the region's first sample to its last: the same memory. */
    data: A;
    /** The region's sides, channels and type, with the frame's row `stride`. */
    spec: Required<ImageSpec<T>>;
}
/**
 * The region `rect` of `array`, a frame of `spec`, as a zero-copy view: pass
 * `view.data` and `view.spec` to any one-shot kernel to read the region in
 * place, as `crop` would copy it out (OpenCV's `Mat::roi`). Writes to the
 * frame show through the view.
 * @throws `ERR_PIXCHAIN_PARAM` for a rectangle outside the frame,
 * `ERR_PIXCHAIN_SPEC` for a bad spec, `ERR_PIXCHAIN_LENGTH` for an array
 * that is not a frame of it.
 */
export declare function cropView<A extends PixelArray, T extends PixelType = PixelType>(array: A, spec: ImageSpec<T> | LooseImageSpec, rect: Rect): CropView<A, T>;
