// A batch on worker threads against one file at a time: 24 frames of
// 1536×1536 u16 (PNG files, made here) through gaussian → median → clip →
// convert, by the command line with --jobs 1 and then --jobs N (default:
// every core), each once. Threads per step follow the command's rule
// (cores ÷ jobs), so --jobs 1 runs each step on every core. Prints the
// seconds, frames per second and the ratio, and checks that both runs wrote
// the same bytes.
//
//   npm run bench:batch [-- --frames 24 --size 1536x1536 --jobs 2]

import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

import { writeBatchFrames } from './lib/batch-frames.mjs'

const { values } = parseArgs({ options: { frames: { type: 'string', default: '24' }, size: { type: 'string', default: '1536x1536' }, jobs: { type: 'string' } } })
const count = Number(values.frames)
const [width, height] = values.size.split('x').map(Number)
const jobs = Number(values.jobs ?? os.availableParallelism())
const bin = fileURLToPath(new URL('../bin/pixchain.mjs', import.meta.url))
const steps = ['gaussian:2', 'median:3', 'clip:2000,60000', 'convert:u8,0.00390625']

const dir = mkdtempSync(path.join(os.tmpdir(), 'pixchain-bench-batch-'))
try {
  await writeBatchFrames(path.join(dir, 'frames'), count, width, height)
  const run = (n) => {
    const start = performance.now()
    execFileSync(process.execPath, [bin, 'frames/*.png', '-o', `out${n}/`, '--jobs', String(n), '--quiet', ...steps], { cwd: dir, stdio: 'inherit' })
    return (performance.now() - start) / 1000
  }
  const command = `pixchain 'frames/*.png' -o out/ --jobs N ${steps.join(' ')}`
  console.log(`${count} frames of ${width}×${height} u16 (PNG), ${os.availableParallelism()} cores: ${command}`)
  const one = run(1)
  const many = run(jobs)
  const same = readdirSync(path.join(dir, 'out1')).every((file) => readFileSync(path.join(dir, 'out1', file)).equals(readFileSync(path.join(dir, `out${jobs}`, file))))
  console.log(`--jobs 1: ${one.toFixed(2)} s (${(count / one).toFixed(1)} frames/s)`)
  console.log(`--jobs ${jobs}: ${many.toFixed(2)} s (${(count / many).toFixed(1)} frames/s), ${(one / many).toFixed(2)}× --jobs 1; outputs ${same ? 'identical' : 'DIFFER'}`)
  if (!same) process.exitCode = 1
} finally {
  rmSync(dir, { recursive: true, force: true })
}
