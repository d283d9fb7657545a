// Throughput of a queued batch with one, two and three `pixchain worker`s
// on this machine: 24 frames of 1536×1536 u16 (PNG files, made here)
// through gaussian → median → clip → convert, each worker with one thread a
// step, on a redis-server started here on a loopback port. Each count runs
// once: the workers start and wait, then `pixchain enqueue` is timed until
// every job is done.
//
//   npm run bench:queue [-- --frames 24 --size 1536x1536]

import { execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

import { writeBatchFrames } from './lib/batch-frames.mjs'

import { startRedis } from '../scripts/redis.mjs'

const { values } = parseArgs({ options: { frames: { type: 'string', default: '24' }, size: { type: 'string', default: '1536x1536' } } })
const count = Number(values.frames)
const [width, height] = values.size.split('x').map(Number)
const bin = fileURLToPath(new URL('../bin/pixchain.mjs', import.meta.url))
const steps = ['gaussian:2', 'median:3', 'clip:2000,60000', 'convert:u8,0.00390625']

const dir = mkdtempSync(path.join(os.tmpdir(), 'pixchain-bench-queue-'))
const redis = await startRedis()
try {
  await writeBatchFrames(path.join(dir, 'frames'), count, width, height)
  console.log(`${count} frames of ${width}×${height} u16 (PNG), ${os.availableParallelism()} cores; workers: pixchain worker --queue … --threads 1`)
  console.log(`enqueue: pixchain enqueue --queue … 'frames/*.png' -o out/ ${steps.join(' ')}\n`)
  console.log('| workers | seconds | frames/s |')
  console.log('|---|---|---|')
  for (const workers of [1, 2, 3]) {
    const queue = redis.queue(`bench-${workers}`)
    const children = Array.from({ length: workers }, () => spawn(process.execPath, [bin, 'worker', '--queue', queue, '--threads', '1'], { stdio: ['ignore', 'pipe', 'inherit'] }))
    await Promise.all(children.map((child) => new Promise((resolve) => child.stdout.on('data', (chunk) => String(chunk).includes('waiting for jobs') && resolve()))))
    const start = performance.now()
    execFileSync(process.execPath, [bin, 'enqueue', '--queue', queue, 'frames/*.png', '-o', `out${workers}/`, '--quiet', ...steps], { cwd: dir, stdio: 'inherit' })
    const seconds = (performance.now() - start) / 1000
    console.log(`| ${workers} | ${seconds.toFixed(2)} | ${(count / seconds).toFixed(1)} |`)
    for (const child of children) child.kill('SIGTERM')
    await Promise.all(children.map((child) => once(child, 'exit')))
  }
} finally {
  await redis.stop()
  rmSync(dir, { recursive: true, force: true })
}
