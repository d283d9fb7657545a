// A strict TypeScript ES module: checked with `tsc --noEmit` against the
// installed package's index.d.mts.
import px, { Pipeline, gaussianBlur, readImage, writeImage, type DecodedImage, type ImageSpec, type PixchainError } from 'pixchain'
import { medianBlur } from 'pixchain/promises'

const spec: ImageSpec = { width: 64, height: 48, channels: 1, type: 'u16' }
const input = new Uint16Array(64 * 48)
const blurred: Uint16Array = gaussianBlur(input, new Uint16Array(input.length), spec, { sigma: 2 })
const pipeline: Pipeline = new Pipeline(spec).gaussianBlur({ sigma: 2 }).convert({ type: 'f32', scale: 1 / 65535 })
const tensor: Promise<px.PixelArray> = pipeline.runAsync(blurred, new Float32Array(64 * 48))
const buffers: number = pipeline.stats.workBuffers
const smoothed: Promise<Uint16Array> = medianBlur(input, new Uint16Array(input.length), spec, { ksize: 3 })

const decoded: Promise<DecodedImage> = readImage('frame.png')
const written: Promise<void> = writeImage('frame.tif', blurred, spec, { format: 'tiff' })
// @ts-expect-error: bmp is not a format
void writeImage('frame.bmp', blurred, spec, { format: 'bmp' })
void decoded.then((image) => (image.data instanceof Uint16Array ? (image.data satisfies Uint16Array) : image.spec), () => written)

try {
  // @ts-expect-error: 'wrap' is not a border mode
  gaussianBlur(input, blurred, spec, { sigma: 1, border: 'wrap' })
} catch (error) {
  console.log((error as PixchainError).code, buffers, tensor, smoothed)
}
