// The hostile suite's harness: each case runs in a child `node --expose-gc`
// process that loads the built package, so a crash (a signal, an abort, a
// non-zero exit) fails one test instead of killing the runner. The child
// prints one JSON line per check; the test asserts on those lines.

import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

import { expect } from 'vitest'

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * What every child script starts with: `px` (the package), `gc`, and small
 * helpers that turn an outcome into a printable word (`'ok'` or the error's
 * code) and detach an ArrayBuffer in each way JavaScript can.
 */
const prelude = `
import { createRequire } from 'node:module'
import { MessageChannel, Worker } from 'node:worker_threads'
const require = createRequire(${JSON.stringify(root + '/')})
const px = require('./dist/index.js')
const gc = globalThis.gc
if (typeof gc !== 'function') throw new Error('run with --expose-gc')
/** One line of output for the test to read. */
const emit = (value) => process.stdout.write(JSON.stringify(value) + '\\n')
// A string code (pixchain's), else the error's name (a DOMException's numeric code is not one).
const word = (error) => (typeof error?.code === 'string' ? error.code : error?.name) ?? String(error)
/** 'ok' or the code of what the promise rejected with. */
async function outcome(promise) {
  try { await promise; return 'ok' } catch (error) { return word(error) }
}
/** 'ok' or the code of what the call threw. */
function thrown(call) {
  try { call(); return 'ok' } catch (error) { return word(error) }
}
/** Garbage: drops unreachable ArrayBuffers and reuses their memory. */
function churn(rounds = 3) {
  for (let r = 0; r < rounds; r++) {
    const junk = []
    for (let i = 0; i < 16; i++) junk.push(new Uint8Array(1 << 16).fill(0xee))
    gc()
  }
}
const tick = () => new Promise((done) => setImmediate(done))
const sleep = (ms) => new Promise((done) => setTimeout(done, ms))
const same = (a, b) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]))
const all = (array, value) => array.every((v) => v === value)
/** Moves \`buffer\`'s memory away (\`how\`); returns the new owner where one is reachable. */
function detach(buffer, how) {
  switch (how) {
    case 'clone': return structuredClone(buffer, { transfer: [buffer] })
    case 'port': {
      const { port1, port2 } = new MessageChannel()
      port1.postMessage(buffer, [buffer])
      port1.close(); port2.close()
      return undefined
    }
    case 'transfer': return buffer.transfer()
    case 'shrink': buffer.resize(0); return undefined
    default: throw new Error('unknown detach ' + how)
  }
}
const hasTransfer = typeof ArrayBuffer.prototype.transfer === 'function'
const hasResizable = typeof ArrayBuffer.prototype.resize === 'function'
`

export interface ChildResult {
  status: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** Every stdout line that is JSON. */
  lines: any[]
}

/**
 * Runs `body` (an ES module body, after the prelude) in `node --expose-gc`,
 * with `timeout` ms before it is killed.
 */
export async function child(body: string, timeout = 60_000): Promise<ChildResult> {
  const dir = mkdtempSync(join(tmpdir(), 'pixchain-hostile-'))
  const file = join(dir, 'case.mjs')
  writeFileSync(file, `${prelude}\n${body}\n`)
  try {
    return await new Promise<ChildResult>((done, fail) => {
      const proc = spawn(process.execPath, ['--expose-gc', file], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
      let stdout = ''
      let stderr = ''
      proc.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
      proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
      const timer = setTimeout(() => proc.kill('SIGKILL'), timeout)
      proc.on('error', fail)
      proc.on('close', (status, signal) => {
        clearTimeout(timer)
        const lines = stdout
          .split('\n')
          .filter((line) => line.startsWith('{') || line.startsWith('['))
          .map((line) => JSON.parse(line))
        done({ status, signal, stdout, stderr, lines })
      })
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Runs `body` in a child and asserts it exited by itself with status 0. */
export async function survives(body: string, timeout?: number): Promise<any[]> {
  const result = await child(body, timeout)
  const last = result.lines.at(-1)
  expect(
    { status: result.status, signal: result.signal },
    `child died; last line ${JSON.stringify(last)}; stderr:\n${result.stderr.slice(-3000)}`,
  ).toEqual({ status: 0, signal: null })
  return result.lines
}
