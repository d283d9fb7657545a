// grayscale against its definition for every type and order, and against
// OpenCV's cvtColor (u8 and u16 bit for bit); invert against bitwise_not.

import { beforeAll, describe, expect, it } from 'vitest'

import { FRAME_KINDS, PIXEL_TYPES, SIZES, allocate, comparisonFrames, firstMismatch, makeFrame, maxDifference, samples, type Frame } from './frames'
import { loadOpenCv, type OpenCv } from './opencv'
import { px, type PixelArray, type PixelType } from './pixchain'
import * as ref from './reference'

const ORDERS = ['rgb', 'bgr', 'rgba', 'bgra'] as const

describe.each(PIXEL_TYPES)('grayscale on %s', (type) => {
  it('matches the luma definition for every channel order', () => {
    for (const [width, height] of SIZES) {
      for (const order of ORDERS) {
        const frame: Frame = { width, height, channels: order.length, type }
        for (const kind of FRAME_KINDS) {
          const input = makeFrame(frame, kind, 13)
          const output = px.grayscale(input, allocate(type, width * height), frame, { order })
          expect(firstMismatch(output, ref.grayscale(input, type, order)), `${order} ${kind}`).toBeUndefined()
        }
      }
    }
  })

  it('refuses a frame whose channels do not fit the order', () => {
    const frame = { width: 4, height: 4, channels: 4, type }
    const output = allocate(type, 16).fill(7)
    expect(() => px.grayscale(allocate(type, 64), output, frame, { order: 'rgb' })).toThrow(
      expect.objectContaining({ code: 'ERR_PIXCHAIN_SHAPE', message: `input: expected a 4×4×3 ${type} frame, got 4×4×4 ${type}` }),
    )
    expect(Array.from(output)).toEqual(new Array(16).fill(7))
  })
})

describe('grayscale in ImageBuffers', () => {
  it('turns an RGB frame into one channel within the same two buffers', () => {
    const frame: Frame = { width: 20, height: 10, channels: 3, type: 'u8' }
    const input = makeFrame(frame, 'random', 14)
    const bufs = new px.ImageBuffers({ ...frame, maxType: 'f32' })
    const before = bufs.stats
    const tensor = bufs.load(input).grayscale().convert({ type: 'f32', scale: 1 / 255 }).read()
    expect(bufs.spec).toEqual({ width: 20, height: 10, channels: 1, type: 'f32' })
    expect(bufs.stats).toEqual(before)
    expect(firstMismatch(tensor, ref.convert(ref.grayscale(input, 'u8', 'rgb'), 'f32', 1 / 255))).toBeUndefined()
  })
})

describe('against OpenCV.js', () => {
  let cv: OpenCv
  beforeAll(async () => {
    ;({ cv } = await loadOpenCv())
  })

  function toMat(frame: Frame, input: PixelArray): OpenCv {
    const depth = { u8: '8U', u16: '16U', i16: '16S', f32: '32F' }[frame.type]
    return cv.matFromArray(frame.height, frame.width, cv[`CV_${depth}C${frame.channels}`], Array.from(input))
  }

  function data(mat: OpenCv, type: PixelType): number[] {
    return Array.from({ u8: mat.data, u16: mat.data16U, i16: mat.data16S, f32: mat.data32F }[type] as ArrayLike<number>)
  }

  it.each(['u8', 'u16', 'f32'] as const)('grayscale %s matches cv.cvtColor (integers bit for bit)', (type) => {
    const codes = { rgb: cv.COLOR_RGB2GRAY, bgr: cv.COLOR_BGR2GRAY, rgba: cv.COLOR_RGBA2GRAY, bgra: cv.COLOR_BGRA2GRAY }
    let compared = 0
    for (const order of ORDERS) {
      for (const { frame, kind, input } of comparisonFrames(type, [order.length], 15)) {
        const ours = px.grayscale(input, allocate(type, frame.width * frame.height), frame, { order })
        const src = toMat(frame, input)
        const dst = new cv.Mat()
        cv.cvtColor(src, dst, codes[order])
        const theirs = data(dst, type)
        src.delete()
        dst.delete()
        const context = `${order} ${kind} ${frame.width}×${frame.height}`
        if (type === 'f32') expect(maxDifference(ours, theirs), context).toBeLessThanOrEqual(1e-6)
        else expect(firstMismatch(ours, theirs), context).toBeUndefined()
        compared += ours.length
      }
    }
    expect(compared).toBeGreaterThan(10_000)
  })

  it.each(['u8', 'u16', 'i16'] as const)('invert %s equals cv.bitwise_not bit for bit', (type) => {
    for (const { frame, kind, input } of comparisonFrames(type, [1, 3, 4], 16)) {
      const ours = px.invert(input, allocate(type, samples(frame)), frame)
      const src = toMat(frame, input)
      const dst = new cv.Mat()
      cv.bitwise_not(src, dst)
      expect(firstMismatch(ours, data(dst, type)), `${kind} ${JSON.stringify(frame)}`).toBeUndefined()
      src.delete()
      dst.delete()
    }
  })
})
