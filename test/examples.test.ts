// Every example runs from the repository as a user would run it, and says
// what it promises.

import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

import { ffmpegOutput, rawThrough, requireFfmpeg, testClip } from './ffmpeg'
import { px } from './pixchain'
import { startRedis } from './redis'

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
    expect(out).toContain('decoded: 1920×1080×3 u8')
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

  it('folder-batch runs a folder through processFiles on two threads, equal to a Pipeline run here', () => {
    const out = run('folder-batch')
    expect(out.match(/^\[\d+\/12\] \S+frame\d+\.png → \S+display\/frame\d+\.png$/gm)).toHaveLength(12)
    expect(out).toMatch(/^wrote 12 files in \d+\.\d\d s$/m)
    expect(out).toMatch(/frame\d+\.png: 320×240 u8, equals a Pipeline run here\n$/)
  })

  it('queue-run shares a batch between two workers on a real Redis, equal to the local run', async () => {
    const redis = await startRedis()
    try {
      const out = await new Promise<string>((resolve, reject) =>
        execFile(process.execPath, ['examples/queue-run.mjs', redis.queue('example')], { cwd: root, encoding: 'utf8', timeout: 60_000 }, (error, stdout) =>
          error ? reject(error) : resolve(stdout),
        ),
      )
      expect(out).toMatch(/^queued 8 jobs on redis:\/\/127\.0\.0\.1:\d+\/example/m)
      expect(out).toMatch(/^8 of 8 jobs done in /m)
      const ran = [...out.matchAll(/^worker [AB] ran (\d) jobs$/gm)].map((match) => Number(match[1]))
      expect(ran).toHaveLength(2)
      expect(ran[0]! + ran[1]!).toBe(8)
      expect(out).toMatch(/^8 of 8 outputs equal the local run byte for byte$/m)
    } finally {
      await redis.stop()
    }
  })

  it('sharp-interop round-trips a PNG through pixchain', () => {
    expect(run('sharp-interop')).toMatch(/wrote png 320×200/)
  })

  it('denoise-stream sits between two ffmpeg processes and passes on what the pipeline computes', async () => {
    requireFfmpeg()
    const [width, height, frames] = [64, 48, 5]
    // ffmpeg | node examples/denoise-stream.mjs 64x48 | ffmpeg, wired as a shell would.
    const source = spawn('ffmpeg', testClip(width, height, 'gray', frames), { stdio: ['ignore', 'pipe', 'inherit'] })
    const filter = spawn(process.execPath, ['examples/denoise-stream.mjs', `${width}x${height}`], { cwd: root, stdio: [source.stdout, 'pipe', 'pipe'] })
    const sink = spawn('ffmpeg', rawThrough(width, height, 'gray'), { stdio: [filter.stdout, 'pipe', 'inherit'] })
    let said = ''
    filter.stderr!.on('data', (chunk: Buffer) => (said += chunk.toString()))
    const read: Buffer[] = []
    sink.stdout!.on('data', (chunk: Buffer) => read.push(chunk))
    const exit = async (child: ChildProcess) => (child.exitCode ?? (await once(child, 'exit'))[0]) as number
    expect(await Promise.all([exit(source), exit(filter), exit(sink)])).toEqual([0, 0, 0])
    expect(said).toContain('plan: medianBlur(ksize=3) → gaussianBlur(sigma=0.8)\nspec: 64×48×1 u8 → 64×48×1 u8\npass 1, streamed in bands of 48 rows: medianBlur(ksize=3) → gaussianBlur(sigma=0.8)\nbuffers: ')
    expect(said).toContain(`denoised ${frames} frames of 64×48`)
    const clip = ffmpegOutput(testClip(width, height, 'gray', frames))
    const denoise = new px.Pipeline({ width, height, type: 'u8' }).medianBlur({ ksize: 3 }).gaussianBlur({ sigma: 0.8 })
    const expected = Array.from({ length: frames }, (_, i) => denoise.run(clip.subarray(i * width * height, (i + 1) * width * height)))
    expect(Buffer.concat(read).equals(Buffer.concat(expected))).toBe(true)
  })
})
