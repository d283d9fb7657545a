import type { ImageFormat } from './image-formats';
import { type PipelineStep } from './pipeline-steps';
import type { ImageSpec } from './types';
/** One file of a batch: where it is read from and written to, as plain data (it crosses threads and machines). */
export interface FileJob {
    /** The input file's path. */
    input: string;
    /** Its format, when its name does not say it (`readImage`'s `format`). */
    inputFormat?: ImageFormat;
    /** The shape of raw samples, when the input's name does not record it. */
    raw?: ImageSpec;
    /** The output file's path; with `shapeInName`, its stem (`rawImageName` adds the shape of the result). */
    output: string;
    /** The output's format, when its name does not say it. */
    outputFormat?: ImageFormat;
    /** Whether `output` is a raw file's stem, to be named with the shape of the result. */
    shapeInName?: boolean;
}
/** A file done: the name written, the result's spec and the milliseconds in the pipeline. */
export interface FileDone {
    /** The input file's path, as the job gave it. */
    input: string;
    /** The path written: the job's output, or for a raw output its stem named with the result's shape. */
    output: string;
    /** The spec of the result written. */
    spec: Required<ImageSpec>;
    /** Milliseconds the pipeline ran, reading and writing the files left out. */
    ms: number;
}
/** A file that failed: the error's code (`ERR_PIXCHAIN_*`, or the system's, as `ENOENT`) and message. */
export interface FileFailure {
    input: string;
    code: string;
    message: string;
}
/**
 * Runs files through pipelines it keeps between files, one per step list
 * and input shape — more when files of one shape run at once (a queue
 * worker's concurrency), since a pipeline runs one frame at a time.
 */
export declare class FileRunner {
    #private;
    /** `threads`: each step's threads (default: the process default, `setThreads`). */
    constructor(threads?: number);
    /**
     * Reads `job.input`, runs it through `steps` and writes the result.
     * @throws `ERR_PIXCHAIN_PARAM` for an output that is the input (a raw
     * output named with the shape of its result); the codes of `readImage`,
     * the steps and `writeImage`, each message naming the input or output file.
     */
    run(job: FileJob, steps: readonly PipelineStep[]): Promise<FileDone>;
    /** Frees every pipeline kept. */
    dispose(): void;
}
/** A failure as plain data (an Error's own properties do not survive structured cloning between threads). */
export declare function fileFailure(input: string, error: unknown): FileFailure;
