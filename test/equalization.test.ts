// equalizeHist and clahe against OpenCV.js, in every form.

import { beforeAll, describe, expect, it } from 'vitest'

import { FRAME_KINDS, SIZES, firstMismatch, makeFrame, samples, type Frame, type FrameKind } from './frames'
import { loadOpenCv, type OpenCv } from './opencv'
import { px, type PixelArray } from './pixchain'

/** One-channel frames of every comparison size, odd ones and one larger than a tile grid. */
function* grayFrames(type: 'u8' | 'u16', seed: number): Generator<{ frame: Frame; kind: FrameKind; input: PixelArray }> {
  const sizes = [...SIZES, [13, 11], [97, 61], [641, 479]] as const
  for (const [width, height] of sizes) {
    const frame: Frame = { width, height, channels: 1, type }
    for (const kind of FRAME_KINDS) yield { frame, kind, input: makeFrame(frame, kind, seed) }
  }
  // A narrow range: empty bins at both ends, the first non-empty one above 0.
  const frame: Frame = { width: 50, height: 40, channels: 1, type }
  const input = makeFrame(frame, 'random', seed).map((v) => 100 + (v % 17))
  yield { frame, kind: 'random', input }
}

describe('against OpenCV.js', () => {
  let cv: OpenCv
  beforeAll(async () => {
    ;({ cv } = await loadOpenCv())
  })

  function run(frame: Frame, input: PixelArray, call: (src: OpenCv, dst: OpenCv) => void): number[] {
    const src = cv.matFromArray(frame.height, frame.width, frame.type === 'u8' ? cv.CV_8UC1 : cv.CV_16UC1, Array.from(input))
    const dst = new cv.Mat()
    try {
      call(src, dst)
      return Array.from((frame.type === 'u8' ? dst.data : dst.data16U) as ArrayLike<number>)
    } finally {
      src.delete()
      dst.delete()
    }
  }

  it('equalizeHist equals cv.equalizeHist bit for bit', () => {
    const mismatches: string[] = []
    for (const { frame, kind, input } of grayFrames('u8', 80)) {
      const ours = px.equalizeHist(input, new Uint8Array(samples(frame)), frame)
      const theirs = run(frame, input, (src, dst) => cv.equalizeHist(src, dst))
      const mismatch = firstMismatch(ours, theirs)
      if (mismatch) mismatches.push(`${kind} ${JSON.stringify(frame)}: ${JSON.stringify(mismatch)}`)
    }
    expect(mismatches.slice(0, 5)).toEqual([])
  })

  it.each(['u8', 'u16'] as const)('clahe of %s equals cv.CLAHE bit for bit for every clip limit and tile grid', (type) => {
    const mismatches: string[] = []
    const grids = [
      [8, 8],
      [3, 5],
      [1, 1],
      [16, 2],
    ] as const
    for (const { frame, kind, input } of grayFrames(type, 81)) {
      for (const clipLimit of [40, 2, 0.5, 0]) {
        for (const tiles of frame.width > 100 ? grids.slice(0, 2) : grids) {
          const ours = px.clahe(input, type === 'u8' ? new Uint8Array(samples(frame)) : new Uint16Array(samples(frame)), frame, { clipLimit, tiles })
          const theirs = run(frame, input, (src, dst) => {
            const clahe = new cv.CLAHE(clipLimit, new cv.Size(tiles[0], tiles[1]))
            clahe.apply(src, dst)
            clahe.delete()
          })
          const mismatch = firstMismatch(ours, theirs)
          if (mismatch) mismatches.push(`${kind} clip ${clipLimit} tiles ${tiles} ${JSON.stringify(frame)}: ${JSON.stringify(mismatch)}`)
        }
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([])
  })
})

describe('equalizeHist and clahe in every form', () => {
  it('a Pipeline ends a segment with them and equals the one-shot kernels, ImageBuffers and promises', async () => {
    for (const type of ['u8', 'u16'] as const) {
      const frame: Frame = { width: 83, height: 57, channels: 1, type }
      const input = makeFrame(frame, 'gradient', 82)
      const n = samples(frame)
      const out = () => (type === 'u8' ? new Uint8Array(n) : new Uint16Array(n))
      const blurred = px.gaussianBlur(input, out(), frame, { sigma: 1 })
      const clahe = px.clahe(blurred, out(), frame, { clipLimit: 3, tiles: [4, 3] })
      const after = px.medianBlur(clahe, out(), frame)
      const pipeline = new px.Pipeline(frame, { threads: 3 }).gaussianBlur({ sigma: 1 }).clahe({ clipLimit: 3, tiles: [4, 3] }).medianBlur()
      expect(pipeline.stats.passes).toBe(3)
      expect(firstMismatch(pipeline.run(input, out()), after)).toBeUndefined()
      const buffers = new px.ImageBuffers(frame).load(input).gaussianBlur({ sigma: 1 }).clahe({ clipLimit: 3, tiles: [4, 3] })
      expect(firstMismatch(buffers.read(), clahe)).toBeUndefined()
      expect(firstMismatch(await px.promises.clahe(blurred, out(), frame, { clipLimit: 3, tiles: [4, 3] }), clahe)).toBeUndefined()
      if (type !== 'u8') continue

      const equalized = px.equalizeHist(blurred, out(), frame)
      const equalizing = new px.Pipeline(frame).gaussianBlur({ sigma: 1 }).equalizeHist()
      expect(firstMismatch(equalizing.run(input, out()), equalized)).toBeUndefined()
      expect(firstMismatch(new px.ImageBuffers(frame).load(input).gaussianBlur({ sigma: 1 }).equalizeHist().read(), equalized)).toBeUndefined()
      expect(firstMismatch(await px.promises.equalizeHist(blurred, out(), frame), equalized)).toBeUndefined()
    }
  })

  it('refuses other pixel types and channel counts, and options out of range, with codes', () => {
    const gray: Frame = { width: 4, height: 4, channels: 1, type: 'u8' }
    const out = new Uint8Array(16).fill(7)
    const input = new Uint8Array(16)
    const refused: [string, string, () => unknown][] = [
      ['equalizeHist of u16', 'ERR_PIXCHAIN_TYPE', () => px.equalizeHist(new Uint16Array(16), new Uint16Array(16), { ...gray, type: 'u16' })],
      ['equalizeHist of rgb', 'ERR_PIXCHAIN_SHAPE', () => px.equalizeHist(new Uint8Array(48), new Uint8Array(48), { ...gray, channels: 3 })],
      ['clahe of f32', 'ERR_PIXCHAIN_TYPE', () => px.clahe(new Float32Array(16), new Float32Array(16), { ...gray, type: 'f32' })],
      ['clahe of rgb', 'ERR_PIXCHAIN_SHAPE', () => px.clahe(new Uint8Array(48), new Uint8Array(48), { ...gray, channels: 3 })],
      ['clahe clipLimit NaN', 'ERR_PIXCHAIN_PARAM', () => px.clahe(input, out, gray, { clipLimit: NaN })],
      ['clahe clipLimit −1', 'ERR_PIXCHAIN_PARAM', () => px.clahe(input, out, gray, { clipLimit: -1 })],
      ['clahe tiles 0', 'ERR_PIXCHAIN_PARAM', () => px.clahe(input, out, gray, { tiles: [0, 8] })],
      ['clahe tiles 257', 'ERR_PIXCHAIN_PARAM', () => px.clahe(input, out, gray, { tiles: [8, 257] })],
      ['clahe tiles of three', 'ERR_PIXCHAIN_PARAM', () => px.clahe(input, out, gray, { tiles: [8, 8, 8] as never })],
      ['clahe tiles 2.5', 'ERR_PIXCHAIN_PARAM', () => px.clahe(input, out, gray, { tiles: [2.5, 8] })],
      ['clahe of u16 in too many tiles', 'ERR_PIXCHAIN_PARAM', () => px.clahe(new Uint16Array(16), new Uint16Array(16), { ...gray, type: 'u16' }, { tiles: [64, 32] })],
    ]
    for (const [name, code, call] of refused) expect(call, name).toThrow(expect.objectContaining({ code }))
    expect(Array.from(out)).toEqual(new Array(16).fill(7))
    expect(() => new px.Pipeline({ ...gray, type: 'f32' }).equalizeHist()).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_TYPE' }))
  })
})
