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
/**
 * A number for every channel, or an array of one number per channel of the
 * frame (OpenCV's `Scalar`): each channel then gives what it would alone.
 */
export type PerChannel = number | ArrayLike<number>;
/** `clip`: clamp every sample into `[min, max]`. */
export interface ClipOptions {
    /**
     * Lower bound, or one per channel. Integer types round it to the nearest value of the type.
     * @default -Infinity — no bound
     */
    min?: PerChannel;
    /**
     * Upper bound, or one per channel, ≥ `min`.
     * @default Infinity — no bound
     */
    max?: PerChannel;
}
/** `linear`: `saturate(a·x + b)`, computed in f32 as OpenCV's `convertTo`. */
export interface LinearOptions {
    /**
     * Gain, finite, or one per channel.
     * @default 1
     */
    a?: PerChannel;
    /**
     * Offset, finite, or one per channel.
     * @default 0
     */
    b?: PerChannel;
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
     * The level, not NaN, or one per channel. Integer types floor it, as OpenCV does.
     * @default 127.5 for u8, 32767.5 for u16, -0.5 for i16, 0.5 for f32 — the middle of the type's range
     */
    thresh?: PerChannel;
    /**
     * The value written above the level, or one per channel.
     * @default 255 for u8, 65535 for u16, 32767 for i16, 1 for f32 — the type's maximum
     */
    maxval?: PerChannel;
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
    /**
     * zscore only: `true` standardizes each channel by its own mean and
     * standard deviation (`(x − mean[c]) / std[c]`); absent or `false`, by
     * those of all samples.
     */
    perChannel?: boolean;
}
/**
 * `convert`: `saturate(x·scale + offset)` into another pixel type; with
 * `abs: true`, OpenCV's `convertScaleAbs`: `saturate(|x·scale + offset|)` into u8.
 */
export interface ConvertOptions<T extends PixelType = PixelType, A extends boolean = boolean> {
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
    /**
     * `true`: the absolute value before saturating, always into u8 (`type`
     * may only be `'u8'`), as OpenCV's `convertScaleAbs`. Absent or `false`: no absolute value.
     */
    abs?: A;
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
/** A structuring element's shape, as OpenCV names them. */
export type MorphShape = 'rect' | 'cross' | 'ellipse';
/**
 * `erode`: each sample the least under the structuring element, as OpenCV's
 * `erode`; exact for every type (f32: NaN never wins against a number; −0 comes out as +0).
 */
export interface ErodeOptions {
    /**
     * Element width, 1–255, anchored at `ksize / 2`.
     * @default 3
     */
    ksize?: number;
    /**
     * Element height, 1–255.
     * @default ksize
     */
    ksizeY?: number;
    /**
     * The element, as OpenCV's `getStructuringElement` (`MORPH_RECT`, `MORPH_CROSS`, `MORPH_ELLIPSE`).
     * @default 'rect'
     */
    shape?: MorphShape;
    /**
     * Times the element is applied, 0–255 (0: a copy). Repeated rectangles
     * run as one larger rectangle, as OpenCV runs them.
     * @default 1
     */
    iterations?: number;
    /**
     * Borders as OpenCV's morphology: `constant` with the morphology default value.
     * @default 'constant'
     */
    border?: Border;
    /**
     * The value beyond the edge with `border: 'constant'`, saturated to the
     * pixel type; the default stands for the type's maximum in an erosion and
     * its minimum in a dilation, so the border never wins.
     * @default 1.7976931348623157e+308 — OpenCV's `morphologyDefaultBorderValue()`
     */
    borderValue?: number;
}
/** `dilate`: each sample the greatest under the structuring element, as OpenCV's `dilate`. */
export interface DilateOptions {
    /**
     * Element width, 1–255, anchored at `ksize / 2`.
     * @default 3
     */
    ksize?: number;
    /**
     * Element height, 1–255.
     * @default ksize
     */
    ksizeY?: number;
    /**
     * The element, as OpenCV's `getStructuringElement` (`MORPH_RECT`, `MORPH_CROSS`, `MORPH_ELLIPSE`).
     * @default 'rect'
     */
    shape?: MorphShape;
    /**
     * Times the element is applied, 0–255 (0: a copy). Repeated rectangles
     * run as one larger rectangle, as OpenCV runs them.
     * @default 1
     */
    iterations?: number;
    /**
     * Borders as OpenCV's morphology: `constant` with the morphology default value.
     * @default 'constant'
     */
    border?: Border;
    /**
     * The value beyond the edge with `border: 'constant'`, saturated to the
     * pixel type; the default stands for the type's maximum in an erosion and
     * its minimum in a dilation, so the border never wins.
     * @default 1.7976931348623157e+308 — OpenCV's `morphologyDefaultBorderValue()`
     */
    borderValue?: number;
}
/** The operations of OpenCV's `morphologyEx` (`MORPH_OPEN`, …). */
export type MorphOp = 'erode' | 'dilate' | 'open' | 'close' | 'gradient' | 'tophat' | 'blackhat';
/**
 * `morphology`: OpenCV's `morphologyEx`. `open` = dilate(erode), `close` =
 * erode(dilate), `gradient` = dilate − erode, `tophat` = src − open,
 * `blackhat` = close − src, integer differences saturated.
 */
export interface MorphologyOptions {
    /** The operation; required, as in OpenCV. */
    op: MorphOp;
    /**
     * Element width, 1–255, anchored at `ksize / 2`.
     * @default 3
     */
    ksize?: number;
    /**
     * Element height, 1–255.
     * @default ksize
     */
    ksizeY?: number;
    /**
     * The element, as OpenCV's `getStructuringElement` (`MORPH_RECT`, `MORPH_CROSS`, `MORPH_ELLIPSE`).
     * @default 'rect'
     */
    shape?: MorphShape;
    /**
     * Times the element is applied, 0–255 (0: a copy). Repeated rectangles
     * run as one larger rectangle, as OpenCV runs them.
     * @default 1
     */
    iterations?: number;
    /**
     * Borders as OpenCV's morphology: `constant` with the morphology default value.
     * @default 'constant'
     */
    border?: Border;
    /**
     * The value beyond the edge with `border: 'constant'`, saturated to the
     * pixel type; the default stands for the type's maximum in an erosion and
     * its minimum in a dilation, so the border never wins.
     * @default 1.7976931348623157e+308 — OpenCV's `morphologyDefaultBorderValue()`
     */
    borderValue?: number;
}
/**
 * `laplacian`: OpenCV's `Laplacian`, the sum of the second derivatives along
 * x and y: for `ksize` 1 the kernel `[0 1 0; 1 −4 1; 0 1 0]`, for 3
 * `[2 0 2; 0 −8 0; 2 0 2]`, for 5 Sobel's second derivatives summed. Exact
 * integer sums for integer frames, f32 sums for f32 frames, saturated into
 * the output type.
 */
export interface LaplacianOptions<T extends 'i16' | 'f32' = 'i16' | 'f32'> {
    /**
     * Aperture, 1, 3 or 5.
     * @default 1
     */
    ksize?: 1 | 3 | 5;
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
 * `scharr`: OpenCV's `Scharr`, a first derivative with the 3×3 Scharr
 * kernels (`[−1 0 1]` across, `[3 10 3]` along). Exact integer sums for
 * integer frames, f32 sums for f32 frames, saturated into the output type.
 */
export interface ScharrOptions<T extends 'i16' | 'f32' = 'i16' | 'f32'> {
    /**
     * Order of the x derivative, 0 or 1.
     * @default 1
     */
    dx?: number;
    /**
     * Order of the y derivative, 0 or 1; exactly one of `dx`, `dy` is 1.
     * @default 0
     */
    dy?: number;
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
 * `clahe`: OpenCV's contrast-limited adaptive histogram equalization
 * (`createCLAHE(clipLimit, tileGridSize).apply`), for one-channel u8 and u16
 * frames. Each tile's histogram is clipped and equalized; each sample is
 * interpolated between the four nearest tiles' tables.
 */
export interface ClaheOptions {
    /**
     * Contrast limit: a bin's count is clipped at `clipLimit` times the mean
     * count of a bin of a tile, and the excess spread over all bins; 0 for
     * no clipping. Finite, ≥ 0.
     * @default 40
     */
    clipLimit?: number;
    /**
     * Tiles across and down, `[x, y]`, each 1–256 (u16: at most 1024 tiles in
     * all). OpenCV's `tileGridSize`.
     * @default [8, 8]
     */
    tiles?: readonly [number, number];
}
/**
 * `flip`'s mirror, as OpenCV's `flipCode`: `'horizontal'` (1, left ↔ right),
 * `'vertical'` (0, top ↔ bottom), `'both'` (−1, a half turn).
 */
export type FlipDirection = 'horizontal' | 'vertical' | 'both';
/**
 * `flip`: OpenCV's `flip`. A horizontal flip keeps every row in place, so it
 * streams in a `Pipeline`; the others read the whole frame.
 */
export interface FlipOptions {
    /** @default 'horizontal' */
    direction?: FlipDirection;
}
/**
 * `rotate`: OpenCV's `rotate`, clockwise — `ROTATE_90_CLOCKWISE` (90),
 * `ROTATE_180` (180), `ROTATE_90_COUNTERCLOCKWISE` (270). A quarter turn
 * swaps the output's width and height.
 */
export interface RotateOptions {
    /**
     * Degrees clockwise: 90, 180 or 270.
     * @default 90
     */
    angle?: 90 | 180 | 270;
}
/**
 * `pad`: OpenCV's `copyMakeBorder`. The output is `left + width + right`
 * wide and `top + height + bottom` high; the new pixels read the frame as
 * `border` says (reflecting as often as a wide border needs), or hold
 * `borderValue` in every channel.
 */
export interface PadOptions {
    /**
     * Rows added above.
     * @default 0
     */
    top?: number;
    /**
     * Rows added below.
     * @default 0
     */
    bottom?: number;
    /**
     * Columns added on the left.
     * @default 0
     */
    left?: number;
    /**
     * Columns added on the right.
     * @default 0
     */
    right?: number;
    /** @default 'reflect101' */
    border?: Border;
    /**
     * The value of the new pixels with `border: 'constant'`, saturated to the pixel type.
     * @default 0
     */
    borderValue?: number;
}
/**
 * `crop`: the rectangle at (`x`, `y`) of `width` × `height` pixels, copied
 * out (OpenCV's `Mat::roi` then `copyTo`). It must lie inside the frame. To
 * read a region in place instead, see `cropView`.
 */
export interface CropOptions {
    /**
     * Left column, less than the frame's width.
     * @default 0
     */
    x?: number;
    /**
     * Top row, less than the frame's height.
     * @default 0
     */
    y?: number;
    /**
     * Width, at most the frame's width − `x`.
     * @default from x — the rest of the row
     */
    width?: number;
    /**
     * Height, at most the frame's height − `y`.
     * @default from y — the rest of the frame
     */
    height?: number;
}
/**
 * `clip({ percentiles })`: clamps each channel between the values at two of
 * its own percentiles, measured on the frame the step reads — the same as
 * `percentiles(frame, spec, [low, high])` then `clip` with those values as
 * `min` and `max`, channel by channel. In a `Pipeline`, a whole-frame step.
 */
export interface PercentileClipOptions {
    /**
     * `[low, high]`, each in [0, 100], low ≤ high, e.g. `[0.5, 99.5]`: by
     * NumPy's default (linear) rule, NaN left out; integer types round the
     * values as `clip` rounds `min` and `max`. Required.
     */
    percentiles: readonly [number, number];
}
/** `extractChannel`: one channel of the frame, as OpenCV's `extractChannel`. */
export interface ExtractChannelOptions {
    /**
     * The channel, from 0 to the input's channels − 1.
     * @default 0
     */
    channel?: number;
}
/**
 * `reorderChannels`: the input's channels in a new order, with repeats and
 * drops, as OpenCV's `mixChannels` on one frame (`cvtColor` RGB2BGR, RGBA2RGB,
 * GRAY2RGB give the same samples). The output has `order.length` channels (1–4).
 */
export interface ReorderChannelsOptions {
    /**
     * The input channel of each output channel: `[2, 1, 0]` swaps RGB ↔ BGR,
     * `[0, 1, 2]` drops alpha, `[0, 0, 0]` repeats gray.
     * @default [2, 1, 0] — RGB ↔ BGR
     */
    order?: ArrayLike<number>;
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
/** How `toTensor` lays out its samples: one plane per channel, or interleaved as the frame. */
export type TensorLayout = 'chw' | 'hwc';
/**
 * `toTensor`: a model's f32 input, `(x·scale − mean[c]) / std[c]` (each
 * operand rounded to f32, f32 arithmetic), in one pass — what OpenCV's
 * `dnn.blobFromImage` prepares, with a deviation per channel. With
 * `layout: 'chw'` the output is the channels' planes one after another: a
 * one-channel f32 frame `width × (channels · height)`; with `'hwc'`, an f32
 * frame of the input's shape.
 */
export interface ToTensorOptions {
    /**
     * Factor applied first, finite (1/255 maps u8 onto [0, 1]).
     * @default 1
     */
    scale?: number;
    /**
     * Subtracted after the scale, finite, or one per channel (ImageNet: `[0.485, 0.456, 0.406]`).
     * @default 0
     */
    mean?: PerChannel;
    /**
     * Divides last, finite and non-zero, or one per channel (ImageNet: `[0.229, 0.224, 0.225]`).
     * @default 1
     */
    std?: PerChannel;
    /** @default 'chw' */
    layout?: TensorLayout;
    /** Reads channels 2, 1, 0 as 0, 1, 2 (RGB ↔ BGR), as `blobFromImage`'s `swapRB`; 3 or 4 channels. Absent or `false`: channels as they are. */
    swapRB?: boolean;
}
