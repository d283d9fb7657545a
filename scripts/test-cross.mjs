// `npm run test:cross`: every platform the package claims that this x86-64
// Linux machine can build, and run under emulation. Installs what it needs
// (Debian's packages, zig from PyPI, a Node for aarch64 from npm) when
// missing, runs each target, and ends with a table of what was built and
// tested where. Exits 1 if any target failed.
//
//   npm run test:cross                     # every target but the opt-in one
//   npm run test:cross -- --quick …        # fewer suites on the old CPUs (CI)
//   npm run test:cross -- wasm32-wasip1    # the targets whose names hold a word
//   WASI_SYSROOT=… npm run test:cross -- wasm32-wasip1-threads
//
// The last is opt-in, run only when named in full: the WASI fallback addon
// needs a wasi-libc built with threads, which no registry this machine
// reaches has; rustup's target or WASI_SYSROOT (wasi-sdk's
// share/wasi-sysroot) brings it (scripts/cross/wasi-threads.mjs).

import { addon, addonTargets } from './cross/addons.mjs'
import { coreAarch64, coreWasm32 } from './cross/core-suites.mjs'
import { oldX86 } from './cross/old-x86.mjs'
import { wasiThreads } from './cross/wasi-threads.mjs'

/** Each check by the name that selects it, in the order they run. */
const CHECKS = {
  'core:aarch64-unknown-linux-gnu': coreAarch64,
  'core:wasm32-wasip1': coreWasm32,
  ...Object.fromEntries(addonTargets().map((target) => [`addon:${target}`, () => addon(target)])),
  'addon:x86_64-old-cpus': oldX86,
}
/** Checks run only when a word on the command line is their name or target. */
const OPT_IN = {
  'addon:wasm32-wasip1-threads': wasiThreads,
}

const quick = process.argv.includes('--quick')
const wanted = process.argv.slice(2).filter((word) => word !== '--quick')
const selected = [
  ...Object.keys(CHECKS).filter((name) => wanted.length === 0 || wanted.some((word) => name.includes(word))),
  ...Object.keys(OPT_IN).filter((name) => wanted.some((word) => name === word || name.endsWith(`:${word}`))),
]
if (selected.length === 0) {
  console.error(`test:cross: no check matches ${wanted.join(' ')}; checks: ${Object.keys(CHECKS).join(', ')}; opt-in: ${Object.keys(OPT_IN).join(', ')}`)
  process.exit(2)
}

const results = []
for (const name of selected) {
  console.log(`test:cross: ${name}`)
  const start = performance.now()
  try {
    const result = await (CHECKS[name] ?? OPT_IN[name])({ quick })
    results.push({ name, ...result, seconds: (performance.now() - start) / 1000 })
    console.log(`  built: ${result.built}\n  tested: ${result.tested}`)
  } catch (error) {
    results.push({ name, failed: error.message, seconds: (performance.now() - start) / 1000 })
    console.error(`  FAILED: ${error.message}`)
  }
}

console.log('\ntest:cross: summary')
for (const { name, failed, tested, seconds } of results) {
  console.log(`  ${failed ? 'FAIL' : 'ok  '} ${name} (${seconds.toFixed(0)} s): ${failed ? failed.split('\n')[0] : tested}`)
}
if (results.some((result) => result.failed)) process.exitCode = 1
