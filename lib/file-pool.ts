// Files on worker threads (a piscina pool; each thread a FileRunner, see
// file-worker.ts): `jobs` files at a time, each thread's steps on
// `threads` threads, so that jobs × threads does not oversubscribe the
// machine. Files are handed out one at a time as threads finish, so a stop
// (a failure without keepGoing, or an abort) starts no further file; the
// files already running finish, each written whole or not at all.

import { availableParallelism } from 'node:os'
import { join } from 'node:path'

import { Piscina } from 'piscina'

import type { FileDone, FileFailure, FileJob } from './file-job'
import type { FileOutcome, FileTask } from './file-worker'
import type { PipelineStep } from './pipeline-steps'
import type { AbortSignalLike } from './types'

/** How a batch went: what each file gave, in the order the files were given, and those not started. */
export interface BatchResult {
  /** Files written, in the order of the inputs. */
  done: FileDone[]
  /** Files that failed, in the order of the inputs. */
  failed: FileFailure[]
  /** Inputs not started: the batch stopped at a failure (without `keepGoing`) or an abort. */
  skipped: string[]
  /** Seconds from the first file started to the last settled. */
  seconds: number
}

/** One file settled, as `onProgress` hears of it. */
export interface BatchProgress {
  /** The file just done (`done`) or failed (`failure`). */
  done?: FileDone
  failure?: FileFailure
  /** Files settled so far (done or failed) and in all. */
  settled: number
  total: number
  /** Seconds since the batch started. */
  seconds: number
}

/** How `runFileJobs` runs. */
export interface BatchRunOptions {
  steps: readonly PipelineStep[]
  /** Files at once, each on its own thread: an integer ≥ 1 (default: the number of cores). */
  jobs?: number
  /** Threads of each step (default: `defaultThreads(jobs)`). */
  threads?: number
  /** Go on past a failed file (default: start no other file once one has failed). */
  keepGoing?: boolean
  signal?: AbortSignalLike
  onProgress?: (progress: BatchProgress) => void
}

/** Threads per step when `jobs` files run at once: the cores shared out, at least 1. */
export function defaultThreads(jobs: number): number {
  return Math.max(1, Math.floor(availableParallelism() / jobs))
}

/** The number of files run at once by default: the number of cores. */
export function defaultJobs(): number {
  return availableParallelism()
}

/**
 * Runs every job on a pool of `min(jobs, files)` threads. Resolves once
 * every started file has settled; a signal aborted meanwhile rejects with
 * its reason after that, and an `onProgress` that throws stops the batch
 * (no file starts after it, and it hears of no other) and rejects with its
 * error after that.
 */
export async function runFileJobs(files: readonly FileJob[], options: BatchRunOptions): Promise<BatchResult> {
  const { steps, keepGoing = false, signal, onProgress } = options
  const jobs = Math.max(1, Math.min(options.jobs ?? defaultJobs(), files.length))
  const threads = options.threads ?? defaultThreads(jobs)
  const outcomes: (FileOutcome | undefined)[] = new Array(files.length)
  const started = performance.now()
  const seconds = () => (performance.now() - started) / 1000
  signal?.throwIfAborted()
  const pool = new Piscina<FileTask, FileOutcome>({
    filename: join(__dirname, 'file-worker.js'),
    minThreads: jobs,
    maxThreads: jobs,
    // Every thread stays until the batch ends: they keep their pipelines.
    idleTimeout: Infinity,
  })
  let next = 0
  let settled = 0
  let stopped = false
  let listenerFailed: { error: unknown } | undefined
  // One lane per thread, each taking the next file when its last one settles.
  const lane = async () => {
    while (!stopped && next < files.length && !signal?.aborted) {
      const index = next++
      const outcome = await pool.run({ job: files[index]!, steps, threads })
      outcomes[index] = outcome
      settled++
      if (outcome.failure !== undefined && !keepGoing) stopped = true
      if (listenerFailed !== undefined) continue
      try {
        onProgress?.({ ...outcome, settled, total: files.length, seconds: seconds() })
      } catch (error) {
        // A throwing listener stops the batch as a failed file does: no other file starts, those running finish whole.
        listenerFailed = { error }
        stopped = true
      }
    }
  }
  let lanes: PromiseSettledResult<void>[]
  try {
    // Every lane runs to its end, so no thread is stopped mid-file when another lane has failed.
    lanes = await Promise.allSettled(Array.from({ length: jobs }, lane))
  } finally {
    await pool.destroy()
  }
  if (listenerFailed !== undefined) throw listenerFailed.error
  const broken = lanes.find((lane) => lane.status === 'rejected')
  if (broken !== undefined) throw broken.reason
  signal?.throwIfAborted()
  return {
    done: outcomes.flatMap((outcome) => (outcome?.done ? [outcome.done] : [])),
    failed: outcomes.flatMap((outcome) => (outcome?.failure ? [outcome.failure] : [])),
    skipped: files.flatMap((file, index) => (outcomes[index] === undefined ? [file.input] : [])),
    seconds: seconds(),
  }
}
