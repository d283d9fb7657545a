// The WASI fallback addon (wasm32-wasip1-threads) built here as the release
// builds it, then put in dist/ in place of the native addon for the
// JavaScript suites (wasm-tests.mjs); dist/ is put back after, so `npm test`
// loads the native addon again.
//
// Rust's target links a wasi-libc built with threads: crt1-reactor.o and
// libc.a in the target's self-contained folder. rustup ships them with the
// target (the release's build), Debian's wasi-libc has no threads, and no
// other registry this machine reaches has one. So this needs either
//   - rustup's target: `rustup target add wasm32-wasip1-threads`; or
//   - WASI_SYSROOT, a threads-capable WASI sysroot (wasi-sdk's
//     share/wasi-sysroot): Debian's rustc then builds std from source
//     against it, in a Rust sysroot assembled under target/cross.

import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { crossTarget, debianRustEnv, debianRustPackages, ensureDebianPackages, root, run, rustupSysroot } from './toolchain.mjs'
import { wasmTests } from './wasm-tests.mjs'

const TARGET = 'wasm32-wasip1-threads'
/** What napi writes for the wasm target: the files of CI's artifact. */
const FILES = ['pixchain.wasm32-wasi.wasm', 'pixchain.wasi.cjs', 'pixchain.wasi.d.cts', 'pixchain.wasi-browser.js', 'wasi-worker.mjs', 'wasi-worker-browser.mjs', 'binding.js', 'binding.d.ts']

export async function wasiThreads() {
  const { env, cargoArgs, how } = toolchain()
  const out = path.join(crossTarget, 'addons', TARGET)
  rmSync(out, { recursive: true, force: true })
  run(
    path.join(root, 'node_modules', '.bin', 'napi'),
    ['build', '--platform', '--release', '--manifest-path', 'crate/node/Cargo.toml', '--output-dir', out, '--js', 'binding.js', '--dts', 'binding.d.ts', '--target', TARGET, ...cargoArgs],
    { env },
  )
  for (const name of FILES) if (!existsSync(path.join(out, name))) throw new Error(`napi build wrote no ${name}`)
  const megabytes = (statSync(path.join(out, FILES[0])).size / 1e6).toFixed(1)
  return { target: TARGET, built: `${FILES[0]} (${megabytes} MB; ${how})`, tested: testInDist(out) }
}

/** How cargo gets a wasi-libc with threads: rustup's target, or WASI_SYSROOT under Debian's rustc. */
function toolchain() {
  const rustup = rustupSysroot()
  if (rustup && existsSync(path.join(rustup, 'lib', 'rustlib', TARGET, 'lib', 'self-contained', 'libc.a'))) {
    return { env: { ...process.env, CARGO_TARGET_DIR: crossTarget }, cargoArgs: [], how: `rustup's ${TARGET} target` }
  }
  const wasiSysroot = process.env.WASI_SYSROOT && path.resolve(process.env.WASI_SYSROOT)
  if (!wasiSysroot) {
    throw new Error(
      `no wasi-libc with threads for ${TARGET}: install rustup's target (rustup target add ${TARGET}) ` +
        `or set WASI_SYSROOT to a WASI sysroot built with threads (wasi-sdk's share/wasi-sysroot); Debian's wasi-libc has none`,
    )
  }
  for (const name of ['crt1-reactor.o', 'libc.a']) {
    if (!existsSync(path.join(wasiSysroot, 'lib', TARGET, name))) throw new Error(`WASI_SYSROOT has no lib/${TARGET}/${name}`)
  }
  return {
    env: debianRustEnv({ RUSTC: debianSysroot(wasiSysroot) }),
    cargoArgs: ['--', '-Zbuild-std=std,panic_abort'],
    how: `Debian's rustc, std from source, wasi-libc of ${wasiSysroot}`,
  }
}

/**
 * A Rust sysroot of Debian's host libraries and std sources with wasi-libc as
 * the target's self-contained folder, where rustc, napi-build (crt1-reactor.o)
 * and napi (its futex-ABI probe of libc.a) all look for it, through
 * `rustc --print sysroot`; hence a rustc that passes it. Returns that rustc.
 */
function debianSysroot(wasiSysroot) {
  ensureDebianPackages(debianRustPackages)
  const llvm = run('/usr/bin/rustc', ['-vV']).match(/LLVM version: (\d+)/)[1]
  ensureDebianPackages([`lld-${llvm}`])
  const sysroot = path.join(crossTarget, 'wasi-rust-sysroot')
  const rustlib = path.join(sysroot, 'lib', 'rustlib')
  const host = path.join(rustlib, 'x86_64-unknown-linux-gnu')
  rmSync(sysroot, { recursive: true, force: true })
  const links = [
    [path.join(host, 'lib'), '/usr/lib/rustlib/x86_64-unknown-linux-gnu/lib'],
    [path.join(rustlib, 'src'), '/usr/lib/rustlib/src'],
    // rustc links wasm with `rust-lld -flavor wasm`: the lld of its own LLVM.
    [path.join(host, 'bin', 'rust-lld'), `/usr/lib/llvm-${llvm}/bin/lld`],
    [path.join(rustlib, TARGET, 'lib', 'self-contained'), path.join(wasiSysroot, 'lib', TARGET)],
  ]
  for (const [link, target] of links) {
    mkdirSync(path.dirname(link), { recursive: true })
    symlinkSync(target, link)
  }
  const rustc = path.join(sysroot, 'bin', 'rustc')
  mkdirSync(path.dirname(rustc), { recursive: true })
  writeFileSync(rustc, `#!/bin/sh\nexec /usr/bin/rustc --sysroot '${sysroot}' "$@"\n`, { mode: 0o755 })
  return rustc
}

/** Runs the suites on the addon in `out` from dist/, as CI's test-wasi job does, and puts dist/ back. */
function testInDist(out) {
  const dist = path.join(root, 'dist')
  const backup = path.join(crossTarget, 'dist-backup')
  // A backup left by an interrupted run holds the native dist/: put it back first.
  if (existsSync(backup)) {
    rmSync(dist, { recursive: true, force: true })
    renameSync(backup, dist)
  }
  cpSync(dist, backup, { recursive: true })
  try {
    // The runtime pixchain-wasm32-wasi brings its users; the lockfile has it
    // only under a wasm32-only optional dependency, which npm skips here.
    const { dependencies } = JSON.parse(readFileSync(path.join(root, 'npm', 'wasm32-wasi', 'package.json'), 'utf8'))
    run('npm', ['install', '--no-save', '--no-audit', '--no-fund', ...Object.entries(dependencies).map(([name, range]) => `${name}@${range}`)])
    for (const name of readdirSync(dist)) if (name.endsWith('.node')) rmSync(path.join(dist, name))
    for (const name of FILES) cpSync(path.join(out, name), path.join(dist, name))
    run('npm', ['run', 'build:ts'])
    return wasmTests()
  } finally {
    rmSync(dist, { recursive: true, force: true })
    renameSync(backup, dist)
  }
}
