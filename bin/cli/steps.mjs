// The step grammar of the command line: `name[:arg,arg,…]`, where each arg
// is a value for the kernel's next positional parameter or `key=value`.
// Lists (convolution taps) separate their numbers with `/`. The table below
// is what `pixchain --help` prints, with each default read from the library
// (`kernelDefaults()`); the library checks every value.

import { describeDefault } from './option-defaults.mjs'
import { UsageError } from './usage.mjs'

/**
 * Every step: the Pipeline method, short names, the parameters a bare value
 * fills in order, and the help: its parameters (each a name, then what it
 * takes; the help adds its default) and a summary.
 */
export const STEPS = [
  {
    method: 'clip',
    positional: ['min', 'max'],
    lists: ['min', 'max'],
    params: ['min', 'max (a/b/… per channel)', 'or percentiles=low/high'],
    summary: 'clamp every sample into [min, max], or each channel between two of its percentiles',
  },
  { method: 'linear', positional: ['a', 'b'], lists: ['a', 'b'], params: ['a', 'b (a/b/… per channel)'], summary: 'saturate(a·x + b)' },
  {
    method: 'threshold',
    positional: ['thresh', 'maxval', 'kind'],
    lists: ['thresh', 'maxval'],
    params: ['thresh', 'maxval', 'kind binary|binaryInv|trunc|toZero|toZeroInv'],
    summary: "OpenCV's fixed-level threshold",
  },
  { method: 'invert', positional: ['min', 'max'], params: ['min, max (the type range)'], summary: 'min + max − x' },
  { method: 'gamma', positional: ['gamma'], params: ['gamma > 0'], summary: 'x^gamma over the type range' },
  { method: 'grayscale', aliases: ['gray'], positional: ['order'], params: ['order rgb|bgr|rgba|bgra'], summary: 'luma of a colour frame, one channel' },
  {
    method: 'normalize',
    positional: ['kind', 'min', 'max'],
    params: ['kind minmax|zscore', 'min', 'max', 'perChannel true|false (zscore)'],
    summary: 'stretch onto [min, max], or (x − mean)/std into f32',
  },
  {
    method: 'convert',
    positional: ['type', 'scale', 'offset'],
    params: ['type u8|u16|i16|f32', 'scale', 'offset', 'abs true|false (convertScaleAbs, into u8)'],
    summary: 'saturate(x·scale + offset) into another pixel type',
  },
  {
    method: 'gaussianBlur',
    aliases: ['gaussian', 'blur'],
    positional: ['sigma'],
    params: ['sigma', 'sigmaY', 'ksize odd', 'border', 'borderValue'],
    summary: 'Gaussian blur, bit-exact with OpenCV for u8 and u16',
  },
  {
    method: 'boxBlur',
    aliases: ['box'],
    positional: ['ksize', 'ksizeY'],
    params: ['ksize', 'ksizeY', 'border', 'borderValue'],
    summary: 'mean over a box window',
  },
  { method: 'medianBlur', aliases: ['median'], positional: ['ksize'], params: ['ksize odd 3–255'], summary: 'median over a square window' },
  {
    method: 'sobel',
    positional: ['dx', 'dy', 'ksize'],
    params: ['dx', 'dy', 'ksize 3|5', 'type i16|f32', 'border', 'borderValue'],
    summary: 'first derivative into i16 or f32',
  },
  {
    method: 'convolve',
    positional: [],
    params: ['kernel=a/b/…', 'kernelWidth', 'or row=a/b/…, column=a/b/…;', 'type', 'border', 'borderValue'],
    summary: 'correlation with a 2-D or separable kernel',
  },
  { method: 'save', positional: ['name'], params: ['name'], summary: 'name the current result (graphs)', graph: true },
  { method: 'from', positional: ['name'], params: ["name, or 'input'"], summary: 'continue from a saved result', graph: true },
  { method: 'add', positional: ['other'], params: ["other: a saved name or 'input'"], summary: 'saturate(x + other)' },
  { method: 'subtract', positional: ['other'], params: ['other'], summary: 'saturate(x − other)' },
  { method: 'absdiff', positional: ['other'], params: ['other'], summary: 'saturate(|x − other|)' },
  { method: 'multiply', positional: ['other', 'scale'], params: ['other', 'scale'], summary: 'saturate(scale·x·other)' },
  {
    method: 'addWeighted',
    positional: ['other', 'alpha', 'beta', 'gamma'],
    params: ['other', 'alpha', 'beta', 'gamma'],
    summary: 'saturate(alpha·x + beta·other + gamma)',
  },
  {
    method: 'erode',
    positional: ['ksize', 'ksizeY'],
    params: ['ksize 1–255', 'ksizeY', 'shape rect|cross|ellipse', 'iterations', 'border', 'borderValue'],
    summary: 'the least sample under a structuring element',
  },
  {
    method: 'dilate',
    positional: ['ksize', 'ksizeY'],
    params: ['ksize 1–255', 'ksizeY', 'shape rect|cross|ellipse', 'iterations', 'border', 'borderValue'],
    summary: 'the greatest sample under a structuring element',
  },
  {
    method: 'morphology',
    aliases: ['morph'],
    positional: ['op', 'ksize', 'ksizeY'],
    params: ['op open|close|gradient|tophat|blackhat|erode|dilate', 'ksize', 'ksizeY', 'shape', 'iterations', 'border', 'borderValue'],
    summary: "OpenCV's morphologyEx",
  },
  {
    method: 'laplacian',
    positional: ['ksize'],
    params: ['ksize 1|3|5', 'type i16|f32', 'border', 'borderValue'],
    summary: 'sum of second derivatives into i16 or f32',
  },
  {
    method: 'scharr',
    positional: ['dx', 'dy'],
    params: ['dx', 'dy', 'type i16|f32', 'border', 'borderValue'],
    summary: "first derivative with Scharr's kernels into i16 or f32",
  },
  { method: 'equalizeHist', aliases: ['equalize'], positional: [], params: [], summary: 'histogram equalization, 1-channel u8' },
  {
    method: 'clahe',
    positional: ['clipLimit'],
    params: ['clipLimit', 'tiles=x/y'],
    summary: 'contrast-limited adaptive equalization, 1-channel u8 or u16',
  },
  { method: 'flip', positional: ['direction'], params: ['direction horizontal|vertical|both'], summary: "mirror the frame (OpenCV's flip)" },
  { method: 'rotate', positional: ['angle'], params: ['angle 90|180|270'], summary: 'turn the frame clockwise' },
  { method: 'transpose', positional: [], params: [], summary: 'rows become columns' },
  {
    method: 'pad',
    positional: ['top', 'bottom', 'left', 'right'],
    params: ['top', 'bottom', 'left', 'right', 'border', 'borderValue'],
    summary: "frame by a border (OpenCV's copyMakeBorder)",
  },
  { method: 'crop', positional: ['x', 'y', 'width', 'height'], params: ['x', 'y', 'width', 'height'], summary: 'keep a rectangle of the frame' },
  { method: 'extractChannel', aliases: ['channel'], positional: ['channel'], params: ['channel'], summary: 'one channel of the frame' },
  {
    method: 'reorderChannels',
    aliases: ['reorder'],
    positional: ['order'],
    lists: ['order'],
    params: ['order a/b/c (input channel of each output channel)'],
    summary: 'channels reordered, repeated or dropped',
  },
  { method: 'mergeChannels', aliases: ['merge'], positional: ['other'], params: ['other (one channel)'], summary: 'append other as a last channel' },
  {
    method: 'resize',
    positional: ['width', 'height', 'interpolation'],
    params: ['width', 'height', 'interpolation nearest|nearestExact|linear|linearExact|area|cubic'],
    summary: "to width × height, as OpenCV's resize",
  },
  {
    method: 'toTensor',
    aliases: ['tensor'],
    positional: ['layout'],
    lists: ['mean', 'std'],
    params: ['layout chw|hwc', 'scale', 'mean (a/b/… per channel)', 'std (a/b/… per channel)', 'swapRB true|false'],
    summary: '(x·scale − mean)/std into f32, planar or interleaved',
  },
]

const LIST_PARAMS = new Set(['kernel', 'row', 'column', 'tiles', 'percentiles'])
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i

const byName = new Map()
for (const step of STEPS) {
  for (const name of [step.method, ...(step.aliases ?? [])]) byName.set(name.toLowerCase(), step)
}

/** Whether a command-line word names a step (`median`, `clip:10,200`, …). */
export function isStep(word) {
  return byName.has(word.split(':', 1)[0].toLowerCase())
}

/** A step word as `{ method, options, graph, text }`, or a UsageError naming what is wrong. */
export function parseStep(word) {
  const colon = word.indexOf(':')
  const name = colon < 0 ? word : word.slice(0, colon)
  const step = byName.get(name.toLowerCase())
  if (!step) throw new UsageError(`pixchain: unknown step '${name}' (see 'pixchain --help')`)
  const args = colon < 0 || colon === word.length - 1 ? [] : word.slice(colon + 1).split(',')
  const options = {}
  let next = 0
  for (const arg of args) {
    const eq = arg.indexOf('=')
    let key
    if (eq >= 0) {
      key = arg.slice(0, eq)
    } else {
      key = step.positional[next++]
      if (key === undefined) {
        throw new UsageError(`pixchain: ${word}: ${step.method} takes ${step.positional.length} value(s) without a name, got ${args.filter((a) => !a.includes('=')).length}`)
      }
    }
    const text = eq >= 0 ? arg.slice(eq + 1) : arg
    if (key === '' || text === '') throw new UsageError(`pixchain: ${word}: expected key=value or a value, got '${arg}'`)
    options[key] = valueOf(key, text, step)
  }
  return { method: step.method, options, graph: step.graph === true, text: word }
}

function valueOf(key, text, step) {
  // Per-channel values are lists only when written as one (`a=1/2/3`).
  if (LIST_PARAMS.has(key) || (step.lists?.includes(key) && text.includes('/'))) return text.split('/').map((part) => (NUMBER.test(part) ? Number(part) : part))
  if (NUMBER.test(text)) return Number(text)
  if (text === 'true' || text === 'false') return text === 'true'
  return text
}

/** Adds a parsed step to a Pipeline. */
export function addStep(pipeline, { method, options, graph }) {
  if (graph) return pipeline[method](options.name === undefined ? undefined : String(options.name))
  return pipeline[method](options)
}

/**
 * The kernel list of `pixchain --help`: syntax and summary, then the
 * parameters, each with its default from `defaults` (`kernelDefaults()`).
 */
export function stepsHelp(defaults) {
  return STEPS.map((step) => {
    const syntax = step.positional.length > 0 ? `:${step.positional.join(',')}` : ':key=value,…'
    const head = `${step.method}${syntax}${step.aliases ? ` (or ${step.aliases.join(', ')})` : ''}`
    return `  ${head.padEnd(40)} ${step.summary}\n  ${''.padEnd(40)} ${paramsHelp(step, defaults[step.method] ?? {})}`
  }).join('\n')
}

/** A step's parameters as the help lists them: `ksize odd (3)`. */
function paramsHelp(step, defaults) {
  return step.params
    .map((param) => {
      const name = /^\w+/.exec(param)?.[0]
      return name !== undefined && name in defaults ? `${param} (${describeDefault(defaults[name])})` : param
    })
    .join(', ')
    .replaceAll(';,', ';')
}
