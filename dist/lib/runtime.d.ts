/** A SIMD path: the instruction set kernels are compiled for. */
export type SimdPath = 'avx512' | 'avx2' | 'sse4.1' | 'neon' | 'simd128' | 'scalar';
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
