// Errors raised on the JavaScript side, shaped like the ones the native
// addon raises: a plain `Error` with a stable `code`.

import type { ErrorCode, PixchainError } from './types'

/**
 * An `Error` with `code`. A code written here must be an `ErrorCode` (a
 * literal that is not one does not compile); a code the native side reports
 * arrives as a `string`, and test/typings.test.ts checks that `ErrorCode`
 * lists every code the native side has.
 */
export function pixchainError<C extends string>(code: C & (string extends C ? unknown : ErrorCode), message: string): PixchainError {
  return Object.assign(new Error(message), { code }) as PixchainError
}

/** How a value reads in an error message: `got 3.5`, `got "sigma"`, `got null`. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (value === null || typeof value !== 'object') return String(value)
  if (Array.isArray(value)) return 'an array'
  return `a ${value.constructor?.name ?? 'object'}`
}
