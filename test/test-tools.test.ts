// scripts/test-tools.mjs, which `npm test` runs before vitest, under a PATH
// that hides ffmpeg and redis-server (a folder of links to what it may use),
// so that its other branches run without uninstalling anything: the message
// naming the packages when apt-get is absent, and the install (then update
// and install again) through an apt-get that stands in for Debian's.

import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { afterAll, describe, expect, it } from 'vitest'

const script = fileURLToPath(new URL('../scripts/test-tools.mjs', import.meta.url))
const dirs: string[] = []
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

/** A folder to be the whole PATH: a link to node only. */
function barePath(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pixchain-tools-'))
  dirs.push(dir)
  symlinkSync(process.execPath, path.join(dir, 'node'))
  return dir
}

function runScript(bin: string) {
  const result = spawnSync(process.execPath, [script], { env: { PATH: bin }, encoding: 'utf8', timeout: 30_000 })
  return { code: result.status, stderr: result.stderr }
}

/** An apt-get that logs its arguments; `install` makes the tools unless it is told to fail before an `update`. */
function fakeAptGet(bin: string, { needsUpdate }: { needsUpdate: boolean }): string {
  const log = path.join(bin, 'apt.log')
  const tool = (name: string) => `printf '#!/bin/sh\\n' > ${bin}/${name}; /bin/chmod +x ${bin}/${name}`
  writeFileSync(
    path.join(bin, 'apt-get'),
    [
      '#!/bin/sh',
      `echo "$@" >> ${log}`,
      `if [ "$1" = update ]; then : > ${bin}/updated; exit 0; fi`,
      needsUpdate ? `[ -e ${bin}/updated ] || exit 100` : ':',
      `for p in "$@"; do case "$p" in ffmpeg) ${tool('ffmpeg')};; redis-server) ${tool('redis-server')};; esac; done`,
    ].join('\n') + '\n',
  )
  chmodSync(path.join(bin, 'apt-get'), 0o755)
  return log
}

describe('scripts/test-tools.mjs', () => {
  it('passes on this machine, where both tools are installed', () => {
    expect(spawnSync(process.execPath, [script], { encoding: 'utf8' }).status).toBe(0)
  })

  it('names the packages to install when the tools are missing and apt-get is not there', () => {
    const { code, stderr } = runScript(barePath())
    expect(code).toBe(1)
    expect(stderr).toMatch(/the tests need ffmpeg and redis-server, not found on PATH: install the Debian packages ffmpeg redis-server \(apt-get install -y ffmpeg redis-server\)/)
  })

  it('names only the missing one', () => {
    const bin = barePath()
    symlinkSync('/bin/true', path.join(bin, 'ffmpeg'))
    const { code, stderr } = runScript(bin)
    expect(code).toBe(1)
    expect(stderr).toMatch(/the tests need redis-server, not found on PATH: install the Debian package redis-server \(/)
  })

  it('installs the missing tools with apt-get as root, after apt-get update when the first install fails; never as another user', () => {
    const first = barePath()
    const log = fakeAptGet(first, { needsUpdate: false })
    if (process.getuid?.() !== 0) {
      expect(runScript(first).code).toBe(1)
      expect(existsSync(log)).toBe(false)
      return
    }
    expect(runScript(first).code).toBe(0)
    expect(readFileSync(log, 'utf8')).toBe('install -y ffmpeg redis-server\n')
    expect(existsSync(path.join(first, 'redis-server'))).toBe(true)

    const stale = barePath()
    const staleLog = fakeAptGet(stale, { needsUpdate: true })
    expect(runScript(stale).code).toBe(0)
    expect(readFileSync(staleLog, 'utf8')).toBe('install -y ffmpeg redis-server\nupdate\ninstall -y ffmpeg redis-server\n')
  })
})
