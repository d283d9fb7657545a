// Point kernels against OpenCV.js: linear and convert against convertTo,
// threshold against cv.threshold, at every test size including 641×479.

import { beforeAll, describe, expect, it } from 'vitest'

import { PIXEL_TYPES, allocate, comparisonFrames, firstMismatch, samples, type Frame } from './frames'
import { loadOpenCv, type OpenCv } from './opencv'
import { px, type PixelArray, type PixelType } from './pixchain'

const depth = { u8: '8U', u16: '16U', i16: '16S', f32: '32F' } as const
const scale: Record<PixelType, number> = { u8: 1, u16: 257, i16: 128, f32: 1 / 255 }

describe('against OpenCV.js', () => {
  let cv: OpenCv
  beforeAll(async () => {
    ;({ cv } = await loadOpenCv())
  })

  // Every comparison size, 641×479 with three channels.
  const cases = (type: PixelType) => comparisonFrames(type, [3, 1, 4], 80)

  function run(frame: Frame, input: PixelArray, to: PixelType, call: (src: OpenCv, dst: OpenCv) => void): ArrayLike<number> {
    const src = cv.matFromArray(frame.height, frame.width, cv[`CV_${depth[frame.type]}C${frame.channels}`], Array.from(input))
    const dst = new cv.Mat()
    try {
      call(src, dst)
      return Float64Array.from({ u8: dst.data, u16: dst.data16U, i16: dst.data16S, f32: dst.data32F }[to] as ArrayLike<number>)
    } finally {
      src.delete()
      dst.delete()
    }
  }

  it.each(PIXEL_TYPES)('linear and convert from %s equal convertTo bit for bit', (type) => {
    const mismatches: string[] = []
    for (const { frame, kind, input } of cases(type)) {
      for (const [a, b] of [
        [1.25, 3 * scale[type]],
        [0.5, 0],
        [-1, 100 * scale[type]],
      ] as const) {
        const ours = px.linear(input, allocate(type, samples(frame)), frame, { a, b })
        const theirs = run(frame, input, type, (src, dst) => src.convertTo(dst, -1, a, b))
        const mismatch = firstMismatch(ours, theirs)
        if (mismatch) mismatches.push(`linear ${a} ${b} ${kind} ${JSON.stringify(frame)}: ${JSON.stringify(mismatch)}`)
      }
      for (const to of PIXEL_TYPES) {
        for (const [s, o] of [
          [1, 0],
          [1 / 257, 0.5],
        ] as const) {
          const ours = px.convert(input, allocate(to, samples(frame)), frame, { type: to, scale: s, offset: o })
          const theirs = run(frame, input, to, (src, dst) => src.convertTo(dst, cv[`CV_${depth[to]}`], s, o))
          const mismatch = firstMismatch(ours, theirs)
          if (mismatch) mismatches.push(`convert → ${to} ${s} ${o} ${kind} ${JSON.stringify(frame)}: ${JSON.stringify(mismatch)}`)
        }
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([])
  })

  it.each(PIXEL_TYPES)('threshold %s equals cv.threshold for all five kinds', (type) => {
    const kinds = { binary: 'THRESH_BINARY', binaryInv: 'THRESH_BINARY_INV', trunc: 'THRESH_TRUNC', toZero: 'THRESH_TOZERO', toZeroInv: 'THRESH_TOZERO_INV' } as const
    const mismatches: string[] = []
    for (const { frame, kind, input } of cases(type)) {
      for (const [name, flag] of Object.entries(kinds)) {
        for (const thresh of [127.5 * scale[type], 0, -40000, 70000]) {
          const maxval = 99.5 * scale[type]
          const ours = px.threshold(input, allocate(type, samples(frame)), frame, { thresh, maxval, kind: name as keyof typeof kinds })
          const theirs = run(frame, input, type, (src, dst) => cv.threshold(src, dst, thresh, maxval, cv[flag]))
          const mismatch = firstMismatch(ours, theirs)
          if (mismatch) mismatches.push(`${name} ${thresh} ${kind} ${JSON.stringify(frame)}: ${JSON.stringify(mismatch)}`)
        }
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([])
  })
})
