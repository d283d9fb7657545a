// The one door to the native addon: loads it before anything uses it, so
// that a platform without one gets an error naming the package it needs
// rather than the loader's list of every package it tried; and turns
// checked JavaScript values into the specs and ops the addon takes.

import type * as Binding from '../binding'
import { pixchainError } from './errors'
import { binaryRules, checkOptions, checkValues, kernelRules, specRules, type BinaryOpName, type OpName } from './options'

export type { NativeBinaryOp, NativeImageBuffers, NativePipeline } from '../binding'

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

/** A spec as the addon takes it, checked (`ERR_PIXCHAIN_SPEC`), channels defaulting to 1. */
export function nativeSpec(spec: unknown): Binding.NativeImageSpec {
  const [width, height, channels, type] = specValues(spec)
  return { width, height, channels, type }
}

const SPEC_KEYS = ['width', 'height', 'channels', 'type'] as const

/** A spec's checked `[width, height, channels, type]`, channels defaulting to 1. */
export function specValues(spec: unknown): [number, number, number, string] {
  // `specRules` requires width, height and type, and checks each value's kind.
  const [width, height, channels = 1, type] = checkValues('spec', spec, specRules, SPEC_KEYS, 'ERR_PIXCHAIN_SPEC') as [number, number, number | undefined, string]
  return [width, height, channels, type]
}

/** A kernel and its checked options, tagged as the addon takes them. */
export function nativeOp(op: OpName, options: unknown): Binding.NativeOp {
  // `kernelRules[op]` lists exactly the fields of op's variant (options.ts).
  return { op, ...checkOptions(op, options, kernelRules[op]) } as Binding.NativeOp
}

/** Each kernel's option names in the order `native.runKernel` takes their values. */
const OP_FIELDS: Record<string, readonly string[]> = native.opFields()

/** A kernel's checked options as `native.runKernel` takes them: values in `opFields()` order. */
export function nativeOpFields(op: OpName, options: unknown): unknown[] {
  return checkValues(op, options, kernelRules[op], OP_FIELDS[op]!)
}

/** A two-image kernel and its checked options, tagged as the addon takes them. */
export function nativeBinaryOp(op: BinaryOpName, options: unknown): Binding.NativeBinaryOp {
  // `binaryRules[op]` lists exactly the fields of op's variant (options.ts).
  return { op, ...checkOptions(op, options, binaryRules[op]) } as Binding.NativeBinaryOp
}
