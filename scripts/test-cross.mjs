// `npm run test:cross`: every platform the package claims that this x86-64
// Linux machine can build, and run under emulation. Installs what it needs
// (Debian's packages, zig from PyPI, a Node for aarch64 from npm) when
// missing, runs each target, and ends with a table of what was built and
// tested where. Exits 1 if any target failed.
//
//   npm run test:cross                     # every target
//   npm run test:cross -- wasm32-wasip1    # the targets named

import { addon, addonTargets } from './cross/addons.mjs'
import { coreAarch64, coreWasm32 } from './cross/core-suites.mjs'
import { oldX86 } from './cross/old-x86.mjs'

/** Each check by the name that selects it, in the order they run. */
const CHECKS = {
  'core:aarch64-unknown-linux-gnu': coreAarch64,
  'core:wasm32-wasip1': coreWasm32,
  ...Object.fromEntries(addonTargets().map((target) => [`addon:${target}`, () => addon(target)])),
  'addon:x86_64-old-cpus': oldX86,
}

const wanted = process.argv.slice(2)
const selected = Object.keys(CHECKS).filter((name) => wanted.length === 0 || wanted.some((word) => name.includes(word)))
if (selected.length === 0) {
  console.error(`test:cross: no check matches ${wanted.join(' ')}; checks: ${Object.keys(CHECKS).join(', ')}`)
  process.exit(2)
}

const results = []
for (const name of selected) {
  console.log(`test:cross: ${name}`)
  const start = performance.now()
  try {
    const result = await CHECKS[name]()
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
