// A real redis-server for the tests that queue jobs (no mock): started on a
// free loopback port, with no persistence, in a process of its own that the
// test stops. A clear failure when redis-server is missing (npm test's
// scripts/test-tools.mjs installs it first).

import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'

/** A running redis-server: its port, and how to stop it. */
export interface RedisServer {
  port: number
  /** `redis://127.0.0.1:port/name`: a queue on this server. */
  queue(name: string): string
  stop(): Promise<void>
}

/** A port the system has free on 127.0.0.1 now. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Starts redis-server on 127.0.0.1, resolving once it accepts connections. */
export async function startRedis(): Promise<RedisServer> {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' })
  if (probe.error !== undefined || probe.status !== 0) {
    throw new Error(
      `redis-server: not found or not working on PATH (${probe.error?.message ?? `exit ${probe.status}`}): the queue tests run a real Redis. ` +
        'Install it: apt-get install redis-server (Debian, Ubuntu); npm test does so when it runs as root',
    )
  }
  const port = await freePort()
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise<void>((resolve, reject) => {
    let said = ''
    const timer = setTimeout(() => reject(new Error(`redis-server did not start on port ${port}: ${said}`)), 10_000)
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${said}`)))
    child.stdout!.on('data', (chunk: Buffer) => {
      said += chunk.toString()
      if (said.includes('Ready to accept connections')) {
        clearTimeout(timer)
        resolve()
      }
    })
  })
  child.stdout!.resume()
  return {
    port,
    queue: (name) => `redis://127.0.0.1:${port}/${name}`,
    stop: async () => {
      if (child.exitCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    },
  }
}
