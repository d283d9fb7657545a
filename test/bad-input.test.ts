// Bad input: every case throws an Error with its documented code and a
// message naming what was expected and what was given, and leaves the
// output untouched.

import { describe, expect, it } from 'vitest'

import { px } from './pixchain'

const spec = { width: 4, height: 3, channels: 1, type: 'u8' } as const
const n = 12

interface Case {
  name: string
  code: string
  /** Runs the call; writes (if anything) into `output`. */
  call: (output: Uint8Array) => unknown
}

const input = () => new Uint8Array(n).map((_, i) => i * 9)
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const loose = px as any

function detached(): Uint8Array {
  const array = new Uint8Array(n)
  structuredClone(array.buffer, { transfer: [array.buffer] })
  return array
}

function disposedPipeline() {
  const pipeline = new px.Pipeline(spec).clip({ max: 9 })
  pipeline.dispose()
  return pipeline
}

function disposedBuffers() {
  const bufs = new px.ImageBuffers(spec)
  bufs.dispose()
  return bufs
}

const cases: Case[] = [
  // lengths
  { name: 'short input', code: 'ERR_PIXCHAIN_LENGTH', call: (out) => px.clip(new Uint8Array(n - 1), out, spec) },
  { name: 'long input', code: 'ERR_PIXCHAIN_LENGTH', call: (out) => px.clip(new Uint8Array(n + 1), out, spec) },
  { name: 'short output', code: 'ERR_PIXCHAIN_LENGTH', call: (out) => px.clip(input(), out.subarray(1), spec) },
  { name: 'detached input', code: 'ERR_PIXCHAIN_LENGTH', call: (out) => px.clip(detached(), out, spec) },
  // array kinds
  { name: 'Float32Array input for u8', code: 'ERR_PIXCHAIN_TYPE', call: (out) => px.clip(new Float32Array(n), out, spec) },
  { name: 'Uint16Array input for u8', code: 'ERR_PIXCHAIN_TYPE', call: (out) => px.linear(new Uint16Array(n), out, spec) },
  { name: 'Int16Array output for u16', code: 'ERR_PIXCHAIN_TYPE', call: () => px.clip(new Uint16Array(n), new Int16Array(n), { ...spec, type: 'u16' }) },
  { name: 'convert output of the source type', code: 'ERR_PIXCHAIN_TYPE', call: (out) => px.convert(input(), out, spec, { type: 'f32' }) },
  { name: 'plain array input', code: 'ERR_PIXCHAIN_TYPE', call: (out) => loose.clip(Array.from(input()), out, spec) },
  { name: 'string input', code: 'ERR_PIXCHAIN_TYPE', call: (out) => loose.clip('pixels', out, spec) },
  { name: 'null input', code: 'ERR_PIXCHAIN_TYPE', call: (out) => loose.clip(null, out, spec) },
  { name: 'DataView input', code: 'ERR_PIXCHAIN_TYPE', call: (out) => loose.clip(new DataView(new ArrayBuffer(n)), out, spec) },
  // specs
  { name: 'zero width', code: 'ERR_PIXCHAIN_SPEC', call: (out) => px.clip(input(), out, { ...spec, width: 0 }) },
  { name: 'negative height', code: 'ERR_PIXCHAIN_SPEC', call: (out) => px.clip(input(), out, { ...spec, height: -3 }) },
  { name: 'fractional width', code: 'ERR_PIXCHAIN_SPEC', call: (out) => px.clip(input(), out, { ...spec, width: 4.5 }) },
  { name: 'zero channels', code: 'ERR_PIXCHAIN_SPEC', call: (out) => px.clip(input(), out, { ...spec, channels: 0 }) },
  { name: 'five channels', code: 'ERR_PIXCHAIN_SPEC', call: (out) => px.clip(input(), out, { ...spec, channels: 5 }) },
  { name: 'overflowing size', code: 'ERR_PIXCHAIN_SPEC', call: (out) => px.clip(input(), out, { ...spec, width: 2 ** 31, height: 2 ** 31, channels: 4 }) },
  { name: 'string width', code: 'ERR_PIXCHAIN_SPEC', call: (out) => loose.clip(input(), out, { ...spec, width: '4' }) },
  { name: 'missing spec', code: 'ERR_PIXCHAIN_SPEC', call: (out) => loose.clip(input(), out) },
  { name: 'unknown pixel type', code: 'ERR_PIXCHAIN_SPEC', call: (out) => loose.clip(input(), out, { ...spec, type: 'u32' }) },
  // options
  { name: 'even median size', code: 'ERR_PIXCHAIN_PARAM', call: (out) => px.medianBlur(input(), out, spec, { ksize: 4 }) },
  { name: 'median size 1', code: 'ERR_PIXCHAIN_PARAM', call: (out) => px.medianBlur(input(), out, spec, { ksize: 1 }) },
  { name: 'oversized median', code: 'ERR_PIXCHAIN_PARAM', call: (out) => px.medianBlur(input(), out, spec, { ksize: 257 }) },
  { name: 'negative sigma', code: 'ERR_PIXCHAIN_PARAM', call: (out) => px.gaussianBlur(input(), out, spec, { sigma: -1 }) },
  { name: 'NaN sigma', code: 'ERR_PIXCHAIN_PARAM', call: (out) => px.gaussianBlur(input(), out, spec, { sigma: NaN }) },
  { name: 'infinite sigma', code: 'ERR_PIXCHAIN_PARAM', call: (out) => px.gaussianBlur(input(), out, spec, { sigma: Infinity }) },
  { name: 'string sigma', code: 'ERR_PIXCHAIN_PARAM', call: (out) => loose.gaussianBlur(input(), out, spec, { sigma: '2' }) },
  { name: 'no sigma and no ksize', code: 'ERR_PIXCHAIN_PARAM', call: (out) => px.gaussianBlur(input(), out, spec, {}) },
  { name: 'even Gaussian ksize', code: 'ERR_PIXCHAIN_PARAM', call: (out) => px.gaussianBlur(input(), out, spec, { sigma: 1, ksize: 4 }) },
  { name: 'fractional ksize', code: 'ERR_PIXCHAIN_PARAM', call: (out) => px.gaussianBlur(input(), out, spec, { sigma: 1, ksize: 3.5 }) },
  { name: 'unknown border', code: 'ERR_PIXCHAIN_PARAM', call: (out) => loose.gaussianBlur(input(), out, spec, { sigma: 1, border: 'wrap' }) },
  { name: 'NaN border value', code: 'ERR_PIXCHAIN_PARAM', call: (out) => px.gaussianBlur(input(), out, spec, { sigma: 1, border: 'constant', borderValue: NaN }) },
  { name: 'misspelled option', code: 'ERR_PIXCHAIN_PARAM', call: (out) => loose.gaussianBlur(input(), out, spec, { sgima: 1 }) },
  { name: 'null options', code: 'ERR_PIXCHAIN_PARAM', call: (out) => loose.clip(input(), out, spec, null) },
  { name: 'clip min above max', code: 'ERR_PIXCHAIN_PARAM', call: (out) => px.clip(input(), out, spec, { min: 200, max: 10 }) },
  { name: 'clip NaN bound', code: 'ERR_PIXCHAIN_PARAM', call: (out) => px.clip(input(), out, spec, { max: NaN }) },
  { name: 'linear NaN gain', code: 'ERR_PIXCHAIN_PARAM', call: (out) => px.linear(input(), out, spec, { a: NaN }) },
  { name: 'linear infinite offset', code: 'ERR_PIXCHAIN_PARAM', call: (out) => px.linear(input(), out, spec, { b: -Infinity }) },
  { name: 'string thresh', code: 'ERR_PIXCHAIN_PARAM', call: (out) => loose.threshold(input(), out, spec, { thresh: '9' }) },
  { name: 'unknown threshold kind', code: 'ERR_PIXCHAIN_PARAM', call: (out) => loose.threshold(input(), out, spec, { thresh: 9, kind: 'otsu2' }) },
  { name: 'NaN maxval', code: 'ERR_PIXCHAIN_PARAM', call: (out) => px.threshold(input(), out, spec, { thresh: 9, maxval: NaN }) },
  { name: 'convert to unknown type', code: 'ERR_PIXCHAIN_PARAM', call: (out) => loose.convert(input(), out, spec, { type: 'f64' }) },
  { name: 'convert to a numeric type', code: 'ERR_PIXCHAIN_PARAM', call: (out) => loose.convert(input(), out, spec, { type: 8 }) },
  { name: 'infinite width', code: 'ERR_PIXCHAIN_SPEC', call: (out) => px.clip(input(), out, { ...spec, width: Infinity }) },
  { name: 'NaN channels', code: 'ERR_PIXCHAIN_SPEC', call: (out) => px.clip(input(), out, { ...spec, channels: NaN }) },
  { name: 'box ksize 0', code: 'ERR_PIXCHAIN_PARAM', call: (out) => px.boxBlur(input(), out, spec, { ksize: 0 }) },
  { name: 'oversized box', code: 'ERR_PIXCHAIN_PARAM', call: (out) => px.boxBlur(input(), out, spec, { ksize: 5000 }) },
  { name: 'sobel of order 0 both ways', code: 'ERR_PIXCHAIN_PARAM', call: () => px.sobel(input(), new Int16Array(n), spec, { dx: 0, dy: 0 }) },
  { name: 'sobel ksize 4', code: 'ERR_PIXCHAIN_PARAM', call: () => px.sobel(input(), new Int16Array(n), spec, { ksize: 4 as never }) },
  { name: 'convolve NaN tap', code: 'ERR_PIXCHAIN_PARAM', call: (out) => px.convolve(input(), out, spec, { kernel: [1, NaN, 1], kernelWidth: 3 }) },
  { name: 'convolve taps not a multiple of the width', code: 'ERR_PIXCHAIN_PARAM', call: (out) => px.convolve(input(), out, spec, { kernel: [1, 2, 3, 4], kernelWidth: 3 }) },
  { name: 'grayscale of one channel', code: 'ERR_PIXCHAIN_SHAPE', call: (out) => px.grayscale(input(), out, spec) },
  { name: 'unknown normalize kind', code: 'ERR_PIXCHAIN_PARAM', call: (out) => loose.normalize(input(), out, spec, { kind: 'l2' }) },
  { name: 'gamma 0', code: 'ERR_PIXCHAIN_PARAM', call: (out) => px.gamma(input(), out, spec, { gamma: 0 }) },
  { name: 'invert with min only', code: 'ERR_PIXCHAIN_PARAM', call: (out) => px.invert(input(), out, spec, { min: 3 }) },
  { name: 'Otsu of a u16 frame', code: 'ERR_PIXCHAIN_TYPE', call: () => px.otsuThreshold(new Uint16Array(n), { ...spec, type: 'u16' }) },
  // two-image kernels
  { name: 'other shorter than input', code: 'ERR_PIXCHAIN_LENGTH', call: (out) => px.add(input(), new Uint8Array(n - 2), out, spec) },
  { name: 'other of another kind', code: 'ERR_PIXCHAIN_TYPE', call: (out) => px.subtract(input(), new Int16Array(n), out, spec) },
  { name: 'output is the other operand', code: 'ERR_PIXCHAIN_ALIAS', call: (out) => px.absdiff(input(), out, out, spec) },
  { name: 'addWeighted NaN alpha', code: 'ERR_PIXCHAIN_PARAM', call: (out) => px.addWeighted(input(), input(), out, spec, { alpha: NaN }) },
  // process settings
  { name: 'zero threads', code: 'ERR_PIXCHAIN_PARAM', call: () => px.setThreads(0) },
  { name: 'fractional threads', code: 'ERR_PIXCHAIN_PARAM', call: () => px.setThreads(1.5) },
  { name: 'unknown SIMD path', code: 'ERR_PIXCHAIN_PARAM', call: () => loose.setSimdPath('avx1024') },
  // pipelines
  { name: 'pipeline from an unknown name', code: 'ERR_PIXCHAIN_PARAM', call: () => new px.Pipeline(spec).from('nowhere') },
  { name: 'pipeline add of an unknown name', code: 'ERR_PIXCHAIN_PARAM', call: () => new px.Pipeline(spec).add({ other: 'nowhere' }) },
  { name: 'pipeline save of a number', code: 'ERR_PIXCHAIN_PARAM', call: () => new px.Pipeline(spec).save(3 as never) },
  { name: 'pipeline with zero threads', code: 'ERR_PIXCHAIN_PARAM', call: () => new px.Pipeline(spec, { threads: 0 }) },
  { name: 'pipeline with an unknown resize', code: 'ERR_PIXCHAIN_PARAM', call: () => new px.Pipeline(spec, { resize: 'grow' as never }) },
  { name: 'pipeline step out of range', code: 'ERR_PIXCHAIN_PARAM', call: () => new px.Pipeline(spec).medianBlur({ ksize: 2 }) },
  { name: 'pipeline run with a short input', code: 'ERR_PIXCHAIN_LENGTH', call: (out) => new px.Pipeline(spec).clip({ max: 9 }).run(new Uint8Array(n - 1), out) },
  {
    name: 'pipeline run of another size',
    code: 'ERR_PIXCHAIN_SHAPE',
    call: (out) => new px.Pipeline(spec).clip({ max: 9 }).run(new Uint8Array(8), out.subarray(0, 8), { ...spec, width: 2, height: 4 }),
  },
  { name: 'pipeline run after dispose', code: 'ERR_PIXCHAIN_DISPOSED', call: (out) => disposedPipeline().run(input(), out) },
  { name: 'image buffers after dispose', code: 'ERR_PIXCHAIN_DISPOSED', call: () => disposedBuffers().clip({ max: 3 }) },
  // aliasing
  { name: 'output is the input', code: 'ERR_PIXCHAIN_ALIAS', call: (out) => px.gaussianBlur(out, out, spec, { sigma: 1 }) },
  {
    name: 'two views of one ArrayBuffer overlap',
    code: 'ERR_PIXCHAIN_ALIAS',
    call: (out) => px.clip(new Uint8Array(out.buffer, out.byteOffset + 2, 10), out.subarray(0, 10), { ...spec, width: 10, height: 1 }),
  },
]

describe('bad input', () => {
  it('covers at least 60 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60)
  })

  it.each(cases)('$name → $code, output untouched', ({ code, call }) => {
    const output = new Uint8Array(n).fill(0xab)
    let thrown: unknown
    try {
      call(output)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(Error)
    const error = thrown as Error & { code?: string }
    expect(error.code, error.message).toBe(code)
    expect(error.message).toMatch(/expected .+ got /)
    expect(Array.from(output)).toEqual(new Array(n).fill(0xab))
  })

  it('ImageBuffers refuses bad specs, kinds, lengths and maxType', () => {
    const bufs = new px.ImageBuffers({ width: 2, height: 2, type: 'u16' })
    bufs.load(Uint16Array.from([1, 2, 3, 4]))
    const codeOf = (call: () => unknown) => {
      try {
        call()
      } catch (error) {
        return (error as { code?: string }).code
      }
      return 'no error'
    }
    expect(codeOf(() => bufs.load(new Uint16Array(3)))).toBe('ERR_PIXCHAIN_LENGTH')
    // @ts-expect-error: the typings refuse a u8 frame for u16 buffers too
    expect(codeOf(() => bufs.load(new Uint8Array(8)))).toBe('ERR_PIXCHAIN_TYPE')
    // @ts-expect-error: and an f32 output for a u16 frame
    expect(codeOf(() => bufs.read(new Float32Array(4)))).toBe('ERR_PIXCHAIN_TYPE')
    const output = new Uint16Array(5).fill(7)
    expect(codeOf(() => bufs.read(output))).toBe('ERR_PIXCHAIN_LENGTH')
    expect(Array.from(output)).toEqual([7, 7, 7, 7, 7])
    expect(codeOf(() => new px.ImageBuffers({ width: 2, height: 2, type: 'f32', maxType: 'u8' }))).toBe('ERR_PIXCHAIN_PARAM')
    expect(codeOf(() => new px.ImageBuffers({ width: 0, height: 2, type: 'u8' }))).toBe('ERR_PIXCHAIN_SPEC')
    expect(codeOf(() => new loose.ImageBuffers({ width: 2, height: 2, type: 'u8', maxType: 'u64' }))).toBe('ERR_PIXCHAIN_PARAM')
    expect(Array.from(bufs.read())).toEqual([1, 2, 3, 4])
  })
})
