import type { FileDone, FileFailure } from './file-job';
import { type BatchProgress } from './file-pool';
import { type ImageFormat } from './image-formats';
import { Pipeline } from './pipeline';
import { type PipelineStep } from './pipeline-steps';
import type { AbortSignalLike, ImageSpec } from './types';
export type { FileDone, FileFailure };
/** Options of `processFiles`. */
export interface ProcessFilesOptions {
    /** The folder the results go to (made when missing), each named after its input. */
    output: string;
    /** The steps as data (`[['gaussianBlur', { sigma: 2 }], …]`); or give `pipeline`. */
    steps?: readonly PipelineStep[];
    /** A pipeline whose steps (`pipeline.steps`) are run; its spec does not matter, each file gets a pipeline for its shape. */
    pipeline?: Pipeline;
    /** The results' format (default: each input's); raw results are named with their shape (`rawImageName`). */
    format?: ImageFormat;
    /** The shape of raw inputs whose names do not record it. */
    raw?: ImageSpec;
    /** Files run at once, each on its own worker thread: an integer ≥ 1. Default: the number of cores. */
    jobs?: number;
    /** Threads of each step: an integer ≥ 1. Default: the cores shared out among the jobs, at least 1 (2 cores, 2 jobs: 1). */
    threads?: number;
    /** Go on past a file that fails, and resolve with every failure. Default: start no other file, and reject. */
    keepGoing?: boolean;
    /** Starts no further file once aborted, and rejects with its reason when the files running have settled. */
    signal?: AbortSignalLike;
    /** Called as each file settles, done or failed. One that throws starts no further file, and its error rejects once the files running are written. */
    onProgress?: (progress: FileProgress) => void;
}
/** One file settled, as `onProgress` hears of it. */
export type FileProgress = BatchProgress;
/** What `processFiles` did: the files written and, with `keepGoing`, those that failed, in the order of the inputs. */
export interface ProcessFilesResult {
    /** The files written, in the order of the inputs. */
    done: FileDone[];
    /** The files that failed (only with `keepGoing`: without it the first failure rejects), in the order of the inputs. */
    failed: FileFailure[];
    /** Seconds from the first file started to the last settled. */
    seconds: number;
}
/**
 * Runs image files through one chain of steps into a folder, `jobs` files
 * at a time on worker threads — each thread keeps a pipeline per frame
 * shape, so a batch of one size plans once per thread. The results equal
 * those of one `Pipeline` run file by file, and each is written whole or
 * not at all.
 *
 * ```ts
 * const { done } = await processFiles(['a.png', 'b.png'], {
 *   output: 'out/',
 *   steps: [['grayscale'], ['gaussianBlur', { sigma: 2 }]],
 *   jobs: 2,
 * })
 * ```
 * @throws (rejects with) `ERR_PIXCHAIN_PARAM` for bad options, two inputs
 * of one output name, or an output over its input; without `keepGoing`, the
 * first failed file's error (its code, its message naming the file); the
 * signal's reason when aborted; what `onProgress` threw.
 */
export declare function processFiles(inputs: readonly string[], options: ProcessFilesOptions): Promise<ProcessFilesResult>;
