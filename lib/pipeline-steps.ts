// Steps as data: `[method, argument]`, the Pipeline method and what it is
// called with. Plain values that survive structured cloning and JSON, so
// the same steps build the same pipeline in a worker thread, another
// process or another machine (processFiles, the command line's --jobs and
// its queue workers).

import { describe, pixchainError } from './errors'
import { KernelChain } from './kernel-chain'
import type { BinaryOpName } from './options'
import { Pipeline, type PipelineOptions } from './pipeline'
import type { ImageSpec, LooseImageSpec } from './types'

/** A method of `Pipeline` that records a step: a kernel, a graph step (`save`, `from`) or a two-image step. */
export type PipelineStepMethod = keyof KernelChain | 'save' | 'from' | BinaryOpName

/**
 * One step as data: the `Pipeline` method and its one argument — the
 * options object of a kernel or two-image step (`['gaussianBlur', { sigma:
 * 2 }]`, `['add', { other: 'input' }]`), the name of `save` and `from`
 * (`['save', 'blurred']`); none for steps without options (`['transpose']`).
 */
export type PipelineStep = readonly [method: PipelineStepMethod, argument?: unknown]

const GRAPH_STEPS = ['save', 'from', 'add', 'subtract', 'absdiff', 'multiply', 'addWeighted', 'mergeChannels'] as const

/** Every method a step may name: the kernels of `KernelChain`, then the graph and two-image steps. */
export const pipelineStepMethods: readonly PipelineStepMethod[] = [
  ...(Object.getOwnPropertyNames(KernelChain.prototype).filter((name) => name !== 'constructor') as (keyof KernelChain)[]),
  ...GRAPH_STEPS,
]

const known = new Set<string>(pipelineStepMethods)

/**
 * Records `steps` on `pipeline`, in order, as if each method were called;
 * a refused step throws what its method throws, which names the step
 * (`step 2 (medianBlur): ksize: …`).
 * @throws `ERR_PIXCHAIN_PARAM` for a `pipeline` that is not a `Pipeline`, a
 * step that is not `[method, argument?]` with a known method, and the codes
 * of the methods (see `StepErrorCode`).
 */
export function addSteps(pipeline: Pipeline, steps: readonly PipelineStep[]): Pipeline {
  // Checked here, as otherwise the first step's method would be called on whatever was given (a TypeError).
  if (!(pipeline instanceof Pipeline)) throw pixchainError('ERR_PIXCHAIN_PARAM', `pipeline: expected a Pipeline, got ${describe(pipeline)}`)
  checkStepsForm(steps)
  for (const [method, argument] of steps) {
    ;(pipeline[method] as (argument: unknown) => unknown).call(pipeline, argument)
  }
  return pipeline
}

/**
 * Refuses steps that are not a list of `[method, argument?]` with known
 * methods, before any pipeline is made (their options are checked when the
 * steps are added).
 * @throws `ERR_PIXCHAIN_PARAM`
 * @internal
 */
export function checkStepsForm(steps: unknown): asserts steps is readonly PipelineStep[] {
  if (!Array.isArray(steps)) throw pixchainError('ERR_PIXCHAIN_PARAM', `steps: expected an array of [method, argument] steps, got ${describe(steps)}`)
  if (steps.length === 0) throw pixchainError('ERR_PIXCHAIN_PARAM', 'steps: expected at least one step, got none')
  for (const [index, step] of steps.entries()) {
    if (!Array.isArray(step) || step.length < 1 || step.length > 2 || !known.has(step[0])) {
      const what = Array.isArray(step) ? `the method ${describe(step[0])}` : describe(step)
      throw pixchainError('ERR_PIXCHAIN_PARAM', `steps[${index}]: expected [method, argument?] with a Pipeline step method (${pipelineStepMethods.join(', ')}), got ${what}`)
    }
  }
}

/**
 * A `Pipeline` for frames of `spec` built from steps as data (as
 * `pipeline.steps` gives them), planned at once: the same pipeline in any
 * thread or process.
 *
 * ```ts
 * const steps: PipelineStep[] = [['gaussianBlur', { sigma: 2 }], ['medianBlur', { ksize: 3 }]]
 * const pipeline = pipelineFromSteps({ width: 64, height: 48, type: 'u8' }, steps)
 * ```
 * @throws the codes of `addSteps`, and those of `new Pipeline` for the spec and options.
 */
export function pipelineFromSteps(spec: ImageSpec | LooseImageSpec, steps: readonly PipelineStep[], options: PipelineOptions = {}): Pipeline {
  const pipeline = new Pipeline(spec, options)
  try {
    return addSteps(pipeline, steps).compile()
  } catch (error) {
    pipeline.dispose()
    throw error
  }
}
