// What every `npm run bench*` suite script does around its run: read the
// options, print help, run, write the report to bench/results/ and print it.

import { mkdirSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'

import { BENCH_OPTIONS, checkBenchOptions } from '../../bin/cli/bench-options.mjs'
import { UsageError, usageErrorOf } from '../../bin/cli/usage.mjs'

/**
 * Runs `run({ command, quick, runs, size, cross, only, log })` as `command`
 * with the arguments `argv`, and writes its document to `<name>.{json,md,svg}`
 * (`<name>-quick.*` for a smoke run, another frame size or a subset, which
 * must not replace the full results). `selectable`: the suite takes `--only`. Returns the document, or nothing for `--help`.
 */
export async function runBenchCommand({ command, name, help, argv, run, renderMarkdown, renderChart, selectable = false }) {
  let values
  try {
    ;({ values } = parseArgs({ args: argv, options: { ...BENCH_OPTIONS, 'no-cross': { type: 'boolean', default: false }, ...(selectable && { only: { type: 'string' } }) } }))
  } catch (error) {
    throw usageErrorOf(error, command, `${command} -- --help`)
  }
  if (values.help) {
    console.log(help)
    return undefined
  }
  const { runs, size } = checkBenchOptions(values, command)
  const only = values.only?.split(',').filter(Boolean)
  const started = performance.now()
  const doc = await run({
    command: [command, ...(argv.length ? ['--', ...argv] : [])].join(' '),
    quick: values.quick,
    runs,
    size,
    cross: values['no-cross'] ? 'with --no-cross' : true,
    only,
    log: (line) => process.stderr.write(`${line}\n`),
  })
  const file = values.quick || size.width || only ? `${name}-quick` : name
  const dir = new URL('../results/', import.meta.url)
  mkdirSync(dir, { recursive: true })
  writeFileSync(new URL(`${file}.json`, dir), `${JSON.stringify(doc, null, 2)}\n`)
  writeFileSync(new URL(`${file}.md`, dir), renderMarkdown(doc))
  writeFileSync(new URL(`${file}.svg`, dir), renderChart(doc))
  process.stdout.write(`\n${renderMarkdown(doc)}`)
  const seconds = (performance.now() - started) / 1000
  console.log(`\nwrote bench/results/${file}.{json,md,svg} in ${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`)
  return doc
}

/** Runs a script's `main`, a usage mistake reported as one line on stderr and exit code 2. */
export async function exitOnUsageError(main) {
  try {
    await main()
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    console.error(error.message)
    process.exitCode = 2
  }
}
