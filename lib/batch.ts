// Batches: N frames run one by one into consecutive frames of one output —
// a model's NCHW input from N images. Every frame is checked before the first
// runs, so a refused batch writes nothing.

import { describe, pixchainError } from './errors'
import { specValues } from './native'
import type { ImageSpec, LooseImageSpec, PixelArray } from './types'

/**
 * The part of `output` each frame of `inputs` is written to: the frame's own
 * `frameSamples`, in order, as views (no copy). The inputs must be one kind
 * of array of one length — so that the first frame's checks stand for all —
 * and none may share memory with `output`, which holds them all exactly.
 */
export function checkedBatch<A extends PixelArray>(inputs: readonly PixelArray[], output: A, frameSamples: number): A[] {
  if (!Array.isArray(inputs) || inputs.length === 0) {
    throw pixchainError('ERR_PIXCHAIN_TYPE', `inputs: expected a non-empty array of frames, got ${describe(inputs)}`)
  }
  const first = inputs[0]!
  if (!ArrayBuffer.isView(inputs[0])) throw pixchainError('ERR_PIXCHAIN_TYPE', `inputs[0]: expected a TypedArray, got ${describe(first)}`)
  for (const [i, input] of inputs.entries()) {
    // Of the first frame's class, each is a TypedArray of its kind.
    if (input?.constructor !== first.constructor) {
      throw pixchainError('ERR_PIXCHAIN_TYPE', `inputs[${i}]: expected a ${first.constructor.name} as inputs[0], got ${describe(input)}`)
    }
    if (input.length !== first.length) {
      throw pixchainError('ERR_PIXCHAIN_LENGTH', `inputs[${i}]: expected ${first.length} samples as inputs[0], got ${input.length}`)
    }
    if (ArrayBuffer.isView(output) && overlaps(input, output)) {
      throw pixchainError('ERR_PIXCHAIN_ALIAS', `inputs[${i}] shares memory with the output`)
    }
  }
  const expected = inputs.length * frameSamples
  if (!ArrayBuffer.isView(output) || output.length !== expected) {
    const given = ArrayBuffer.isView(output) ? `${output.length} samples` : describe(output)
    throw pixchainError('ERR_PIXCHAIN_LENGTH', `output: expected ${expected} samples (${inputs.length} frames of ${frameSamples}), got ${given}`)
  }
  return inputs.map((_, i) => output.subarray(i * frameSamples, (i + 1) * frameSamples) as A)
}

function overlaps(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return a.buffer === b.buffer && a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength
}

/** Samples in a whole frame of `spec`, whatever its row stride. */
export function frameSamples(spec: ImageSpec | LooseImageSpec): number {
  const [width, height, channels] = specValues(spec)
  return width * height * channels
}
