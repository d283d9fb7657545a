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

import { exitOnUsageError, runBenchCommand } from './lib/bench-command.mjs'
import { renderChainsChart, renderChainsMarkdown } from './lib/chains-report.mjs'
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
  const doc = await runBenchCommand({
    command: COMMAND,
    name: 'chains',
    help: HELP,
    argv,
    run: runChains,
    renderMarkdown: renderChainsMarkdown,
    renderChart: renderChainsChart,
  })
  // A Pipeline that disagrees with its one-shot chain is a bug, not a slow result.
  if (doc?.chains.some((c) => Object.values(c.checks.pipelineEqualsOneShots).some((ok) => ok !== true))) {
    console.error('Pipeline output differs from the one-shot chain: see the Checks table')
    process.exitCode = 1
  }
}

await exitOnUsageError(() => main(process.argv.slice(2)))
