// The options `npm run bench` and `pixchain bench` share, and their checks.

export const BENCH_OPTIONS = {
  quick: { type: 'boolean', default: false },
  runs: { type: 'string' },
  size: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
}

export const BENCH_OPTIONS_HELP = [
  '  --quick       a smoke run: 3 runs each (the kernel suite: fewer kernels, one-channel frames)',
  '  --runs N      at most N timed runs per measurement (default 7; 3 with --quick)',
  '  --size WxH    frame size instead of 3840x2160 (for trying the suite out)',
  '  -h, --help    this text',
]

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

/** `{ runs, size }` from the string options, or a UsageError. */
export function checkBenchOptions(values, command) {
  let runs
  if (values.runs !== undefined) {
    runs = Number(values.runs)
    if (!Number.isInteger(runs) || runs < 1 || runs > 1000) {
      throw new UsageError(`${command}: --runs takes a whole number from 1 to 1000, got '${values.runs}'`)
    }
  }
  let size = {}
  if (values.size !== undefined) {
    const match = /^(\d+)x(\d+)$/i.exec(values.size)
    const [width, height] = match ? [Number(match[1]), Number(match[2])] : []
    if (!match || width < 16 || height < 16 || width * height > 2 ** 26) {
      throw new UsageError(`${command}: --size takes WIDTHxHEIGHT, each at least 16, got '${values.size}'`)
    }
    size = { width, height }
  }
  return { runs, size }
}
