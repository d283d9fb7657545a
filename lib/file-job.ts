// The work on one file, in one place for every way a batch runs — the
// command line's --jobs threads, processFiles and the queue workers: read
// the image, run it through a Pipeline planned for its shape, write the
// result whole (writeImage's temporary name, then a rename). A FileRunner
// keeps its pipelines between files, so frames of a shape it has seen
// allocate nothing.

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
  input: string
  output: string
  spec: Required<ImageSpec>
  ms: number
}

/** A file that failed: the error's code (`ERR_PIXCHAIN_*`, or the system's, as `ENOENT`) and message. */
export interface FileFailure {
  input: string
  code: string
  message: string
}

/** Pipelines kept at most: one per shape and step list seen lately. */
const KEPT = 8

/** Runs files through pipelines it keeps between files, one per step list and input shape. */
export class FileRunner {
  readonly #threads: number | undefined
  readonly #pipelines = new Map<string, Pipeline>()

  /** `threads`: each step's threads (default: the process default, `setThreads`). */
  constructor(threads?: number) {
    this.#threads = threads
  }

  /**
   * Reads `job.input`, runs it through `steps` and writes the result.
   * @throws the codes of `readImage`, the steps and `writeImage`, each
   * message beginning with the input's path.
   */
  async run(job: FileJob, steps: readonly PipelineStep[]): Promise<FileDone> {
    try {
      const { data, spec } = await readImage(job.input, { format: job.inputFormat, raw: job.raw })
      const pipeline = this.#pipelineFor(spec, steps)
      const begun = performance.now()
      const result = await pipeline.runAsync(data)
      const ms = performance.now() - begun
      const outputSpec = pipeline.outputSpec
      const output = job.shapeInName ? rawImageName(job.output, outputSpec) : job.output
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
    for (const pipeline of this.#pipelines.values()) pipeline.dispose()
    this.#pipelines.clear()
  }

  #pipelineFor(spec: ImageSpec, steps: readonly PipelineStep[]): Pipeline {
    const key = JSON.stringify([spec, steps])
    let pipeline = this.#pipelines.get(key)
    if (pipeline !== undefined) {
      // Most recently used last: the first entry is the one to let go.
      this.#pipelines.delete(key)
    } else {
      pipeline = pipelineFromSteps(spec, steps, this.#threads === undefined ? {} : { threads: this.#threads })
      if (this.#pipelines.size >= KEPT) {
        const [oldest, unused] = this.#pipelines.entries().next().value!
        unused.dispose()
        this.#pipelines.delete(oldest)
      }
    }
    this.#pipelines.set(key, pipeline)
    return pipeline
  }
}

/** A failure as plain data (an Error's own properties do not survive structured cloning between threads). */
export function fileFailure(input: string, error: unknown): FileFailure {
  const { code, message } = (error ?? {}) as Partial<PixchainError>
  return { input, code: typeof code === 'string' ? code : 'ERR_PIXCHAIN_INTERNAL', message: typeof message === 'string' ? message : String(error) }
}
