#!/usr/bin/env node
// The pixchain command line: `pixchain <input…> -o <output> <step…>` runs a
// pipeline over image files (cli/run-images.mjs); other work is a subcommand,
// one entry of COMMANDS (its usage line, a summary and a `run(args)`
// returning an exit code).

import { createRequire } from 'node:module'
import { parseArgs } from 'node:util'

import { BENCH_OPTIONS, BENCH_OPTIONS_HELP, checkBenchOptions } from './cli/bench-options.mjs'
import { ENQUEUE, WORKER } from './cli/queue.mjs'
import { USAGE, help, runImages } from './cli/run-images.mjs'
import { UsageError, usageErrorOf } from './cli/usage.mjs'

const COMMANDS = {
  bench: {
    usage: 'pixchain bench [--chains] [--json] [--quick] [--runs N] [--size WxH]',
    summary: 'time every kernel on generated 3840×2160 frames, beside sharp and OpenCV.js when they are installed',
    help: [
      '  --chains      time six kernel chains (Pipeline beside one-shot kernels) instead of each kernel',
      '  --json        print the results as JSON (schema pixchain-bench-kernels, or -chains) and nothing else on stdout',
      ...BENCH_OPTIONS_HELP,
    ],
    run: bench,
  },
  enqueue: ENQUEUE,
  worker: WORKER,
}

function usage() {
  return [
    `usage: ${USAGE}`,
    '       pixchain <command> [options]',
    '       pixchain --version',
    '',
    ...help(),
    '',
    'commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(12)}  ${c.summary}`),
    "  'pixchain <command> --help' for a command's options.",
  ].join('\n')
}

function commandHelp(command) {
  return [`usage: ${command.usage}`, '', command.summary, '', ...command.help].join('\n')
}

async function bench(args) {
  let values
  try {
    ;({ values } = parseArgs({
      args,
      options: { ...BENCH_OPTIONS, json: { type: 'boolean', default: false }, chains: { type: 'boolean', default: false } },
    }))
  } catch (error) {
    throw usageErrorOf(error, 'pixchain bench')
  }
  if (values.help) {
    console.log(commandHelp(COMMANDS.bench))
    return 0
  }
  const { runs, size } = checkBenchOptions(values, 'pixchain bench')
  const stdout = process.stdout
  // With --json, stdout carries the document alone: anything a library prints goes to stderr.
  if (values.json) console.log = console.info = console.debug = console.error
  const { runSuite } = await import('../bench/lib/run-suite.mjs')
  const { renderMarkdown } = await import('../bench/lib/report.mjs')
  const { runChains } = await import('../bench/lib/run-chains.mjs')
  const { renderChainsMarkdown } = await import('../bench/lib/chains-report.mjs')
  const doc = await (values.chains ? runChains : runSuite)({
    command: ['pixchain bench', ...args].join(' '),
    quick: values.quick,
    runs,
    size,
    cross: `they run in the repository's npm run bench${values.chains ? ':chains' : ''} only`,
    log: process.stderr.isTTY ? (line) => process.stderr.write(`${line}\n`) : undefined,
  })
  stdout.write(values.json ? `${JSON.stringify(doc, null, 2)}\n` : (values.chains ? renderChainsMarkdown : renderMarkdown)(doc))
  return 0
}

async function main([name, ...args]) {
  if (name === '--help' || name === '-h' || name === 'help') {
    console.log(usage())
    return 0
  }
  if (name === '--version' || name === '-V') {
    console.log(createRequire(import.meta.url)('../package.json').version)
    return 0
  }
  if (name === undefined) {
    console.error(usage())
    return 2
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined
  return command ? command.run(args) : runImages([name, ...args])
}

try {
  process.exitCode = await main(process.argv.slice(2))
} catch (error) {
  if (error instanceof UsageError) {
    console.error(error.message)
    process.exitCode = 2
  } else if (typeof error?.syscall === 'string') {
    // A file the system refused (permissions, a full disk): one line, not a stack.
    console.error(`pixchain: ${error.message}`)
    process.exitCode = 1
  } else {
    throw error
  }
}
