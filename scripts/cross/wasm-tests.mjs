// The JavaScript suites on the wasm addon that dist/ holds (the release's
// test-wasi job, and test:cross's opt-in wasm32-wasip1-threads check). They
// must pass but for KNOWN_FAILURES: what wasm32 or emnapi cannot do. Any
// other failure fails the run; a known one that passes is only reported.
//
//   node scripts/cross/wasm-tests.mjs

import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { root, run } from './toolchain.mjs'

/** The tests that fail on the wasm build, by file and a piece of their name, and why. */
const KNOWN_FAILURES = [
  ['test/external-memory.test.ts', 'reports its work buffers from compile to dispose', 'emnapi cannot report external memory to V8'],
  ['test/external-memory.test.ts', 'image buffers report their two frames', 'emnapi cannot report external memory to V8'],
  ['test/newcomer.test.ts', 'reports its work buffers to V8', 'emnapi cannot report external memory to V8'],
  ['test/newcomer.test.ts', 'refuses frames over 16383 × 16383 by default', 'wasm32: a frame past 2 GiB is ERR_PIXCHAIN_SPEC before any limit'],
  ['test/newcomer.test.ts', 'buffers the system cannot give are ERR_PIXCHAIN_MEMORY', 'wasm32: a frame past 2 GiB is ERR_PIXCHAIN_SPEC before any limit'],
  ['test/hostile-sizes.test.ts', '60000×60000×4 f32', 'wasm32: a frame past 2 GiB is ERR_PIXCHAIN_SPEC before any limit'],
  ['test/hostile-options.test.ts', 'length, buffer and offset properties lie', "emnapi reads a TypedArray's buffer and byteOffset through its (lying) properties"],
]

/** Runs vitest on dist/'s wasm addon; returns a line of counts, or throws on a failure not listed. */
export function wasmTests() {
  // Node warns that WASI is experimental in every process that loads it, and
  // the CLI tests would see that on stderr.
  const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --disable-warning=ExperimentalWarning`.trim() }
  // Not NAPI_RS_FORCE_WASI: vitest's own napi-rs packages (rolldown) would
  // obey it too, and their wasm builds are not installed. The loader falls
  // back to wasm when dist/ has no native addon, which this checks.
  const loaded = run(process.execPath, ['-p', "require('./dist/binding.js').__napiBindingTarget"], { env }).trim()
  if (loaded !== 'wasm32-wasi') throw new Error(`dist/binding.js loads ${loaded}, not the wasm addon`)

  const folder = mkdtempSync(path.join(tmpdir(), 'pixchain-vitest-'))
  try {
    const report = path.join(folder, 'report.json')
    const vitest = spawnSync(path.join(root, 'node_modules', '.bin', 'vitest'), ['run', '--reporter=dot', '--reporter=json', `--outputFile=${report}`], {
      cwd: root,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    })
    let summary
    try {
      summary = JSON.parse(readFileSync(report, 'utf8'))
    } catch {
      throw new Error(`vitest wrote no report (exit ${vitest.status ?? vitest.signal})`)
    }
    const failed = summary.testResults.flatMap((file) =>
      file.assertionResults
        .filter((test) => test.status === 'failed')
        .map((test) => ({ file: path.relative(root, file.name).split(path.sep).join('/'), name: test.fullName })),
    )
    const isKnown = ([file, name]) => (test) => test.file === file && test.name.includes(name)
    const unexpected = failed.filter((test) => !KNOWN_FAILURES.some((known) => isKnown(known)(test)))
    const nowPassing = KNOWN_FAILURES.filter((known) => !failed.some(isKnown(known)))
    for (const [file, name] of nowPassing) console.log(`  known failure now passes: ${file} > ${name}`)
    if (summary.numTotalTests === 0) throw new Error('vitest ran no test')
    if (unexpected.length > 0) {
      throw new Error(`${unexpected.length} tests failed beyond the known ones:\n${unexpected.map((test) => `${test.file} > ${test.name}`).join('\n')}`)
    }
    const reasons = new Map()
    for (const [, , reason] of KNOWN_FAILURES.filter((known) => !nowPassing.includes(known))) reasons.set(reason, (reasons.get(reason) ?? 0) + 1)
    const known = [...reasons].map(([reason, count]) => `${count}: ${reason}`).join('; ')
    return `vitest on the wasm addon: ${summary.numPassedTests} of ${summary.numTotalTests} passed, the ${summary.numFailedTests} failed known (${known})`
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    console.log(wasmTests())
  } catch (error) {
    console.error(`wasm tests: ${error.message}`)
    process.exitCode = 1
  }
}
