// The one door to the native addon: loads it before anything uses it, so
// that a platform without one gets an error naming the package it needs
// rather than the loader's list of every package it tried; and turns
// checked JavaScript values into the specs and ops the addon takes.

import type * as Binding from '../binding'
import { describe, pixchainError } from './errors'
import { binaryRules, checkOptions, kernelRules, specRules, valuesChecker, type BinaryOpName, type OpName } from './options'

export type { NativeBinaryOp, NativeImageBuffers, NativeImageSpec, NativeOp, NativePipeline } from '../binding'

// Typed here, so that the declaration needs no @types/node: the CommonJS
// module's own `require`, and Node's `process`.
declare const require: (id: string) => unknown
declare const process: {
  platform: string
  arch: string
  report?: { getReport(): unknown }
}

/** The name of the prebuilt addon package for this platform, as napi-rs names them. */
export function platformPackage(): string {
  const { platform, arch } = process
  const abi = platform === 'linux' ? (isMusl() ? '-musl' : '-gnu') : platform === 'win32' ? '-msvc' : ''
  return `pixchain-${platform}-${arch}${abi}`
}

function isMusl(): boolean {
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined
  return report?.header?.glibcVersionRuntime === undefined
}

function loadAddon(): typeof Binding {
  try {
    return require('../binding') as typeof Binding
  } catch (cause) {
    const name = platformPackage()
    const error = pixchainError(
      'ERR_PIXCHAIN_ADDON',
      `pixchain: expected the native addon for ${process.platform}-${process.arch}, got none: ` +
        `install ${name} beside pixchain (npm install ${name}; a lockfile made on another platform ` +
        `or --omit=optional leaves it out), or build it from source with npm run build`,
    )
    throw Object.assign(error, { cause })
  }
}

/** The native addon: its classes and functions. */
export const native = loadAddon()

/**
 * A spec as the addon takes it, checked (`ERR_PIXCHAIN_SPEC`), channels
 * defaulting to 1. A `stride` other than the row's is refused: only the
 * one-image kernels, pipelines and `ImageBuffers.load` read strided frames
 * (`stridedSpec`).
 */
export function nativeSpec(spec: unknown): Binding.NativeImageSpec {
  const [width, height, channels, type, stride] = specValues(spec)
  if (stride !== undefined && stride !== width * channels) {
    throw pixchainError(
      'ERR_PIXCHAIN_SPEC',
      `stride: expected ${width * channels} (width × channels: only the one-image kernels, Pipeline and ImageBuffers.load read rows with gaps between them), got ${stride}`,
    )
  }
  return { width, height, channels, type }
}

/** A spec as the addon takes it and its row stride in samples, if given: what the one-image kernels and pipelines read. */
export function stridedSpec(spec: unknown): [Binding.NativeImageSpec, number | undefined] {
  const [width, height, channels, type, stride] = specValues(spec)
  return [{ width, height, channels, type }, stride]
}

const checkSpec = valuesChecker('spec', specRules, ['width', 'height', 'channels', 'type', 'stride'], 'ERR_PIXCHAIN_SPEC')

/** A spec's checked `[width, height, channels, type, stride]`, channels defaulting to 1, stride absent unless given. */
export function specValues(spec: unknown): [number, number, number, string, number | undefined] {
  // `specRules` requires width, height and type, and checks each value's kind.
  const [width, height, channels = 1, type, stride] = checkSpec(spec) as [number, number, number | undefined, string, number | undefined]
  return [width, height, channels, type, stride]
}

/** A kernel and its checked options, tagged as the addon takes them. */
export function nativeOp(op: OpName, options: unknown): Binding.NativeOp {
  // `kernelRules[op]` lists exactly the fields of op's variant (options.ts).
  return { op, ...checkOptions(op, asNative(op, options), kernelRules[op]) } as Binding.NativeOp
}

/**
 * Options as the addon names them: `morphology`'s `op` travels as
 * `operation`, since `op` tags every native kernel. Anything but an options
 * object passes through, to be refused by the checks.
 */
function asNative(op: OpName, options: unknown): unknown {
  if (op !== 'morphology' || options === null || typeof options !== 'object' || Array.isArray(options)) return options
  const { op: operation, ...rest } = options as Record<string, unknown>
  if (Object.hasOwn(rest, 'operation')) {
    throw pixchainError('ERR_PIXCHAIN_PARAM', `morphology: expected options among op, ${Object.keys(kernelRules.morphology).slice(1).join(', ')}, got unknown option "operation"`)
  }
  if (operation !== undefined && typeof operation !== 'string') {
    throw pixchainError('ERR_PIXCHAIN_PARAM', `op: expected a string, got ${describe(operation)}`)
  }
  return operation === undefined ? rest : { ...rest, operation }
}

/** Each kernel's index as `native.runKernel` takes it, and its options checker, giving values in `opFields()` order. */
const ONE_SHOT_OPS = new Map(
  native.opFields().map(({ op, fields }, index) => [op, { index, check: valuesChecker(op, kernelRules[op as OpName], fields) }]),
)

/** A kernel as `native.runKernel` takes it: its index, and its checked options' values in `opFields()` order. */
export function nativeOpFields(op: OpName, options: unknown): [number, unknown[]] {
  const { index, check } = ONE_SHOT_OPS.get(op)!
  return [index, check(asNative(op, options))]
}

const PIXEL_TYPES = new Map(native.pixelTypes().map((name, index) => [name, index]))

/** A pixel type as `native.runKernel` takes it: its index in `pixelTypes()`, or the name itself when unknown, to be refused there. */
export function nativePixelType(type: string): number | string {
  return PIXEL_TYPES.get(type) ?? type
}

/** A two-image kernel and its checked options, tagged as the addon takes them. */
export function nativeBinaryOp(op: BinaryOpName, options: unknown): Binding.NativeBinaryOp {
  // `binaryRules[op]` lists exactly the fields of op's variant (options.ts).
  return { op, ...checkOptions(op, options, binaryRules[op]) } as Binding.NativeBinaryOp
}
