// What every target of `npm run test:cross` shares: Debian's packages
// (installed when missing), Debian's Rust toolchain (it builds the standard
// library for any target from source), and a runner that keeps a command's
// output unless it fails.

import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = fileURLToPath(new URL('../..', import.meta.url))

/** Cargo's output for other targets, apart from the native build's. */
export const crossTarget = path.join(root, 'target', 'cross')

/** Tools fetched once per machine (zig, cargo-zigbuild, a Node for aarch64), outside any clone. */
export const toolCache = path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'pixchain-cross')

/**
 * Cargo's target folder for Debian's toolchain, kept per machine like the
 * tools: the standard library built from source and the dependencies are the
 * same for every clone, and took minutes per target each time; cargo's
 * fingerprints rebuild what a clone changed.
 */
const cargoCache = path.join(toolCache, 'target')

/**
 * Runs a command; returns its output, or throws with the output's tail when
 * it exits non-zero. `quiet: false` streams the output instead.
 */
export function run(command, args, { quiet = true, ...options } = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: quiet ? 'pipe' : 'inherit',
    ...options,
  })
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`
  if (result.status !== 0) {
    const tail = output.split('\n').slice(-60).join('\n')
    throw new Error(`${command} ${args.join(' ')} exited ${result.status ?? result.error}\n${tail}`)
  }
  return output
}

/** Installs the Debian packages that are missing (apt-get, as root or through sudo). */
export function ensureDebianPackages(packages) {
  const missing = packages.filter(
    (name) => !/install ok installed/.test(spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' }).stdout ?? ''),
  )
  if (missing.length === 0) return
  console.log(`  apt-get install ${missing.join(' ')}`)
  const sudo = process.getuid?.() === 0 ? [] : ['sudo']
  const apt = (args) => spawnSync(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(sudo.length ? ['apt-get'] : []), ...args], {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
  let install = apt(['install', '-y', '-q', ...missing])
  if (install.status !== 0) {
    apt(['update', '-q'])
    install = apt(['install', '-y', '-q', ...missing])
  }
  if (install.status !== 0) throw new Error(`apt-get install ${missing.join(' ')} failed:\n${install.stdout}${install.stderr}`)
}

/** Debian's Rust 1.96 (`rustc-web`, `cargo-web`, `rust-web-src`): builds std for any target with -Zbuild-std. */
export const debianRustPackages = ['rustc-web', 'cargo-web', 'rust-web-src']

/** The environment that runs Debian's cargo, with its target folder in the machine's cache. */
export function debianRustEnv(extra = {}) {
  return {
    ...process.env,
    PATH: `/usr/bin:${process.env.PATH}`,
    CARGO: '/usr/bin/cargo',
    RUSTC: '/usr/bin/rustc',
    RUSTC_BOOTSTRAP: '1',
    CARGO_TARGET_DIR: cargoCache,
    ...extra,
  }
}

/** The sysroot of rustup's toolchain (the `rustc` of ~/.cargo/bin before Debian's), if any. */
export function rustupSysroot() {
  const env = { ...process.env, PATH: `${path.join(homedir(), '.cargo', 'bin')}:${process.env.PATH}` }
  return spawnSync('rustc', ['--print', 'sysroot'], { encoding: 'utf8', env }).stdout?.trim() || null
}

/** rustup's `rust-lld` (wasm's linker), when a rustup toolchain is installed. */
export function rustLld() {
  const sysroot = rustupSysroot()
  const lld = sysroot && path.join(sysroot, 'lib', 'rustlib', 'x86_64-unknown-linux-gnu', 'bin', 'rust-lld')
  return lld && existsSync(lld) ? lld : null
}

/** The `test result:` lines of cargo test's output, summed. */
export function cargoTestCounts(output) {
  let passed = 0
  let failed = 0
  let ignored = 0
  for (const match of output.matchAll(/test result: \w+\. (\d+) passed; (\d+) failed; (\d+) ignored/g)) {
    passed += Number(match[1])
    failed += Number(match[2])
    ignored += Number(match[3])
  }
  return { passed, failed, ignored }
}
