// Every example runs from the repository as a user would run it, and says
// what it promises.

import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))

function run(example: string): string {
  return execFileSync(process.execPath, [`examples/${example}.mjs`], { cwd: root, encoding: 'utf8', timeout: 60_000 })
}

describe('examples', () => {
  it("quick-start is README's quick start, word for word, and runs", () => {
    const code = readFileSync(new URL('../examples/quick-start.mjs', import.meta.url), 'utf8')
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
    expect(readme).toContain(`\`\`\`js\n${code}\`\`\``)
    const out = run('quick-start')
    expect(out).toContain("{ width: 640, height: 480, channels: 1, type: 'f32' }")
    expect(out).toMatch(/workBuffers: 0,/)
    expect(out).toMatch(/0\.0784 0\.1882\n$/)
  })

  it('video-frames allocates nothing after the first frame', () => {
    const out = run('video-frames')
    expect(out).toMatch(/allocations after frame 1: 0\n/)
    expect(out).toMatch(/native memory reported after frame 1: 0 bytes more/)
    expect(out).toMatch(/lit per frame: 6400 /)
  })

  it('astronomy-stretch makes an 8-bit display frame in two work buffers', () => {
    const out = run('astronomy-stretch')
    expect(out).toMatch(/u16 → u8: \d+ pass\(es\), 2 work buffer\(s\)/)
    expect(out).toMatch(/background 0, brightest 255/)
  })

  it('ml-preprocess gives a planar 3×224×224 tensor, normalized per channel', () => {
    const out = run('ml-preprocess')
    expect(out).toMatch(/Float32Array of 150528 \(3×224×224, CHW\)/)
    // Green and blue hold 64–191 everywhere: (x/255 − mean)/std stays within these bounds.
    const [, , green, blue] = /channel means: (\S+), (\S+), (\S+)/.exec(out)!.map(Number)
    for (const [mean, c] of [[green!, 1], [blue!, 2]] as const) {
      const [m, s] = [[0.485, 0.456, 0.406][c]!, [0.229, 0.224, 0.225][c]!]
      expect(mean).toBeGreaterThan((64 / 255 - m) / s)
      expect(mean).toBeLessThan((191 / 255 - m) / s)
    }
  })

  it('unsharp-mask sharpens the edge with one work buffer', () => {
    const [, before, after] = /edge step before (\d+), after (\d+)/.exec(run('unsharp-mask')) ?? []
    expect(Number(after)).toBeGreaterThan(Number(before))
  })

  it('sharp-interop round-trips a PNG through pixchain', () => {
    expect(run('sharp-interop')).toMatch(/wrote png 320×200/)
  })
})
