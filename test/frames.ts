// Test frames: random, constant, gradient and edge-heavy, for every pixel type.

import { pixelArrayTypes } from '../dist/lib/pixels.js'
import type { PixelArray, PixelType } from './pixchain'

export interface Frame {
  width: number
  height: number
  channels: number
  type: PixelType
}

export type FrameKind = 'random' | 'constant' | 'gradient' | 'edges'

export const FRAME_KINDS: FrameKind[] = ['random', 'constant', 'gradient', 'edges']
export const PIXEL_TYPES: PixelType[] = ['u8', 'u16', 'i16', 'f32']
export const BORDERS = ['reflect101', 'reflect', 'replicate', 'constant'] as const

/** The values test frames span: the integer range, or [-0.5, 1.5] for f32 so conversions saturate. */
export const TEST_RANGE: Record<PixelType, [number, number]> = {
  u8: [0, 255],
  u16: [0, 65535],
  i16: [-32768, 32767],
  f32: [-0.5, 1.5],
}

export function samples(frame: Frame): number {
  return frame.width * frame.height * frame.channels
}

export function allocate(type: PixelType, length: number): PixelArray {
  return new pixelArrayTypes[type](length)
}

/** A small deterministic generator (mulberry32), so failures reproduce. */
export function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function makeFrame(frame: Frame, kind: FrameKind, seed = 1): PixelArray {
  const [lo, hi] = TEST_RANGE[frame.type]
  const next = random(seed)
  const out = allocate(frame.type, samples(frame))
  const integer = frame.type !== 'f32'
  const value = (unit: number) => (integer ? Math.round(lo + unit * (hi - lo)) : lo + unit * (hi - lo))
  const { width, height, channels } = frame
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        let unit: number
        switch (kind) {
          case 'random':
            unit = next()
            break
          case 'constant':
            unit = 0.37 + 0.1 * c
            break
          case 'gradient':
            unit = ((x + 2 * y + 3 * c) / (width + 2 * height + 3 * channels)) % 1
            break
          case 'edges':
            unit = ((x >> 1) + (y >> 1) + c) % 2 === 0 ? 0.02 : 0.97
            break
        }
        out[(y * width + x) * channels + c] = value(unit)
      }
    }
  }
  return out
}

/** The largest absolute difference between two arrays of equal length. */
export function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`)
  let worst = 0
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!))
  return worst
}

/** How many positions differ. */
export function countDifferences(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let count = 0
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) count++
  return count
}

/**
 * The first position where two sample arrays differ, with its neighbours'
 * context, or undefined when they are equal (`Object.is` per sample, so
 * -0 and +0 differ for f32). Cheap to assert on, unlike a deep diff of
 * thousands of samples.
 */
export function firstMismatch(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
): { index: number; actual: number; expected: number; length: number } | undefined {
  if (actual.length !== expected.length) return { index: -1, actual: actual.length, expected: expected.length, length: -1 }
  for (let i = 0; i < actual.length; i++) {
    if (!Object.is(actual[i], expected[i])) return { index: i, actual: actual[i]!, expected: expected[i]!, length: actual.length }
  }
  return undefined
}

/** The sizes every OpenCV comparison covers, besides 641×479. */
export const SIZES = [
  [1, 1],
  [1, 7],
  [7, 1],
  [7, 5],
  [64, 64],
] as const

/**
 * Frames for an OpenCV comparison: every size of `SIZES` with each channel
 * count and frame kind, then 641×479 with the first channel count on a
 * random frame.
 */
export function* comparisonFrames(type: PixelType, channelCounts: readonly number[] = [1, 3, 4], seed = 1) {
  for (const [width, height] of SIZES) {
    for (const channels of channelCounts) {
      const frame: Frame = { width, height, channels, type }
      for (const kind of FRAME_KINDS) yield { frame, kind, input: makeFrame(frame, kind, seed) }
    }
  }
  const frame: Frame = { width: 641, height: 479, channels: channelCounts[0]!, type }
  yield { frame, kind: 'random' as FrameKind, input: makeFrame(frame, 'random', seed) }
}
