// First step of `npm run demo` in a clone of the repository: keeps a built
// native addon when one loads on this machine, and builds pixchain from
// source (Rust + TypeScript) otherwise. The published package has no install
// script: users get the addon from the binary package of their platform.

const { spawnSync } = require('node:child_process')
const { existsSync } = require('node:fs')
const path = require('node:path')

const root = path.join(__dirname, '..')
const dist = path.join(root, 'dist')

function prebuiltLoads() {
  if (!['index.js', 'index.mjs'].every((file) => existsSync(path.join(dist, file)))) return false
  try {
    require(path.join(dist, 'binding.js'))
    return true
  } catch {
    return false
  }
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
  return result.status === 0
}

if (prebuiltLoads()) {
  console.log('pixchain: a native addon that fits this machine is in place')
  process.exit(0)
}

if (!run('cargo', ['--version'])) {
  console.error(
    'pixchain: no prebuilt native addon fits this machine, and building one needs Rust.\n' +
      'Install Rust (https://rustup.rs), then run this command again.',
  )
  process.exit(1)
}

console.log('pixchain: no prebuilt native addon fits this machine; building from source')
const npm = process.env.npm_execpath
const built = npm ? run(process.execPath, [npm, 'run', 'build']) : run('npm', ['run', 'build'])
process.exit(built ? 0 : 1)
