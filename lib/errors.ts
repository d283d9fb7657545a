// Errors raised on the JavaScript side, shaped like the ones the native
// addon raises: a plain `Error` with a stable `code`.

export function pixchainError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code })
}

/** How a value reads in an error message: `got 3.5`, `got "sigma"`, `got null`. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (value === null || typeof value !== 'object') return String(value)
  if (Array.isArray(value)) return 'an array'
  return `a ${value.constructor?.name ?? 'object'}`
}
