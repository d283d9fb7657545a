// processFiles: image files through one chain of steps into a folder, on
// worker threads (file-pool.ts), each file read, run and written by the one
// FileRunner every batch uses (file-job.ts).

import { mkdir } from 'node:fs/promises'
import { basename, extname, join, resolve } from 'node:path'

import { describe, pixchainError, type PixchainError } from './errors'
import type { FileDone, FileFailure, FileJob } from './file-job'
import { runFileJobs, type BatchProgress } from './file-pool'
import { fileSpec, formatOfName, imageFormats, isImageFormat, type FileSpec, type ImageFormat } from './image-formats'
import { checkOptions } from './options'
import { Pipeline } from './pipeline'
import { checkStepsForm, type PipelineStep } from './pipeline-steps'
import { withoutRawShape } from './raw-names'
import type { AbortSignalLike, ImageSpec } from './types'

export type { FileDone, FileFailure }

/** Options of `processFiles`. */
export interface ProcessFilesOptions {
  /** The folder the results go to (made when missing), each named after its input. */
  output: string
  /** The steps as data (`[['gaussianBlur', { sigma: 2 }], …]`); or give `pipeline`. */
  steps?: readonly PipelineStep[]
  /** A pipeline whose steps (`pipeline.steps`) are run; its spec does not matter, each file gets a pipeline for its shape. */
  pipeline?: Pipeline
  /** The results' format (default: each input's); raw results are named with their shape (`rawImageName`). */
  format?: ImageFormat
  /** The shape of raw inputs whose names do not record it. */
  raw?: ImageSpec
  /** Files run at once, each on its own worker thread: an integer ≥ 1. Default: the number of cores. */
  jobs?: number
  /** Threads of each step: an integer ≥ 1. Default: the cores shared out among the jobs, at least 1 (2 cores, 2 jobs: 1). */
  threads?: number
  /** Go on past a file that fails, and resolve with every failure. Default: start no other file, and reject. */
  keepGoing?: boolean
  /** Starts no further file once aborted, and rejects with its reason when the files running have settled. */
  signal?: AbortSignalLike
  /** Called as each file settles, done or failed. One that throws starts no further file, and its error rejects once the files running are written. */
  onProgress?: (progress: FileProgress) => void
}

/** One file settled, as `onProgress` hears of it. */
export type FileProgress = BatchProgress

/** What `processFiles` did: the files written and, with `keepGoing`, those that failed, in the order of the inputs. */
export interface ProcessFilesResult {
  /** The files written, in the order of the inputs. */
  done: FileDone[]
  /** The files that failed (only with `keepGoing`: without it the first failure rejects), in the order of the inputs. */
  failed: FileFailure[]
  /** Seconds from the first file started to the last settled. */
  seconds: number
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
export async function processFiles(inputs: readonly string[], options: ProcessFilesOptions): Promise<ProcessFilesResult> {
  if (options === null || typeof options !== 'object') throw pixchainError('ERR_PIXCHAIN_PARAM', `processFiles: expected options, got ${describe(options)}`)
  // Steps, pipeline, raw and onProgress are checked apart, the rest here.
  const { steps: _steps, pipeline: _pipeline, raw, onProgress, ...rest } = options
  const { output, format, jobs, threads, keepGoing = false, signal } = checkOptions('processFiles', rest, {
    output: { kind: 'string', required: true },
    format: { kind: 'string' },
    jobs: { kind: 'size' },
    threads: { kind: 'size' },
    keepGoing: { kind: 'boolean' },
    signal: { kind: 'signal' },
  } as const)
  const steps = stepsOf(options)
  if (format !== undefined && !isImageFormat(format)) {
    throw pixchainError('ERR_PIXCHAIN_PARAM', `format: expected ${Object.keys(imageFormats).join(', ')}, got ${describe(format)}`)
  }
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw pixchainError('ERR_PIXCHAIN_PARAM', `onProgress: expected a function, got ${describe(onProgress)}`)
  }
  const files = folderJobs(inputs, output, format, rawOf(raw))
  await mkdir(output, { recursive: true })
  const result = await runFileJobs(files, { steps, jobs, threads, keepGoing, signal, onProgress })
  const [first] = result.failed
  if (first !== undefined && !keepGoing) throw pixchainError(first.code, first.message)
  return { done: result.done, failed: result.failed, seconds: result.seconds }
}

/** The `raw` option checked once, before any file starts (in the workers a bad one would fail every file). */
function rawOf(raw: unknown): FileSpec | undefined {
  if (raw === undefined) return undefined
  try {
    return fileSpec(raw)
  } catch (error) {
    const { message } = error as PixchainError
    throw pixchainError('ERR_PIXCHAIN_PARAM', message.startsWith('spec: ') ? `raw: ${message.slice(6)}` : `raw: ${message}`)
  }
}

/** The steps given, as data: `steps`, or a `pipeline`'s. */
function stepsOf({ steps, pipeline }: ProcessFilesOptions): readonly PipelineStep[] {
  if ((steps === undefined) === (pipeline === undefined)) {
    throw pixchainError('ERR_PIXCHAIN_PARAM', 'processFiles: expected either steps or pipeline')
  }
  if (pipeline !== undefined) {
    if (!(pipeline instanceof Pipeline)) throw pixchainError('ERR_PIXCHAIN_PARAM', `pipeline: expected a Pipeline, got ${describe(pipeline)}`)
    return pipeline.steps
  }
  checkStepsForm(steps)
  return steps
}

/** A job per input into `folder`: the input's name, with the extension of `format` when given; raw results named with their shape. */
function folderJobs(inputs: readonly string[], folder: string, format: ImageFormat | undefined, raw: ImageSpec | undefined): FileJob[] {
  if (!Array.isArray(inputs) || inputs.some((input) => typeof input !== 'string')) {
    throw pixchainError('ERR_PIXCHAIN_PARAM', `inputs: expected an array of file paths, got ${describe(inputs)}`)
  }
  const written = new Map<string, string>()
  return inputs.map((input) => {
    const own = formatOfName(input) ?? 'raw'
    const chosen = format ?? own
    const name = basename(input)
    const stripped = own === 'raw' ? withoutRawShape(name).replace(/\.raw$/i, '') : name.slice(0, name.length - extname(name).length)
    // A name that is all extension (`.raw`, `.8x8x1.u8.raw`) keeps it whole: an empty stem would name the folder itself.
    const stem = join(folder, stripped === '' ? name : stripped)
    const job: FileJob =
      chosen === 'raw'
        ? { input, inputFormat: own, output: stem, outputFormat: 'raw', shapeInName: true }
        : { input, inputFormat: own, output: stem + (chosen === own ? extname(name) : imageFormats[chosen].extensions[0]), outputFormat: chosen }
    if (raw !== undefined) job.raw = raw
    const key = resolve(job.output)
    const earlier = written.get(key)
    if (earlier !== undefined) throw pixchainError('ERR_PIXCHAIN_PARAM', `${earlier} and ${input} would both be written to ${job.output}`)
    if (key === resolve(input)) throw pixchainError('ERR_PIXCHAIN_PARAM', `${input}: the output would overwrite its input`)
    written.set(key, input)
    return job
  })
}
