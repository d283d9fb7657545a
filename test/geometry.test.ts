// flip, rotate, transpose, pad and crop against OpenCV.js, bit for bit, on
// every pixel type and channel count; as Pipeline steps and ImageBuffers
// steps equal to the one-shot calls.

import { beforeAll, describe, expect, it } from 'vitest'

import { BORDERS, PIXEL_TYPES, allocate, firstMismatch, makeFrame, samples, type Frame } from './frames'
import { loadOpenCv, type OpenCv } from './opencv'
import { px, type PixelArray, type PixelType } from './pixchain'

let cv: OpenCv
beforeAll(async () => {
  ;({ cv } = await loadOpenCv())
})

const SHAPES = [
  [1, 1],
  [1, 7],
  [7, 1],
  [7, 5],
  [33, 19],
  [70, 41],
] as const

function* frames(type: PixelType): Generator<Frame> {
  for (const [width, height] of SHAPES) for (const channels of [1, 2, 3, 4]) yield { width, height, channels, type }
}

function matType(type: PixelType, channels: number): number {
  const depth = { u8: '8U', u16: '16U', i16: '16S', f32: '32F' }[type]
  return cv[`CV_${depth}C${channels}`]
}

function matData(mat: OpenCv, type: PixelType): ArrayLike<number> {
  return { u8: mat.data, u16: mat.data16U, i16: mat.data16S, f32: mat.data32F }[type]
}

/** OpenCV's result of `call` on `input`, with its sides. */
function opencv(frame: Frame, input: PixelArray, call: (src: OpenCv, dst: OpenCv) => void): { data: number[]; width: number; height: number } {
  const src = cv.matFromArray(frame.height, frame.width, matType(frame.type, frame.channels), Array.from(input))
  const dst = new cv.Mat()
  try {
    call(src, dst)
    return { data: Array.from(matData(dst, frame.type)), width: dst.cols, height: dst.rows }
  } finally {
    src.delete()
    dst.delete()
  }
}

const cvBorder = (border: (typeof BORDERS)[number]) =>
  ({ reflect101: cv.BORDER_REFLECT_101, reflect: cv.BORDER_REFLECT, replicate: cv.BORDER_REPLICATE, constant: cv.BORDER_CONSTANT })[border]

const FLIP_CODES = { horizontal: 1, vertical: 0, both: -1 } as const

describe.each(PIXEL_TYPES)('geometry on %s matches OpenCV.js bit for bit', (type) => {
  it('flip, every direction', () => {
    for (const frame of frames(type)) {
      const input = makeFrame(frame, 'random', 31)
      for (const [direction, code] of Object.entries(FLIP_CODES)) {
        const ours = px.flip(input, allocate(type, samples(frame)), frame, { direction: direction as keyof typeof FLIP_CODES })
        const theirs = opencv(frame, input, (src, dst) => cv.flip(src, dst, code))
        expect(firstMismatch(ours, theirs.data), JSON.stringify({ frame, direction })).toBeUndefined()
      }
    }
  })

  it('rotate, every angle, and transpose', () => {
    const codes = { 90: cv.ROTATE_90_CLOCKWISE, 180: cv.ROTATE_180, 270: cv.ROTATE_90_COUNTERCLOCKWISE }
    for (const frame of frames(type)) {
      const input = makeFrame(frame, 'random', 32)
      for (const angle of [90, 180, 270] as const) {
        const ours = px.rotate(input, allocate(type, samples(frame)), frame, { angle })
        const theirs = opencv(frame, input, (src, dst) => cv.rotate(src, dst, codes[angle]))
        expect(firstMismatch(ours, theirs.data), JSON.stringify({ frame, angle })).toBeUndefined()
      }
      const ours = px.transpose(input, allocate(type, samples(frame)), frame)
      const theirs = opencv(frame, input, (src, dst) => cv.transpose(src, dst))
      expect([theirs.width, theirs.height]).toEqual([frame.height, frame.width])
      expect(firstMismatch(ours, theirs.data), JSON.stringify({ frame })).toBeUndefined()
    }
  })

  it('pad, every border, sides wider than the frame included', () => {
    const sides = [
      { top: 0, bottom: 0, left: 0, right: 0 },
      { top: 1, bottom: 2, left: 3, right: 0 },
      { top: 9, bottom: 8, left: 11, right: 10 },
    ]
    for (const frame of frames(type)) {
      const input = makeFrame(frame, 'random', 33)
      for (const border of BORDERS) {
        for (const side of sides) {
          const out = { ...frame, width: frame.width + side.left + side.right, height: frame.height + side.top + side.bottom }
          const borderValue = type === 'f32' ? -2.5 : 1000.7
          const ours = px.pad(input, allocate(type, samples(out)), frame, { ...side, border, borderValue })
          const value = new cv.Scalar(borderValue, borderValue, borderValue, borderValue)
          const theirs = opencv(frame, input, (src, dst) =>
            cv.copyMakeBorder(src, dst, side.top, side.bottom, side.left, side.right, cvBorder(border), value),
          )
          expect(firstMismatch(ours, theirs.data), JSON.stringify({ frame, border, side })).toBeUndefined()
        }
      }
    }
  })

  it('crop, as a copy of Mat.roi', () => {
    for (const frame of frames(type)) {
      const input = makeFrame(frame, 'random', 34)
      const x = frame.width >> 2
      const y = frame.height >> 1
      const rect = { x, y, width: frame.width - x - (frame.width >> 3), height: frame.height - y }
      const ours = px.crop(input, allocate(type, samples({ ...frame, ...rect })), frame, rect)
      const theirs = opencv(frame, input, (src, dst) => {
        const roi = src.roi(new cv.Rect(rect.x, rect.y, rect.width, rect.height))
        roi.copyTo(dst)
        roi.delete()
      })
      expect(firstMismatch(ours, theirs.data), JSON.stringify({ frame, rect })).toBeUndefined()
    }
  })
})

describe('geometry in chains', () => {
  const frame: Frame = { width: 45, height: 31, channels: 3, type: 'u16' }
  const input = makeFrame(frame, 'random', 35)
  type Chain = InstanceType<typeof px.KernelChain>
  const steps: [string, (chain: Chain) => Chain, (out: PixelArray) => PixelArray, Frame][] = [
    ['flip horizontal', (c) => c.flip(), (o) => px.flip(input, o, frame), frame],
    ['flip vertical', (c) => c.flip({ direction: 'vertical' }), (o) => px.flip(input, o, frame, { direction: 'vertical' }), frame],
    ['rotate 90', (c) => c.rotate({ angle: 90 }), (o) => px.rotate(input, o, frame, { angle: 90 }), { ...frame, width: 31, height: 45 }],
    ['rotate 180', (c) => c.rotate({ angle: 180 }), (o) => px.rotate(input, o, frame, { angle: 180 }), frame],
    ['transpose', (c) => c.transpose(), (o) => px.transpose(input, o, frame), { ...frame, width: 31, height: 45 }],
    ['pad', (c) => c.pad({ top: 2, left: 5, border: 'reflect' }), (o) => px.pad(input, o, frame, { top: 2, left: 5, border: 'reflect' }), { ...frame, width: 50, height: 33 }],
    ['crop', (c) => c.crop({ x: 3, y: 4, width: 20 }), (o) => px.crop(input, o, frame, { x: 3, y: 4, width: 20 }), { ...frame, width: 20, height: 27 }],
  ]

  it.each(steps)('a Pipeline and ImageBuffers step of %s equal the one-shot call', (_, step, oneShot, out) => {
    const expected = oneShot(allocate(out.type, samples(out)))
    const pipeline = step(new px.Pipeline(frame)) as InstanceType<typeof px.Pipeline>
    expect(pipeline.outputSpec).toEqual(out)
    expect(firstMismatch(pipeline.run(input), expected)).toBeUndefined()
    const buffers = step(new px.ImageBuffers({ ...frame, maxType: 'f32' }).load(input)) as InstanceType<typeof px.ImageBuffers>
    expect(buffers.spec).toEqual(out)
    expect(firstMismatch(buffers.read(), expected)).toBeUndefined()
  })

  it('a horizontal flip streams with the blurs around it; a turn and a pad each cut the chain and still give the steps’ bytes', () => {
    const gray: Frame = { width: 257, height: 95, channels: 1, type: 'u8' }
    const frameIn = makeFrame(gray, 'random', 36)
    const streamed = (c: Chain) => c.gaussianBlur({ sigma: 1.2 }).flip().medianBlur({ ksize: 5 }).linear({ a: 1.5 })
    const pipeline = streamed(new px.Pipeline(gray)) as InstanceType<typeof px.Pipeline>
    const output = pipeline.run(frameIn)
    expect(pipeline.stats).toMatchObject({ passes: 1, workBuffers: 0 })
    const stepped = (streamed(new px.ImageBuffers(gray).load(frameIn)) as InstanceType<typeof px.ImageBuffers>).read()
    expect(firstMismatch(output, stepped)).toBeUndefined()

    const turned = (c: Chain) => c.gaussianBlur({ sigma: 1.2 }).rotate({ angle: 270 }).boxBlur({ ksize: 5 }).pad({ top: 3, right: 4 }).medianBlur()
    const cut = turned(new px.Pipeline(gray)) as InstanceType<typeof px.Pipeline>
    const cutOutput = cut.run(frameIn)
    expect(cut.stats.passes).toBe(5)
    expect(cut.outputSpec).toEqual({ ...gray, width: 99, height: 260 })
    const again = (turned(new px.ImageBuffers({ ...gray, maxType: 'u16' }).load(frameIn)) as InstanceType<typeof px.ImageBuffers>).read()
    expect(firstMismatch(cutOutput, again)).toBeUndefined()
    // Later runs allocate nothing.
    const { allocations } = cut.stats
    cut.run(frameIn, cutOutput)
    expect(cut.stats.allocations).toBe(allocations)
  })

  it('the promise forms resolve to the one-shot bytes', async () => {
    const out = allocate('u16', samples(frame))
    await px.promises.rotate(input, out, frame, { angle: 270 })
    expect(firstMismatch(out, px.rotate(input, allocate('u16', samples(frame)), frame, { angle: 270 }))).toBeUndefined()
    const padded = { ...frame, width: 47, height: 32 }
    const pad = await px.promises.pad(input, allocate('u16', samples(padded)), frame, { right: 2, bottom: 1, border: 'constant', borderValue: 9 })
    expect(firstMismatch(pad, px.pad(input, allocate('u16', samples(padded)), frame, { right: 2, bottom: 1, border: 'constant', borderValue: 9 }))).toBeUndefined()
    for (const run of [px.promises.flip, px.promises.transpose, px.promises.crop]) {
      const o = allocate('u16', samples(frame))
      await run(input, o, frame)
      expect(firstMismatch(o, (px as never as Record<string, (...a: unknown[]) => PixelArray>)[run === px.promises.flip ? 'flip' : run === px.promises.transpose ? 'transpose' : 'crop']!(input, allocate('u16', samples(frame)), frame))).toBeUndefined()
    }
  })
})

describe('geometry refuses bad options with coded errors, leaving the output', () => {
  const frame = { width: 6, height: 4, type: 'u8' } as const
  const input = new Uint8Array(24).fill(7)
  const cases: [string, () => unknown, string, RegExp][] = [
    ['rotate 45', () => px.rotate(input, new Uint8Array(24), frame, { angle: 45 as 90 }), 'ERR_PIXCHAIN_PARAM', /angle: expected 90, 180 or 270, got 45/],
    ['rotate −90', () => px.rotate(input, new Uint8Array(24), frame, { angle: -90 as 90 }), 'ERR_PIXCHAIN_PARAM', /angle: expected an integer ≥ 0/],
    ['flip diagonal', () => px.flip(input, new Uint8Array(24), frame, { direction: 'diagonal' as 'both' }), 'ERR_PIXCHAIN_PARAM', /direction: expected one of horizontal, vertical, both, got "diagonal"/],
    ['crop outside', () => px.crop(input, new Uint8Array(24), frame, { x: 4, width: 3 }), 'ERR_PIXCHAIN_PARAM', /width: expected from 1 to 2 \(width 6 − x 4\), got 3/],
    ['crop past the frame', () => px.crop(input, new Uint8Array(24), frame, { y: 4 }), 'ERR_PIXCHAIN_PARAM', /y: expected less than the frame's height \(4\), got 4/],
    ['crop of width 0', () => px.crop(input, new Uint8Array(24), frame, { width: 0 }), 'ERR_PIXCHAIN_PARAM', /width: expected an integer ≥ 1, got 0/],
    ['pad of a fraction', () => px.pad(input, new Uint8Array(24), frame, { top: 1.5 }), 'ERR_PIXCHAIN_PARAM', /top: expected an integer ≥ 0, got 1.5/],
    ['pad with a wrap border', () => px.pad(input, new Uint8Array(24), frame, { border: 'wrap' as 'reflect' }), 'ERR_PIXCHAIN_PARAM', /border: expected one of/],
    ['pad into the input size', () => px.pad(input, new Uint8Array(24), frame, { top: 1 }), 'ERR_PIXCHAIN_LENGTH', /output: expected 30 bytes for 6×5×1 u8, got 24/],
    ['rotate into the unturned spec', () => px.rotate(input, new Uint8Array(23), frame), 'ERR_PIXCHAIN_LENGTH', /output: expected 24 bytes for 4×6×1 u8, got 23/],
    ['transpose options', () => px.transpose(input, new Uint16Array(24) as never, frame), 'ERR_PIXCHAIN_TYPE', /output/],
  ]
  it.each(cases)('%s', (_, call, code, message) => {
    expect(call).toThrow(expect.objectContaining({ code, message: expect.stringMatching(message) }))
  })

  it('a padded frame larger than the buffers is a capacity error in ImageBuffers; a Pipeline step of a bad option fails when added', () => {
    const buffers = new px.ImageBuffers(frame).load(input)
    expect(() => buffers.pad({ top: 1 })).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_CAPACITY' }))
    expect(buffers.spec).toEqual({ ...frame, channels: 1 })
    expect(() => new px.Pipeline(frame).crop({ x: 9 })).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_PARAM' }))
  })

  it('a Pipeline refuses a pad that grows the frame past the pixel limit, before allocating it', () => {
    const limited = new px.Pipeline(frame, { limitInputPixels: 30 })
    limited.pad({ top: 1 })
    expect(() => limited.pad({ top: 1 })).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_LIMIT' }))
    expect(() => new px.Pipeline(frame).pad({ top: 2 ** 32 - 1 })).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_LIMIT' }))
  })
})
