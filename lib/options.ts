// Checks the JavaScript types of option objects before they reach the
// native addon, so that a wrong type gets a pixchain error code. Ranges,
// NaN and names are checked in the Rust core, where the defaults live.

import { describe, pixchainError } from './errors'
import type { ErrorCode } from './types'

/** What an option holds: any number, an integer ≥ 0, an integer ≥ 1, a string, a list of numbers, an AbortSignal, or a pixel limit. */
export type OptionKind = 'number' | 'count' | 'size' | 'string' | 'numbers' | 'signal' | 'limit'

export interface OptionRule {
  kind: OptionKind
  required?: boolean
  /** The code of this field's errors, when not the object's (`maxType` beside a spec's fields). */
  code?: string
}

export type OptionRules = Readonly<Record<string, OptionRule>>

const expectedText: Record<OptionKind, string> = {
  number: 'a number',
  count: 'an integer ≥ 0',
  size: 'an integer ≥ 1',
  numbers: 'an array or TypedArray of numbers',
  string: 'a string',
  signal: 'an AbortSignal',
  limit: 'an integer ≥ 0 (0: no limit) or a boolean',
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
 * Returns the options as a plain object of the known keys.
 */
export function checkOptions(
  where: string,
  options: unknown,
  rules: OptionRules,
  code: ErrorCode = 'ERR_PIXCHAIN_PARAM',
): Record<string, unknown> {
  if (options === undefined) options = {}
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw pixchainError(code, `${where}: expected an options object, got ${describe(options)}`)
  }
  const given = options as Record<string, unknown>
  const known = Object.keys(rules)
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(rules, key)) {
      throw pixchainError(code, `${where}: expected options among ${known.join(', ')}, got unknown option ${JSON.stringify(key)}`)
    }
  }
  const checked: Record<string, unknown> = {}
  for (const [key, rule] of Object.entries(rules)) {
    const value = given[key]
    if (value === undefined) {
      if (rule.required) throw pixchainError(rule.code ?? code, `${key}: expected ${expectedText[rule.kind]}, got nothing (it is required)`)
      continue
    }
    // Lists reach the addon as plain arrays, copied before they are checked:
    // the elements checked are the elements used, whatever getters do, and
    // a hole is an undefined element (`every` skips holes).
    const copy = rule.kind === 'numbers' && Array.isArray(value) ? Array.from(value as ArrayLike<number>) : value
    if (!holds(rule.kind, copy)) {
      throw pixchainError(rule.code ?? code, `${key}: expected ${expectedText[rule.kind]}, got ${describe(value)}`)
    }
    checked[key] = rule.kind === 'numbers' ? Array.from(copy as ArrayLike<number>) : copy
  }
  return checked
}
