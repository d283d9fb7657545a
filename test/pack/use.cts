// A strict TypeScript CommonJS module: checked with `tsc --noEmit` against
// the installed package's index.d.ts.
import px = require('pixchain')
import asyncKernels = require('pixchain/promises')

const spec: px.ImageSpec = { width: 64, height: 48, channels: 3, type: 'u8' }
const gray = new px.Pipeline(spec).grayscale({ order: 'bgr' }).medianBlur({ ksize: 5 })
const output: px.PixelArray = gray.run(new Uint8Array(64 * 48 * 3))
const code: px.ErrorCode = 'ERR_PIXCHAIN_LENGTH'
// @ts-expect-error: medianBlur takes an odd size, as a number
gray.medianBlur({ ksize: '3' })
const level: Promise<number> = asyncKernels.otsuThreshold(new Uint8Array(64 * 48), { width: 64, height: 48, type: 'u8' })
console.log(output.length, code, level)
