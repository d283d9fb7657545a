// sobel, convolve, laplacian and scharr against their definitions and OpenCV.js.

import { beforeAll, describe, expect, it } from 'vitest'

import { BORDERS, FRAME_KINDS, PIXEL_TYPES, allocate, comparisonFrames, firstMismatch, makeFrame, maxDifference, samples, type Frame } from './frames'
import { loadOpenCv, type OpenCv } from './opencv'
import { px, type PixelArray, type PixelType } from './pixchain'
import * as ref from './reference'

const SHAPES = [
  [1, 1],
  [1, 7],
  [7, 1],
  [7, 5],
  [33, 19],
] as const
const DERIVATIVES = [
  [1, 0],
  [0, 1],
  [1, 1],
] as const

function* frames(type: PixelType): Generator<Frame> {
  for (const [width, height] of SHAPES) for (const channels of [1, 3, 4]) yield { width, height, channels, type }
}

const sobelOutput = (type: PixelType): PixelType => (type === 'u8' ? 'i16' : 'f32')

describe.each(PIXEL_TYPES)('sobel on %s', (type) => {
  it('matches the Sobel kernels’ sums for every border and aperture', () => {
    const to = sobelOutput(type)
    for (const frame of frames(type)) {
      for (const [k, kind] of FRAME_KINDS.entries()) {
        const input = makeFrame(frame, kind, 70)
        for (const border of kind === 'random' ? BORDERS : [BORDERS[k]!]) {
          for (const [dx, dy] of DERIVATIVES) {
            for (const ksize of [3, 5] as const) {
              const output = px.sobel(input, allocate(to, samples(frame)), frame, { dx, dy, ksize, border })
              const expected = ref.sobel(input, frame, dx, dy, ksize, to, border)
              const context = JSON.stringify({ frame, kind, border, dx, dy, ksize })
              if (type === 'f32') expect(maxDifference(output, expected), context).toBeLessThanOrEqual(1e-4)
              else expect(firstMismatch(output, expected), context).toBeUndefined()
            }
          }
        }
      }
    }
  })
})

describe.each(PIXEL_TYPES)('convolve on %s', (type) => {
  it('matches a double-precision correlation, 2-D and separable', () => {
    const sharpen = [0, -1, 0, -1, 5, -1, 0, -1, 0]
    const wide = [0.1, 0.2, 0.4, 0.2, 0.1, -0.05, 0.3, 0.5, 0.3, -0.05]
    for (const frame of frames(type)) {
      const input = makeFrame(frame, 'random', 71)
      for (const border of BORDERS) {
        const full = px.convolve(input, allocate(type, samples(frame)), frame, { kernel: sharpen, border, borderValue: 3 })
        const tolerance = type === 'f32' ? 1e-4 : 1
        expect(maxDifference(full, ref.filter2d(input, frame, sharpen, 3, type, border, 3))).toBeLessThanOrEqual(tolerance)
        const rect = px.convolve(input, new Float32Array(samples(frame)), frame, { kernel: Float32Array.from(wide), kernelWidth: 5, type: 'f32', border })
        expect(maxDifference(rect, ref.filter2d(input, frame, wide, 5, 'f32', border))).toBeLessThanOrEqual(type === 'f32' ? 1e-5 : 0.05)
        const separable = px.convolve(input, allocate(type, samples(frame)), frame, { row: [1, 2, 1], column: [-1, 0, 1], border })
        const outer = [-1, -2, -1, 0, 0, 0, 1, 2, 1]
        expect(maxDifference(separable, ref.filter2d(input, frame, outer, 3, type, border))).toBeLessThanOrEqual(tolerance)
      }
    }
  })

  it('without a kernel is the identity', () => {
    const frame: Frame = { width: 9, height: 4, channels: 3, type }
    const input = makeFrame(frame, 'random', 74)
    expect(firstMismatch(px.convolve(input, allocate(type, samples(frame)), frame), input)).toBeUndefined()
  })

  it('refuses a kernel that is not a rectangle, or both forms at once', () => {
    const spec = { width: 4, height: 4, type: 'u8' } as const
    const out = new Uint8Array(16).fill(1)
    const bad = [
      { kernel: [1, 2, 3], kernelWidth: 2 },
      { kernel: [1, 2], row: [1], column: [1] },
      { row: [1, 2] },
      { kernel: [NaN] },
      { kernel: [] },
    ]
    for (const options of bad) {
      expect(() => px.convolve(new Uint8Array(16), out, spec, options), JSON.stringify(options)).toThrow(
        expect.objectContaining({ code: 'ERR_PIXCHAIN_PARAM' }),
      )
    }
    expect(Array.from(out)).toEqual(new Array(16).fill(1))
  })
})

describe('against OpenCV.js', () => {
  let cv: OpenCv
  beforeAll(async () => {
    ;({ cv } = await loadOpenCv())
  })

  const depth = { u8: '8U', u16: '16U', i16: '16S', f32: '32F' } as const
  const cvBorder = (border: (typeof BORDERS)[number]) =>
    ({ reflect101: cv.BORDER_REFLECT_101, reflect: cv.BORDER_REFLECT, replicate: cv.BORDER_REPLICATE, constant: cv.BORDER_CONSTANT })[border]

  function run(frame: Frame, input: PixelArray, to: PixelType, call: (src: OpenCv, dst: OpenCv, ddepth: number) => void): number[] {
    const src = cv.matFromArray(frame.height, frame.width, cv[`CV_${depth[frame.type]}C${frame.channels}`], Array.from(input))
    const dst = new cv.Mat()
    try {
      call(src, dst, cv[`CV_${depth[to]}`])
      return Array.from({ u8: dst.data, u16: dst.data16U, i16: dst.data16S, f32: dst.data32F }[to] as ArrayLike<number>)
    } finally {
      src.delete()
      dst.delete()
    }
  }

  it.each(PIXEL_TYPES)('sobel %s equals cv.Sobel (integer frames bit for bit)', (type) => {
    const to = sobelOutput(type)
    const mismatches: string[] = []
    for (const { frame, kind, input } of comparisonFrames(type, [1, 3, 4], 72)) {
      {
        for (const border of kind === 'random' ? BORDERS : [BORDERS[FRAME_KINDS.indexOf(kind)]!]) {
          for (const [dx, dy] of DERIVATIVES) {
            for (const ksize of [3, 5] as const) {
              const ours = px.sobel(input, allocate(to, samples(frame)), frame, { dx, dy, ksize, border })
              const theirs = run(frame, input, to, (src, dst, ddepth) => cv.Sobel(src, dst, ddepth, dx, dy, ksize, 1, 0, cvBorder(border)))
              const context = `${kind} ${border} d${dx}${dy} k${ksize} ${JSON.stringify(frame)}`
              if (type === 'f32') expect(maxDifference(ours, theirs), context).toBeLessThanOrEqual(1e-4)
              else {
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

  it.each(PIXEL_TYPES)('convolve %s is within float rounding of cv.filter2D and cv.sepFilter2D', (type) => {
    const sharpen = [0, -1, 0, -1, 5, -1, 0, -1, 0]
    const tolerance = type === 'f32' ? 1e-4 : 1
    for (const { frame, kind, input } of comparisonFrames(type, [1, 3, 4], 73)) {
      if (kind !== 'random') continue
      for (const border of BORDERS.slice(0, 3)) {
        const ours = px.convolve(input, allocate(type, samples(frame)), frame, { kernel: sharpen, border })
        const kernel = cv.matFromArray(3, 3, cv.CV_32F, sharpen)
        const theirs = run(frame, input, type, (src, dst, ddepth) => cv.filter2D(src, dst, ddepth, kernel, new cv.Point(-1, -1), 0, cvBorder(border)))
        kernel.delete()
        expect(maxDifference(ours, theirs), `filter2D ${border} ${JSON.stringify(frame)}`).toBeLessThanOrEqual(tolerance)

        const separable = px.convolve(input, allocate(type, samples(frame)), frame, { row: [0.25, 0.5, 0.25], column: [-0.5, 0, 0.5], border })
        const [kx, ky] = [cv.matFromArray(1, 3, cv.CV_32F, [0.25, 0.5, 0.25]), cv.matFromArray(1, 3, cv.CV_32F, [-0.5, 0, 0.5])]
        const theirSeparable = run(frame, input, type, (src, dst, ddepth) =>
          cv.sepFilter2D(src, dst, ddepth, kx, ky, new cv.Point(-1, -1), 0, cvBorder(border)),
        )
        kx.delete()
        ky.delete()
        expect(maxDifference(separable, theirSeparable), `sepFilter2D ${border} ${JSON.stringify(frame)}`).toBeLessThanOrEqual(tolerance)
      }
    }
  })
})

/** OpenCV's `saturate_cast<short>(float)`: rounded half to even, clamped; NaN to 0. */
function saturateI16(value: number): number {
  if (Number.isNaN(value)) return 0
  const floor = Math.floor(value)
  const rounded = value - floor === 0.5 ? (floor % 2 === 0 ? floor : floor + 1) : Math.round(value)
  // + 0 turns −0 into the 0 an integer holds.
  return Math.min(32767, Math.max(-32768, rounded)) + 0
}

describe('laplacian and scharr against OpenCV.js', () => {
  let cv: OpenCv
  beforeAll(async () => {
    ;({ cv } = await loadOpenCv())
  })

  const depth = { u8: '8U', u16: '16U', i16: '16S', f32: '32F' } as const
  const cvBorder = (border: (typeof BORDERS)[number]) =>
    ({ reflect101: cv.BORDER_REFLECT_101, reflect: cv.BORDER_REFLECT, replicate: cv.BORDER_REPLICATE, constant: cv.BORDER_CONSTANT })[border]

  function run(frame: Frame, input: PixelArray, to: PixelType, call: (src: OpenCv, dst: OpenCv, ddepth: number) => void): number[] {
    const src = cv.matFromArray(frame.height, frame.width, cv[`CV_${depth[frame.type]}C${frame.channels}`], Array.from(input))
    const dst = new cv.Mat()
    try {
      call(src, dst, cv[`CV_${depth[to]}`])
      return Array.from({ u8: dst.data, u16: dst.data16U, i16: dst.data16S, f32: dst.data32F }[to] as ArrayLike<number>)
    } finally {
      src.delete()
      dst.delete()
    }
  }

  /**
   * Each output type of each input type, against OpenCV on every size,
   * channel count, frame kind and border: bit for bit, except f32 frames
   * where OpenCV adds separable sums in another order (Scharr, and the
   * Laplacian of aperture 5), within 1e-4 of the sum's magnitude (1 in i16).
   */
  it.each(PIXEL_TYPES)('laplacian and scharr of %s equal cv.Laplacian and cv.Scharr', (type) => {
    const mismatches: string[] = []
    for (const to of ['i16', 'f32'] as const) {
      for (const { frame, kind, input } of comparisonFrames(type, [1, 3, 4], 75)) {
        for (const border of kind === 'random' ? BORDERS : [BORDERS[FRAME_KINDS.indexOf(kind)]!]) {
          const context = `${kind} ${border} to ${to} ${JSON.stringify(frame)}`
          const compare = (ours: ArrayLike<number>, theirs: number[], what: string, exact: boolean) => {
            if (exact) {
              const mismatch = firstMismatch(ours, theirs)
              if (mismatch) mismatches.push(`${what} ${context}: ${JSON.stringify(mismatch)}`)
            } else {
              const scale = theirs.reduce((most, v) => (Number.isFinite(v) ? Math.max(most, Math.abs(v)) : most), 1)
              // Into i16 a sum that rounds across a half may land 1 apart.
              expect(maxDifference(ours, theirs), `${what} ${context}`).toBeLessThanOrEqual(to === 'i16' ? 1 : 1e-4 * scale)
            }
          }
          for (const ksize of [1, 3, 5] as const) {
            const ours = px.laplacian(input, allocate(to, samples(frame)), frame, { ksize, type: to, border })
            // OpenCV's filter2D (apertures 1 and 3) has no u16 → i16 or f32 →
            // i16 route: there its f32 result, saturated as saturate_cast does.
            const viaF32 = ksize !== 5 && to === 'i16' && (type === 'u16' || type === 'f32')
            const theirs = viaF32
              ? run(frame, input, 'f32', (src, dst, ddepth) => cv.Laplacian(src, dst, ddepth, ksize, 1, 0, cvBorder(border))).map(saturateI16)
              : run(frame, input, to, (src, dst, ddepth) => cv.Laplacian(src, dst, ddepth, ksize, 1, 0, cvBorder(border)))
            compare(ours, theirs, `laplacian k${ksize}`, type !== 'f32' || ksize !== 5)
          }
          for (const [dx, dy] of [
            [1, 0],
            [0, 1],
          ] as const) {
            const ours = px.scharr(input, allocate(to, samples(frame)), frame, { dx, dy, type: to, border })
            const theirs = run(frame, input, to, (src, dst, ddepth) => cv.Scharr(src, dst, ddepth, dx, dy, 1, 0, cvBorder(border)))
            compare(ours, theirs, `scharr d${dx}${dy}`, type !== 'f32')
          }
        }
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([])
  })
})

describe('laplacian and scharr in every form', () => {
  const frame: Frame = { width: 67, height: 45, channels: 3, type: 'u16' }
  const input = makeFrame(frame, 'random', 76)

  it('a Pipeline streams them and equals the one-shot kernels, ImageBuffers and promises', async () => {
    const n = samples(frame)
    const blurred = px.gaussianBlur(input, new Uint16Array(n), frame, { sigma: 1 })
    const laplacian = px.laplacian(blurred, new Float32Array(n), frame, { ksize: 5, border: 'replicate' })
    const scharr = px.scharr(blurred, new Int16Array(n), frame, { dx: 0, dy: 1, type: 'i16' })

    const lapPipeline = new px.Pipeline(frame).gaussianBlur({ sigma: 1 }).laplacian({ ksize: 5, border: 'replicate' })
    expect(lapPipeline.stats).toMatchObject({ workBuffers: 0, passes: 1 })
    expect(firstMismatch(lapPipeline.run(input, new Float32Array(n)), laplacian)).toBeUndefined()
    const scharrPipeline = new px.Pipeline(frame, { threads: 3 }).gaussianBlur({ sigma: 1 }).scharr({ dx: 0, dy: 1, type: 'i16' })
    expect(firstMismatch(scharrPipeline.run(input, new Int16Array(n)), scharr)).toBeUndefined()

    const buffers = new px.ImageBuffers({ ...frame, maxType: 'f32' }).load(input).gaussianBlur({ sigma: 1 }).laplacian({ ksize: 5, border: 'replicate' })
    expect(firstMismatch(buffers.read(), laplacian)).toBeUndefined()

    const promised = await px.promises.scharr(blurred, new Int16Array(n), frame, { dx: 0, dy: 1, type: 'i16' })
    expect(firstMismatch(promised, scharr)).toBeUndefined()
    const promisedLaplacian = await px.promises.laplacian(blurred, new Float32Array(n), frame, { ksize: 5, border: 'replicate' })
    expect(firstMismatch(promisedLaplacian, laplacian)).toBeUndefined()
  })

  it('refuses options out of range with ERR_PIXCHAIN_PARAM and leaves the output untouched', () => {
    const spec: Frame = { width: 4, height: 4, channels: 1, type: 'u8' }
    const out = new Int16Array(16).fill(7)
    const bad: [string, () => unknown][] = [
      ['laplacian ksize 7', () => px.laplacian(new Uint8Array(16), out, spec, { ksize: 7 as never })],
      ['laplacian to u8', () => px.laplacian(new Uint8Array(16), new Uint8Array(16), spec, { type: 'u8' as never })],
      ['scharr of order 0 both ways', () => px.scharr(new Uint8Array(16), out, spec, { dx: 0, dy: 0 })],
      ['scharr of order 1 both ways', () => px.scharr(new Uint8Array(16), out, spec, { dx: 1, dy: 1 })],
      ['scharr dx 2', () => px.scharr(new Uint8Array(16), out, spec, { dx: 2, dy: 0 })],
    ]
    for (const [name, call] of bad) expect(call, name).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_PARAM' }))
    expect(Array.from(out)).toEqual(new Array(16).fill(7))
  })
})
