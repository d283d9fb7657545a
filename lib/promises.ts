// Every kernel on the libuv thread pool, as promises: the same arguments as
// the synchronous functions, then `{ signal }` (an aborted signal rejects
// before the kernel starts; a kernel that has started completes). Kernels
// work on copies, as `Pipeline.runAsync` does: the inputs are copied when
// the call starts and the result into `output` when it settles
// (`ERR_PIXCHAIN_DETACHED` if `output` lost its memory meanwhile).
//
// This module is `promises` on the main entry, and `pixchain/promises`.

import { throwIfFailed, type RunSettled } from './errors'
import { checkedBatch, frameSamples } from './batch'
import type { ThresholdOptions, ToTensorOptions } from './kernel-options'
import { native, nativeBinaryOp, nativeOp, nativeSpec, stridedSpec } from './native'
import { checkedPercentiles, clipKernel, histogramRules, perChannel, shapeHistogram, shapeStats, type HistogramOptions, type Stats } from './measure'
import type * as oneShot from './one-shot'
import { planesOf } from './one-shot'
import { checkOptions, signalToStart, type BinaryOpName, type OpName } from './options'
import type { ImageSpec, LooseImageSpec, PixelArray, RunAsyncOptions } from './types'

/** The promise form of a one-shot kernel `F`: it resolves to the `output` passed, typed as given. */
type Promised<F> = F extends (input: PixelArray, output: never, spec: ImageSpec | LooseImageSpec, ...options: infer A) => unknown
  ? <T extends PixelArray>(input: PixelArray, output: T, spec: ImageSpec | LooseImageSpec, ...rest: [...options: A, run?: RunAsyncOptions]) => Promise<T>
  : never

/** Runs `kernel` on the thread pool over copies of its frames. */
function promised<F>(kernel: OpName): Promised<F> {
  return (async (input: PixelArray, output: PixelArray, spec: ImageSpec, options: unknown = {}, run: RunAsyncOptions = {}) => {
    signalToStart('promises', run)
    const [frame, stride] = stridedSpec(spec)
    throwIfFailed(await native.runKernelAsync(nativeOp(kernel, options), input, output, frame, stride))
    return output
  }) as unknown as Promised<F>
}

/** The promise form of a two-image kernel `F`: it resolves to the `output` passed, typed as given. */
type PromisedTwo<F> = F extends (a: PixelArray, b: PixelArray, output: never, spec: ImageSpec | LooseImageSpec, ...options: infer A) => unknown
  ? <T extends PixelArray>(
      a: PixelArray,
      b: PixelArray,
      output: T,
      spec: ImageSpec | LooseImageSpec,
      ...rest: [...options: A, run?: RunAsyncOptions]
    ) => Promise<T>
  : never

/** Runs the two-image `op` on the thread pool. */
function promisedTwo<F>(op: BinaryOpName): PromisedTwo<F> {
  return (async (a: PixelArray, b: PixelArray, output: PixelArray, spec: ImageSpec, options: unknown = {}, run: RunAsyncOptions = {}) => {
    signalToStart('promises', run)
    throwIfFailed(await native.runBinaryKernelAsync(nativeBinaryOp(op, options), a, b, output, nativeSpec(spec)))
    return output
  }) as unknown as PromisedTwo<F>
}

const clipMinMax = promised<typeof oneShot.clip>('clip')
const clipByPercentiles = promised<typeof oneShot.clip>('clipPercentiles')

/** `clip` on the thread pool (by percentiles too); resolves to `output`. */
export const clip: typeof clipMinMax = (input, output, spec, options = {}, run = {}) =>
  (clipKernel(options) === 'clip' ? clipMinMax : clipByPercentiles)(input, output, spec, options, run)

/** `linear` on the thread pool; resolves to `output`. */
export const linear = promised<typeof oneShot.linear>('linear')

/** `threshold` on the thread pool; resolves to `output`. */
export const threshold = promised<typeof oneShot.threshold>('threshold')

/** `invert` on the thread pool; resolves to `output`. */
export const invert = promised<typeof oneShot.invert>('invert')

/** `gamma` on the thread pool; resolves to `output`. */
export const gamma = promised<typeof oneShot.gamma>('gamma')

/** `grayscale` on the thread pool; resolves to `output`. */
export const grayscale = promised<typeof oneShot.grayscale>('grayscale')

/** `normalize` on the thread pool; resolves to `output`. */
export const normalize = promised<typeof oneShot.normalize>('normalize')

/** `convert` on the thread pool; resolves to `output`. */
export const convert = promised<typeof oneShot.convert>('convert')

/** `gaussianBlur` on the thread pool; resolves to `output`. */
export const gaussianBlur = promised<typeof oneShot.gaussianBlur>('gaussianBlur')

/** `boxBlur` on the thread pool; resolves to `output`. */
export const boxBlur = promised<typeof oneShot.boxBlur>('boxBlur')

/** `sobel` on the thread pool; resolves to `output`. */
export const sobel = promised<typeof oneShot.sobel>('sobel')

/** `convolve` on the thread pool; resolves to `output`. */
export const convolve = promised<typeof oneShot.convolve>('convolve')

/** `medianBlur` on the thread pool; resolves to `output`. */
export const medianBlur = promised<typeof oneShot.medianBlur>('medianBlur')

/** `erode` on the thread pool; resolves to `output`. */
export const erode = promised<typeof oneShot.erode>('erode')

/** `dilate` on the thread pool; resolves to `output`. */
export const dilate = promised<typeof oneShot.dilate>('dilate')

/** `morphology` on the thread pool; resolves to `output`. */
export const morphology = promised<typeof oneShot.morphology>('morphology')

/** `laplacian` on the thread pool; resolves to `output`. */
export const laplacian = promised<typeof oneShot.laplacian>('laplacian')

/** `scharr` on the thread pool; resolves to `output`. */
export const scharr = promised<typeof oneShot.scharr>('scharr')

/** `equalizeHist` on the thread pool; resolves to `output`. */
export const equalizeHist = promised<typeof oneShot.equalizeHist>('equalizeHist')

/** `clahe` on the thread pool; resolves to `output`. */
export const clahe = promised<typeof oneShot.clahe>('clahe')

/** `flip` on the thread pool; resolves to `output`. */
export const flip = promised<typeof oneShot.flip>('flip')

/** `rotate` on the thread pool; resolves to `output`. */
export const rotate = promised<typeof oneShot.rotate>('rotate')

/** `transpose` on the thread pool; resolves to `output`. */
export const transpose = promised<typeof oneShot.transpose>('transpose')

/** `pad` on the thread pool; resolves to `output`. */
export const pad = promised<typeof oneShot.pad>('pad')

/** `crop` on the thread pool; resolves to `output`. */
export const crop = promised<typeof oneShot.crop>('crop')

/** `resize` on the thread pool; resolves to `output`. */
export const resize = promised<typeof oneShot.resize>('resize')

/** `toTensor` on the thread pool; resolves to `output`. */
export const toTensor = promised<typeof oneShot.toTensor>('toTensor')

/**
 * `toTensorBatch` on the thread pool, one frame after the other; resolves to
 * `output`. Every frame is checked before the first runs; once the first
 * has started, the batch completes.
 */
export async function toTensorBatch<T extends Float32Array>(
  inputs: readonly PixelArray[],
  output: T,
  spec: ImageSpec | LooseImageSpec,
  options: ToTensorOptions = {},
  run: RunAsyncOptions = {},
): Promise<T> {
  signalToStart('promises', run)
  const parts = checkedBatch(inputs, output, frameSamples(spec))
  for (const [i, input] of inputs.entries()) await toTensor(input, parts[i]!, spec, options)
  return output
}

/** `add` on the thread pool; resolves to `output`. */
export const add = promisedTwo<typeof oneShot.add>('add')

/** `subtract` on the thread pool; resolves to `output`. */
export const subtract = promisedTwo<typeof oneShot.subtract>('subtract')

/** `absdiff` on the thread pool; resolves to `output`. */
export const absdiff = promisedTwo<typeof oneShot.absdiff>('absdiff')

/** `multiply` on the thread pool; resolves to `output`. */
export const multiply = promisedTwo<typeof oneShot.multiply>('multiply')

/** `addWeighted` on the thread pool; resolves to `output`. */
export const addWeighted = promisedTwo<typeof oneShot.addWeighted>('addWeighted')

/** `otsuThreshold` on the thread pool; resolves to Otsu's level. */
export async function otsuThreshold(input: PixelArray, spec: ImageSpec | LooseImageSpec, run: RunAsyncOptions = {}): Promise<number> {
  signalToStart('promises', run)
  return throwIfFailed(await native.otsuThresholdAsync(input, nativeSpec(spec))) as number
}

/**
 * `thresholdOtsu` on the thread pool; resolves to the level it chose. Otsu's
 * level, then the threshold at it, in one run over one copy of the input (a
 * second call would read the input again after the first settled, when it
 * may have been moved).
 */
export async function thresholdOtsu(
  input: PixelArray,
  output: PixelArray,
  spec: ImageSpec | LooseImageSpec,
  options: Omit<ThresholdOptions, 'thresh'> = {},
  run: RunAsyncOptions = {},
): Promise<number> {
  signalToStart('promises', run)
  // As `thresholdOtsu` does; the level replaces `thresh` in the run.
  const op = nativeOp('threshold', { ...options, thresh: 0 })
  return throwIfFailed(await native.thresholdOtsuAsync(op, input, output, nativeSpec(spec))) as number
}

/** The figures of a settled measurement, or its failure thrown. */
function figures(outcome: RunSettled & { values?: Float64Array | null }): Float64Array {
  throwIfFailed(outcome)
  return outcome.values ?? new Float64Array(0)
}

/** `stats` on the thread pool, over a copy of `input`; resolves to the figures. */
export async function stats(input: PixelArray, spec: ImageSpec | LooseImageSpec, run: RunAsyncOptions = {}): Promise<Stats> {
  signalToStart('promises', run)
  return shapeStats(figures(await native.statsAsync(input, nativeSpec(spec))))
}

/** `histogram` on the thread pool, over a copy of `input`; resolves to one Uint32Array per channel. */
export async function histogram(
  input: PixelArray,
  spec: ImageSpec | LooseImageSpec,
  options: HistogramOptions = {},
  run: RunAsyncOptions = {},
): Promise<Uint32Array[]> {
  signalToStart('promises', run)
  const { bins, min, max } = checkOptions('histogram', options, histogramRules)
  const checked = nativeSpec(spec)
  return shapeHistogram(figures(await native.histogramAsync(input, checked, bins, min, max)), checked.channels)
}

/** `percentiles` on the thread pool, over a copy of `input`; resolves to the values per channel. */
export async function percentiles(
  input: PixelArray,
  spec: ImageSpec | LooseImageSpec,
  percentiles: readonly number[],
  run: RunAsyncOptions = {},
): Promise<number[][]> {
  signalToStart('promises', run)
  const checked = nativeSpec(spec)
  return perChannel(figures(await native.percentilesAsync(input, checked, checkedPercentiles(percentiles))), checked.channels)
}

/** `extractChannel` on the thread pool; resolves to `output`. */
export const extractChannel = promised<typeof oneShot.extractChannel>('extractChannel')

/** `reorderChannels` on the thread pool; resolves to `output`. */
export const reorderChannels = promised<typeof oneShot.reorderChannels>('reorderChannels')

/** `mergeChannels` on the thread pool over copies of the planes; resolves to `output`. */
export async function mergeChannels<T extends PixelArray>(
  inputs: readonly PixelArray[],
  output: T,
  spec: ImageSpec | LooseImageSpec,
  run: RunAsyncOptions = {},
): Promise<T> {
  signalToStart('promises', run)
  throwIfFailed(await native.mergeChannelsAsync(planesOf(inputs), output, nativeSpec(spec)))
  return output
}
