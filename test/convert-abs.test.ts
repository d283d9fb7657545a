// convert({ abs: true }) against OpenCV.js's convertScaleAbs, bit for bit,
// on every pixel type, several channel counts and scales; in every form.

import { beforeAll, describe, expect, it } from 'vitest'

import { PIXEL_TYPES, comparisonFrames, firstMismatch, makeFrame, samples, type Frame } from './frames'
import { loadOpenCv, type OpenCv } from './opencv'
import { px } from './pixchain'

const SCALES: [number, number][] = [
  [1, 0],
  [-1, 0],
  [0.5, -64],
  [1 / 257, -128.5],
  [3.7, 0.25],
]

describe('against OpenCV.js', () => {
  let cv: OpenCv
  beforeAll(async () => {
    ;({ cv } = await loadOpenCv())
  })

  it.each(PIXEL_TYPES)('convert %s with abs matches cv.convertScaleAbs into u8', (type) => {
    const depth = { u8: '8U', u16: '16U', i16: '16S', f32: '32F' }[type]
    for (const { frame, kind, input } of comparisonFrames(type, [1, 3, 4], 51)) {
      for (const [scale, offset] of SCALES) {
        const ours = px.convert(input, new Uint8Array(samples(frame)), frame, { scale, offset, abs: true })
        const src = cv.matFromArray(frame.height, frame.width, cv[`CV_${depth}C${frame.channels}`], Array.from(input))
        const dst = new cv.Mat()
        cv.convertScaleAbs(src, dst, scale, offset)
        const theirs = Array.from(dst.data as Uint8Array)
        src.delete()
        dst.delete()
        expect(firstMismatch(ours, theirs), `${kind} ${frame.width}×${frame.height}×${frame.channels} ×${scale} +${offset}`).toBeUndefined()
      }
    }
  })
})

describe('convert with abs in every form', () => {
  const frame: Frame = { width: 41, height: 13, channels: 3, type: 'i16' }
  const input = makeFrame(frame, 'random', 52)
  const options = { scale: 0.25, offset: -3, abs: true } as const

  it('Pipeline (streamed after a blur), ImageBuffers and promises give the one-shot bytes', async () => {
    const blurred = px.gaussianBlur(input, new Int16Array(samples(frame)), frame, { sigma: 1 })
    const expected = px.convert(blurred, new Uint8Array(samples(frame)), frame, options)
    const pipeline = new px.Pipeline(frame).gaussianBlur({ sigma: 1 }).convert(options)
    expect(pipeline.outputSpec.type).toBe('u8')
    const out: Uint8Array = pipeline.run(input)
    expect(firstMismatch(out, expected)).toBeUndefined()
    pipeline.dispose()
    const bufs = new px.ImageBuffers(frame)
    expect(firstMismatch(bufs.load(input).gaussianBlur({ sigma: 1 }).convert(options).read(), expected)).toBeUndefined()
    expect(bufs.spec.type).toBe('u8')
    bufs.dispose()
    const async = await px.promises.convert(blurred, new Uint8Array(samples(frame)), frame, options)
    expect(firstMismatch(async, expected)).toBeUndefined()
  })

  it('abs with another output type, or not a boolean, is refused', () => {
    const output = new Uint16Array(samples(frame))
    expect(() => px.convert(input, output, frame, { ...options, type: 'u16' as never })).toThrow(
      expect.objectContaining({ code: 'ERR_PIXCHAIN_PARAM', message: expect.stringMatching(/^type: expected u8 or nothing with abs/) }),
    )
    expect(() => px.convert(input, new Uint8Array(samples(frame)), frame, { abs: 1 as never })).toThrow(
      expect.objectContaining({ code: 'ERR_PIXCHAIN_PARAM', message: 'abs: expected true or false, got 1' }),
    )
    expect(() => px.convert(input, new Int16Array(samples(frame)), frame, { abs: true })).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_TYPE' }))
  })
})
