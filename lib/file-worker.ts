// A thread of the file pool (file-pool.ts): runs the files it is handed
// through one FileRunner, which keeps its pipelines between files. Answers
// plain data, as a structured clone of an Error loses its code.

import { FileRunner, fileFailure, type FileDone, type FileFailure, type FileJob } from './file-job'
import type { PipelineStep } from './pipeline-steps'

/** What the pool hands a thread: one file, the steps, and each step's threads. */
export interface FileTask {
  job: FileJob
  steps: readonly PipelineStep[]
  threads: number
}

/** A thread's answer: the file done, or why it failed. */
export type FileOutcome = { done: FileDone; failure?: undefined } | { done?: undefined; failure: FileFailure }

const runners = new Map<number, FileRunner>()

/** Runs one file of the pool. */
export default async function runFileTask({ job, steps, threads }: FileTask): Promise<FileOutcome> {
  let runner = runners.get(threads)
  if (runner === undefined) runners.set(threads, (runner = new FileRunner(threads)))
  try {
    return { done: await runner.run(job, steps) }
  } catch (error) {
    return { failure: fileFailure(job.input, error) }
  }
}
