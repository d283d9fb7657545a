import type { FileDone, FileFailure, FileJob } from './file-job';
import type { PipelineStep } from './pipeline-steps';
import type { AbortSignalLike } from './types';
/** How a batch went: what each file gave, in the order the files were given, and those not started. */
export interface BatchResult {
    /** Files written, in the order of the inputs. */
    done: FileDone[];
    /** Files that failed, in the order of the inputs. */
    failed: FileFailure[];
    /** Inputs not started: the batch stopped at a failure (without `keepGoing`) or an abort. */
    skipped: string[];
    /** Seconds from the first file started to the last settled. */
    seconds: number;
}
/** One file settled, as `onProgress` hears of it. */
export interface BatchProgress {
    /** The file just done (`done`) or failed (`failure`). */
    done?: FileDone;
    failure?: FileFailure;
    /** Files settled so far (done or failed) and in all. */
    settled: number;
    total: number;
    /** Seconds since the batch started. */
    seconds: number;
}
/** How `runFileJobs` runs. */
export interface BatchRunOptions {
    steps: readonly PipelineStep[];
    /** Files at once, each on its own thread: an integer ≥ 1 (default: the number of cores). */
    jobs?: number;
    /** Threads of each step (default: `defaultThreads(jobs)`). */
    threads?: number;
    /** Go on past a failed file (default: start no other file once one has failed). */
    keepGoing?: boolean;
    signal?: AbortSignalLike;
    onProgress?: (progress: BatchProgress) => void;
}
/** Threads per step when `jobs` files run at once: the cores shared out, at least 1. */
export declare function defaultThreads(jobs: number): number;
/** The number of files run at once by default: the number of cores. */
export declare function defaultJobs(): number;
/**
 * Runs every job on a pool of `min(jobs, files)` threads. Resolves once
 * every started file has settled; a signal aborted meanwhile rejects with
 * its reason after that, and an `onProgress` that throws stops the batch
 * (no file starts after it, and it hears of no other) and rejects with its
 * error after that.
 */
export declare function runFileJobs(files: readonly FileJob[], options: BatchRunOptions): Promise<BatchResult>;
