// NaN and ±Infinity in f32 frames, through every kernel that reads f32
// samples, against the scalar references: IEEE arithmetic decides where they
// spread (a window holding NaN, or +∞ and −∞, gives NaN), comparisons with
// NaN are false (threshold), saturation sends NaN to 0 and infinities to
// the type's ends, and the median orders NaN after every number.

import { describe, expect, it } from 'vitest'

import { random, type Frame } from './frames'
import { px, type PixelArray } from './pixchain'
import * as ref from './reference'

const SPECIALS = [NaN, Infinity, -Infinity]

/** Finite samples in [-100, 100], with NaN and infinities at one sample in eleven. */
function frameWithSpecials(frame: Frame, seed: number): Float32Array {
  const next = random(seed)
  const n = frame.width * frame.height * frame.channels
  return Float32Array.from({ length: n }, (_, i) => (i % 11 === 5 ? SPECIALS[Math.floor(next() * 3)]! : Math.fround(next() * 200 - 100)))
}

/** The first sample that is not of the reference's class (NaN, the same infinity, or finite and within `tolerance`). */
function firstDeparture(got: ArrayLike<number>, want: ArrayLike<number>, tolerance: number): string | undefined {
  expect(got.length).toBe(want.length)
  for (let i = 0; i < want.length; i++) {
    const [g, w] = [got[i]!, want[i]!]
    const same = Number.isNaN(w) ? Number.isNaN(g) : Number.isFinite(w) ? Math.abs(g - w) <= tolerance * Math.max(1, Math.abs(w)) : g === w
    if (!same) return `sample ${i}: got ${g}, expected ${w}`
  }
  return undefined
}

/** The median with NaN ordered after every number, as the kernel documents. */
function medianNaNLast(src: Float32Array, frame: Frame, ksize: number): number[] {
  const order = (a: number, b: number) => (Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : Number.isNaN(b) ? -1 : a < b ? -1 : a > b ? 1 : 0)
  const { width, height, channels } = frame
  const r = ksize >> 1
  const out: number[] = []
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        const window: number[] = []
        for (let dy = -r; dy <= r; dy++) {
          for (let dx = -r; dx <= r; dx++) {
            const sy = ref.borderIndex(y + dy, height, 'replicate')
            const sx = ref.borderIndex(x + dx, width, 'replicate')
            window.push(src[(sy * width + sx) * channels + c]!)
          }
        }
        out.push(window.sort(order)[window.length >> 1]!)
      }
    }
  }
  return out
}

describe.each([1, 2])('f32 frames with NaN and ±Infinity, %i channel(s)', (channels) => {
  const frame: Frame = { width: 17, height: 11, channels, type: 'f32' }
  const input = frameWithSpecials(frame, 40 + channels)
  const out = () => new Float32Array(input.length)

  it('point kernels follow IEEE arithmetic and OpenCV saturation', () => {
    const cases: [string, PixelArray, number[]][] = [
      ['clip', px.clip(input, out(), frame, { min: -50, max: 50 }), ref.clip(input, 'f32', -50, 50)],
      ['linear', px.linear(input, out(), frame, { a: -2, b: 1 }), ref.linear(input, 'f32', -2, 1)],
      ['invert', px.invert(input, out(), frame), ref.invert(input, 'f32')],
      ['invert in a range', px.invert(input, out(), frame, { min: -1, max: 3 }), ref.invert(input, 'f32', -1, 3)],
      ['gamma', px.gamma(input, out(), frame, { gamma: 0.5 }), ref.gamma(input, 'f32', 0.5)],
    ]
    for (const kind of ['binary', 'binaryInv', 'trunc', 'toZero', 'toZeroInv'] as const) {
      cases.push([`threshold ${kind}`, px.threshold(input, out(), frame, { thresh: 0.5, maxval: 7, kind }), ref.threshold(input, 'f32', 0.5, kind, 7)])
    }
    for (const type of ['u8', 'u16', 'i16', 'f32'] as const) {
      const to = px.convert(input, new ({ u8: Uint8Array, u16: Uint16Array, i16: Int16Array, f32: Float32Array })[type](input.length), frame, { type, scale: 3, offset: 0.25 })
      cases.push([`convert to ${type}`, to, ref.convert(input, type, 3, 0.25)])
    }
    for (const [name, got, want] of cases) expect(firstDeparture(got, want, 1e-6), name).toBeUndefined()
  })

  it('two-image kernels follow IEEE arithmetic', () => {
    const other = frameWithSpecials(frame, 90 + channels)
    const f = Math.fround
    const each = (op: (a: number, b: number) => number) => Array.from(input, (a, i) => f(op(a, other[i]!)))
    const cases: [string, PixelArray, number[]][] = [
      ['add', px.add(input, other, out(), frame), each((a, b) => a + b)],
      ['subtract', px.subtract(input, other, out(), frame), each((a, b) => a - b)],
      ['absdiff', px.absdiff(input, other, out(), frame), each((a, b) => Math.abs(a - b))],
      ['multiply', px.multiply(input, other, out(), frame, { scale: 0.5 }), each((a, b) => f(0.5 * a) * b)],
      ['addWeighted', px.addWeighted(input, other, out(), frame, { alpha: 0.25, beta: -2, gamma: 1 }), each((a, b) => f(f(f(0.25 * a) + f(-2 * b)) + 1))],
    ]
    for (const [name, got, want] of cases) expect(firstDeparture(got, want, 1e-6), name).toBeUndefined()
  })

  it('neighbourhood kernels spread NaN and infinities as their sums do', () => {
    const cases: [string, PixelArray, number[]][] = [
      ['gaussianBlur σ 1', px.gaussianBlur(input, out(), frame, { sigma: 1 }), ref.gaussian(input, frame, { sigma: 1 })],
      ['gaussianBlur 3×3 σ 0, constant border', px.gaussianBlur(input, out(), frame, { sigma: 0, ksize: 3, border: 'constant', borderValue: 2 }), ref.gaussian(input, frame, { sigma: 0, ksize: 3, border: 'constant', borderValue: 2 })],
      ['boxBlur 3×5', px.boxBlur(input, out(), frame, { ksize: 3, ksizeY: 5 }), ref.box(input, frame, 3, 5)],
      ['convolve, asymmetric 3×3', px.convolve(input, out(), frame, { kernel: [1, 2, -1, 0.5, 3, -2, 1.5, -0.25, 4], kernelWidth: 3 }), ref.filter2d(input, frame, [1, 2, -1, 0.5, 3, -2, 1.5, -0.25, 4], 3, 'f32')],
      ['convolve, a 3×3 kernel with zeros', px.convolve(input, out(), frame, { kernel: [0, 2, -1, 0.5, 0, -2, 1.5, -0.25, 0], kernelWidth: 3 }), ref.filter2d(input, frame, [0, 2, -1, 0.5, 0, -2, 1.5, -0.25, 0], 3, 'f32')],
      ['convolve, separable with a zero', px.convolve(input, out(), frame, { row: [1, 0, -1], column: [0.25, 0.5, 0.25] }), ref.separable(input, frame, [1, 0, -1], [0.25, 0.5, 0.25], 'reflect101', 0, true)],
      ['sobel dx', px.sobel(input, out(), frame, { dx: 1, dy: 0 }), ref.sobel(input, frame, 1, 0, 3, 'f32')],
      ['sobel dy, 5×5', px.sobel(input, out(), frame, { dx: 0, dy: 1, ksize: 5 }), ref.sobel(input, frame, 0, 1, 5, 'f32')],
      ['medianBlur 3', px.medianBlur(input, out(), frame, { ksize: 3 }), medianNaNLast(input, frame, 3)],
      ['medianBlur 5', px.medianBlur(input, out(), frame, { ksize: 5 }), medianNaNLast(input, frame, 5)],
    ]
    for (const [name, got, want] of cases) {
      expect(firstDeparture(got, want, 1e-4), name).toBeUndefined()
      // Sums do carry them to the output (a median rarely picks one).
      if (!name.startsWith('median')) expect(Array.from(want).some((v) => !Number.isFinite(v)), name).toBe(true)
    }
  })
})

describe('grayscale of f32 colour with NaN and ±Infinity', () => {
  it('weighs channels with IEEE arithmetic', () => {
    const frame: Frame = { width: 13, height: 7, channels: 3, type: 'f32' }
    const input = frameWithSpecials(frame, 77)
    const got = px.grayscale(input, new Float32Array(13 * 7), frame)
    expect(firstDeparture(got, ref.grayscale(input, 'f32', 'rgb'), 1e-5)).toBeUndefined()
  })
})

describe.each([1, 3])('erode and dilate of f32 with NaN and ±Infinity, %i channel(s)', (channels) => {
  it('take the least or greatest number of each window, NaN never winning against one', () => {
    const frame: Frame = { width: 17, height: 11, channels, type: 'f32' }
    const input = frameWithSpecials(frame, 60 + channels)
    const pick = (erode: boolean, ksize: number, ksizeY: number): number[] => {
      const { width, height } = frame
      const out: number[] = []
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          for (let c = 0; c < channels; c++) {
            let best = NaN
            for (let dy = -(ksizeY >> 1); dy < ksizeY - (ksizeY >> 1); dy++) {
              for (let dx = -(ksize >> 1); dx < ksize - (ksize >> 1); dx++) {
                const sy = ref.borderIndex(y + dy, height, 'replicate')
                const sx = ref.borderIndex(x + dx, width, 'replicate')
                const v = input[(sy * width + sx) * channels + c]!
                if (Number.isNaN(best) || (erode ? v < best : v > best)) best = v
              }
            }
            out.push(best)
          }
        }
      }
      return out
    }
    const out = () => new Float32Array(input.length)
    const options = { ksize: 3, ksizeY: 5, border: 'replicate' } as const
    expect(firstDeparture(px.erode(input, out(), frame, options), pick(true, 3, 5), 0)).toBeUndefined()
    expect(firstDeparture(px.dilate(input, out(), frame, options), pick(false, 3, 5), 0)).toBeUndefined()
    const wide = { ksize: 9, ksizeY: 1, border: 'replicate' } as const
    expect(firstDeparture(px.erode(input, out(), frame, wide), pick(true, 9, 1), 0)).toBeUndefined()
  })
})
