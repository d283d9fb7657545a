// The command line's usage mistakes: a wrong word on the command line is a
// UsageError, reported as one line on stderr with exit code 2, never a stack.

/** A usage mistake: reported as one line on stderr, exit code 2. */
export class UsageError extends Error {}

/** Turns a parseArgs failure into a one-line UsageError. */
export function usageErrorOf(error, command, help = `${command} --help`) {
  if (!String(error?.code).startsWith('ERR_PARSE_ARGS')) return error
  const name = /'([^']+)'/.exec(error.message)?.[1]
  const what =
    error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
      ? `unknown option '${name}'`
      : error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
        ? `unexpected argument '${name}'`
        : error.message.split('\n')[0]
  return new UsageError(`${command}: ${what} (see '${help}')`)
}
