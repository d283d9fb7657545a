// The core's Rust unit suite on other architectures: aarch64 under qemu (the
// NEON path against scalar, threads against one thread) and wasm32-wasip1 in
// Node's WASI with default features (no threads) — the proof that the core
// is wasm-ready.

import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { cargoTestCounts, crossTarget, debianRustEnv, debianRustPackages, ensureDebianPackages, root, run, rustLld } from './toolchain.mjs'
import { PTHREAD_STUBS } from './wasi-stubs.mjs'

// The library's suite: every SIMD path against scalar and threads against one
// thread, kernel by kernel. The integration tests (the engine through the
// public API) run natively in \`npm test\`: built here too, they doubled the
// build, the better part of this check's time (the crate takes minutes to
// compile, once as a library and again as its test). In Cargo.toml's
// \`emulated\` profile.
const SUITES = ['--lib', '--profile', 'emulated']

export async function coreAarch64() {
  const target = 'aarch64-unknown-linux-gnu'
  ensureDebianPackages([...debianRustPackages, 'gcc-aarch64-linux-gnu', 'libc6-dev-arm64-cross', 'qemu-user-static'])
  const output = run(
    'cargo',
    ['test', '-p', 'pixchain', '--features', 'parallel', '-Zbuild-std', '--target', target, ...SUITES],
    {
      env: debianRustEnv({
        CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER: 'aarch64-linux-gnu-gcc',
        CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER: 'qemu-aarch64-static -L /usr/aarch64-linux-gnu',
      }),
    },
  )
  return { target, built: 'core (parallel), std from source', tested: testedLine(output, 'qemu-aarch64, NEON and scalar paths') }
}

export async function coreWasm32() {
  const target = 'wasm32-wasip1'
  ensureDebianPackages([...debianRustPackages, 'wasi-libc'])
  const lld = rustLld()
  if (!lld) throw new Error('no rust-lld: wasm32 links with the rust-lld of a rustup toolchain (https://rustup.rs)')
  // Debian's wasi-libc stands in for the libc that rustup's target ships:
  // linked from its folder, not Rust's self-contained one.
  const wasiLibc = '/usr/lib/wasm32-wasi'
  const allowed = path.join(crossTarget, 'wasi-imports.txt')
  mkdirSync(crossTarget, { recursive: true })
  writeFileSync(allowed, `${Object.keys(PTHREAD_STUBS).join('\n')}\n`)
  const rustflags = [
    `-Clinker=${lld}`,
    '-Clink-self-contained=no',
    `-Lnative=${wasiLibc}`,
    `-Clink-arg=${wasiLibc}/crt1-command.o`,
    `-Clink-arg=--allow-undefined-file=${allowed}`,
  ].join('\x1f')
  const output = run(
    'cargo',
    ['test', '-p', 'pixchain', '-Zbuild-std=std,panic_abort', '--target', target, ...SUITES, '--', '--test-threads=1'],
    {
      env: debianRustEnv({
        CARGO_ENCODED_RUSTFLAGS: rustflags,
        CARGO_TARGET_WASM32_WASIP1_RUNNER: `node --no-warnings ${path.join(root, 'scripts', 'cross', 'wasi-run.mjs')}`,
      }),
    },
  )
  return { target, built: 'core (default features: no threads), std from source', tested: testedLine(output, "Node's WASI, one thread, simd128 and scalar paths") }
}

function testedLine(output, where) {
  const { passed, failed, ignored } = cargoTestCounts(output)
  if (passed === 0 || failed > 0) throw new Error(`${passed} passed, ${failed} failed`)
  return `core suites: ${passed} passed${ignored ? `, ${ignored} ignored` : ''} (${where})`
}
