// The `pixchain` command on image files: PNGs written and read back with
// sharp (libvips' own codec), raw files, batches over a pattern, and one
// line with exit code 2 for every bad argument. Each output must equal the
// library's Pipeline on the same pixels.

import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { encode } from 'fast-png'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'

import { KernelChain, Pipeline, type ImageSpec } from '../index.js'

const bin = fileURLToPath(new URL('../bin/pixchain.mjs', import.meta.url))
const dir = mkdtempSync(path.join(tmpdir(), 'pixchain-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function pixchain(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

function rgbFrame(width: number, height: number, seed: number): Uint8Array {
  return Uint8Array.from({ length: width * height * 3 }, (_, i) => (i * 37 + seed * 101 + ((i / 3 / width) | 0) * 11) & 255)
}

async function writeRgbPng(file: string, pixels: Uint8Array, width: number, height: number) {
  await sharp(pixels, { raw: { width, height, channels: 3 } }).png().toFile(path.join(dir, file))
}

async function readGray(file: string, depth: 'uchar' | 'ushort') {
  const image = sharp(path.join(dir, file)).toColourspace(depth === 'ushort' ? 'grey16' : 'b-w')
  const { data, info } = await image.raw({ depth }).toBuffer({ resolveWithObject: true })
  const samples = depth === 'ushort' ? new Uint16Array(data.buffer, data.byteOffset, data.length / 2) : new Uint8Array(data)
  return { samples, info }
}

describe('pixchain <input> -o <output> <steps>', () => {
  it('runs a PNG through the steps and writes what the library computes', async () => {
    const [width, height] = [97, 61]
    const pixels = rgbFrame(width, height, 1)
    await writeRgbPng('photo.png', pixels, width, height)
    const out = pixchain('photo.png', '-o', 'gray.png', 'gray', 'gaussian:sigma=2', 'clip:10,200', 'median:3')
    expect(out.stderr).toBe('')
    expect(out.code).toBe(0)
    expect(out.stdout).toContain('plan: grayscale() → gaussianBlur(sigma=2) → clip(min=10, max=200) → medianBlur(ksize=3)')
    expect(out.stdout).toContain('spec: 97×61×3 u8 → 97×61×1 u8')
    expect(out.stdout).toMatch(/buffers: 2 work buffers \(0\.01 MiB\), \d passes a frame/)

    const spec: ImageSpec = { width, height, channels: 3, type: 'u8' }
    const expected = new Pipeline(spec).grayscale().gaussianBlur({ sigma: 2 }).clip({ min: 10, max: 200 }).medianBlur({ ksize: 3 }).run(pixels)
    const { samples, info } = await readGray('gray.png', 'uchar')
    expect([info.width, info.height]).toEqual([width, height])
    expect(Buffer.from(samples).equals(Buffer.from(expected))).toBe(true)
  })

  it('reads raw 16-bit samples and writes a 16-bit PNG', async () => {
    const [width, height] = [40, 30]
    const frame = Uint16Array.from({ length: width * height }, (_, i) => (i * 977) % 65536)
    writeFileSync(path.join(dir, 'sky.raw'), new Uint8Array(frame.buffer))
    const out = pixchain('sky.raw', '--raw', `${width}x${height}:u16`, '-o', 'sky.png', 'clip:1000,60000', 'linear:a=1.1,b=-100', 'box:5')
    expect(out.code).toBe(0)
    expect(out.stdout).toContain('spec: 40×30×1 u16 → 40×30×1 u16')

    const spec: ImageSpec = { width, height, channels: 1, type: 'u16' }
    const expected = new Pipeline(spec).clip({ min: 1000, max: 60000 }).linear({ a: 1.1, b: -100 }).boxBlur({ ksize: 5 }).run(frame)
    const { samples } = await readGray('sky.png', 'ushort')
    expect(Array.from(samples)).toEqual(Array.from(expected))
  })

  it('writes raw f32 samples and reads 16-bit gray PNGs', () => {
    const [width, height] = [33, 19]
    const frame = Uint16Array.from({ length: width * height }, (_, i) => i * 101)
    writeFileSync(path.join(dir, 'depth.png'), encode({ width, height, channels: 1, depth: 16, data: frame }))
    const out = pixchain('depth.png', '-o', 'depth.f32', 'convert:f32,0.0001', 'gaussian:1.5')
    expect(out.code).toBe(0)
    const expected = new Pipeline({ width, height, type: 'u16' }).convert({ type: 'f32', scale: 0.0001 }).gaussianBlur({ sigma: 1.5 }).run(frame)
    const written = readFileSync(path.join(dir, 'depth.f32'))
    expect(new Float32Array(written.buffer, written.byteOffset, written.length / 4)).toEqual(expected)
  })

  it('runs one pipeline over every file a pattern matches, with a progress line each', async () => {
    const [width, height] = [48, 32]
    const frames = [2, 10, 1].map((seed) => rgbFrame(width, height, seed))
    await Promise.all(frames.map((pixels, i) => writeRgbPng(`frame${[2, 10, 1][i]}.png`, pixels, width, height)))
    const out = pixchain('frame*.png', '-o', 'out/', 'grayscale', 'threshold:100,255')
    expect(out.code).toBe(0)
    // Name order with numbers by value: frame1, frame2, frame10.
    expect(out.stdout).toMatch(/\[1\/3\] frame1\.png → out\/frame1\.png .*\n\[2\/3\] frame2\.png .*\n\[3\/3\] frame10\.png/)
    expect(out.stdout).toMatch(/wrote 3 files in .*; 1 work buffer allocation in all\)/)

    const pipeline = new Pipeline({ width, height, channels: 3, type: 'u8' }).grayscale().threshold({ thresh: 100, maxval: 255 })
    for (const [i, seed] of [2, 10, 1].entries()) {
      const { samples } = await readGray(`out/frame${seed}.png`, 'uchar')
      expect(Buffer.from(samples).equals(Buffer.from(pipeline.run(frames[i]!)))).toBe(true)
    }
  })

  it('plans the pipeline again for a file of another size in a batch', async () => {
    const sizes: [number, number][] = [[30, 20], [53, 41]]
    const frames = sizes.map(([width, height], i) => rgbFrame(width, height, 7 + i))
    await Promise.all(frames.map((pixels, i) => writeRgbPng(`mixed${i}.png`, pixels, ...sizes[i]!)))
    const out = pixchain('mixed*.png', '-o', 'mixed-out', 'gray', 'median:5')
    expect(out.code).toBe(0)
    for (const [i, [width, height]] of sizes.entries()) {
      const expected = new Pipeline({ width, height, channels: 3, type: 'u8' }).grayscale().medianBlur({ ksize: 5 }).run(frames[i]!)
      const { samples, info } = await readGray(`mixed-out/mixed${i}.png`, 'uchar')
      expect([info.width, info.height]).toEqual([width, height])
      expect(Buffer.from(samples).equals(Buffer.from(expected))).toBe(true)
    }
  })

  it('--help lists every kernel and graph step of Pipeline with its parameters', () => {
    const out = pixchain('--help')
    expect(out.code).toBe(0)
    const kernels = Object.getOwnPropertyNames(KernelChain.prototype).filter((name) => name !== 'constructor')
    const graphSteps = ['save', 'from', 'add', 'subtract', 'absdiff', 'multiply', 'addWeighted']
    expect(kernels).toHaveLength(13)
    for (const method of [...kernels, ...graphSteps]) expect(out.stdout).toContain(`  ${method}:`)
    expect(out.stdout).toContain('sigma, sigmaY (sigma)')
    expect(out.stdout).toContain('bench')
  })

  const badArguments: [string, string[], RegExp][] = [
    ['no arguments', [], /^usage: pixchain/],
    ['no output', ['photo.png', 'median'], /no output: give -o/],
    ['no steps', ['photo.png', '-o', 'x.png'], /no steps/],
    ['a missing file', ['nope.png', '-o', 'x.png', 'median'], /no such file 'nope\.png'/],
    ['a pattern matching nothing', ['nope*.png', '-o', 'out/', 'median'], /'nope\*\.png' matches no file/],
    ['an unknown step', ['photo.png', '-o', 'x.png', 'sharpen:3'], /unknown step 'sharpen'/],
    ['an unknown option', ['photo.png', '-o', 'x.png', '--frob', 'median'], /unknown option '--frob'/],
    ['an even median', ['photo.png', '-o', 'x.png', 'median:4'], /median:4: .*ksize: expected an odd integer from 3 to 255, got 4/],
    ['an unknown parameter', ['photo.png', '-o', 'x.png', 'gaussian:radius=3'], /gaussian:radius=3: .*radius/],
    ['too many values', ['photo.png', '-o', 'x.png', 'median:3,5'], /medianBlur takes 1 value\(s\) without a name, got 2/],
    ['a step the frame cannot take', ['sky.png', '-o', 'x.png', 'grayscale'], /grayscale: .*expected a 40×30×3 u16 frame, got 40×30×1 u16/],
    ['an f32 result into a PNG', ['photo.png', '-o', 'x.png', 'convert:f32'], /a PNG holds u8 or u16 samples and the pipeline ends in f32/],
    ['a raw file without --raw', ['sky.raw', '-o', 'x.raw', 'median'], /a raw file needs --raw/],
    ['a raw file of another size', ['sky.raw', '--raw', '40x31:u16', '-o', 'x.raw', 'median'], /expected 2480 bytes for 40×31×1 u16, got 2400/],
    ['a bad --raw', ['sky.raw', '--raw', '40by30', '-o', 'x.raw', 'median'], /--raw takes WxH\[xC\]\[:type\]/],
    ['a bad --threads', ['photo.png', '-o', 'x.png', '--threads', '0', 'median'], /--threads takes a whole number ≥ 1, got '0'/],
    ['an output over its input', ['photo.png', '-o', 'photo.png', 'median'], /the output would overwrite its input/],
  ]
  it.each(badArguments)('%s: one line on stderr, exit code 2', (_, args, message) => {
    const out = pixchain(...args)
    expect(out.code).toBe(2)
    expect(out.stderr).toMatch(message)
    if (args.length > 0) expect(out.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(out.stdout).not.toMatch(/^wrote/m)
  })
})
