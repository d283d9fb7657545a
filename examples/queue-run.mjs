// A batch across processes, as it runs across machines: two `pixchain
// worker`s on one BullMQ queue in Redis and a `pixchain enqueue` of 8
// frames (made here, in a folder every worker sees), then the results
// checked against the same steps run here with processFiles. On several
// machines, run the workers there instead, with the folder shared (NFS,
// SMB, a mounted bucket) at the same path.
//
//   node examples/queue-run.mjs redis://127.0.0.1:6379/pixchain-example

import { execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import * as px from 'pixchain'

const queue = process.argv[2]
if (queue === undefined) {
  console.error('usage: node examples/queue-run.mjs redis://host:port/name (a Redis server: apt-get install redis-server)')
  process.exit(2)
}
const pixchain = fileURLToPath(new URL('../bin/pixchain.mjs', import.meta.url))
const steps = ['gaussian:1.5', 'median:5', 'clip:3000,62000', 'convert:u8,0.0041']

const shared = mkdtempSync(join(tmpdir(), 'pixchain-queue-run-'))
mkdirSync(join(shared, 'frames'))
const spec = { width: 256, height: 256, channels: 1, type: 'u16' }
for (let i = 0; i < 8; i++) {
  const frame = Uint16Array.from({ length: 256 * 256 }, (_, j) => ((j % 256) * 200 + ((j * 2654435761 + i * 977) >>> 22)) & 65535)
  await px.writeImage(join(shared, 'frames', `frame${i}.png`), frame, spec)
}

// Two workers, each printing a line per job; they wait for jobs until stopped.
const workers = ['A', 'B'].map((name) => {
  const worker = spawn(process.execPath, [pixchain, 'worker', '--queue', queue, '--threads', '1'], { stdio: ['ignore', 'pipe', 'inherit'] })
  let said = ''
  worker.stdout.on('data', (chunk) => (said += chunk))
  const ready = new Promise((resolve) => worker.stdout.on('data', () => said.includes('waiting for jobs') && resolve()))
  return { name, worker, ready, said: () => said }
})
await Promise.all(workers.map((w) => w.ready))

// Waits until every job is done, with a line per file; exits 1 naming any that failed.
execFileSync(process.execPath, [pixchain, 'enqueue', '--queue', queue, 'frames/*.png', '-o', 'out/', ...steps], { cwd: shared, stdio: 'inherit' })

for (const { name, worker, said } of workers) {
  worker.kill('SIGTERM')
  await once(worker, 'exit')
  console.log(`worker ${name} ran ${(said().match(/^done /gm) ?? []).length} jobs`)
}

// The same steps here, as data: the Pipeline methods the command line's steps name.
const local = join(shared, 'local')
const files = readdirSync(join(shared, 'frames')).map((name) => join(shared, 'frames', name))
await px.processFiles(files, { output: local, steps: [['gaussianBlur', { sigma: 1.5 }], ['medianBlur', { ksize: 5 }], ['clip', { min: 3000, max: 62000 }], ['convert', { type: 'u8', scale: 0.0041 }]] })
const same = readdirSync(local).filter((name) => readFileSync(join(local, name)).equals(readFileSync(join(shared, 'out', name)))).length
console.log(`${same} of ${files.length} outputs equal the local run byte for byte`)
