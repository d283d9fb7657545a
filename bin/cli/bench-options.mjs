// The options `pixchain bench` and `npm run bench` share, and their checks.

import { UsageError } from './usage.mjs'

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
