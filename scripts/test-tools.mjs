// `npm test` step before vitest: the programs the JS suite runs besides
// Node — ffmpeg (the frame-stream tests and example) and redis-server (the
// queue tests start their own, on a loopback port). Each is looked for on
// PATH; missing ones are installed with apt-get when it is there and we are
// root (after `apt-get update` if the first install fails); otherwise the
// script stops with the packages to install.

import { spawnSync } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import path from 'node:path'

/** Each program, and the Debian package that has it. */
const TOOLS = [
  { command: 'ffmpeg', package: 'ffmpeg' },
  { command: 'redis-server', package: 'redis-server' },
]

/** Whether `command` is an executable file in a folder of PATH. */
function onPath(command) {
  return (process.env.PATH ?? '').split(path.delimiter).some((folder) => {
    if (folder === '') return false
    try {
      accessSync(path.join(folder, command), constants.X_OK)
      return true
    } catch {
      return false
    }
  })
}

const missing = () => TOOLS.filter(({ command }) => !onPath(command))
const packages = (tools) => tools.map((tool) => tool.package).join(' ')

function aptGet(...args) {
  console.error(`test-tools: apt-get ${args.join(' ')}`)
  return spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0
}

let absent = missing()
if (absent.length > 0 && onPath('apt-get') && process.getuid?.() === 0) {
  const names = absent.map((tool) => tool.package)
  if (!aptGet('install', '-y', ...names)) {
    // A fresh machine's package lists may be stale or empty.
    if (aptGet('update')) aptGet('install', '-y', ...names)
  }
  absent = missing()
}
if (absent.length > 0) {
  console.error(
    `test-tools: the tests need ${absent.map((tool) => tool.command).join(' and ')}, not found on PATH: ` +
      `install the Debian package${absent.length > 1 ? 's' : ''} ${packages(absent)} (apt-get install -y ${packages(absent)}), or your system's equivalent`,
  )
  process.exit(1)
}
