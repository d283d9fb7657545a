// `npm run bench:chains`: six chains of kernels on 3840×2160 frames, each as
// a pixchain Pipeline, as pixchain one-shot kernels and, when python3 is
// there, as cv2 calls, at one thread and all threads; the Pipeline checked
// against the one-shots byte for byte, and each peer's working bytes and
// peak RSS growth. Writes bench/results/chains.{json,md,svg} and prints the
// tables.
//
//   npm run bench:chains                  # 7 runs per measurement (a few minutes)
//   npm run bench:chains -- --quick       # 3 runs; writes chains-quick.*
//   npm run bench:chains -- --no-cross    # without cv2

import { mkdirSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'

import { renderChainsChart, renderChainsMarkdown } from './lib/chains-report.mjs'
import { BENCH_OPTIONS, UsageError, checkBenchOptions, usageErrorOf } from './lib/cli-options.mjs'
import { runChains } from './lib/run-chains.mjs'

const COMMAND = 'npm run bench:chains'
const CHAINS_HELP = [
  '  --quick       a smoke run: 3 runs per measurement; writes chains-quick.*',
  '  --runs N      N timed runs per measurement (default 7; 3 with --quick)',
  '  --size WxH    frame size instead of 3840x2160 (writes chains-quick.*)',
  '  -h, --help    this text',
]
const HELP = [
  'usage: npm run bench:chains -- [--quick] [--runs N] [--no-cross] [--size WxH]',
  '',
  ...CHAINS_HELP,
  '  --no-cross    skip cv2 (bench/cross/.venv)',
].join('\n')

async function main(argv) {
  let values
  try {
    ;({ values } = parseArgs({ args: argv, options: { ...BENCH_OPTIONS, 'no-cross': { type: 'boolean', default: false } } }))
  } catch (error) {
    throw usageErrorOf(error, COMMAND, 'npm run bench:chains -- --help')
  }
  if (values.help) {
    console.log(HELP)
    return
  }
  const { runs, size } = checkBenchOptions(values, COMMAND)
  const doc = await runChains({
    command: [COMMAND, ...(argv.length ? ['--', ...argv] : [])].join(' '),
    quick: values.quick,
    runs,
    size,
    cross: values['no-cross'] ? 'with --no-cross' : true,
    log: (line) => process.stderr.write(`${line}\n`),
  })
  // A smoke run or another frame size must not replace the full results.
  const name = values.quick || size.width ? 'chains-quick' : 'chains'
  const dir = new URL('./results/', import.meta.url)
  mkdirSync(dir, { recursive: true })
  writeFileSync(new URL(`${name}.json`, dir), `${JSON.stringify(doc, null, 2)}\n`)
  writeFileSync(new URL(`${name}.md`, dir), renderChainsMarkdown(doc))
  writeFileSync(new URL(`${name}.svg`, dir), renderChainsChart(doc))
  process.stdout.write(`\n${renderChainsMarkdown(doc)}`)
  const seconds = doc.settings.durationSeconds
  console.log(`\nwrote bench/results/${name}.{json,md,svg} in ${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`)
  // A Pipeline that disagrees with its one-shot chain is a bug, not a slow result.
  if (doc.chains.some((c) => Object.values(c.checks.pipelineEqualsOneShots).some((ok) => ok !== true))) {
    console.error('Pipeline output differs from the one-shot chain: see the Checks table')
    process.exitCode = 1
  }
}

try {
  await main(process.argv.slice(2))
} catch (error) {
  if (!(error instanceof UsageError)) throw error
  console.error(error.message)
  process.exitCode = 2
}
