// What the suite measures: each kernel with the parameters every peer
// receives, expanded over pixel types and channel counts. The Python peers
// read the same case list (ids and params) from the manifest.

import { PIXEL_TYPES } from './frames.mjs'

export const WIDTH = 3840
export const HEIGHT = 2160

const ALL_TYPES = ['u8', 'u16', 'f32']
const BOTH = [1, 3]

/** A level between the samples, as the old bench: 127.5, 32767.5, 0.5. */
const half = (type) => PIXEL_TYPES[type].max / 2

/** Clip bounds at 10% and 90% of the range, whole numbers for integer types. */
function clipBounds(type) {
  const { max } = PIXEL_TYPES[type]
  return type === 'f32' ? { min: 0.1, max: 0.9 } : { min: Math.round(max * 0.1), max: Math.round(max * 0.9) }
}

/**
 * `params` are given to every peer; `quick` marks the kernels of `--quick`.
 * Gaussian taps are pixchain's default for σ = 2 (OpenCV's rule):
 * 13 for u8, 17 otherwise.
 */
export const KERNELS = [
  {
    kernel: 'gaussianBlur',
    label: 'gaussianBlur σ=2',
    quick: true,
    params: (type) => ({ sigma: 2, ksize: type === 'u8' ? 13 : 17 }),
  },
  { kernel: 'medianBlur3', label: 'medianBlur 3', quick: true, params: () => ({ ksize: 3 }) },
  { kernel: 'medianBlur5', label: 'medianBlur 5', params: () => ({ ksize: 5 }) },
  { kernel: 'boxBlur', label: 'boxBlur 5×5', quick: true, params: () => ({ ksize: 5 }) },
  {
    kernel: 'threshold',
    label: 'threshold binary',
    quick: true,
    params: (type) => ({ thresh: half(type), maxval: PIXEL_TYPES[type].max }),
  },
  { kernel: 'linear', label: 'linear 1.25·x + 3', params: () => ({ a: 1.25, b: 3 }) },
  { kernel: 'clip', label: 'clip 10%–90%', params: clipBounds },
  { kernel: 'convert', label: 'convert ×0.5 (same type)', params: (type) => ({ type, scale: 0.5 }) },
  {
    kernel: 'convertF32',
    label: 'convert → f32',
    quick: true,
    types: ['u8', 'u16'], // f32 → f32 is the same-type row
    params: (type) => ({ type: 'f32', scale: 1 / PIXEL_TYPES[type].max }),
  },
  {
    kernel: 'grayscale',
    label: 'grayscale (3 → 1 ch)',
    quick: true,
    channels: [3],
    outChannels: 1,
    params: () => ({ order: 'rgb' }),
  },
  { kernel: 'copy', label: 'memory copy', quick: true, baseline: true, params: () => ({}) },
  { kernel: 'erode3', label: 'erode 3×3', quick: true, params: () => ({ ksize: 3 }) },
  { kernel: 'erode15', label: 'erode 15×15', params: () => ({ ksize: 15 }) },
  { kernel: 'dilate3', label: 'dilate 3×3', params: () => ({ ksize: 3 }) },
  { kernel: 'dilate15', label: 'dilate 15×15', params: () => ({ ksize: 15 }) },
  { kernel: 'equalizeHist', label: 'equalizeHist', types: ['u8'], channels: [1], params: () => ({}) },
  // Resizes read a frame of `from` (the top-left of the suite's frame, or
  // its first samples where a peer needs them contiguous) and write one of
  // `width × height`.
  {
    kernel: 'resizeDown',
    label: 'resize 3840×2160 → 1920×1080 linear',
    types: ['u8'],
    channels: [3],
    params: () => ({ width: WIDTH / 2, height: HEIGHT / 2, interpolation: 'linear', from: { width: WIDTH, height: HEIGHT } }),
  },
  {
    kernel: 'resizeDownArea',
    label: 'resize 3840×2160 → 1920×1080 area',
    types: ['u8'],
    channels: [3],
    params: () => ({ width: WIDTH / 2, height: HEIGHT / 2, interpolation: 'area', from: { width: WIDTH, height: HEIGHT } }),
  },
  {
    kernel: 'resizeUp',
    label: 'resize 1920×1080 → 3840×2160 linear',
    types: ['u8'],
    channels: [3],
    params: () => ({ width: WIDTH, height: HEIGHT, interpolation: 'linear', from: { width: WIDTH / 2, height: HEIGHT / 2 } }),
  },
  {
    kernel: 'toTensor',
    label: 'toTensor (ImageNet mean/std, CHW f32)',
    types: ['u8'],
    channels: [3],
    params: () => ({ type: 'f32', scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] }),
  },
]

/**
 * Every measured case: one kernel on one pixel type and channel count.
 * `--quick` keeps the marked kernels on one-channel frames (grayscale keeps
 * its three). `only`: substrings of case ids; a case containing none is left out.
 */
export function expandCases({ quick = false, only } = {}) {
  const cases = []
  for (const k of KERNELS) {
    if (quick && !k.quick) continue
    for (const type of k.types ?? ALL_TYPES) {
      const channelCounts = k.channels ?? (quick ? [1] : BOTH)
      for (const channels of channelCounts) {
        const params = k.params(type)
        const id = `${k.kernel}/${type}/c${channels}`
        if (only && !only.some((part) => id.includes(part))) continue
        cases.push({
          id,
          kernel: k.kernel,
          label: k.label,
          baseline: Boolean(k.baseline),
          type,
          channels,
          outType: params.type ?? type,
          outChannels: k.outChannels ?? channels,
          params,
        })
      }
    }
  }
  return cases
}

/** Cases grouped by input frame, so each frame is generated once. */
export function groupByFrame(cases, { width = WIDTH, height = HEIGHT } = {}) {
  const groups = new Map()
  for (const c of cases) {
    const key = `${c.type}/${c.channels}`
    if (!groups.has(key)) groups.set(key, { spec: { width, height, channels: c.channels, type: c.type }, cases: [] })
    groups.get(key).cases.push(c)
  }
  return [...groups.values()]
}
