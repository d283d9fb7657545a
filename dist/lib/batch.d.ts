import type { ImageSpec, LooseImageSpec, PixelArray } from './types';
/**
 * The part of `output` each frame of `inputs` is written to: the frame's own
 * `frameSamples`, in order, as views (no copy). The inputs must be one kind
 * of array of one length — so that the first frame's checks stand for all —
 * and none may share memory with `output`, which holds them all exactly.
 */
export declare function checkedBatch<A extends PixelArray>(inputs: readonly PixelArray[], output: A, frameSamples: number): A[];
/** Samples in a whole frame of `spec`, whatever its row stride. */
export declare function frameSamples(spec: ImageSpec | LooseImageSpec): number;
