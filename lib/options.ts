// Checks the JavaScript types of option objects before they reach the
// native addon, so that a wrong type gets a pixchain error code. Ranges,
// NaN and names are checked in the Rust core, where the defaults live.
// The rule tables name every field the addon takes, and only those.

import type { NativeBinaryOp, NativeOp } from '../binding'
import { describe, pixchainError, type ErrorCode } from './errors'
import type { AbortSignalLike } from './types'

/** What an option holds: any number, an integer ≥ 0, an integer ≥ 1, a string, a list of numbers, an AbortSignal, a pixel limit, or a number or a list of one per channel. */
export type OptionKind = 'number' | 'count' | 'size' | 'string' | 'numbers' | 'signal' | 'limit' | 'scalar' | 'boolean'

export interface OptionRule {
  kind: OptionKind
  required?: boolean
  /** The code of this field's errors, when not the object's (`maxType` beside a spec's fields). */
  code?: ErrorCode
}

export type OptionRules = Readonly<Record<string, OptionRule>>

/** The value an option of each kind holds once checked. */
interface KindValues {
  number: number
  count: number
  size: number
  string: string
  numbers: number[]
  signal: AbortSignalLike
  limit: number | boolean
  scalar: number | number[]
  boolean: boolean
}

/** What `checkOptions` returns for `rules`: each option typed by its kind, the required ones present. */
export type Checked<R extends OptionRules> = {
  -readonly [K in keyof R as R[K] extends { required: true } ? K : never]: KindValues[R[K]['kind']]
} & {
  -readonly [K in keyof R as R[K] extends { required: true } ? never : K]?: KindValues[R[K]['kind']]
}

const expectedText: Record<OptionKind, string> = {
  number: 'a number',
  count: 'an integer ≥ 0',
  size: 'an integer ≥ 1',
  numbers: 'an array or TypedArray of numbers',
  string: 'a string',
  signal: 'an AbortSignal',
  limit: 'an integer ≥ 0 (0: no limit) or a boolean',
  scalar: 'a number, or an array of numbers (one per channel)',
  boolean: 'true or false',
}

const MAX_COUNT = 2 ** 32 - 1

function holds(kind: OptionKind, value: unknown): boolean {
  switch (kind) {
    case 'number':
      return typeof value === 'number'
    case 'count':
      return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_COUNT
    case 'size':
      return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_COUNT
    case 'string':
      return typeof value === 'string'
    case 'signal':
      return value instanceof AbortSignal
    case 'limit':
      return typeof value === 'boolean' || (Number.isSafeInteger(value) && (value as number) >= 0)
    case 'boolean':
      return typeof value === 'boolean'
    case 'scalar':
      return typeof value === 'number' || holds('numbers', value)
    case 'numbers':
      return (
        (Array.isArray(value) && value.every((v) => typeof v === 'number')) ||
        (ArrayBuffer.isView(value) && !(value instanceof DataView) && !(value instanceof BigInt64Array) && !(value instanceof BigUint64Array))
      )
  }
}

/**
 * Refuses an options value that is not an object, that names an option
 * `rules` does not know, or whose options have the wrong JavaScript type.
 * Returns the options as a plain object of the known keys, typed by `rules`.
 */
export function checkOptions<R extends OptionRules>(
  where: string,
  options: unknown,
  rules: R,
  code: ErrorCode = 'ERR_PIXCHAIN_PARAM',
): Checked<R> {
  const keys = Object.keys(rules)
  const values = checkValues(where, options, rules, keys, code)
  const checked: Record<string, unknown> = {}
  for (let i = 0; i < keys.length; i++) if (values[i] !== undefined) checked[keys[i]!] = values[i]
  // Each value has just been checked to hold its rule's kind.
  return checked as Checked<R>
}

/**
 * The checked values of `keys` (each a key of `rules`), in that order,
 * `undefined` where absent: what `checkOptions` builds its object from.
 */
export function checkValues(
  where: string,
  options: unknown,
  rules: OptionRules,
  keys: readonly string[],
  code: ErrorCode = 'ERR_PIXCHAIN_PARAM',
): unknown[] {
  if (options === undefined) options = {}
  if (options === null || typeof options !== 'object' || Array.isArray(options)) refuseOptions(where, options, code)
  const given = options as Record<string, unknown>
  for (const key in given) if (!Object.hasOwn(rules, key)) refuseUnknown(where, given, key, rules, code)
  return keys.map((key) => checkField(key, rules[key]!, given[key], code))
}

/**
 * `checkValues` for one set of rules and keys, compiled once into a function
 * that reads each option by its own name. The one-shot calls run it on every
 * call: V8 keeps a read by a constant name monomorphic, where the generic
 * loop's reads by a computed key go megamorphic and cost most of the check.
 */
export function valuesChecker(
  where: string,
  rules: OptionRules,
  keys: readonly string[],
  code: ErrorCode = 'ERR_PIXCHAIN_PARAM',
): (options: unknown) => unknown[] {
  const known = Object.keys(rules)
    .map((key) => `k !== ${JSON.stringify(key)}`)
    .join(' && ')
  const reads = keys.map((key, i) => `checkField(keys[${i}], rules[keys[${i}]], o[${JSON.stringify(key)}], code)`)
  const body = `return function checkValues(o) {
    if (o === undefined) o = {}
    if (o === null || typeof o !== 'object' || Array.isArray(o)) refuseOptions(where, o, code)
    for (const k in o) if (${known || 'true'}) refuseUnknown(where, o, k, rules, code)
    return [${reads.join(', ')}]
  }`
  try {
    return new Function('checkField', 'refuseOptions', 'refuseUnknown', 'where', 'rules', 'keys', 'code', body)(
      checkField,
      refuseOptions,
      refuseUnknown,
      where,
      rules,
      keys,
      code,
    ) as (options: unknown) => unknown[]
  } catch {
    // Code generation refused (node --disallow-code-generation-from-strings):
    // the generic loop checks the same, only slower.
    return (options) => checkValues(where, options, rules, keys, code)
  }
}

function refuseOptions(where: string, options: unknown, code: ErrorCode): never {
  throw pixchainError(code, `${where}: expected an options object, got ${describe(options)}`)
}

/** Refuses `key` of `given` unless it is inherited (only own options are read as options). */
function refuseUnknown(where: string, given: object, key: string, rules: OptionRules, code: ErrorCode): void {
  if (Object.hasOwn(given, key)) {
    throw pixchainError(code, `${where}: expected options among ${Object.keys(rules).join(', ')}, got unknown option ${JSON.stringify(key)}`)
  }
}

/** One option's value checked against its rule: the value the addon gets, `undefined` if absent. */
function checkField(key: string, rule: OptionRule, value: unknown, code: ErrorCode): unknown {
  if (value === undefined) {
    if (rule.required) throw pixchainError(rule.code ?? code, `${key}: expected ${expectedText[rule.kind]}, got nothing (it is required)`)
    return undefined
  }
  // Lists reach the addon as plain arrays, copied before they are checked:
  // the elements checked are the elements used, whatever getters do, and
  // a hole is an undefined element (`every` skips holes).
  const list = rule.kind === 'numbers' || (rule.kind === 'scalar' && typeof value !== 'number')
  const copy = list && Array.isArray(value) ? Array.from(value as ArrayLike<number>) : value
  if (!holds(rule.kind, copy)) {
    throw pixchainError(rule.code ?? code, `${key}: expected ${expectedText[rule.kind]}, got ${describe(value)}`)
  }
  return list ? Array.from(copy as ArrayLike<number>) : copy
}

/** The `signal` of an async call's options, refused at once if already aborted. */
export function signalToStart(where: string, options: unknown): AbortSignalLike | undefined {
  const { signal } = checkOptions(where, options, { signal: { kind: 'signal' } } as const)
  signal?.throwIfAborted()
  return signal
}

/** A kernel's name, as the addon tags it. */
export type OpName = NativeOp['op']

/** A two-image kernel's name, as the addon tags it. */
export type BinaryOpName = NativeBinaryOp['op']

/** A rule for each field the addon takes for each op, and for no other field. */
type RulesFor<Op extends { op: string }> = {
  [O in Op['op']]: { [F in Exclude<keyof Extract<Op, { op: O }>, 'op'>]-?: OptionRule }
}

/** The structuring element and border that erode, dilate and morphology share. */
const morphRules = {
  ksize: { kind: 'count' },
  ksizeY: { kind: 'count' },
  shape: { kind: 'string' },
  iterations: { kind: 'count' },
  border: { kind: 'string' },
  borderValue: { kind: 'number' },
} as const satisfies Record<string, OptionRule>

export const kernelRules = {
  clip: { min: { kind: 'scalar' }, max: { kind: 'scalar' } },
  linear: { a: { kind: 'scalar' }, b: { kind: 'scalar' } },
  threshold: {
    thresh: { kind: 'scalar' },
    maxval: { kind: 'scalar' },
    kind: { kind: 'string' },
  },
  invert: { min: { kind: 'number' }, max: { kind: 'number' } },
  gamma: { gamma: { kind: 'number' } },
  grayscale: { order: { kind: 'string' } },
  normalize: { kind: { kind: 'string' }, min: { kind: 'number' }, max: { kind: 'number' }, perChannel: { kind: 'boolean' } },
  convert: {
    type: { kind: 'string' },
    scale: { kind: 'number' },
    offset: { kind: 'number' },
    abs: { kind: 'boolean' },
  },
  gaussianBlur: {
    sigma: { kind: 'number' },
    sigmaY: { kind: 'number' },
    ksize: { kind: 'count' },
    border: { kind: 'string' },
    borderValue: { kind: 'number' },
  },
  boxBlur: {
    ksize: { kind: 'count' },
    ksizeY: { kind: 'count' },
    border: { kind: 'string' },
    borderValue: { kind: 'number' },
  },
  medianBlur: { ksize: { kind: 'count' } },
  sobel: {
    dx: { kind: 'count' },
    dy: { kind: 'count' },
    ksize: { kind: 'count' },
    type: { kind: 'string' },
    border: { kind: 'string' },
    borderValue: { kind: 'number' },
  },
  convolve: {
    kernel: { kind: 'numbers' },
    kernelWidth: { kind: 'count' },
    row: { kind: 'numbers' },
    column: { kind: 'numbers' },
    type: { kind: 'string' },
    border: { kind: 'string' },
    borderValue: { kind: 'number' },
  },
  erode: morphRules,
  dilate: morphRules,
  // \`op\` tags every native kernel, so the operation travels as \`operation\` (see native.ts).
  morphology: { operation: { kind: 'string' }, ...morphRules },
  laplacian: {
    ksize: { kind: 'count' },
    type: { kind: 'string' },
    border: { kind: 'string' },
    borderValue: { kind: 'number' },
  },
  scharr: {
    dx: { kind: 'count' },
    dy: { kind: 'count' },
    type: { kind: 'string' },
    border: { kind: 'string' },
    borderValue: { kind: 'number' },
  },
  equalizeHist: {},
  clahe: { clipLimit: { kind: 'number' }, tiles: { kind: 'numbers' } },
  flip: { direction: { kind: 'string' } },
  rotate: { angle: { kind: 'count' } },
  transpose: {},
  pad: {
    top: { kind: 'count' },
    bottom: { kind: 'count' },
    left: { kind: 'count' },
    right: { kind: 'count' },
    border: { kind: 'string' },
    borderValue: { kind: 'number' },
  },
  crop: { x: { kind: 'count' }, y: { kind: 'count' }, width: { kind: 'size' }, height: { kind: 'size' } },
  clipPercentiles: { percentiles: { kind: 'numbers' } },
  extractChannel: { channel: { kind: 'count' } },
  reorderChannels: { order: { kind: 'numbers' } },
  resize: {
    width: { kind: 'size', required: true },
    height: { kind: 'size', required: true },
    interpolation: { kind: 'string' },
  },
  toTensor: {
    scale: { kind: 'number' },
    mean: { kind: 'scalar' },
    std: { kind: 'scalar' },
    layout: { kind: 'string' },
    swapRB: { kind: 'boolean' },
  },
} as const satisfies RulesFor<NativeOp>

export const binaryRules = {
  add: {},
  subtract: {},
  absdiff: {},
  multiply: { scale: { kind: 'number' } },
  addWeighted: { alpha: { kind: 'number' }, beta: { kind: 'number' }, gamma: { kind: 'number' } },
  mergeChannels: {},
} as const satisfies RulesFor<NativeBinaryOp>

/** The fields of an `ImageSpec`; their errors are `ERR_PIXCHAIN_SPEC`. */
export const specRules = {
  width: { kind: 'size', required: true },
  height: { kind: 'size', required: true },
  channels: { kind: 'size' },
  type: { kind: 'string', required: true },
  stride: { kind: 'size' },
} as const satisfies OptionRules
