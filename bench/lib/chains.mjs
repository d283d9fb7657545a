// The chains `npm run bench:chains` times. Each is a list of steps in
// Pipeline terms; the same list drives the Pipeline, pixchain's one-shot
// kernels and cv2 (bench/cross/chains.py), and one buffer plan gives the
// one-shots and cv2 the same preallocated intermediates.

import { PIXEL_TYPES } from './frames.mjs'

export const CHAINS = [
  {
    id: 'u8-threshold',
    label: 'u8: gaussian σ1.5 → clip → linear → median 3 → threshold',
    input: { type: 'u8', channels: 1 },
    steps: [
      ['gaussianBlur', { sigma: 1.5 }],
      ['clip', { min: 20, max: 235 }],
      ['linear', { a: 1.2, b: -10 }],
      ['medianBlur', { ksize: 3 }],
      ['threshold', { thresh: 128 }],
    ],
  },
  {
    id: 'u16-f32-u8',
    label: 'u16: gaussian σ2 → clip → convert f32 → gaussian σ1 → convert u8',
    input: { type: 'u16', channels: 1 },
    steps: [
      ['gaussianBlur', { sigma: 2 }],
      ['clip', { min: 1000, max: 60000 }],
      ['convert', { type: 'f32', scale: 1 / 65535 }],
      ['gaussianBlur', { sigma: 1 }],
      ['convert', { type: 'u8', scale: 255 }],
    ],
  },
  {
    id: 'rgb-gray-f32',
    label: 'RGB u8 → grayscale → gaussian σ1 → convert f32 (scale, offset)',
    input: { type: 'u8', channels: 3 },
    steps: [
      ['grayscale', { order: 'rgb' }],
      ['gaussianBlur', { sigma: 1 }],
      ['convert', { type: 'f32', scale: 1 / 255, offset: -0.5 }],
    ],
  },
  {
    id: 'unsharp',
    label: 'unsharp mask (gaussian σ3, addWeighted with the input)',
    input: { type: 'u8', channels: 1 },
    // alpha weighs the current (blurred) frame, beta the other: 1.5·input − 0.5·blur.
    steps: [
      ['gaussianBlur', { sigma: 3 }],
      ['addWeighted', { other: 'input', alpha: -0.5, beta: 1.5, gamma: 0 }],
    ],
  },
  {
    id: 'twelve-steps',
    label: '12 steps u16 → f32 → u8',
    input: { type: 'u16', channels: 1 },
    steps: [
      ['gaussianBlur', { sigma: 1 }],
      ['clip', { min: 1000, max: 60000 }],
      ['linear', { a: 1.1, b: -500 }],
      ['medianBlur', { ksize: 3 }],
      ['convert', { type: 'f32', scale: 1 / 65535 }],
      ['gaussianBlur', { sigma: 0.8 }],
      ['linear', { a: 2, b: -0.5 }],
      ['clip', { min: 0, max: 1 }],
      ['convert', { type: 'u8', scale: 255 }],
      ['medianBlur', { ksize: 5 }],
      ['threshold', { thresh: 100 }],
      ['gaussianBlur', { sigma: 1.5 }],
    ],
  },
  {
    id: 'dog',
    label: 'difference of Gaussians',
    input: { type: 'u8', channels: 1 },
    steps: [
      ['gaussianBlur', { sigma: 1 }],
      ['save', 'g1'],
      ['from', 'input'],
      ['gaussianBlur', { sigma: 2 }],
      ['absdiff', { other: 'g1' }],
    ],
  },
]

const BINARY = new Set(['add', 'subtract', 'absdiff', 'multiply', 'addWeighted'])

function outSpecOf(op, options, spec) {
  if (op === 'convert') return { ...spec, type: options.type ?? spec.type }
  if (op === 'grayscale') return { ...spec, channels: 1 }
  return spec
}

export function frameBytesOf({ width, height, channels, type }) {
  return width * height * channels * PIXEL_TYPES[type].Array.BYTES_PER_ELEMENT
}

/**
 * The chain as calls on frames: each step reads `src` (and `other`) and
 * writes `dst`, each 'input', 'output' or the index of a slot, a
 * preallocated intermediate. A slot is reused once its last reader ran, as
 * a careful one-shot caller would: a straight chain needs two per pixel type.
 */
export function planChain(chain, spec) {
  // First pass: the values each step reads and produces, and each value's last reader.
  const values = [spec]
  const names = new Map([['input', 0]])
  let current = 0
  const calls = []
  for (const [op, arg] of chain.steps) {
    if (op === 'save') names.set(arg, current)
    else if (op === 'from') current = names.get(arg)
    else {
      const { other, ...options } = arg
      const reads = BINARY.has(op) ? [current, names.get(other)] : [current]
      values.push(outSpecOf(op, options, values[current]))
      calls.push({ op, options, reads, value: values.length - 1 })
      current = values.length - 1
    }
  }
  if (calls.at(-1)?.value !== current) throw new Error(`${chain.id}: the chain must end with a kernel step`)
  const lastRead = new Map()
  calls.forEach((c, i) => c.reads.forEach((v) => lastRead.set(v, i)))

  // Second pass: a slot per value, from a free list per pixel type and channel count.
  const slots = []
  const free = new Map()
  const where = new Map([[0, 'input']])
  const steps = calls.map((c, i) => {
    const out = values[c.value]
    let dst = 'output'
    if (i < calls.length - 1) {
      const key = `${out.type}/${out.channels}`
      dst = free.get(key)?.pop() ?? slots.push({ type: out.type, channels: out.channels }) - 1
      where.set(c.value, dst)
    }
    for (const v of new Set(c.reads)) {
      const slot = where.get(v)
      if (lastRead.get(v) === i && typeof slot === 'number') {
        const key = `${values[v].type}/${values[v].channels}`
        free.set(key, [...(free.get(key) ?? []), slot])
      }
    }
    const [src, other] = c.reads.map((v) => where.get(v))
    return { op: c.op, options: c.options, src, ...(other !== undefined && { other }), dst, spec: values[c.reads[0]], outSpec: out }
  })
  const slotBytes = slots.reduce((sum, s) => sum + frameBytesOf({ ...spec, ...s }), 0)
  return { input: spec, output: values[current], slots, slotBytes, steps }
}

/** The chain as a Pipeline, planned now; `threads` undefined takes the process default. */
export function buildPipeline(px, chain, spec, threads) {
  let pipeline = new px.Pipeline(spec, threads === undefined ? {} : { threads })
  for (const [op, arg] of chain.steps) pipeline = pipeline[op](arg)
  return pipeline.compile()
}

/** The chain as one-shot calls into the plan's slots, allocated here once. */
export function bindOneShots(px, plan, input, output) {
  const { width, height } = plan.input
  const slots = plan.slots.map((s) => new PIXEL_TYPES[s.type].Array(width * height * s.channels))
  const frame = (ref) => (ref === 'input' ? input : ref === 'output' ? output : slots[ref])
  const calls = plan.steps.map((s) => {
    const [src, dst] = [frame(s.src), frame(s.dst)]
    if (s.other === undefined) return () => px[s.op](src, dst, s.spec, s.options)
    const other = frame(s.other)
    return () => px[s.op](src, other, dst, s.spec, s.options)
  })
  return {
    run() {
      for (const call of calls) call()
    },
    bytes: plan.slotBytes,
  }
}

/** A zeroed array for a frame of `spec`. */
export function allocateFrame({ width, height, channels, type }) {
  return new PIXEL_TYPES[type].Array(width * height * channels)
}
