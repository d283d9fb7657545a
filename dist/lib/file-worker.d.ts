import { type FileDone, type FileFailure, type FileJob } from './file-job';
import type { PipelineStep } from './pipeline-steps';
/** What the pool hands a thread: one file, the steps, and each step's threads. */
export interface FileTask {
    job: FileJob;
    steps: readonly PipelineStep[];
    threads: number;
}
/** A thread's answer: the file done, or why it failed. */
export type FileOutcome = {
    done: FileDone;
    failure?: undefined;
} | {
    done?: undefined;
    failure: FileFailure;
};
/** Runs one file of the pool. */
export default function runFileTask({ job, steps, threads }: FileTask): Promise<FileOutcome>;
