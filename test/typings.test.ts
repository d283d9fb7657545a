// The typings say true things. test/consumer/output-types.ts proves at
// compile time which array each chain is typed to return; this suite proves
// at run time that those are the arrays the steps produce, and that
// `ErrorCode` names every code the native side can raise.

import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

import { errorCodes } from '../lib/errors'
import { px, type PixelType } from './pixchain'

const root = fileURLToPath(new URL('..', import.meta.url))

function rustFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.rs'))
    .map((file) => join(root, folder, file))
}

const arrayOf: Record<PixelType, Function> = { u8: Uint8Array, u16: Uint16Array, i16: Int16Array, f32: Float32Array }
const TYPES = ['u8', 'u16', 'i16', 'f32'] as const

/**
 * The pixel type each step's typing gives (KernelChain's generics in
 * lib/kernel-chain.ts), for a frame of type `t`: the same rules, written out.
 */
const typedSteps: Array<[string, (p: InstanceType<typeof px.Pipeline>) => InstanceType<typeof px.Pipeline>, (t: PixelType) => PixelType]> = [
  ['convert to f32', (p) => p.convert({ type: 'f32' }), () => 'f32'],
  ['convert to u8', (p) => p.convert({ type: 'u8' }), () => 'u8'],
  ['convert without type', (p) => p.convert({ scale: 2 }), (t) => t],
  ['normalize', (p) => p.normalize(), (t) => t],
  ['normalize minmax', (p) => p.normalize({ kind: 'minmax' }), (t) => t],
  ['normalize zscore', (p) => p.normalize({ kind: 'zscore' }), () => 'f32'],
  ['sobel', (p) => p.sobel(), (t) => (t === 'u8' ? 'i16' : 'f32')],
  ['sobel to i16', (p) => p.sobel({ type: 'i16' }), () => 'i16'],
  ['sobel to f32', (p) => p.sobel({ type: 'f32' }), () => 'f32'],
  ['convolve', (p) => p.convolve({ kernel: [1] }), (t) => t],
  ['convolve to u16', (p) => p.convolve({ kernel: [1], type: 'u16' }), () => 'u16'],
  ['medianBlur', (p) => p.medianBlur({ ksize: 3 }), (t) => t],
  ['from input after convert', (p) => p.convert({ type: t8(p) }).save('c').from('input').medianBlur({ ksize: 3 }), (t) => t],
  ['erode', (p) => p.erode(), (t) => t],
  ['dilate', (p) => p.dilate({ ksize: 5, shape: 'ellipse' }), (t) => t],
  ['morphology', (p) => p.morphology({ op: 'tophat', ksize: 9 }), (t) => t],
  ['laplacian', (p) => p.laplacian(), (t) => (t === 'u8' ? 'i16' : 'f32')],
  ['laplacian to f32', (p) => p.laplacian({ ksize: 3, type: 'f32' }), () => 'f32'],
  ['scharr', (p) => p.scharr(), (t) => (t === 'u8' ? 'i16' : 'f32')],
  ['scharr to i16', (p) => p.scharr({ dx: 0, dy: 1, type: 'i16' }), () => 'i16'],
  ['flip', (p) => p.flip({ direction: 'vertical' }), (t) => t],
  ['rotate', (p) => p.rotate({ angle: 90 }), (t) => t],
  ['transpose', (p) => p.transpose(), (t) => t],
  ['pad', (p) => p.pad({ top: 1, border: 'constant' }), (t) => t],
  ['crop', (p) => p.crop({ width: 1 }), (t) => t],
  ['resize', (p) => p.resize({ width: 5, height: 3, interpolation: 'area' }), (t) => t],
  ['toTensor', (p) => p.toTensor({ scale: 1 / 255, mean: 0.5, layout: 'hwc' }), () => 'f32'],
]

/** A type other than the pipeline's current one, so `from('input')` has something to undo. */
function t8(p: InstanceType<typeof px.Pipeline>): PixelType {
  return p.outputSpec.type === 'u8' ? 'f32' : 'u8'
}

describe('typings', () => {
  it('ErrorCode names every code the native side raises, and no other', () => {
    // Every file that can raise a code, but not lib/errors.ts, which lists them.
    const typescript = readdirSync(join(root, 'lib'))
      .filter((file) => file.endsWith('.ts') && file !== 'errors.ts')
      .map((file) => join(root, 'lib', file))
    const sources = [...rustFiles('crate/core/src'), ...rustFiles('crate/node/src'), join(root, 'index.ts'), ...typescript]
    const raised = new Set<string>()
    for (const file of sources) {
      for (const [code] of readFileSync(file, 'utf8').matchAll(/ERR_PIXCHAIN_[A-Z_]+/g)) raised.add(code)
    }
    expect(raised.size).toBeGreaterThan(10)
    expect([...errorCodes].sort()).toEqual([...raised].sort())
  })

  it('each step gives the pixel type its typing names, for every input type', () => {
    for (const type of TYPES) {
      const spec = { width: 8, height: 6, channels: 1, type }
      const input = new (arrayOf[type] as new (n: number) => Uint8Array)(48)
      for (const [name, step, typed] of typedSteps) {
        const pipeline = step(new px.Pipeline(spec))
        expect(pipeline.outputSpec.type, `${name} on ${type}`).toBe(typed(type))
        expect(pipeline.run(input), `${name} on ${type}`).toBeInstanceOf(arrayOf[typed(type)])
        pipeline.dispose()
      }
    }
  })

  it('grayscale keeps the pixel type', () => {
    for (const type of TYPES) {
      const pipeline = new px.Pipeline({ width: 4, height: 4, channels: 3, type }).grayscale()
      expect(pipeline.outputSpec).toEqual({ width: 4, height: 4, channels: 1, type })
    }
  })

  it('channel steps keep the pixel type and set the channels', () => {
    for (const type of TYPES) {
      const spec = { width: 4, height: 4, channels: 3, type }
      expect(new px.Pipeline(spec).reorderChannels({ order: [2, 1, 0, 0] }).outputSpec).toEqual({ ...spec, channels: 4 })
      expect(new px.Pipeline(spec).extractChannel({ channel: 2 }).outputSpec).toEqual({ ...spec, channels: 1 })
      const merged = new px.Pipeline({ ...spec, channels: 1 }).save('a').mergeChannels({ other: 'a' })
      expect(merged.outputSpec).toEqual({ ...spec, channels: 2 })
    }
  })

  it('ImageBuffers.read() and runAsync() give the array of the active type', async () => {
    const buffers = () => new px.ImageBuffers({ width: 8, height: 6, type: 'u16', maxType: 'f32' })
    const u16 = new Uint16Array(48)
    expect(buffers().load(u16).gaussianBlur({ sigma: 1 }).read()).toBeInstanceOf(Uint16Array)
    expect(buffers().load(u16).convert({ type: 'f32' }).read()).toBeInstanceOf(Float32Array)
    expect(buffers().load(u16).normalize({ kind: 'zscore' }).read()).toBeInstanceOf(Float32Array)
    const pipeline = new px.Pipeline({ width: 8, height: 6, type: 'u16' }).convert({ type: 'f32' })
    expect(await pipeline.runAsync(u16)).toBeInstanceOf(Float32Array)
    const output = new Float32Array(48)
    expect(await pipeline.runAsync(u16, output)).toBe(output)
    expect(await px.promises.convert(u16, output, { width: 8, height: 6, type: 'u16' }, { type: 'f32' })).toBe(output)
    pipeline.dispose()
  })
})
