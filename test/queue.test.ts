// Batches across processes on a BullMQ queue in a real redis-server (on a
// loopback port; test/redis.ts): two `pixchain worker`s, one killed with
// SIGKILL in the middle of a job, whose job the other runs again once its
// lock has lapsed; every output equals the local run byte for byte. A job
// whose steps fail is failed with its code and named by `enqueue`, which
// exits 1; --no-wait returns once the jobs are queued.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { px } from './pixchain'
import { startRedis, type RedisServer } from './redis'

const bin = fileURLToPath(new URL('../bin/pixchain.mjs', import.meta.url))
const dir = mkdtempSync(path.join(tmpdir(), 'pixchain-queue-'))
const at = (file: string) => path.join(dir, file)

let redis: RedisServer
const children: ChildProcess[] = []
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  await redis?.stop()
  rmSync(dir, { recursive: true, force: true })
})

/** A pixchain process whose output is collected, with a way to wait for a line. */
function start(...args: string[]) {
  const child = spawn(process.execPath, [bin, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  const out = { stdout: '', stderr: '' }
  child.stdout!.on('data', (chunk: Buffer) => (out.stdout += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (out.stderr += chunk.toString()))
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(out.stdout)
        if (match) {
          child.stdout!.off('data', check)
          resolve(match)
        }
      }
      child.stdout!.on('data', check)
      child.once('exit', () => reject(new Error(`exited before printing ${pattern}: ${out.stdout}${out.stderr}`)))
      check()
    })
  const exit = async () => (child.exitCode ?? (await once(child, 'exit'))[0]) as number | null
  return { child, out, waitFor, exit }
}

const pixchain = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 })

/** `count` distinct 512×512 u16 PNGs in a folder of the test. */
async function writeFrames(folder: string, count: number): Promise<void> {
  mkdirSync(at(folder))
  const spec = { width: 512, height: 512, channels: 1, type: 'u16' } as const
  for (let i = 0; i < count; i++) {
    const frame = Uint16Array.from({ length: 512 * 512 }, (_, j) => ((j * 2654435761 + i * 40503) >>> 16) & 65535)
    await px.writeImage(at(`${folder}/frame${i}.png`), frame, spec)
  }
}

// Slow enough at one thread (about 0.1 s a frame) for a kill to land inside a job.
const STEPS = ['median:25', 'median:25', 'median:25', 'median:25', 'median:25', 'median:25', 'gaussian:2', 'clip:1000,64000', 'convert:u8,0.004']

const startWorker = async (queue: string) => {
  const worker = start('worker', '--queue', queue, '--threads', '1', '--stall-ms', '1000')
  await worker.waitFor(/^waiting for jobs on redis:\/\/127\.0\.0\.1:\d+\/\S+ \(concurrency 1, 1 thread a step\)$/m)
  return worker
}

describe('pixchain enqueue and pixchain worker', () => {
  it('two workers, one killed mid-job: its job is run again by the other, and every output equals the local run', async () => {
    await writeFrames('in', 10)
    const local = pixchain('in/*.png', '-o', 'local/', '--jobs', '1', ...STEPS)
    expect(local.status).toBe(0)

    const queue = redis.queue('frames')
    const [doomed, survivor] = await Promise.all([startWorker(queue), startWorker(queue)])
    const enqueue = start('enqueue', '--queue', queue, 'in/*.png', '-o', 'out/', ...STEPS)
    const [, killedInput] = await doomed.waitFor(/^started (\S+) \(job \d+\)$/m)
    doomed.child.kill('SIGKILL')

    expect(await enqueue.exit()).toBe(0)
    expect(enqueue.out.stdout).toMatch(/^queued 10 jobs on redis:\/\/127\.0\.0\.1:\d+\/frames/m)
    expect(enqueue.out.stdout).toMatch(/^10 of 10 jobs done in \d+\.\d\d s/m)
    expect(enqueue.out.stdout.match(/^\[\d+\/10\] /gm)).toHaveLength(10)
    expect(doomed.child.signalCode).toBe('SIGKILL')
    // The killed worker never finished it; the survivor ran it once its lock lapsed.
    expect(doomed.out.stdout).not.toContain(`done ${killedInput}`)
    expect(survivor.out.stdout).toContain(`done ${killedInput} → ${at('out')}`)

    const outputs = readdirSync(at('out')).filter((name) => !name.startsWith('.'))
    expect(outputs.sort()).toEqual(readdirSync(at('local')).sort())
    for (const name of outputs) expect(readFileSync(at(`out/${name}`)).equals(readFileSync(at(`local/${name}`))), name).toBe(true)

    survivor.child.kill('SIGTERM')
    expect(await survivor.exit()).toBe(0)
  })

  it('fails a job whose steps fail, with its error code, and enqueue exits 1 naming it', async () => {
    mkdirSync(at('mixed'))
    await px.writeImage(at('mixed/a.png'), new Uint8Array(24 * 16 * 3).map((_, i) => i & 255), { width: 24, height: 16, channels: 3, type: 'u8' })
    await px.writeImage(at('mixed/b.png'), new Uint8Array(24 * 16).fill(7), { width: 24, height: 16, channels: 1, type: 'u8' })
    const queue = redis.queue('mixed')
    const worker = await startWorker(queue)
    const enqueue = start('enqueue', '--queue', queue, 'mixed/*.png', '-o', 'mixed-out/', 'gray', 'median:3')
    expect(await enqueue.exit()).toBe(1)
    expect(enqueue.out.stderr).toMatch(new RegExp(`^pixchain: job \\d+ failed: ERR_PIXCHAIN_SHAPE: .*grayscale.*$`, 'm'))
    expect(enqueue.out.stderr).toContain(`pixchain: 1 of 2 jobs failed: ${at('mixed/b.png')}`)
    expect(enqueue.out.stdout).toMatch(/^1 of 2 jobs done/m)
    expect(worker.out.stdout).toMatch(/^failed \S+b\.png: ERR_PIXCHAIN_SHAPE: /m)
    expect(readdirSync(at('mixed-out'))).toEqual(['a.png'])
    worker.child.kill('SIGTERM')
    expect(await worker.exit()).toBe(0)
  })

  it('--no-wait returns once the jobs are queued, and a worker started later runs them', async () => {
    mkdirSync(at('later'))
    await px.writeImage(at('later/x.png'), new Uint8Array(32 * 20).map((_, i) => i & 255), { width: 32, height: 20, channels: 1, type: 'u8' })
    const queue = redis.queue('later')
    const queued = pixchain('enqueue', '--queue', queue, 'later/x.png', '-o', 'later-out/', '--no-wait', 'median:3')
    expect(queued.status).toBe(0)
    expect(queued.stdout).toMatch(/^queued 1 job on /m)
    expect(existsSync(at('later-out/x.png'))).toBe(false)
    const worker = await startWorker(queue)
    await worker.waitFor(/^done \S+x\.png → /m)
    const expected = new px.Pipeline({ width: 32, height: 20, type: 'u8' }).medianBlur({ ksize: 3 }).run(new Uint8Array(32 * 20).map((_, i) => i & 255))
    expect((await px.readImage(at('later-out/x.png'))).data).toEqual(expected)
    worker.child.kill('SIGTERM')
    expect(await worker.exit()).toBe(0)
  })

  it('a worker makes the missing output folder, and tries a job again after a failure that is not its own', async () => {
    mkdirSync(at('retry'))
    const pixels = new Uint8Array(16 * 8).map((_, i) => i * 2)
    await px.writeImage(at('retry/y.png'), pixels, { width: 16, height: 8, channels: 1, type: 'u8' })
    const queue = redis.queue('retry')
    const queued = pixchain('enqueue', '--queue', queue, 'retry/y.png', '-o', 'retry-out/', '--no-wait', 'invert')
    expect(queued.status).toBe(0)
    // As on a machine that has neither the output folder nor, yet, the input.
    rmSync(at('retry-out'), { recursive: true })
    const kept = readFileSync(at('retry/y.png'))
    rmSync(at('retry/y.png'))
    const worker = await startWorker(queue)
    await worker.waitFor(/^failed \S+y\.png \(attempt 1 of 3\): ENOENT: /m)
    writeFileSync(at('retry/y.png'), kept)
    await worker.waitFor(/^done \S+y\.png → /m)
    expect((await px.readImage(at('retry-out/y.png'))).data).toEqual(pixels.map((value) => 255 - value))
    worker.child.kill('SIGTERM')
    expect(await worker.exit()).toBe(0)
  })

  it('enqueue gives up on a Redis that does not answer, in one line with exit code 1, and makes no folder', async () => {
    // A loopback port that nothing listens on.
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    await new Promise((resolve) => server.close(resolve))
    mkdirSync(at('unreached'))
    await px.writeImage(at('unreached/z.png'), new Uint8Array(16), { width: 4, height: 4, channels: 1, type: 'u8' })
    const begun = performance.now()
    const out = pixchain('enqueue', '-q', '--queue', `redis://127.0.0.1:${port}/q`, 'unreached/z.png', '-o', 'unreached-out/', 'invert')
    expect(out.status).toBe(1)
    expect(out.stderr).toMatch(new RegExp(`^pixchain: cannot reach Redis at 127\\.0\\.0\\.1:${port} within 10 s \\(connect ECONNREFUSED 127\\.0\\.0\\.1:${port}\\)\n$`))
    expect(performance.now() - begun).toBeLessThan(30_000)
    expect(existsSync(at('unreached-out'))).toBe(false)
  })

  it('refuses a queue that is not redis://host:port/name, before anything else', () => {
    for (const queue of ['http://127.0.0.1:6379/q', 'redis://127.0.0.1:6379', 'redis://127.0.0.1:6379/a/b']) {
      const out = pixchain('enqueue', '--queue', queue, 'nothing.png', '-o', 'x/', 'median')
      expect(out.status).toBe(2)
      expect(out.stderr).toBe(`pixchain: --queue takes redis://host:port/name (a name without / or :), got '${queue}'\n`)
    }
    expect(pixchain('worker').stderr).toBe('pixchain: no queue: give --queue redis://host:port/name\n')
    expect(pixchain('worker', '--queue', redis.queue('q'), '--concurrency', '0').stderr).toMatch(/--concurrency takes a whole number ≥ 1, got '0'/)
  })
})
