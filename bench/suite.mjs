// `npm run bench`: every kernel on 3840×2160 frames (u8, u16, f32; one and
// three channels), pixchain at one thread and all threads beside sharp,
// OpenCV.js and, when python3 is there, cv2, SciPy and NumPy. Writes
// bench/results/kernels.{json,md,svg} and prints the table.
//
//   npm run bench                   # the full suite (a few minutes)
//   npm run bench -- --quick        # smoke run; writes kernels-quick.*
//   npm run bench -- --no-cross     # without the Python peers
//   npm run bench -- --only boxBlur # some kernels; writes kernels-quick.*

import { exitOnUsageError, runBenchCommand } from './lib/bench-command.mjs'
import { renderChart } from './lib/chart.mjs'
import { BENCH_OPTIONS_HELP } from '../bin/cli/bench-options.mjs'
import { renderMarkdown } from './lib/report.mjs'
import { runSuite } from './lib/run-suite.mjs'

const COMMAND = 'npm run bench'
const HELP = [
  'usage: npm run bench -- [--quick] [--runs N] [--no-cross] [--size WxH] [--only IDS]',
  '',
  ...BENCH_OPTIONS_HELP,
  '  --no-cross    skip the Python peers (cv2, SciPy, NumPy in bench/cross/.venv)',
  '  --only IDS    only the cases whose id (kernel/type/cN) contains one of these',
  '                comma-separated parts, e.g. --only boxBlur,threshold/u8',
].join('\n')

await exitOnUsageError(() =>
  runBenchCommand({ command: COMMAND, name: 'kernels', help: HELP, argv: process.argv.slice(2), run: runSuite, renderMarkdown, renderChart, selectable: true }),
)
