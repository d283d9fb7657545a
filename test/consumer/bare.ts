// A strict TypeScript user with neither @types/node nor the DOM library: the
// declaration stands on its own. Type-checked by `npm run test:types`; never run.

import { Pipeline, readImage, writeImage, type DecodedImage, type PixchainError } from 'pixchain'

const pipeline = new Pipeline({ width: 4, height: 4, type: 'u8' }).gaussianBlur({ sigma: 1 }).convert({ type: 'f32' })
const tensor: Float32Array = pipeline.run(new Uint8Array(16))
// The stream and the plan's text need no Node types either.
const frames = pipeline.createStream({ highWaterMark: 2, inFlight: 1 })
const waiting: number = frames.readableLength
frames.destroy()
const plan: string = pipeline.describe()
pipeline[Symbol.dispose]()
const error: PixchainError | undefined = undefined
const image: Promise<DecodedImage> = readImage(new Uint8Array(8), { raw: { width: 4, height: 2, type: 'u8' } })
const written: Promise<void> = writeImage('frame.png', new Uint8Array(16), { width: 4, height: 4, type: 'u8' })
export { error, image, plan, tensor, waiting, written }
