import type { PixelType } from './types';
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
    /**
     * Lower bound. Integer types round it to the nearest value of the type.
     * @default -Infinity — no bound
     */
    min?: number;
    /**
     * Upper bound, ≥ `min`.
     * @default Infinity — no bound
     */
    max?: number;
}
/** `linear`: `saturate(a·x + b)`, computed in f32 as OpenCV's `convertTo`. */
export interface LinearOptions {
    /**
     * Gain, finite.
     * @default 1
     */
    a?: number;
    /**
     * Offset, finite.
     * @default 0
     */
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
     * The level, not NaN. Integer types floor it, as OpenCV does.
     * @default 127.5 for u8, 32767.5 for u16, -0.5 for i16, 0.5 for f32 — the middle of the type's range
     */
    thresh?: number;
    /**
     * The value written above the level.
     * @default 255 for u8, 65535 for u16, 32767 for i16, 1 for f32 — the type's maximum
     */
    maxval?: number;
    /** @default 'binary' */
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
    /**
     * The exponent, finite and > 0.
     * @default 1
     */
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
    /**
     * The frame must have 3 channels for rgb/bgr, 4 for rgba/bgra (`ERR_PIXCHAIN_SHAPE`).
     * @default 'rgb'
     */
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
    /** @default 'minmax' */
    kind?: K;
    /**
     * minmax only: finite.
     * @default 0
     */
    min?: number;
    /**
     * minmax only: finite.
     * @default 255 for u8, 65535 for u16, 32767 for i16, 1 for f32 — the type's maximum
     */
    max?: number;
}
/** `convert`: `saturate(x·scale + offset)` into another pixel type. */
export interface ConvertOptions<T extends PixelType = PixelType> {
    /**
     * The pixel type to convert to.
     * @default the input's type — a scale and offset only
     */
    type?: T;
    /**
     * Finite.
     * @default 1
     */
    scale?: number;
    /**
     * Finite.
     * @default 0
     */
    offset?: number;
}
/** `gaussianBlur`: separable Gaussian smoothing with OpenCV's kernel sizes and taps. */
export interface GaussianBlurOptions {
    /**
     * Standard deviation in pixels, finite and ≥ 0. Required unless `ksize` is
     * given; with `ksize` and sigma 0, sigma is derived from the size as OpenCV does.
     */
    sigma?: number;
    /**
     * Vertical standard deviation.
     * @default sigma
     */
    sigmaY?: number;
    /**
     * Odd kernel side, 1–4095.
     * @default from sigma — OpenCV's rule: `round(σ·6 + 1) | 1` for u8, `round(σ·8 + 1) | 1` for the other types
     */
    ksize?: number;
    /** @default 'reflect101' */
    border?: Border;
    /**
     * The value beyond the edge with `border: 'constant'`.
     * @default 0
     */
    borderValue?: number;
}
/**
 * `boxBlur`: the mean of each pixel's window, OpenCV's `blur`. Exact integer
 * sums; u8 windows of up to 256 pixels divide in OpenCV's fixed point, other
 * integer windows multiply by `1/area` and round half to even.
 */
export interface BoxBlurOptions {
    /**
     * Window width, 1–4095, odd or even, anchored at `ksize / 2`.
     * @default 3
     */
    ksize?: number;
    /**
     * Window height.
     * @default ksize
     */
    ksizeY?: number;
    /** @default 'reflect101' */
    border?: Border;
    /**
     * The value beyond the edge with `border: 'constant'`.
     * @default 0
     */
    borderValue?: number;
}
/** `medianBlur`: the median of each pixel's square window, per channel; borders replicate. */
export interface MedianBlurOptions {
    /**
     * Odd window side, 3–255.
     * @default 3
     */
    ksize?: number;
}
/** `multiply`: `saturate(scale·a·b)`; exact integer products when `scale` is 1, else f32 as OpenCV. */
export interface MultiplyOptions {
    /**
     * Finite.
     * @default 1
     */
    scale?: number;
}
/** `addWeighted`: `saturate(alpha·a + beta·b + gamma)`, computed in f32 as OpenCV. */
export interface AddWeightedOptions {
    /**
     * Weight of the first frame, finite.
     * @default 0.5
     */
    alpha?: number;
    /**
     * Weight of the second frame, finite.
     * @default 0.5
     */
    beta?: number;
    /**
     * Offset, finite.
     * @default 0
     */
    gamma?: number;
}
/**
 * `sobel`: a first derivative with OpenCV's Sobel kernels (`[−1 0 1]`·`[1 2 1]`
 * for 3, `[−1 −2 0 2 1]`·`[1 4 6 4 1]` for 5). Exact integer sums for integer
 * frames, f32 sums for f32 frames, saturated into the output type.
 */
export interface SobelOptions<T extends 'i16' | 'f32' = 'i16' | 'f32'> {
    /**
     * Order of the x derivative, 0 or 1.
     * @default 1
     */
    dx?: number;
    /**
     * Order of the y derivative, 0 or 1 (not both 0).
     * @default 0
     */
    dy?: number;
    /**
     * Aperture, 3 or 5.
     * @default 3
     */
    ksize?: 3 | 5;
    /**
     * Output type, `'i16'` or `'f32'`.
     * @default 'i16' for u8, 'f32' otherwise
     */
    type?: T;
    /** @default 'reflect101' */
    border?: Border;
    /**
     * The value beyond the edge with `border: 'constant'`.
     * @default 0
     */
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
    /**
     * Row-major taps of a 2-D kernel, sides 1–255.
     * @default [1] — the identity
     */
    kernel?: ArrayLike<number>;
    /**
     * Width of `kernel`.
     * @default from kernel — the side of a square kernel
     */
    kernelWidth?: number;
    /** Horizontal taps of a separable kernel. */
    row?: ArrayLike<number>;
    /** Vertical taps of a separable kernel. */
    column?: ArrayLike<number>;
    /**
     * Output type.
     * @default the input's type
     */
    type?: T;
    /** @default 'reflect101' */
    border?: Border;
    /**
     * The value beyond the edge with `border: 'constant'`.
     * @default 0
     */
    borderValue?: number;
}
/** How `resize` computes a sample between source pixels: OpenCV's `INTER_*` of the same name. */
export type Interpolation = 'nearest' | 'nearestExact' | 'linear' | 'linearExact' | 'area' | 'cubic';
/**
 * `resize`: OpenCV's `resize(src, dst, Size(width, height), 0, 0, interpolation)`,
 * to `width × height` with the input's channels and type. Follows OpenCV's
 * reference C++ step for step, so results equal OpenCV.js bit for bit:
 * `'nearest'` (`INTER_NEAREST`, the pixel at `floor(x · scale)`),
 * `'nearestExact'` (`INTER_NEAREST_EXACT`, the nearest pixel centre),
 * `'linear'` (`INTER_LINEAR`: 11-bit fixed point for u8, f32 otherwise),
 * `'linearExact'` (`INTER_LINEAR_EXACT`: OpenCV's bit-exact fixed point;
 * f32 frames take `'linear'`, as in OpenCV), `'area'` (`INTER_AREA`: means
 * over each output pixel's area when shrinking, bilinear-like when
 * enlarging), `'cubic'` (`INTER_CUBIC`, a = −0.75). A 2× shrink both ways
 * with `'linear'` or `'linearExact'` is the 2×2 mean, as in OpenCV.
 */
export interface ResizeOptions {
    /** Output width, an integer ≥ 1. */
    width: number;
    /** Output height, an integer ≥ 1. */
    height: number;
    /** @default 'linear' */
    interpolation?: Interpolation;
}
