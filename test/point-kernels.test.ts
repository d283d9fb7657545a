// clip, linear, threshold and convert: exact against the scalar references,
// for every pixel type, channel count and frame kind.

import { describe, expect, it } from 'vitest'

import { FRAME_KINDS, PIXEL_TYPES, SIZES, allocate, firstMismatch, makeFrame, samples, type Frame } from './frames'
import { px, type PixelType } from './pixchain'
import * as ref from './reference'


function* frames(type: PixelType): Generator<Frame> {
  for (const [width, height] of SIZES) {
    for (const channels of [1, 3, 4]) yield { width, height, channels, type }
  }
}

function cases(type: PixelType) {
  return [...frames(type)].flatMap((frame) => FRAME_KINDS.map((kind) => ({ frame, kind })))
}

/** Parameters in each type's own scale, including ties that test rounding. */
const scale: Record<PixelType, number> = { u8: 1, u16: 257, i16: 128, f32: 1 / 255 }

describe.each(PIXEL_TYPES)('point kernels on %s', (type) => {
  const s = scale[type]

  it('clip matches its definition', () => {
    for (const { frame, kind } of cases(type)) {
      const input = makeFrame(frame, kind, 3)
      for (const [min, max] of [
        [10 * s, 200 * s],
        [-Infinity, 77.5 * s],
        [90.5 * s, Infinity],
        [-1e9, 1e9],
      ] as const) {
        const output = px.clip(input, allocate(type, samples(frame)), frame, { min, max })
        expect(firstMismatch(output, ref.clip(input, type, min, max))).toBeUndefined()
      }
    }
  })

  it('linear matches saturate(a·x + b) in f32', () => {
    for (const { frame, kind } of cases(type)) {
      const input = makeFrame(frame, kind, 4)
      for (const [a, b] of [
        [1.25, 3 * s],
        [0.5, 0],
        [-1, 100 * s],
        [3, -50.5 * s],
      ] as const) {
        const output = px.linear(input, allocate(type, samples(frame)), frame, { a, b })
        expect(firstMismatch(output, ref.linear(input, type, a, b))).toBeUndefined()
      }
    }
  })

  it('threshold matches OpenCV’s definition for all five kinds', () => {
    const kinds = ['binary', 'binaryInv', 'trunc', 'toZero', 'toZeroInv'] as const
    for (const { frame, kind: frameKind } of cases(type)) {
      const input = makeFrame(frame, frameKind, 5)
      for (const kind of kinds) {
        for (const thresh of [127.5 * s, 0, -40000, 70000, 200 * s]) {
          for (const maxval of [undefined, 99.5 * s]) {
            const output = px.threshold(input, allocate(type, samples(frame)), frame, { thresh, kind, maxval })
            expect(firstMismatch(output, ref.threshold(input, type, thresh, kind, maxval))).toBeUndefined()
          }
        }
      }
    }
  })

  it('invert matches min + max − x', () => {
    for (const { frame, kind } of cases(type)) {
      const input = makeFrame(frame, kind, 11)
      for (const [min, max] of [
        [undefined, undefined],
        [0, 100 * s],
        [-20 * s, 300.5 * s],
      ] as const) {
        const options = min === undefined ? {} : { min, max }
        const output = px.invert(input, allocate(type, samples(frame)), frame, options)
        expect(firstMismatch(output, ref.invert(input, type, min, max))).toBeUndefined()
      }
    }
  })

  it('gamma matches x^γ over the type’s range', () => {
    for (const { frame, kind } of cases(type)) {
      const input = makeFrame(frame, kind, 12)
      for (const g of [1, 0.45, 2.2, 1 / 3]) {
        const output = px.gamma(input, allocate(type, samples(frame)), frame, { gamma: g })
        expect(firstMismatch(output, ref.gamma(input, type, g)), `gamma ${g}`).toBeUndefined()
      }
    }
  })

  it('convert to every type matches saturate(x·scale + offset)', () => {
    for (const { frame, kind } of cases(type)) {
      const input = makeFrame(frame, kind, 6)
      for (const to of PIXEL_TYPES) {
        for (const [scale, offset] of [
          [1, 0],
          [1 / 257, 0.5],
          [255, -10],
        ] as const) {
          const output = px.convert(input, allocate(to, samples(frame)), frame, { type: to, scale, offset })
          expect(firstMismatch(output, ref.convert(input, to, scale, offset))).toBeUndefined()
        }
      }
    }
  })
})

describe('defaults', () => {
  it('threshold defaults to the middle of the range, convert to the input type', () => {
    for (const type of PIXEL_TYPES) {
      const frame = { width: 64, height: 64, channels: 1, type }
      const input = makeFrame(frame, 'gradient', 90)
      const middle = type === 'f32' ? 0.5 : type === 'i16' ? -0.5 : type === 'u8' ? 127.5 : 32767.5
      const output = px.threshold(input, allocate(type, samples(frame)), frame)
      expect(firstMismatch(output, ref.threshold(input, type, middle))).toBeUndefined()
      const scaled = px.convert(input, allocate(type, samples(frame)), frame, { scale: 0.5 })
      expect(firstMismatch(scaled, ref.convert(input, type, 0.5))).toBeUndefined()
    }
  })
})

describe('Otsu’s threshold', () => {
  it('matches its definition and refuses types other than u8', () => {
    for (const kind of FRAME_KINDS) {
      for (const [width, height] of SIZES) {
        const frame = { width, height, channels: 1, type: 'u8' } as const
        const input = makeFrame(frame, kind, 60)
        const output = new Uint8Array(samples(frame))
        const level = px.thresholdOtsu(input, output, frame, { kind: 'binary' })
        expect(level, `${kind} ${width}×${height}`).toBe(ref.otsu(input))
        expect(firstMismatch(output, ref.threshold(input, 'u8', level, 'binary'))).toBeUndefined()
        expect(new px.ImageBuffers(frame).load(input as Uint8Array).otsuThreshold()).toBe(level)
      }
    }
    const u16 = { width: 2, height: 2, type: 'u16' } as const
    expect(() => px.otsuThreshold(new Uint16Array(4), u16)).toThrow(
      expect.objectContaining({ code: 'ERR_PIXCHAIN_TYPE', message: 'input: expected u8 pixels, got u16' }),
    )
  })
})

describe('rounding and saturation', () => {
  it('rounds halves to even, as cvRound', () => {
    const frame = { width: 6, height: 1, channels: 1, type: 'u8' } as const
    const input = Uint8Array.from([1, 3, 5, 7, 9, 11])
    const output = px.linear(input, new Uint8Array(6), frame, { a: 0.5 })
    expect(Array.from(output)).toEqual([0, 2, 2, 4, 4, 6])
  })

  it('saturates instead of wrapping', () => {
    const frame = { width: 3, height: 1, channels: 1, type: 'i16' } as const
    const output = px.linear(Int16Array.from([-20000, 0, 20000]), new Int16Array(3), frame, { a: 2 })
    expect(Array.from(output)).toEqual([-32768, 0, 32767])
  })

  it('converts NaN to 0 in integer types', () => {
    const frame = { width: 2, height: 1, channels: 1, type: 'f32' } as const
    const output = px.convert(Float32Array.from([NaN, 1.5]), new Uint16Array(2), frame, { type: 'u16' })
    expect(Array.from(output)).toEqual([0, 2])
  })
})
