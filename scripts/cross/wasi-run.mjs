// Cargo's runner for wasm32-wasip1: runs a test binary in Node's WASI.
//
//   node --no-warnings scripts/cross/wasi-run.mjs <file.wasm> [args…]

import { readFileSync } from 'node:fs'
import { WASI } from 'node:wasi'

import { PTHREAD_STUBS } from './wasi-stubs.mjs'

const [file, ...args] = process.argv.slice(2)
const wasi = new WASI({
  version: 'preview1',
  args: [file, ...args],
  env: { RUST_BACKTRACE: process.env.RUST_BACKTRACE ?? '0' },
  // The working folder, for tests that read files beside them.
  preopens: { '.': process.cwd() },
  returnOnExit: true,
})
const module = await WebAssembly.compile(readFileSync(file))
const instance = await WebAssembly.instantiate(module, { ...wasi.getImportObject(), env: PTHREAD_STUBS })
process.exitCode = wasi.start(instance)
