// A real redis-server for the queue's tests, example test and benchmark:
// started on a free loopback port, with no persistence, in a process of its
// own that the caller stops. A clear failure when redis-server is missing
// (npm test's scripts/test-tools.mjs installs it first).

import { spawn, spawnSync } from 'node:child_process'
import { createServer } from 'node:net'

/** A port the system has free on 127.0.0.1 now. */
async function freePort() {
  const server = createServer()
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  await new Promise((resolve) => server.close(resolve))
  return port
}

/**
 * Starts redis-server on 127.0.0.1, resolving once it accepts connections
 * to `{ port, queue(name), stop() }`: `queue(name)` is
 * `redis://127.0.0.1:port/name`, `stop()` ends the server.
 */
export async function startRedis() {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' })
  if (probe.error !== undefined || probe.status !== 0) {
    throw new Error(
      `redis-server: not found or not working on PATH (${probe.error?.message ?? `exit ${probe.status}`}): the job queue runs on a real Redis. ` +
        'Install it: apt-get install redis-server (Debian, Ubuntu); npm test does so when it runs as root',
    )
  }
  const port = await freePort()
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise((resolve, reject) => {
    let said = ''
    const timer = setTimeout(() => {
      // A server that never said it was ready is stopped, not left running after the caller gives up.
      child.kill('SIGKILL')
      reject(new Error(`redis-server did not start on port ${port}: ${said}`))
    }, 10_000)
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${said}`)))
    child.stdout.on('data', (chunk) => {
      said += chunk
      if (said.includes('Ready to accept connections')) {
        clearTimeout(timer)
        resolve()
      }
    })
  })
  child.stdout.resume()
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
