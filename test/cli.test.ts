// The `pixchain` command on image files: PNGs written and read back with
// sharp (libvips' own codec), raw files, JPEG, WebP and TIFF through sharp,
// batches over a pattern, and one line with exit code 2 for every bad
// argument, before any file is written. Each output must equal the
// library's Pipeline on the same pixels.

import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { encode } from 'fast-png'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'

import { KernelChain, Pipeline, type ImageSpec } from '../dist/index.js'

const bin = fileURLToPath(new URL('../bin/pixchain.mjs', import.meta.url))
const dir = mkdtempSync(path.join(tmpdir(), 'pixchain-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function pixchain(...args: string[]) {
  return pixchainUnder([], ...args)
}

/** The command with options for node itself (e.g. an --import that hides sharp). */
function pixchainUnder(nodeArgs: string[], ...args: string[]) {
  const result = spawnSync(process.execPath, [...nodeArgs, bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const at = (file: string) => path.join(dir, file)

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
    expect(out.stdout).toMatch(/buffers: 0 frame buffers \(0\.00 MiB\), line buffers \d+\.\d\d MiB, 1 pass a frame/)

    const spec: ImageSpec = { width, height, channels: 3, type: 'u8' }
    const pipeline = new Pipeline(spec).grayscale().gaussianBlur({ sigma: 2 }).clip({ min: 10, max: 200 }).medianBlur({ ksize: 3 })
    // The plan is the library's describe(), its first line extended by where the result goes.
    const [plan, ...rest] = pipeline.describe().split('\n')
    expect(out.stdout).toContain([`${plan} → gray.png (png)`, ...rest].join('\n'))
    const expected = pipeline.run(pixels)
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

  it('clips by percentiles given as a list', async () => {
    const [width, height] = [40, 30]
    const frame = Uint16Array.from({ length: width * height }, (_, i) => (i * 977) % 65536)
    writeFileSync(path.join(dir, 'stars.raw'), new Uint8Array(frame.buffer))
    const out = pixchain('stars.raw', '--raw', `${width}x${height}:u16`, '-o', 'stars.png', 'clip:percentiles=0.5/99.5')
    expect(out.code).toBe(0)
    const spec: ImageSpec = { width, height, channels: 1, type: 'u16' }
    const expected = new Pipeline(spec).clip({ percentiles: [0.5, 99.5] }).run(frame)
    const { samples } = await readGray('stars.png', 'ushort')
    expect(Array.from(samples)).toEqual(Array.from(expected))
  })

  it('writes raw f32 samples and reads 16-bit gray PNGs', () => {
    const [width, height] = [33, 19]
    const frame = Uint16Array.from({ length: width * height }, (_, i) => i * 101)
    writeFileSync(path.join(dir, 'depth.png'), encode({ width, height, channels: 1, depth: 16, data: frame }))
    const out = pixchain('depth.png', '--format', 'raw', '-o', 'depth.f32', 'convert:f32,0.0001', 'gaussian:1.5')
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
    // A line per file as it is written (in the order files finish), counting up to 3.
    for (const seed of [1, 2, 10]) expect(out.stdout).toMatch(new RegExp(`^\\[[1-3]/3\\] frame${seed}\\.png → out/frame${seed}\\.png \\(\\d+\\.\\d ms\\)$`, 'm'))
    expect(out.stdout.match(/^\[\d\/3\]/gm)).toEqual(['[1/3]', '[2/3]', '[3/3]'])
    expect(out.stdout).toMatch(/^wrote 3 files in \d+\.\d\d s \(\d+\.\d frames\/s; \d+ jobs? × \d+ threads? a step\)$/m)

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
    const graphSteps = ['save', 'from', 'add', 'subtract', 'absdiff', 'multiply', 'addWeighted', 'mergeChannels']
    expect(kernels).toHaveLength(29)
    for (const method of [...kernels, ...graphSteps]) expect(out.stdout).toContain(`  ${method}:`)
    expect(out.stdout).toContain('sigma, sigmaY (sigma)')
    expect(out.stdout).toContain('bench')
  })

  it('bench --chains times every chain as a Pipeline and as one-shots, whose bytes agree', () => {
    const out = pixchain('bench', '--chains', '--size', '64x48', '--runs', '1', '--json')
    expect(out.code).toBe(0)
    const doc = JSON.parse(out.stdout)
    expect(doc.schema).toBe('pixchain-bench-chains')
    expect(doc.chains).toHaveLength(6)
    for (const chain of doc.chains) {
      // At one thread and at all of them (one key on a one-core machine).
      const equal = chain.checks.pipelineEqualsOneShots
      expect(equal, chain.id).toHaveProperty('1', true)
      expect(Object.values(equal).every((same) => same === true), chain.id).toBe(true)
      expect(chain.pipelineStats['1'].frameBytes, chain.id).toBe(0)
      const peers = chain.measurements.map((m: { peer: string; threads: number }) => `${m.peer}@${m.threads}`)
      expect(peers, chain.id).toEqual(expect.arrayContaining(['pipeline@1', 'oneShots@1']))
    }
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
    ['an output without an extension', ['photo.png', '-o', 'result', 'median'], /^pixchain: result: the output has no extension: expected \.png, \.raw, \.jpg, .*, or --format raw for raw samples$/m],
    ['an output of an unknown extension', ['photo.png', '-o', 'result.bmp', 'median'], /result\.bmp: the output has the extension '\.bmp', which names no format/],
    ['--format raw for a PNG name', ['photo.png', '--format', 'raw', '-o', 'z.png', 'median'], /z\.png: --format raw for a png file name: drop --format, or name the file \*\.raw/],
    ['an unknown --format', ['photo.png', '--format', 'bmp', '-o', 'x.bmp', 'median'], /--format takes png, raw, jpeg, webp, tiff, avif, got 'bmp'/],
    ['u16 samples for a JPEG', ['sky.png', '-o', 'x.jpg', 'median'], /x\.jpg: a JPEG holds u8 samples and the pipeline ends in u16: add convert:u8, or write a raw file/],
  ]
  it.each(badArguments)('%s: one line on stderr, exit code 2', (_, args, message) => {
    const out = pixchain(...args)
    expect(out.code).toBe(2)
    expect(out.stderr).toMatch(message)
    if (args.length > 0) expect(out.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(out.stdout).not.toMatch(/^wrote/m)
  })
})

/** The bytes a u8 RGB frame has after `gray median:3` in the library. */
function grayMedian(pixels: Uint8Array, width: number, height: number) {
  return new Pipeline({ width, height, channels: 3, type: 'u8' }).grayscale().medianBlur({ ksize: 3 }).run(pixels)
}

/** Every file under a folder of the test, for asserting what a command left behind. */
function filesIn(folder: string): string[] {
  return existsSync(at(folder)) ? readdirSync(at(folder), { recursive: true, encoding: 'utf8' }).sort() : []
}

function expectRefused(out: { code: number | null; stdout: string; stderr: string }, message: RegExp) {
  expect(out.stderr).toMatch(message)
  expect(out.stderr.trimEnd().split('\n')).toHaveLength(1)
  expect(out.code).toBe(2)
  expect(out.stdout).toBe('')
}

describe('pixchain never loses a file to another output', () => {
  it('refuses two inputs with one output name before it reads or writes anything', async () => {
    const [width, height] = [20, 10]
    mkdirSync(at('a'))
    mkdirSync(at('b'))
    await writeRgbPng('a/x.png', rgbFrame(width, height, 3), width, height)
    await writeRgbPng('b/x.png', rgbFrame(width, height, 4), width, height)
    const out = pixchain('a/x.png', 'b/x.png', '-o', 'same/', 'gray', 'median:3')
    expectRefused(out, /^pixchain: a\/x\.png and b\/x\.png would both be written to same\/x\.png: rename one, or run them into separate folders$/m)
    // Not even the output folder is made.
    expect(existsSync(at('same'))).toBe(false)
  })

  it('refuses two inputs that --format gives one output name', async () => {
    const [width, height] = [20, 10]
    await writeRgbPng('twin.png', rgbFrame(width, height, 5), width, height)
    writeFileSync(at('twin.raw'), rgbFrame(width, height, 6))
    const out = pixchain('twin.png', 'twin.raw', '--raw', `${width}x${height}x3`, '--format', 'png', '-o', 'twins/', 'gray')
    expectRefused(out, /twin\.png and twin\.raw would both be written to twins\/twin\.png/)
    expect(existsSync(at('twins'))).toBe(false)
  })

  it('refuses an output that is another input of the batch', async () => {
    const [width, height] = [20, 10]
    mkdirSync(at('inout'))
    await writeRgbPng('inout.png', rgbFrame(width, height, 7), width, height)
    await writeRgbPng('inout/inout.png', rgbFrame(width, height, 8), width, height)
    const before = readFileSync(at('inout/inout.png'))
    const out = pixchain('inout.png', 'inout/inout.png', '-o', 'inout', 'gray')
    expectRefused(out, /inout\/inout\.png: the output of inout\.png would overwrite the input inout\/inout\.png/)
    expect(readFileSync(at('inout/inout.png')).equals(before)).toBe(true)
  })

  it('refuses a raw output over its input when its frame has another shape than the first file', async () => {
    mkdirSync(at('cl'))
    await writeRgbPng('cl/c.png', rgbFrame(20, 10, 11), 20, 10)
    const raw = Uint8Array.from({ length: 16 }, (_, i) => i * 9)
    writeFileSync(at('cl/b.4x4x1.u8.raw'), raw)
    const out = pixchain('cl/c.png', 'cl/b.4x4x1.u8.raw', '-o', 'cl/', '--format', 'raw', '--keep-going', 'invert')
    expect(out.code).toBe(1)
    expect(out.stderr).toMatch(/^pixchain: cl\/b\.4x4x1\.u8\.raw: the output cl\/b\.4x4x1\.u8\.raw would overwrite its input \(ERR_PIXCHAIN_PARAM\)$/m)
    expect(readFileSync(at('cl/b.4x4x1.u8.raw')).equals(Buffer.from(raw))).toBe(true)
    // The other file is written, named with its own shape.
    expect(filesIn('cl')).toEqual(['b.4x4x1.u8.raw', 'c.20x10x3.u8.raw', 'c.png'])
  })

  it('writes into the folder (-o without a slash) the result of an input named all extension', () => {
    mkdirSync(at('dot'))
    writeFileSync(at('dot/.4x4x1.u8.raw'), new Uint8Array(16).fill(1))
    writeFileSync(at('dot/x.4x4x1.u8.raw'), new Uint8Array(16).fill(2))
    const out = pixchain('dot/.4x4x1.u8.raw', 'dot/x.4x4x1.u8.raw', '-o', 'dotout', 'invert')
    expect(out.stderr).toBe('')
    expect(out.code).toBe(0)
    expect(filesIn('dotout')).toEqual(['.4x4x1.u8.raw.4x4x1.u8.raw', 'x.4x4x1.u8.raw'])
    expect(existsSync(at('dotout.4x4x1.u8.raw'))).toBe(false)
    expect([...readFileSync(at('dotout/.4x4x1.u8.raw.4x4x1.u8.raw'))]).toEqual(new Array(16).fill(254))
  })

  it('keeps inputs of distinct names apart in one folder', async () => {
    const [width, height] = [20, 10]
    const frames = [rgbFrame(width, height, 9), rgbFrame(width, height, 10)]
    await writeRgbPng('a/left.png', frames[0]!, width, height)
    await writeRgbPng('b/right.png', frames[1]!, width, height)
    const out = pixchain('a/left.png', 'b/right.png', '-o', 'apart/', 'gray', 'median:3')
    expect(out.stderr).toBe('')
    expect(out.code).toBe(0)
    expect(filesIn('apart')).toEqual(['left.png', 'right.png'])
    for (const [i, name] of ['left', 'right'].entries()) {
      const { samples } = await readGray(`apart/${name}.png`, 'uchar')
      expect(Buffer.from(samples).equals(Buffer.from(grayMedian(frames[i]!, width, height)))).toBe(true)
    }
  })
})

describe("pixchain writes the format an output's extension names", () => {
  const [width, height] = [37, 23]
  const pixels = rgbFrame(width, height, 11)
  const gray = grayMedian(pixels, width, height)
  const sky = Uint16Array.from({ length: width * height }, (_, i) => (i * 2741) % 65536)

  it('writes a lossless TIFF of 8-bit gray with exactly the pipeline result', async () => {
    await writeRgbPng('shot.png', pixels, width, height)
    const out = pixchain('shot.png', '-o', 'shot.tif', 'gray', 'median:3')
    expect(out.stderr).toBe('')
    expect(out.code).toBe(0)
    expect(out.stdout).toContain('plan: grayscale() → medianBlur(ksize=3) → shot.tif (tiff)')
    expect((await sharp(at('shot.tif')).metadata()).format).toBe('tiff')
    const { samples } = await readGray('shot.tif', 'uchar')
    expect(Buffer.from(samples).equals(Buffer.from(gray))).toBe(true)
  })

  it('writes and reads 16-bit TIFF samples as they are', async () => {
    writeFileSync(at('sky16.raw'), new Uint8Array(sky.buffer))
    const written = pixchain('sky16.raw', '--raw', `${width}x${height}:u16`, '-o', 'sky16.tiff', 'box:3')
    expect(written.code).toBe(0)
    const boxed = new Pipeline({ width, height, type: 'u16' }).boxBlur({ ksize: 3 }).run(sky)
    const { samples, info } = await readGray('sky16.tiff', 'ushort')
    expect(info.channels).toBe(1)
    expect(Array.from(samples)).toEqual(Array.from(boxed))

    // Read back by pixchain: a 16-bit gray TIFF is a u16 frame of one channel.
    const read = pixchain('sky16.tiff', '--format', 'raw', '-o', 'sky16.bin', 'linear:1')
    expect(read.stdout).toContain(`spec: ${width}×${height}×1 u16 → ${width}×${height}×1 u16`)
    const bytes = readFileSync(at('sky16.bin'))
    expect(Buffer.from(bytes).equals(Buffer.from(boxed.buffer))).toBe(true)
  })

  it('reads gray + alpha through sharp as two channels', async () => {
    const ga = Uint8Array.from({ length: width * height * 2 }, (_, i) => (i * 53) & 255)
    await sharp(ga, { raw: { width, height, channels: 2 } }).toColourspace('b-w').tiff({ compression: 'deflate' }).toFile(at('ga.tif'))
    const out = pixchain('ga.tif', '--format', 'raw', '-o', 'ga.raw', 'median:3')
    expect(out.code).toBe(0)
    expect(out.stdout).toContain(`spec: ${width}×${height}×2 u8`)
    const expected = new Pipeline({ width, height, channels: 2, type: 'u8' }).medianBlur({ ksize: 3 }).run(ga)
    expect(readFileSync(at('ga.raw')).equals(Buffer.from(expected))).toBe(true)
  })

  it('writes JPEG and WebP as sharp encodes the pipeline result', async () => {
    await writeRgbPng('shot.png', pixels, width, height)
    for (const [file, format] of [['shot.jpg', 'jpeg'], ['shot.webp', 'webp']] as const) {
      const out = pixchain('shot.png', '-o', file, 'gray', 'median:3')
      expect(out.stderr).toBe('')
      expect(out.code).toBe(0)
      expect((await sharp(at(file)).metadata()).format).toBe(format)
      const ours = await sharp(at(file)).raw().toBuffer()
      const theirs = await sharp(await sharp(gray, { raw: { width, height, channels: 1 } }).toFormat(format).toBuffer()).raw().toBuffer()
      expect(ours.equals(theirs)).toBe(true)
    }
  })

  it('refuses a file sharp cannot read, or a frame its encoder cannot hold, in one line', () => {
    writeFileSync(at('junk.jpg'), Uint8Array.from({ length: 300 }, (_, i) => (i * 71) & 255))
    expectRefused(pixchain('junk.jpg', '-o', 'junk.png', 'median'), /^pixchain: junk\.jpg: not a JPEG pixchain can read \(.+\)$/m)
    expect(existsSync(at('junk.png'))).toBe(false)
    // WebP holds at most 16383 pixels a side: refused after the run, nothing written.
    writeFileSync(at('wide.raw'), new Uint8Array(17000 * 2))
    const wide = pixchain('wide.raw', '--raw', '17000x2', '-q', '-o', 'wide.webp', 'median')
    expectRefused(wide, /^pixchain: wide\.webp: sharp cannot write this 17000×2×1 u8 frame as WEBP \(.+\)$/m)
    expect(filesIn('.').filter((name) => name.includes('wide.webp'))).toEqual([])
  })

  it('writes raw samples under any name with --format raw', async () => {
    await writeRgbPng('shot.png', pixels, width, height)
    const out = pixchain('shot.png', '--format', 'raw', '-o', 'shot', 'gray', 'median:3')
    expect(out.code).toBe(0)
    expect(readFileSync(at('shot')).equals(Buffer.from(gray))).toBe(true)
  })

  it('without sharp, refuses JPEG before any step runs and still writes PNG', async () => {
    await writeRgbPng('shot.png', pixels, width, height)
    const hook = `export async function resolve(specifier, context, next) {
      if (specifier === 'sharp') throw Object.assign(new Error("Cannot find package 'sharp'"), { code: 'ERR_MODULE_NOT_FOUND' })
      return next(specifier, context)
    }`
    writeFileSync(at('no-sharp.mjs'), `import { register } from 'node:module'\nregister(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)})\n`)
    const noSharp = ['--import', './no-sharp.mjs']

    const jpeg = pixchainUnder(noSharp, 'shot.png', '-o', 'nosharp.jpg', 'gray')
    expectRefused(jpeg, /^pixchain: nosharp\.jpg: JPEG files need sharp, which cannot be imported \(Cannot find package 'sharp'\): npm install sharp, or use PNG or raw files$/m)
    expect(existsSync(at('nosharp.jpg'))).toBe(false)
    const tiffInput = pixchainUnder(noSharp, 'shot.tif', '-o', 'nosharp.png', 'median')
    expectRefused(tiffInput, /^pixchain: shot\.tif: TIFF files need sharp/m)

    const png = pixchainUnder(noSharp, 'shot.png', '-o', 'nosharp.png', 'gray', 'median:3')
    expect(png.stderr).toBe('')
    expect(png.code).toBe(0)
    const { samples } = await readGray('nosharp.png', 'uchar')
    expect(Buffer.from(samples).equals(Buffer.from(gray))).toBe(true)
  })
})

describe('raw files whose name records their shape', () => {
  const [width, height] = [24, 14]
  const frames = [0, 1].map((seed) => rgbFrame(width, height, 20 + seed))
  const halfGray = new Pipeline({ width, height, channels: 3, type: 'u8' }).grayscale().convert({ type: 'f32', scale: 0.5 })

  it('a batch writes raw outputs named with their shape, which read back without --raw', async () => {
    await Promise.all(frames.map((pixels, i) => writeRgbPng(`shape${i}.png`, pixels, width, height)))
    const out = pixchain('shape*.png', '-o', 'shaped/', '--format', 'raw', 'gray', 'convert:f32,0.5')
    expect(out.stderr).toBe('')
    expect(out.code).toBe(0)
    expect(out.stdout).toMatch(/^\[[12]\/2\] shape0\.png → shaped\/shape0\.24x14x1\.f32\.raw /m)
    expect(filesIn('shaped')).toEqual(['shape0.24x14x1.f32.raw', 'shape1.24x14x1.f32.raw'])
    for (const [i, pixels] of frames.entries()) {
      const written = readFileSync(at(`shaped/shape${i}.24x14x1.f32.raw`))
      expect(written.equals(Buffer.from(halfGray.run(pixels).buffer))).toBe(true)
    }

    // Read back by name alone, into PNGs named without the shape.
    const back = pixchain('shaped/*.raw', '-o', 'unshaped/', '--format', 'png', 'convert:u8,2')
    expect(back.stderr).toBe('')
    expect(back.code).toBe(0)
    expect(back.stdout).toContain('spec: 24×14×1 f32 → 24×14×1 u8')
    expect(filesIn('unshaped')).toEqual(['shape0.png', 'shape1.png'])
    const gray = new Pipeline({ width, height, channels: 3, type: 'u8' }).grayscale()
    for (const [i, pixels] of frames.entries()) {
      const { samples } = await readGray(`unshaped/shape${i}.png`, 'uchar')
      expect(Buffer.from(samples).equals(Buffer.from(gray.run(pixels)))).toBe(true)
    }
  })

  it('refuses --raw against the name, an output name of another shape, and an output over its input, before anything runs', () => {
    writeFileSync(at('lone.24x14x1.f32.raw'), Buffer.from(halfGray.run(frames[0]!).buffer))
    expectRefused(
      pixchain('lone.24x14x1.f32.raw', '--raw', '24x14:u16', '-o', 'lone.png', 'convert:u8'),
      /^pixchain: lone\.24x14x1\.f32\.raw: the name records 24×14×1 f32 and --raw says 24×14×1 u16: drop --raw, or rename the file$/m,
    )
    expectRefused(
      pixchain('lone.24x14x1.f32.raw', '-o', 'lone.24x14x1.u8.raw', 'linear:2'),
      /^pixchain: lone\.24x14x1\.u8\.raw: the name records 24×14×1 u8 and the pipeline ends in 24×14×1 f32: /m,
    )
    expectRefused(pixchain('lone.24x14x1.f32.raw', '-o', './', 'linear:2'), /^pixchain: lone\.24x14x1\.f32\.raw: the output would overwrite its input$/m)
    expect(filesIn('.').filter((name) => name.startsWith('lone'))).toEqual(['lone.24x14x1.f32.raw'])
  })
})

describe('pixchain checks every output before it runs', () => {
  const [width, height] = [16, 12]
  const pixels = rgbFrame(width, height, 12)

  it('makes the missing folders of an output file, and says so in the plan line', async () => {
    await writeRgbPng('deep.png', pixels, width, height)
    const out = pixchain('deep.png', '-o', 'missing/dir/x.png', 'gray', 'median:3')
    expect(out.stderr).toBe('')
    expect(out.code).toBe(0)
    expect(out.stdout).toContain('plan: grayscale() → medianBlur(ksize=3) → missing/dir/x.png (png; makes the folder missing/dir)')
    const { samples } = await readGray('missing/dir/x.png', 'uchar')
    expect(Buffer.from(samples).equals(Buffer.from(grayMedian(pixels, width, height)))).toBe(true)
    // Written whole through a temporary file that is gone.
    expect(filesIn('missing')).toEqual(['dir', path.join('dir', 'x.png')])
  })

  it('makes no folder when a step is refused', async () => {
    await writeRgbPng('deep.png', pixels, width, height)
    expectRefused(pixchain('deep.png', '-o', 'never/x.png', 'median:4'), /median:4: /)
    expect(existsSync(at('never'))).toBe(false)
  })

  it('refuses several inputs, or a pattern, for an output file name', async () => {
    await writeRgbPng('many1.png', pixels, width, height)
    await writeRgbPng('many2.png', pixels, width, height)
    expectRefused(
      pixchain('many1.png', 'many2.png', '-o', 'many.png', 'gray'),
      /^pixchain: 2 inputs go into a folder, and -o names the file 'many\.png': give a folder, e.g\. -o many\/$/m,
    )
    expectRefused(pixchain('many1*.png', '-o', 'one.png', 'gray'), /the pattern 'many1\*\.png' goes into a folder, and -o names the file 'one\.png'/)
    expect(existsSync(at('many.png'))).toBe(false)
    expect(existsSync(at('one.png'))).toBe(false)
  })

  it('refuses an output under a file, and an output that is a folder', async () => {
    await writeRgbPng('deep.png', pixels, width, height)
    writeFileSync(at('plain.txt'), 'not a folder')
    expectRefused(pixchain('deep.png', '-o', 'plain.txt/x.png', 'gray'), /^pixchain: cannot make the folder plain\.txt: plain\.txt is a file$/m)
    mkdirSync(at('cluttered/deep.png'), { recursive: true })
    expectRefused(pixchain('deep.png', '-o', 'cluttered/', 'gray'), /^pixchain: cluttered\/deep\.png: the output of deep\.png is a folder, expected a file or nothing there$/m)
  })
})

describe('pixchain --version', () => {
  it('prints the version of package.json, as --version and -V', () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
    for (const flag of ['--version', '-V']) {
      const out = pixchain(flag)
      expect(out.code).toBe(0)
      expect(out.stdout).toBe(`${version}\n`)
      expect(out.stderr).toBe('')
    }
  })
})

describe('batches on worker threads (--jobs), patterns, failures', () => {
  const [width, height] = [40, 28]

  it('--jobs 2 writes the same bytes as --jobs 1, and says how it shared the cores', async () => {
    mkdirSync(at('jobs'))
    await Promise.all([0, 1, 2, 3, 4].map((i) => writeRgbPng(`jobs/j${i}.png`, rgbFrame(width, height, 40 + i), width, height)))
    const one = pixchain('jobs/*.png', '-o', 'jobs1/', '--jobs', '1', 'gray', 'gaussian:1.5', 'median:3', 'clip:20,230')
    const two = pixchain('jobs/*.png', '-o', 'jobs2/', '-j', '2', 'gray', 'gaussian:1.5', 'median:3', 'clip:20,230')
    expect([one.code, two.code, one.stderr, two.stderr]).toEqual([0, 0, '', ''])
    expect(one.stdout).toMatch(/; 1 job × \d+ threads? a step\)$/m)
    expect(two.stdout).toMatch(/; 2 jobs × \d+ threads? a step\)$/m)
    expect(filesIn('jobs2')).toEqual(filesIn('jobs1'))
    expect(filesIn('jobs2')).toHaveLength(5)
    for (const file of filesIn('jobs1')) expect(readFileSync(at(`jobs2/${file}`)).equals(readFileSync(at(`jobs1/${file}`))), file).toBe(true)
    const { samples } = await readGray('jobs2/j3.png', 'uchar')
    const expected = new Pipeline({ width, height, channels: 3, type: 'u8' }).grayscale().gaussianBlur({ sigma: 1.5 }).medianBlur({ ksize: 3 }).clip({ min: 20, max: 230 }).run(rgbFrame(width, height, 43))
    expect(Buffer.from(samples).equals(Buffer.from(expected))).toBe(true)
  })

  it('expands ** across folders, braces and classes, in name order with numbers by value', async () => {
    for (const file of ['tree/a/s1.png', 'tree/a/s10.png', 'tree/b/c/s2.png', 'tree/b/t3.png', 'tree/b/s9.jpg']) {
      mkdirSync(path.dirname(at(file)), { recursive: true })
      await writeRgbPng(file, rgbFrame(8, 6, file.length), 8, 6)
    }
    const deep = pixchain('tree/**/s*.png', '-o', 'deep/', '--jobs', '1', 'gray')
    expect(deep.code).toBe(0)
    expect(deep.stdout.match(/^\[\d\/3\] (\S+)/gm)!.map((line) => line.split(' ')[1])).toEqual(['tree/a/s1.png', 'tree/a/s10.png', 'tree/b/c/s2.png'])
    expect(filesIn('deep')).toEqual(['s1.png', 's10.png', 's2.png'])
    const braces = pixchain('tree/b/{t3,c/s2}.png', '-o', 'braces/', 'gray')
    expect(braces.code).toBe(0)
    expect(filesIn('braces')).toEqual(['s2.png', 't3.png'])
    const classes = pixchain('tree/a/s[0-9].png', '-o', 'classes/', 'gray')
    expect(classes.code).toBe(0)
    expect(filesIn('classes')).toEqual(['s1.png'])
    expectRefused(pixchain('tree/**/none*.png', '-o', 'none/', 'gray'), /'tree\/\*\*\/none\*\.png' matches no file/)
  })

  it('--keep-going writes every other file, lists the failure and exits 1; without it no file starts after a failure', async () => {
    mkdirSync(at('bad'))
    await Promise.all([0, 2, 3].map((i) => writeRgbPng(`bad/b${i}.png`, rgbFrame(width, height, 50 + i), width, height)))
    writeFileSync(at('bad/b1.png'), 'not a png at all')
    const kept = pixchain('bad/*.png', '-o', 'bad-kept/', '--keep-going', '--jobs', '2', 'gray', 'median:3')
    expect(kept.code).toBe(1)
    expect(kept.stderr).toMatch(/^pixchain: bad\/b1\.png: not a PNG pixchain can read .*\(ERR_PIXCHAIN_DECODE\)$/m)
    expect(kept.stderr).toMatch(/^pixchain: 1 of 4 files failed: bad\/b1\.png$/m)
    expect(kept.stdout).toMatch(/^wrote 3 files in /m)
    expect(filesIn('bad-kept')).toEqual(['b0.png', 'b2.png', 'b3.png'])

    const stopped = pixchain('bad/*.png', '-o', 'bad-stopped/', '--jobs', '1', 'gray', 'median:3')
    expect(stopped.code).toBe(1)
    expect(stopped.stderr).toMatch(/^pixchain: 1 of 4 files failed: bad\/b1\.png; stopped, 2 not started \(--keep-going goes on past a failure\)$/m)
    expect(filesIn('bad-stopped')).toEqual(['b0.png'])
  })

  it('draws a progress bar with frames per second and the time left on a terminal', async () => {
    mkdirSync(at('tty'))
    await Promise.all([0, 1, 2].map((i) => writeRgbPng(`tty/t${i}.png`, rgbFrame(width, height, 60 + i), width, height)))
    // script(1) gives the command a terminal; its output is what the terminal showed.
    const command = [process.execPath, bin, 'tty/*.png', '-o', 'tty-out/', 'gray'].map((word) => `'${word}'`).join(' ')
    const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, encoding: 'utf8', timeout: 60_000 })
    expect(result.status).toBe(0)
    expect(result.stdout).toMatch(/\d\/3 files \| \d+\.\d frames\/s \| ETA \S+/)
    expect(result.stdout).toContain('3/3 files')
    expect(result.stdout).not.toMatch(/^\[1\/3\]/m)
    expect(filesIn('tty-out')).toEqual(['t0.png', 't1.png', 't2.png'])
  })

  it('--help says how jobs and threads share the machine', () => {
    const out = pixchain('--help')
    expect(out.stdout).toContain('-j, --jobs N')
    expect(out.stdout).toMatch(/cores ÷ jobs, so that jobs × threads stays within the machine/)
    expect(out.stdout).toContain('-k, --keep-going')
    expectRefused(pixchain('photo.png', '-o', 'x.png', '--jobs', 'two', 'median'), /--jobs takes a whole number ≥ 1, got 'two'/)
  })
})
