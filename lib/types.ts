// The public types every room of the API shares: pixel types, their arrays,
// frame specs, the abort signal. index.ts re-exports them; nothing here
// imports, so every room can use them without a cycle.

/** A pixel type: unsigned 8 or 16 bits, signed 16 bits, or 32-bit float. */
export type PixelType = 'u8' | 'u16' | 'i16' | 'f32'

/**
 * Pixel memory. Each pixel type takes its own array: `Buffer`, `Uint8Array`
 * or `Uint8ClampedArray` for u8, `Uint16Array` for u16, `Int16Array` for i16,
 * `Float32Array` for f32. Another kind is `ERR_PIXCHAIN_TYPE`.
 */
export type PixelArray = Uint8Array | Uint8ClampedArray | Uint16Array | Int16Array | Float32Array

/** The array `read()` and `run()` return for each pixel type. */
export interface PixelArrays {
  /** Unsigned 8-bit samples, 0–255. */
  u8: Uint8Array
  /** Unsigned 16-bit samples, 0–65535. */
  u16: Uint16Array
  /** Signed 16-bit samples, −32768–32767. */
  i16: Int16Array
  /** 32-bit float samples, any value (NaN included). */
  f32: Float32Array
}

/**
 * The arrays that hold frames of pixel type `T` — what inputs and outputs of
 * that type may be: u8 takes `Uint8Array` (and so `Buffer`) or
 * `Uint8ClampedArray`, each other type its own array. For the union
 * `PixelType`, any `PixelArray`.
 */
export type PixelArrayOf<T extends PixelType> = T extends 'u8' ? Uint8Array | Uint8ClampedArray : PixelArrays[T]

/**
 * An interleaved, row-major frame without padding: `width × height × channels`
 * samples of `type`. Zero or fractional sides, channels outside 1–4 and
 * frames too large to address are `ERR_PIXCHAIN_SPEC`.
 *
 * `T` is the pixel type when TypeScript knows it (a spec written in place,
 * or declared `as const`); it types the arrays that pipelines and buffers
 * return.
 */
export interface ImageSpec<T extends PixelType = PixelType> {
  /** Pixels per row, ≥ 1. */
  width: number
  /** Rows, ≥ 1. */
  height: number
  /** Samples per pixel, 1–4 (gray, gray+alpha, RGB, RGBA). Default 1. */
  channels?: number
  /** Pixel type of the samples. */
  type: T
  /**
   * Samples (array elements, not bytes) from the start of one row to the
   * start of the next, ≥ `width × channels`: a region of a larger frame,
   * read in place (see `cropView`). The array then holds
   * `(height − 1)·stride + width·channels` samples. Read by the one-image
   * kernels, their `promises` and `Pipeline` (as its spec, or `run`'s
   * `inputSpec`); the rest take frames without gaps (`ERR_PIXCHAIN_SPEC`).
   * @default width × channels
   */
  stride?: number
}

/**
 * A spec whose `type` TypeScript widened to `string`: an object declared
 * without `as const`, such as `const spec = { width, height, type: 'u8' }`,
 * or one read from JSON. Accepted wherever a spec is; the pixel type is
 * checked when the call runs (`ERR_PIXCHAIN_SPEC`), and the arrays it gives
 * are typed as any `PixelArray`.
 */
export interface LooseImageSpec extends Omit<ImageSpec, 'type'> {
  /** Pixel type of the samples: `'u8'`, `'u16'`, `'i16'` or `'f32'`. */
  type: string
}

/**
 * The part of an `AbortSignal` that pixchain's typings name, so that they
 * need neither `@types/node` nor the DOM library. Pass a real `AbortSignal`
 * (anything else is `ERR_PIXCHAIN_PARAM`).
 */
export interface AbortSignalLike {
  readonly aborted: boolean
  readonly reason: any
  throwIfAborted(): void
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void
  removeEventListener(type: 'abort', listener: () => void): void
}

/** Options of `Pipeline.runAsync` and of the kernels in `promises`. */
export interface RunAsyncOptions {
  /** Aborts the run: it rejects with the signal's reason (an `AbortError`). */
  signal?: AbortSignalLike
}
