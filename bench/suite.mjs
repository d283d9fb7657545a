// `npm run bench`: every kernel on 3840×2160 frames (u8, u16, f32; one and
// three channels), pixchain at one thread and all threads beside sharp,
// OpenCV.js and, when python3 is there, cv2, SciPy and NumPy. Writes
// bench/results/kernels.{json,md,svg} and prints the table.
//
//   npm run bench                   # the full suite (a few minutes)
//   npm run bench -- --quick        # smoke run; writes kernels-quick.*
//   npm run bench -- --no-cross     # without the Python peers

import { mkdirSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'

import { renderChart } from './lib/chart.mjs'
import { BENCH_OPTIONS, BENCH_OPTIONS_HELP, UsageError, checkBenchOptions, usageErrorOf } from './lib/cli-options.mjs'
import { renderMarkdown } from './lib/report.mjs'
import { runSuite } from './lib/run-suite.mjs'

const COMMAND = 'npm run bench'
const HELP = [
  'usage: npm run bench -- [--quick] [--runs N] [--no-cross] [--size WxH]',
  '',
  ...BENCH_OPTIONS_HELP,
  '  --no-cross    skip the Python peers (cv2, SciPy, NumPy in bench/cross/.venv)',
].join('\n')

async function main(argv) {
  let values
  try {
    ;({ values } = parseArgs({ args: argv, options: { ...BENCH_OPTIONS, 'no-cross': { type: 'boolean', default: false } } }))
  } catch (error) {
    throw usageErrorOf(error, COMMAND, 'npm run bench -- --help')
  }
  if (values.help) {
    console.log(HELP)
    return
  }
  const { runs, size } = checkBenchOptions(values, COMMAND)
  const started = performance.now()
  const doc = await runSuite({
    command: ['npm run bench', ...(argv.length ? ['--', ...argv] : [])].join(' '),
    quick: values.quick,
    runs,
    size,
    cross: values['no-cross'] ? 'with --no-cross' : true,
    log: (line) => process.stderr.write(`${line}\n`),
  })
  // A smoke run or another frame size must not replace the full results.
  const name = values.quick || size.width ? 'kernels-quick' : 'kernels'
  const dir = new URL('./results/', import.meta.url)
  mkdirSync(dir, { recursive: true })
  writeFileSync(new URL(`${name}.json`, dir), `${JSON.stringify(doc, null, 2)}\n`)
  writeFileSync(new URL(`${name}.md`, dir), renderMarkdown(doc))
  writeFileSync(new URL(`${name}.svg`, dir), renderChart(doc))
  process.stdout.write(`\n${renderMarkdown(doc)}`)
  const seconds = (performance.now() - started) / 1000
  console.log(`\nwrote bench/results/${name}.{json,md,svg} in ${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`)
}

try {
  await main(process.argv.slice(2))
} catch (error) {
  if (!(error instanceof UsageError)) throw error
  console.error(error.message)
  process.exitCode = 2
}
