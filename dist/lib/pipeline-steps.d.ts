import { KernelChain } from './kernel-chain';
import type { BinaryOpName } from './options';
import { Pipeline, type PipelineOptions } from './pipeline';
import type { ImageSpec, LooseImageSpec } from './types';
/** A method of `Pipeline` that records a step: a kernel, a graph step (`save`, `from`) or a two-image step. */
export type PipelineStepMethod = keyof KernelChain | 'save' | 'from' | BinaryOpName;
/**
 * One step as data: the `Pipeline` method and its one argument — the
 * options object of a kernel or two-image step (`['gaussianBlur', { sigma:
 * 2 }]`, `['add', { other: 'input' }]`), the name of `save` and `from`
 * (`['save', 'blurred']`); none for steps without options (`['transpose']`).
 */
export type PipelineStep = readonly [method: PipelineStepMethod, argument?: unknown];
/** Every method a step may name: the kernels of `KernelChain`, then the graph and two-image steps. */
export declare const pipelineStepMethods: readonly PipelineStepMethod[];
/**
 * Records `steps` on `pipeline`, in order, as if each method were called;
 * a refused step throws what its method throws, which names the step
 * (`step 2 (medianBlur): ksize: …`).
 * @throws `ERR_PIXCHAIN_PARAM` for a `pipeline` that is not a `Pipeline`, a
 * step that is not `[method, argument?]` with a known method, and the codes
 * of the methods (see `StepErrorCode`).
 */
export declare function addSteps(pipeline: Pipeline, steps: readonly PipelineStep[]): Pipeline;
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
export declare function pipelineFromSteps(spec: ImageSpec | LooseImageSpec, steps: readonly PipelineStep[], options?: PipelineOptions): Pipeline;
