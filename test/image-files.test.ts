// readImage and writeImage: every PNG kind, raw files whose name records
// their shape, JPEG, WebP, TIFF and AVIF through sharp, checked against
// independent codecs (sharp reads what fast-png wrote, and the reverse);
// the coded error of each bad input, with nothing left behind by a write
// that failed; and the error without sharp, made by hiding sharp from
// Node's module loader in a child process.

import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { crc32, deflateSync } from 'node:zlib'

import { encode } from 'fast-png'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'

import { getLimitInputPixels, rawImageName, readImage, setLimitInputPixels, writeImage, type PixelType } from '../dist/index.js'

const dir = mkdtempSync(path.join(tmpdir(), 'pixchain-image-files-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const at = (file: string) => path.join(dir, file)

const ARRAYS = { u8: Uint8Array, u16: Uint16Array, i16: Int16Array, f32: Float32Array } as const

/** A frame of `type` whose samples vary across the whole range of the type. */
function frame(type: PixelType, width: number, height: number, channels: number) {
  const n = width * height * channels
  const value = (i: number) => {
    switch (type) {
      case 'u8':
        return (i * 37 + (i >> 4)) & 255
      case 'u16':
        return (i * 2741 + 13) % 65536
      case 'i16':
        return ((i * 2741) % 65536) - 32768
      case 'f32':
        return (i - n / 2) * 0.37 + (i % 3 === 0 ? 1e-7 : 0)
    }
  }
  const data = new ARRAYS[type](n)
  for (let i = 0; i < n; i++) data[i] = value(i)
  return { data, spec: { width, height, channels, type } }
}

/** The bytes of an array, to compare frames exactly (NaN and −0 included). */
const bytesOf = (array: ArrayBufferView) => Buffer.from(array.buffer, array.byteOffset, array.byteLength)

/** The code of the error `promise` rejects with. */
async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    return (error as { code: string }).code
  }
  return 'resolved'
}

/** The temporary files a write left in the test folder: hidden files, as writeImage names them. */
const temporaryFiles = () => readdirSync(dir).filter((name) => name.startsWith('.'))

/** A PNG file of these chunks, in this order, each with its length and checksum. */
function pngOf(chunks: [type: string, data: Uint8Array][]): Buffer {
  const parts = [Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])]
  for (const [type, data] of chunks) {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    parts.push(length, body, crc)
  }
  return Buffer.concat(parts)
}

/** An IHDR chunk's data: 8-bit gray unless told, not interlaced. */
function ihdr(width: number, height: number, depth = 8, colourType = 0): Buffer {
  const data = Buffer.alloc(13)
  data.writeUInt32BE(width, 0)
  data.writeUInt32BE(height, 4)
  data[8] = depth
  data[9] = colourType
  return data
}

/** The IDAT data of an 8-bit gray `width × height` image of zeros: each row a filter byte and its samples. */
const grayImageData = (width: number, height: number) => deflateSync(Buffer.alloc(height * (1 + width)))

/** The files in the test folder whose name starts with `prefix`, temporary ones included. */
const filesLike = (prefix: string) => readdirSync(dir).filter((name) => name.includes(prefix))

describe('PNG through fast-png', () => {
  for (const type of ['u8', 'u16'] as const) {
    for (const channels of [1, 2, 3, 4]) {
      it(`round-trips ${type} with ${channels} channel(s), and sharp reads the same samples`, async () => {
        const { data, spec } = frame(type, 37, 23, channels)
        const file = at(`trip-${type}-${channels}.png`)
        await writeImage(file, data, spec)
        const read = await readImage(file)
        expect(read.spec).toEqual(spec)
        expect(read.data).toBeInstanceOf(ARRAYS[type])
        expect(bytesOf(read.data).equals(bytesOf(data))).toBe(true)

        // An independent decoder: libvips, told to keep the channels and the depth.
        const space = channels <= 2 ? (type === 'u16' ? 'grey16' : 'b-w') : type === 'u16' ? 'rgb16' : 'srgb'
        const depth = type === 'u16' ? 'ushort' : 'uchar'
        // (8-bit gray + alpha comes as RGBA, whatever the colour space asked: its gray is R.)
        const rgba = type === 'u8' && channels === 2
        const image = rgba ? sharp(file) : sharp(file).toColourspace(space)
        const { data: theirs, info } = await image.raw({ depth }).toBuffer({ resolveWithObject: true })
        expect(info.channels).toBe(rgba ? 4 : channels)
        const samples = type === 'u16' ? new Uint16Array(theirs.buffer, theirs.byteOffset, theirs.length / 2) : theirs
        const picked = rgba ? samples.filter((_, i) => i % 4 === 0 || i % 4 === 3) : samples
        expect(Array.from(picked)).toEqual(Array.from(data))
      })
    }
  }

  it('reads a 16-bit RGBA PNG that sharp wrote', async () => {
    const { data, spec } = frame('u16', 19, 11, 4)
    await sharp(data, { raw: { width: 19, height: 11, channels: 4 } }).toColourspace('rgb16').png().toFile(at('sharp-rgba16.png'))
    const read = await readImage(at('sharp-rgba16.png'))
    expect(read.spec).toEqual(spec)
    expect(Array.from(read.data)).toEqual(Array.from(data))
  })

  it('reads palette PNGs as RGB, at 8 and 4 bits an index', async () => {
    const palette = [
      [255, 0, 0],
      [0, 255, 0],
      [0, 0, 255],
      [9, 8, 7],
      [100, 150, 200],
    ]
    const [width, height] = [5, 3]
    const indices = Array.from({ length: width * height }, (_, i) => (i * 3) % palette.length)
    const expected = indices.flatMap((index) => palette[index]!)
    // 4 bits an index: two a byte, rows padded to whole bytes.
    const packed = new Uint8Array(height * 3)
    indices.forEach((index, i) => {
      const [y, x] = [Math.floor(i / width), i % width]
      packed[y * 3 + (x >> 1)]! |= index << (x & 1 ? 0 : 4)
    })
    for (const [depth, data] of [
      [8, Uint8Array.from(indices)],
      [4, packed],
    ] as const) {
      writeFileSync(at(`palette${depth}.png`), encode({ width, height, channels: 1, depth, data, palette }))
      const read = await readImage(at(`palette${depth}.png`))
      expect(read.spec).toEqual({ width, height, channels: 3, type: 'u8' })
      expect(Array.from(read.data)).toEqual(expected)
    }
  })

  it('reads 1- and 2-bit gray PNGs as u8 spread over 0–255', async () => {
    // 2 bits: rows of 5 samples, 0 1 2 3 0 and 2 1 0 3 1.
    writeFileSync(at('gray2.png'), encode({ width: 5, height: 2, channels: 1, depth: 2, data: Uint8Array.from([0b00011011, 0b00000000, 0b10010011, 0b01000000]) }))
    const two = await readImage(at('gray2.png'))
    expect(two.spec).toEqual({ width: 5, height: 2, channels: 1, type: 'u8' })
    expect(Array.from(two.data)).toEqual([0, 85, 170, 255, 0, 170, 85, 0, 255, 85])
    writeFileSync(at('gray1.png'), encode({ width: 3, height: 1, channels: 1, depth: 1, data: Uint8Array.from([0b10100000]) }))
    expect(Array.from((await readImage(at('gray1.png'))).data)).toEqual([255, 0, 255])
  })

  it('reads the bytes of a file given as a Buffer, and as a Uint8Array inside a larger buffer', async () => {
    const { data, spec } = frame('u16', 13, 7, 3)
    await writeImage(at('bytes.png'), data, spec)
    const bytes = readFileSync(at('bytes.png'))
    const fromBuffer = await readImage(bytes)
    expect(fromBuffer.spec).toEqual(spec)
    expect(bytesOf(fromBuffer.data).equals(bytesOf(data))).toBe(true)
    const larger = new Uint8Array(bytes.length + 7)
    larger.set(bytes, 5)
    const fromView = await readImage(larger.subarray(5, 5 + bytes.length))
    expect(bytesOf(fromView.data).equals(bytesOf(data))).toBe(true)
  })

  it('reads a PNG whose name has no extension by its signature', async () => {
    const { data, spec } = frame('u8', 9, 4, 1)
    await writeImage(at('noext.png'), data, spec)
    writeFileSync(at('noext'), readFileSync(at('noext.png')))
    expect(bytesOf((await readImage(at('noext'))).data).equals(bytesOf(data))).toBe(true)
  })
})

describe('raw files', () => {
  for (const type of ['u8', 'u16', 'i16', 'f32'] as const) {
    it(`round-trip ${type} under a name that records the shape, read back without being told it`, async () => {
      const { data, spec } = frame(type, 31, 17, 3)
      if (type === 'f32') data[5] = NaN
      const file = rawImageName(at(`frame-${type}`), spec)
      expect(path.basename(file)).toBe(`frame-${type}.31x17x3.${type}.raw`)
      await writeImage(file, data, spec)
      expect(readFileSync(file).equals(bytesOf(data))).toBe(true)
      const read = await readImage(file)
      expect(read.spec).toEqual(spec)
      expect(read.data).toBeInstanceOf(ARRAYS[type])
      expect(bytesOf(read.data).equals(bytesOf(data))).toBe(true)
    })
  }

  it('reads raw samples of a shape given, from a file of any name and from bytes', async () => {
    const { data, spec } = frame('i16', 8, 6, 2)
    writeFileSync(at('samples.bin'), bytesOf(data))
    const fromFile = await readImage(at('samples.bin'), { raw: spec })
    expect(Array.from(fromFile.data)).toEqual(Array.from(data))
    // Bytes at an odd offset: copied into an array aligned for i16.
    const odd = Buffer.concat([Buffer.from([1]), bytesOf(data)]).subarray(1)
    const fromBytes = await readImage(odd, { raw: { width: 8, height: 6, channels: 2, type: 'i16' } })
    expect(fromBytes.data).toBeInstanceOf(Int16Array)
    expect(Array.from(fromBytes.data)).toEqual(Array.from(data))
    // A name that records no channels holds one.
    writeFileSync(at('gray.8x6.u8.raw'), new Uint8Array(48).fill(7))
    expect((await readImage(at('gray.8x6.u8.raw'))).spec).toEqual({ width: 8, height: 6, channels: 1, type: 'u8' })
  })

  it('writes raw samples under any name with format raw', async () => {
    const { data, spec } = frame('f32', 5, 4, 1)
    await writeImage(at('depth.f32'), data, spec, { format: 'raw' })
    expect(readFileSync(at('depth.f32')).equals(bytesOf(data))).toBe(true)
  })
})

describe('JPEG, WebP, TIFF and AVIF through sharp', () => {
  for (const type of ['u8', 'u16'] as const) {
    for (const channels of [1, 2, 3, 4]) {
      it(`TIFF is lossless: ${type} with ${channels} channel(s) reads back byte for byte`, async () => {
        const { data, spec } = frame(type, 29, 13, channels)
        const file = at(`trip-${type}-${channels}.tif`)
        await writeImage(file, data, spec)
        const metadata = await sharp(file).metadata()
        expect([metadata.format, metadata.channels, metadata.depth]).toEqual(['tiff', channels, type === 'u16' ? 'ushort' : 'uchar'])
        const read = await readImage(file)
        expect(read.spec).toEqual(spec)
        expect(bytesOf(read.data).equals(bytesOf(data))).toBe(true)
      })
    }
  }

  /** A smooth RGB frame, which lossy encoders keep close. */
  const smooth = (channels: number) => {
    const [width, height] = [48, 32]
    const data = Uint8Array.from({ length: width * height * channels }, (_, i) => {
      const [pixel, c] = [Math.floor(i / channels), i % channels]
      // An alpha that varies, so the encoders keep it.
      return c === 3 ? 128 + (pixel % width) : 40 + ((pixel % width) * 3 + Math.floor(pixel / width) * 2 + c * 30)
    })
    return { data, spec: { width, height, channels, type: 'u8' as const } }
  }
  const meanError = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((sum, v, i) => sum + Math.abs(v - b[i]!), 0) / a.length

  for (const [format, extension, channels, stored] of [
    ['jpeg', 'jpg', 1, 1],
    ['jpeg', 'jpg', 3, 3],
    ['webp', 'webp', 3, 3],
    ['webp', 'webp', 4, 4],
    ['webp', 'webp', 1, 3],
    ['avif', 'avif', 3, 3],
    ['avif', 'avif', 4, 4],
  ] as const) {
    it(`${format} of ${channels} channel(s): its format, size and ${stored} channel(s), samples close, and what sharp decodes`, async () => {
      const { data, spec } = smooth(channels)
      const file = at(`lossy-${channels}.${extension}`)
      await writeImage(file, data, spec)
      expect((await sharp(file).metadata()).format).toBe(format === 'avif' ? 'heif' : format)
      const read = await readImage(file)
      expect(read.spec).toEqual({ ...spec, channels: stored })
      expect(read.data).toBeInstanceOf(Uint8Array)
      // Gray stored as RGB: the first channel of each pixel is the gray.
      const first = stored === channels ? read.data : read.data.filter((_, i) => i % stored === 0)
      expect(meanError(first, data)).toBeLessThan(4)
      // The samples are sharp's own decoding of the file.
      const theirs = await sharp(file).raw().toBuffer()
      if (stored === channels && channels >= 3) expect(Buffer.from(read.data).equals(theirs)).toBe(true)
    })
  }

  it('reads a JPEG given as bytes by its signature', async () => {
    const { data, spec } = smooth(3)
    const jpeg = await sharp(data, { raw: { width: spec.width, height: spec.height, channels: 3 } }).jpeg().toBuffer()
    const read = await readImage(jpeg)
    expect(read.spec).toEqual(spec)
    expect(Buffer.from(read.data).equals(await sharp(jpeg).raw().toBuffer())).toBe(true)
  })

  it('reads a 16-bit gray TIFF that sharp wrote as u16', async () => {
    const { data, spec } = frame('u16', 21, 9, 1)
    await sharp(data, { raw: { width: 21, height: 9, channels: 1 } }).toColourspace('grey16').tiff({ compression: 'lzw' }).toFile(at('sharp16.tiff'))
    const read = await readImage(at('sharp16.tiff'))
    expect(read.spec).toEqual(spec)
    expect(Array.from(read.data)).toEqual(Array.from(data))
  })
})

describe('refusals: a coded error, and no file left behind', () => {
  const { data, spec } = frame('u8', 16, 8, 1)

  it('data that is not a whole frame of the spec in the array of its type', async () => {
    expect(await codeOf(writeImage(at('short.png'), data.subarray(1), spec))).toBe('ERR_PIXCHAIN_LENGTH')
    expect(await codeOf(writeImage(at('kind.png'), new Float32Array(128), spec))).toBe('ERR_PIXCHAIN_TYPE')
    expect(await codeOf(writeImage(at('plain.png'), Array.from(data) as unknown as Uint8Array, spec))).toBe('ERR_PIXCHAIN_TYPE')
    expect(await codeOf(writeImage(at('spec.png'), data, { ...spec, channels: 5 }))).toBe('ERR_PIXCHAIN_SPEC')
    expect(await codeOf(writeImage(at('type.png'), data, { ...spec, type: 'u12' }))).toBe('ERR_PIXCHAIN_SPEC')
    await expect(writeImage(at('short.png'), data.subarray(1), spec)).rejects.toThrow('data: expected 128 bytes for 16×8×1 u8, got 127')
    expect(filesLike('short.png').concat(filesLike('kind.png'), filesLike('plain.png'), filesLike('spec.png'), filesLike('type.png'))).toEqual([])
  })

  it('a format that cannot hold the frame', async () => {
    const f32 = frame('f32', 4, 4, 1)
    await expect(writeImage(at('float.png'), f32.data, f32.spec)).rejects.toMatchObject({
      code: 'ERR_PIXCHAIN_FORMAT',
      message: `${at('float.png')}: a PNG holds u8 or u16 samples, got f32: convert to u8 or u16 first, or write a raw file`,
    })
    const ga = frame('u8', 4, 4, 2)
    expect(await codeOf(writeImage(at('ga.jpg'), ga.data, ga.spec))).toBe('ERR_PIXCHAIN_FORMAT')
    const i16 = frame('i16', 4, 4, 1)
    expect(await codeOf(writeImage(at('signed.tif'), i16.data, i16.spec))).toBe('ERR_PIXCHAIN_FORMAT')
    expect(filesLike('float.png').concat(filesLike('ga.jpg'), filesLike('signed.tif'))).toEqual([])
  })

  it('a name of no format, or a format that contradicts it', async () => {
    await expect(writeImage(at('picture.bmp'), data, spec)).rejects.toMatchObject({ code: 'ERR_PIXCHAIN_FORMAT', message: expect.stringContaining("the extension '.bmp', which names no format") })
    expect(await codeOf(writeImage(at('noextension'), data, spec))).toBe('ERR_PIXCHAIN_FORMAT')
    expect(await codeOf(writeImage(at('clash.png'), data, spec, { format: 'raw' }))).toBe('ERR_PIXCHAIN_FORMAT')
    expect(await codeOf(writeImage(at('what.png'), data, spec, { format: 'bmp' as 'png' }))).toBe('ERR_PIXCHAIN_PARAM')
    expect(await codeOf(writeImage(at('what.png'), data, spec, { quality: 90 } as object))).toBe('ERR_PIXCHAIN_PARAM')
    writeFileSync(at('mystery.dat'), Uint8Array.from({ length: 64 }, (_, i) => i))
    expect(await codeOf(readImage(at('mystery.dat')))).toBe('ERR_PIXCHAIN_FORMAT')
    expect(await codeOf(readImage(new Uint8Array(64)))).toBe('ERR_PIXCHAIN_FORMAT')
    expect(await codeOf(readImage(42 as unknown as string))).toBe('ERR_PIXCHAIN_TYPE')
    expect(filesLike('picture.bmp').concat(filesLike('noextension'), filesLike('clash.png'), filesLike('what.png'))).toEqual([])
  })

  it('truncated, corrupt and mislabelled files', async () => {
    await writeImage(at('whole.png'), data, spec)
    const png = readFileSync(at('whole.png'))
    writeFileSync(at('truncated.png'), png.subarray(0, png.length - 20))
    const corrupt = Buffer.from(png)
    corrupt[png.length - 20]! ^= 0xff // inside the image data: caught by its checksum
    writeFileSync(at('corrupt.png'), corrupt)
    writeFileSync(at('junk.png'), Buffer.from('not a png at all, only some text'))
    for (const name of ['truncated.png', 'corrupt.png', 'junk.png']) {
      await expect(readImage(at(name)), name).rejects.toMatchObject({ code: 'ERR_PIXCHAIN_DECODE', message: expect.stringMatching(/: not a PNG pixchain can read \(.+\)$/) })
    }
    const jpeg = await sharp(Buffer.from(data), { raw: { width: 16, height: 8, channels: 1 } }).jpeg().toBuffer()
    writeFileSync(at('truncated.jpg'), jpeg.subarray(0, jpeg.length / 2))
    await expect(readImage(at('truncated.jpg'))).rejects.toMatchObject({ code: 'ERR_PIXCHAIN_DECODE', message: expect.stringContaining('not a JPEG pixchain can read') })
    // A JPEG named .png is read as the PNG it is not.
    writeFileSync(at('jpeg.png'), jpeg)
    expect(await codeOf(readImage(at('jpeg.png')))).toBe('ERR_PIXCHAIN_DECODE')
  })

  it('sharp decodes only the format the name or format gives: a GIF named .webp, an SVG named .jpg', async () => {
    const { data, spec } = frame('u8', 16, 8, 3)
    writeFileSync(at('gif.webp'), await sharp(data, { raw: { width: 16, height: 8, channels: 3 } }).gif().toBuffer())
    await expect(readImage(at('gif.webp'))).rejects.toMatchObject({ code: 'ERR_PIXCHAIN_DECODE', message: `${at('gif.webp')}: expected WEBP data, got GIF` })
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="8"><rect width="16" height="8" fill="red"/></svg>'
    writeFileSync(at('svg.jpg'), svg)
    await expect(readImage(at('svg.jpg'))).rejects.toMatchObject({ code: 'ERR_PIXCHAIN_DECODE', message: `${at('svg.jpg')}: expected JPEG data, got SVG` })
    await expect(readImage(Buffer.from(svg), { format: 'avif' })).rejects.toMatchObject({ code: 'ERR_PIXCHAIN_DECODE', message: 'source: expected AVIF data, got SVG' })
    // A PNG named .tif is a PNG, not a TIFF.
    await writeImage(at('png.png'), data, spec)
    writeFileSync(at('png.tif'), readFileSync(at('png.png')))
    await expect(readImage(at('png.tif'))).rejects.toMatchObject({ code: 'ERR_PIXCHAIN_DECODE', message: expect.stringContaining('expected TIFF data, got PNG') })
  })

  it('raw files: another size than the shape, no shape, a name and a shape that disagree', async () => {
    writeFileSync(at('short.16x8x1.u16.raw'), new Uint8Array(255))
    await expect(readImage(at('short.16x8x1.u16.raw'))).rejects.toMatchObject({ code: 'ERR_PIXCHAIN_LENGTH', message: expect.stringContaining('expected 256 bytes for 16×8×1 u16, got 255') })
    writeFileSync(at('plain.raw'), new Uint8Array(128))
    expect(await codeOf(readImage(at('plain.raw')))).toBe('ERR_PIXCHAIN_SPEC')
    expect(await codeOf(readImage(at('plain.raw'), { raw: { width: 16, height: 8, type: 'u8' } }))).toBe('resolved')
    writeFileSync(at('named.16x8x1.u8.raw'), new Uint8Array(128))
    expect(await codeOf(readImage(at('named.16x8x1.u8.raw'), { raw: { width: 8, height: 16, type: 'u8' } }))).toBe('ERR_PIXCHAIN_SHAPE')
    expect(await codeOf(writeImage(at('other.8x16x1.u8.raw'), data, spec))).toBe('ERR_PIXCHAIN_SHAPE')
    expect(await codeOf(readImage(new Uint8Array(128), { raw: { width: 16, height: 8, channels: 0, type: 'u8' } }))).toBe('ERR_PIXCHAIN_SPEC')
    await expect(readImage(new Uint8Array(128), { raw: null as unknown as undefined })).rejects.toMatchObject({
      code: 'ERR_PIXCHAIN_SPEC',
      message: 'raw: expected an options object, got null',
    })
    expect(filesLike('other.8x16x1')).toEqual([])
  })

  it('an image of more pixels than the limit, refused from its header', async () => {
    const limit = getLimitInputPixels()
    await writeImage(at('limit.png'), data, spec)
    await writeImage(at('limit.tif'), data, spec)
    // A header that claims 100000 × 100000 pixels, over data for 16 × 8.
    const huge = readFileSync(at('limit.png'))
    huge.writeUInt32BE(100_000, 16)
    huge.writeUInt32BE(100_000, 20)
    await expect(readImage(huge)).rejects.toMatchObject({ code: 'ERR_PIXCHAIN_LIMIT', message: expect.stringContaining('got a 100000×100000 image') })
    try {
      setLimitInputPixels(127)
      expect(await codeOf(readImage(at('limit.png')))).toBe('ERR_PIXCHAIN_LIMIT')
      expect(await codeOf(readImage(at('limit.tif')))).toBe('ERR_PIXCHAIN_LIMIT')
      // Raw samples too, named for their shape or given it.
      await writeImage(at(rawImageName('limit', spec)), data, spec)
      expect(await codeOf(readImage(at(rawImageName('limit', spec))))).toBe('ERR_PIXCHAIN_LIMIT')
      expect(await codeOf(readImage(bytesOf(data), { raw: spec }))).toBe('ERR_PIXCHAIN_LIMIT')
      setLimitInputPixels(128)
      expect((await readImage(at('limit.tif'))).spec).toEqual(spec)
      expect((await readImage(bytesOf(data), { raw: spec })).spec).toEqual(spec)
    } finally {
      setLimitInputPixels(limit)
    }
  })

  it('PNG image data that inflates past what its header allows, refused without inflating it all', async () => {
    // 16 × 16 gray claims 272 bytes of image data; 64 MiB of zeros deflate to about 64 KB.
    const bomb = pngOf([
      ['IHDR', ihdr(16, 16)],
      ['IDAT', deflateSync(Buffer.alloc(64 * 1024 * 1024))],
      ['IEND', Buffer.alloc(0)],
    ])
    expect(bomb.length).toBeLessThan(200_000)
    const started = performance.now()
    await expect(readImage(bomb)).rejects.toMatchObject({ code: 'ERR_PIXCHAIN_DECODE', message: expect.stringContaining('more than the 272 bytes its header allows') })
    expect(performance.now() - started).toBeLessThan(1000)
    // The same file with the image data it claims reads.
    const fits = pngOf([
      ['IHDR', ihdr(16, 16)],
      ['IDAT', grayImageData(16, 16)],
      ['IEND', Buffer.alloc(0)],
    ])
    expect((await readImage(fits)).spec).toEqual({ width: 16, height: 16, channels: 1, type: 'u8' })
  })

  it('a PNG colour profile is skipped, not inflated: one that would inflate to 64 MiB, or not at all, reads', async () => {
    const withProfile = (compressed: Buffer) =>
      pngOf([
        ['IHDR', ihdr(16, 16)],
        ['iCCP', Buffer.concat([Buffer.from('icc\0\0', 'latin1'), compressed])],
        ['IDAT', grayImageData(16, 16)],
        ['IEND', Buffer.alloc(0)],
      ])
    for (const compressed of [deflateSync(Buffer.alloc(64 * 1024 * 1024)), Buffer.from('not a zlib stream')]) {
      const read = await readImage(withProfile(compressed))
      expect(read.spec).toEqual({ width: 16, height: 16, channels: 1, type: 'u8' })
      expect(read.data.every((v) => v === 0)).toBe(true)
    }
  })

  it('interlaced PNGs of every pass shape read: the image data they may hold is counted pass by pass', async () => {
    for (const [width, height] of [[1, 1], [3, 2], [37, 23], [9, 9]]) {
      const rgb = frame('u8', width, height, 3)
      const file = await sharp(rgb.data, { raw: { width, height, channels: 3 } }).png({ progressive: true }).toBuffer()
      expect(file[8 + 8 + 12], 'interlaced').toBe(1)
      expect(bytesOf((await readImage(file)).data).equals(bytesOf(rgb.data))).toBe(true)
      const gray = frame('u16', width, height, 1)
      const wide = await sharp(Buffer.from(gray.data.buffer), { raw: { width, height, channels: 1 } })
        .toColourspace('grey16')
        .png({ progressive: true })
        .toBuffer()
      expect(wide[8 + 8 + 12], 'interlaced').toBe(1)
      expect((await readImage(wide)).spec).toEqual({ width, height, channels: 1, type: 'u16' })
    }
  })

  it('a PNG whose first chunk is not IHDR, or with a second IHDR, refused: the limit is checked on the one header', async () => {
    const limit = getLimitInputPixels()
    try {
      setLimitInputPixels(200)
      // A 10 × 10 header passes the limit; fast-png would take the second, 64 × 64.
      const second = pngOf([
        ['IHDR', ihdr(10, 10)],
        ['IHDR', ihdr(64, 64)],
        ['IDAT', grayImageData(64, 64)],
        ['IEND', Buffer.alloc(0)],
      ])
      await expect(readImage(second)).rejects.toMatchObject({ code: 'ERR_PIXCHAIN_DECODE', message: expect.stringContaining('a second IHDR chunk') })
      const textFirst = pngOf([
        ['tEXt', Buffer.from('Comment\0first', 'latin1')],
        ['IHDR', ihdr(64, 64)],
        ['IDAT', grayImageData(64, 64)],
        ['IEND', Buffer.alloc(0)],
      ])
      await expect(readImage(textFirst)).rejects.toMatchObject({ code: 'ERR_PIXCHAIN_DECODE', message: expect.stringContaining('the first chunk is tEXt, not IHDR') })
      // The lone 64 × 64 header is over the limit.
      const alone = pngOf([
        ['IHDR', ihdr(64, 64)],
        ['IDAT', grayImageData(64, 64)],
        ['IEND', Buffer.alloc(0)],
      ])
      expect(await codeOf(readImage(alone))).toBe('ERR_PIXCHAIN_LIMIT')
    } finally {
      setLimitInputPixels(limit)
    }
  })

  it('a failed write keeps the file it would have replaced, and leaves no temporary file', async () => {
    await writeImage(at('kept.webp'), data, spec)
    const before = readFileSync(at('kept.webp'))
    // WebP holds at most 16383 pixels a side: sharp's encoder refuses.
    const wide = { width: 17000, height: 2, type: 'u8' } as const
    await expect(writeImage(at('kept.webp'), new Uint8Array(34000), wide)).rejects.toMatchObject({
      code: 'ERR_PIXCHAIN_FORMAT',
      message: expect.stringMatching(/kept\.webp: sharp cannot write this 17000×2×1 u8 frame as WEBP \(.+\)$/),
    })
    expect(readFileSync(at('kept.webp')).equals(before)).toBe(true)
    // A folder in the way: the rename fails, and the temporary file is removed.
    mkdirSync(at('folder.png'))
    await expect(writeImage(at('folder.png'), data, spec)).rejects.toMatchObject({ code: expect.stringMatching(/^E[A-Z]+$/) })
    // A folder that does not exist: the system's error, naming the file asked for, nothing made.
    await expect(writeImage(at('missing/x.png'), data, spec)).rejects.toMatchObject({
      code: 'ENOENT',
      syscall: 'open',
      message: `ENOENT: no such file or directory, writing '${at('missing/x.png')}'`,
    })
    expect(existsSync(at('missing'))).toBe(false)
    expect(temporaryFiles()).toEqual([])
  })

  it('writes what data held when the call started, whatever happens to it after', async () => {
    const { data: frameData, spec: frameSpec } = frame('u16', 32, 16, 1)
    const original = Uint16Array.from(frameData)
    const writes = [writeImage(at('copied.png'), frameData, frameSpec), writeImage(at('copied.tif'), frameData, frameSpec)]
    frameData.fill(0)
    await Promise.all(writes)
    for (const file of ['copied.png', 'copied.tif']) expect(Array.from((await readImage(at(file))).data)).toEqual(Array.from(original))
  })

  it('two writes to one name at once: the file is whole, one or the other', async () => {
    const a = frame('u8', 64, 64, 3)
    const b = { data: a.data.map((v) => 255 - v), spec: a.spec }
    await Promise.all([writeImage(at('race.png'), a.data, a.spec), writeImage(at('race.png'), b.data, b.spec)])
    const read = await readImage(at('race.png'))
    expect([bytesOf(a.data), bytesOf(b.data)].some((bytes) => bytes.equals(bytesOf(read.data)))).toBe(true)
    expect(temporaryFiles()).toEqual([])
  })
})

describe('writes from several threads, and long names', () => {
  it('two threads writing one name at once: each write whole, the file one or the other, no temporary file left', async () => {
    const library = fileURLToPath(new URL('../dist/index.js', import.meta.url))
    const a = frame('u8', 128, 128, 3)
    const b = { data: a.data.map((v) => 255 - v), spec: a.spec }
    const file = at('threads.png')
    // Both threads count in, then wait for the other, so that their writes overlap.
    const ready = new Int32Array(new SharedArrayBuffer(4))
    const source = `
      const { parentPort, workerData } = require('node:worker_threads')
      const { writeImage } = require(workerData.library)
      const { ready, file, data, spec } = workerData
      Atomics.add(ready, 0, 1)
      Atomics.notify(ready, 0)
      while (Atomics.load(ready, 0) < 2) Atomics.wait(ready, 0, 1, 50)
      ;(async () => {
        const failures = []
        for (let i = 0; i < 8; i++) await writeImage(file, data, spec).catch((error) => failures.push(error.code + ': ' + error.message))
        parentPort.postMessage(failures)
      })()
    `
    const run = (data: ArrayBufferView) =>
      new Promise<string[]>((resolve, reject) => {
        const worker = new Worker(source, { eval: true, workerData: { library, ready, file, data, spec: a.spec } })
        worker.once('message', (failures: string[]) => void worker.terminate().then(() => resolve(failures)))
        worker.once('error', reject)
      })
    expect(await Promise.all([run(a.data), run(b.data)])).toEqual([[], []])
    const read = await readImage(file)
    expect([bytesOf(a.data), bytesOf(b.data)].some((bytes) => bytes.equals(bytesOf(read.data)))).toBe(true)
    expect(temporaryFiles()).toEqual([])
  })

  it('writes a file whose name is 244 characters long, the most a folder takes but for a few', async () => {
    const { data, spec } = frame('u8', 8, 4, 1)
    const name = `${'n'.repeat(240)}.png`
    await writeImage(at(name), data, spec)
    expect(bytesOf((await readImage(at(name))).data).equals(bytesOf(data))).toBe(true)
    expect(temporaryFiles()).toEqual([])
  })
})

describe('without sharp', () => {
  it('JPEG, WebP, TIFF and AVIF are ERR_PIXCHAIN_SHARP naming npm install sharp; PNG and raw still work', async () => {
    // Node's own module hooks (module.register) hide sharp from the loader, as if it were not installed.
    const hook = `export async function resolve(specifier, context, next) {
      if (specifier === 'sharp') throw Object.assign(new Error("Cannot find package 'sharp'"), { code: 'ERR_MODULE_NOT_FOUND' })
      return next(specifier, context)
    }`
    writeFileSync(at('no-sharp.mjs'), `import { register } from 'node:module'\nregister(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)})\n`)
    const library = fileURLToPath(new URL('../dist/index.js', import.meta.url))
    writeFileSync(
      at('without-sharp.mjs'),
      `import { readImage, writeImage } from ${JSON.stringify(library)}
const spec = { width: 4, height: 2, type: 'u8' }
const data = new Uint8Array(8).fill(9)
const outcome = async (promise) => promise.then(() => 'ok', (error) => ({ code: error.code, message: error.message }))
console.log(JSON.stringify({
  writeJpeg: await outcome(writeImage('out.jpg', data, spec)),
  readTiff: await outcome(readImage('in.tif')),
  writePng: await outcome(writeImage('out.png', data, spec)),
  readPng: await outcome(readImage('out.png').then(({ data }) => { if (data[0] !== 9) throw new Error('wrong') })),
  writeRaw: await outcome(writeImage('out.4x2x1.u8.raw', data, spec)),
}))
`,
    )
    const folder = at('nosharp')
    mkdirSync(folder)
    await sharp(new Uint8Array(8), { raw: { width: 4, height: 2, channels: 1 } }).tiff().toFile(path.join(folder, 'in.tif'))
    const run = spawnSync(process.execPath, ['--import', at('no-sharp.mjs'), at('without-sharp.mjs')], { cwd: folder, encoding: 'utf8', timeout: 60_000 })
    expect(run.stderr).toBe('')
    const outcomes = JSON.parse(run.stdout)
    expect(outcomes.writeJpeg).toEqual({
      code: 'ERR_PIXCHAIN_SHARP',
      message: "out.jpg: JPEG files need sharp, which cannot be imported (Cannot find package 'sharp'): npm install sharp, or use PNG or raw files",
    })
    expect(outcomes.readTiff).toMatchObject({ code: 'ERR_PIXCHAIN_SHARP', message: expect.stringContaining('in.tif: TIFF files need sharp') })
    expect([outcomes.writePng, outcomes.readPng, outcomes.writeRaw]).toEqual(['ok', 'ok', 'ok'])
    expect(readdirSync(folder).sort()).toEqual(['in.tif', 'out.4x2x1.u8.raw', 'out.png'])
  })
})
