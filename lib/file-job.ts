// The work on one file, in one place for every way a batch runs — the
// command line's --jobs threads, processFiles and the queue workers: read
// the image, run it through a Pipeline planned for its shape, write the
// result whole (writeImage's temporary name, then a rename). A FileRunner
// keeps its pipelines between files, so frames of a shape it has seen
// allocate nothing.

import { resolve } from 'node:path'

import { pixchainError, type PixchainError } from './errors'
import { readImage, writeImage } from './image-files'
import type { ImageFormat } from './image-formats'
import type { Pipeline } from './pipeline'
import { pipelineFromSteps, type PipelineStep } from './pipeline-steps'
import { rawImageName } from './raw-names'
import type { ImageSpec } from './types'

/** One file of a batch: where it is read from and written to, as plain data (it crosses threads and machines). */
export interface FileJob {
  /** The input file's path. */
  input: string
  /** Its format, when its name does not say it (`readImage`'s `format`). */
  inputFormat?: ImageFormat
  /** The shape of raw samples, when the input's name does not record it. */
  raw?: ImageSpec
  /** The output file's path; with `shapeInName`, its stem (`rawImageName` adds the shape of the result). */
  output: string
  /** The output's format, when its name does not say it. */
  outputFormat?: ImageFormat
  /** Whether `output` is a raw file's stem, to be named with the shape of the result. */
  shapeInName?: boolean
}

/** A file done: the name written, the result's spec and the milliseconds in the pipeline. */
export interface FileDone {
  /** The input file's path, as the job gave it. */
  input: string
  /** The path written: the job's output, or for a raw output its stem named with the result's shape. */
  output: string
  /** The spec of the result written. */
  spec: Required<ImageSpec>
  /** Milliseconds the pipeline ran, reading and writing the files left out. */
  ms: number
}

/** A file that failed: the error's code (`ERR_PIXCHAIN_*`, or the system's, as `ENOENT`) and message. */
export interface FileFailure {
  input: string
  code: string
  message: string
}

/** Idle pipelines kept at most, over every step list and shape seen lately. */
const KEPT = 8

/**
 * Runs files through pipelines it keeps between files, one per step list
 * and input shape — more when files of one shape run at once (a queue
 * worker's concurrency), since a pipeline runs one frame at a time.
 */
export class FileRunner {
  readonly #threads: number | undefined
  /** Idle pipelines by step list and shape; the least recently used key first. */
  readonly #idle = new Map<string, Pipeline[]>()

  /** `threads`: each step's threads (default: the process default, `setThreads`). */
  constructor(threads?: number) {
    this.#threads = threads
  }

  /**
   * Reads `job.input`, runs it through `steps` and writes the result.
   * @throws `ERR_PIXCHAIN_PARAM` for an output that is the input (a raw
   * output named with the shape of its result); the codes of `readImage`,
   * the steps and `writeImage`, each message naming the input or output file.
   */
  async run(job: FileJob, steps: readonly PipelineStep[]): Promise<FileDone> {
    try {
      const { data, spec } = await readImage(job.input, { format: job.inputFormat, raw: job.raw })
      const key = JSON.stringify([spec, steps])
      const pipeline = this.#take(key) ?? pipelineFromSteps(spec, steps, this.#threads === undefined ? {} : { threads: this.#threads })
      let result
      let ms
      let output
      const outputSpec = pipeline.outputSpec
      try {
        // A raw output's name is known only now, with the shape of the result: checked before any work or write.
        output = job.shapeInName ? rawImageName(job.output, outputSpec) : job.output
        if (resolve(output) === resolve(job.input)) {
          throw pixchainError('ERR_PIXCHAIN_PARAM', `${job.input}: the output ${output} would overwrite its input`)
        }
        const begun = performance.now()
        result = await pipeline.runAsync(data)
        ms = performance.now() - begun
      } finally {
        this.#keep(key, pipeline)
      }
      await writeImage(output, result, outputSpec, { format: job.outputFormat })
      return { input: job.input, output, spec: outputSpec, ms }
    } catch (error) {
      const { code, message } = error as PixchainError
      if (typeof code !== 'string') throw error
      // Messages about a file name it; those about neither file get the input's name.
      const named = message.includes(job.input) || message.includes(job.output)
      throw pixchainError(code, named ? message : `${job.input}: ${message}`)
    }
  }

  /** Frees every pipeline kept. */
  dispose(): void {
    for (const pipelines of this.#idle.values()) for (const pipeline of pipelines) pipeline.dispose()
    this.#idle.clear()
  }

  /** An idle pipeline for `key`, taken out of the keep. */
  #take(key: string): Pipeline | undefined {
    const pipelines = this.#idle.get(key)
    const pipeline = pipelines?.pop()
    if (pipelines?.length === 0) this.#idle.delete(key)
    return pipeline
  }

  /** Keeps a pipeline for the next file of its key, letting the least recently used go past KEPT. */
  #keep(key: string, pipeline: Pipeline): void {
    const pipelines = this.#idle.get(key) ?? []
    this.#idle.delete(key)
    this.#idle.set(key, [...pipelines, pipeline])
    let kept = 0
    for (const list of this.#idle.values()) kept += list.length
    while (kept > KEPT) {
      const [oldest, list] = this.#idle.entries().next().value!
      list.shift()!.dispose()
      if (list.length === 0) this.#idle.delete(oldest)
      kept--
    }
  }
}

/** A failure as plain data (an Error's own properties do not survive structured cloning between threads). */
export function fileFailure(input: string, error: unknown): FileFailure {
  const { code, message } = (error ?? {}) as Partial<PixchainError>
  return { input, code: typeof code === 'string' ? code : 'ERR_PIXCHAIN_INTERNAL', message: typeof message === 'string' ? message : String(error) }
}
