// gaussianBlur and medianBlur: every pixel type against scalar references,
// and u8 against OpenCV.js.

import { beforeAll, describe, expect, it } from 'vitest'

import { BORDERS, FRAME_KINDS, PIXEL_TYPES, allocate, countDifferences, firstMismatch, makeFrame, maxDifference, samples, type Frame } from './frames'
import { loadOpenCv, type OpenCv } from './opencv'
import { px, type PixelArray, type PixelType } from './pixchain'
import * as ref from './reference'


const SHAPES = [
  [1, 1],
  [1, 7],
  [7, 1],
  [7, 5],
  [23, 17],
] as const

function* frames(type: PixelType, channelCounts = [1, 3, 4]): Generator<Frame> {
  for (const [width, height] of SHAPES) {
    for (const channels of channelCounts) yield { width, height, channels, type }
  }
}

/** u8 and u16 are exact; i16 and f32 may differ from the double-precision reference by float rounding. */
function gaussianTolerance(type: PixelType): number {
  return { u8: 0, u16: 0, i16: 1, f32: 1e-5 }[type]
}

describe.each(PIXEL_TYPES)('gaussianBlur on %s', (type) => {
  it('matches the double-precision reference for every border', () => {
    for (const frame of frames(type)) {
      for (const [k, kind] of FRAME_KINDS.entries()) {
        const input = makeFrame(frame, kind, 7)
        // Every border on random frames; one border per other frame kind.
        for (const border of kind === 'random' ? BORDERS : [BORDERS[k]!]) {
          for (const options of [
            { sigma: 1, border },
            { sigma: 0.8, sigmaY: 2.5, border, borderValue: type === 'f32' ? 0.25 : 100 },
            { sigma: 0, ksize: 5, border },
            { sigma: 3, ksize: 3, border },
          ]) {
            const output = px.gaussianBlur(input, allocate(type, samples(frame)), frame, options)
            const expected = ref.gaussian(input, frame, options)
            expect(maxDifference(output, expected), JSON.stringify({ frame, kind, options })).toBeLessThanOrEqual(
              gaussianTolerance(type),
            )
          }
        }
      }
    }
  })
})

describe.each(PIXEL_TYPES)('boxBlur on %s', (type) => {
  it('matches the window mean for odd and even sizes and every border', () => {
    for (const frame of frames(type)) {
      for (const [k, kind] of FRAME_KINDS.entries()) {
        const input = makeFrame(frame, kind, 17)
        for (const border of kind === 'random' ? BORDERS : [BORDERS[k]!]) {
          for (const [ksize, ksizeY] of [
            [3, 3],
            [4, 4],
            [5, 2],
            [1, 7],
            [17, 17],
          ] as const) {
            const options = { ksize, ksizeY, border, borderValue: type === 'f32' ? 0.5 : 77 }
            const output = px.boxBlur(input, allocate(type, samples(frame)), frame, options)
            const expected = ref.box(input, frame, ksize, ksizeY, border, options.borderValue)
            const context = JSON.stringify({ frame, kind, options })
            if (type === 'f32') expect(maxDifference(output, expected), context).toBeLessThanOrEqual(1e-5)
            else expect(firstMismatch(output, expected), context).toBeUndefined()
          }
        }
      }
    }
  })
})

describe.each(PIXEL_TYPES)('medianBlur on %s', (type) => {
  it('equals the sorted-window median for sizes 3 to 9', () => {
    for (const frame of frames(type)) {
      for (const kind of FRAME_KINDS) {
        const input = makeFrame(frame, kind, 8)
        for (const ksize of [3, 5, 7, 9]) {
          const output = px.medianBlur(input, allocate(type, samples(frame)), frame, { ksize })
          expect(firstMismatch(output, ref.median(input, frame, ksize))).toBeUndefined()
        }
      }
    }
  })
})

describe('against OpenCV.js', () => {
  let cv: OpenCv
  beforeAll(async () => {
    ;({ cv } = await loadOpenCv())
  })

  const SHAPES_CV = [
    [64, 64],
    [7, 5],
    [1, 7],
    [7, 1],
    [33, 19],
  ] as const

  function matType(type: PixelType, channels: number): number {
    const depth = { u8: '8U', u16: '16U', i16: '16S', f32: '32F' }[type]
    return cv[`CV_${depth}C${channels}`]
  }

  function matData(mat: OpenCv, type: PixelType): ArrayLike<number> {
    return { u8: mat.data, u16: mat.data16U, i16: mat.data16S, f32: mat.data32F }[type]
  }

  function run(frame: Frame, input: PixelArray, call: (src: OpenCv, dst: OpenCv) => void): number[] {
    const src = cv.matFromArray(frame.height, frame.width, matType(frame.type, frame.channels), Array.from(input))
    const dst = new cv.Mat()
    try {
      call(src, dst)
      return Array.from(matData(dst, frame.type))
    } finally {
      src.delete()
      dst.delete()
    }
  }

  const cvBorder = (border: (typeof BORDERS)[number]) =>
    ({ reflect101: cv.BORDER_REFLECT_101, reflect: cv.BORDER_REFLECT, replicate: cv.BORDER_REPLICATE, constant: cv.BORDER_CONSTANT })[
      border
    ]

  it.each(PIXEL_TYPES)('gaussianBlur %s matches cv.GaussianBlur (u8, u16 bit for bit)', (type) => {
    let compared = 0
    let differing = 0
    for (const [width, height] of SHAPES_CV) {
      for (const channels of [1, 3, 4]) {
        const frame: Frame = { width, height, channels, type }
        for (const [k, kind] of FRAME_KINDS.entries()) {
          const input = makeFrame(frame, kind, 9)
          for (const border of kind === 'random' ? BORDERS : [BORDERS[k]!]) {
            for (const [sigma, sigmaY, ksize] of [
              [0.8, 0, 0],
              [1.5, 0, 0],
              [2, 0, 0],
              [3, 0, 0],
              [1.2, 2.6, 0],
              [0, 0, 7],
              [0, 0, 11],
            ] as const) {
              const options = { sigma, sigmaY, border, ...(ksize ? { ksize } : {}) }
              const ours = px.gaussianBlur(input, allocate(type, samples(frame)), frame, options)
              const kx = ksize || ref.gaussianSide(sigma, type)
              const ky = ksize || ref.gaussianSide(sigmaY || sigma, type)
              const theirs = run(frame, input, (src, dst) =>
                cv.GaussianBlur(src, dst, new cv.Size(kx, ky), sigma, sigmaY, cvBorder(border)),
              )
              const context = JSON.stringify({ frame, kind, options })
              expect(maxDifference(ours, theirs), context).toBeLessThanOrEqual(gaussianTolerance(type))
              compared += ours.length
              differing += countDifferences(ours, theirs)
            }
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(100_000)
    if (type === 'u8' || type === 'u16') expect(differing).toBe(0)
  })

  it.each(PIXEL_TYPES)('boxBlur %s matches cv.blur (integers bit for bit)', (type) => {
    const mismatches: string[] = []
    for (const [width, height] of SHAPES_CV) {
      for (const channels of [1, 3, 4]) {
        const frame: Frame = { width, height, channels, type }
        for (const [k, kind] of FRAME_KINDS.entries()) {
          const input = makeFrame(frame, kind, 18)
          for (const border of kind === 'random' ? BORDERS : [BORDERS[k]!]) {
            for (const [kx, ky] of [
              [3, 3],
              [5, 5],
              [4, 2],
              [16, 16],
              [17, 17],
              [1, 9],
            ] as const) {
              const ours = px.boxBlur(input, allocate(type, samples(frame)), frame, { ksize: kx, ksizeY: ky, border })
              const theirs = run(frame, input, (src, dst) =>
                cv.blur(src, dst, new cv.Size(kx, ky), new cv.Point(-1, -1), cvBorder(border)),
              )
              const context = `${kx}×${ky} ${border} ${kind} ${width}×${height}×${channels}`
              if (type === 'f32') {
                expect(maxDifference(ours, theirs), context).toBeLessThanOrEqual(1e-5)
              } else {
                const mismatch = firstMismatch(ours, theirs)
                if (mismatch) mismatches.push(`${context}: ${JSON.stringify(mismatch)}`)
              }
            }
          }
        }
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([])
  })

  it.each(PIXEL_TYPES)('at 641×479, gaussianBlur, boxBlur and medianBlur %s equal OpenCV', (type) => {
    for (const channels of [1, 3]) {
      const frame: Frame = { width: 641, height: 479, channels, type }
      const input = makeFrame(frame, 'random', 19)
      const out = () => allocate(type, samples(frame))
      for (const border of ['reflect101', 'constant'] as const) {
        const side = ref.gaussianSide(2, type)
        const gaussian = px.gaussianBlur(input, out(), frame, { sigma: 2, border })
        const cvGaussian = run(frame, input, (src, dst) => cv.GaussianBlur(src, dst, new cv.Size(side, side), 2, 2, cvBorder(border)))
        expect(maxDifference(gaussian, cvGaussian), `gaussian ${border} ×${channels}`).toBeLessThanOrEqual(gaussianTolerance(type))
        const box = px.boxBlur(input, out(), frame, { ksize: 5, border })
        const cvBox = run(frame, input, (src, dst) => cv.blur(src, dst, new cv.Size(5, 5), new cv.Point(-1, -1), cvBorder(border)))
        if (type === 'f32') expect(maxDifference(box, cvBox)).toBeLessThanOrEqual(1e-5)
        else expect(firstMismatch(box, cvBox), `box ${border} ×${channels}`).toBeUndefined()
      }
      for (const ksize of [3, 5]) {
        const median = px.medianBlur(input, out(), frame, { ksize })
        const cvMedian = run(frame, input, (src, dst) => cv.medianBlur(src, dst, ksize))
        expect(firstMismatch(median, cvMedian), `median ${ksize} ×${channels}`).toBeUndefined()
      }
    }
  })

  it.each(PIXEL_TYPES)('medianBlur %s equals cv.medianBlur bit for bit', (type) => {
    // OpenCV takes windows above 5 for u8 only.
    const sizes = type === 'u8' ? [3, 5, 7, 9] : [3, 5]
    for (const [width, height] of SHAPES_CV) {
      for (const channels of [1, 3, 4]) {
        const frame: Frame = { width, height, channels, type }
        for (const kind of FRAME_KINDS) {
          const input = makeFrame(frame, kind, 10)
          for (const ksize of sizes) {
            const ours = px.medianBlur(input, allocate(type, samples(frame)), frame, { ksize })
            const theirs = run(frame, input, (src, dst) => cv.medianBlur(src, dst, ksize))
            expect(firstMismatch(ours, theirs), JSON.stringify({ frame, kind, ksize })).toBeUndefined()
          }
        }
      }
    }
  })
})
