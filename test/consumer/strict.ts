// A strict TypeScript user of the published declaration (index.d.ts), resolved
// by package name. Type-checked by `npm run test:types`; never run.

import { ImageBuffers, gaussianBlur, type ErrorCode, type ImageSpec, type PixchainError } from 'pixchain'

const spec: ImageSpec = { width: 64, height: 48, channels: 1, type: 'u16' }
const input = new Uint16Array(64 * 48)
const output: Uint16Array = gaussianBlur(input, new Uint16Array(64 * 48), spec, { sigma: 2, border: 'replicate' })

const bufs = new ImageBuffers({ ...spec, maxType: 'f32' })
const tensor = bufs
  .load(output)
  .clip({ min: 10, max: 60000 })
  .convert({ type: 'f32', scale: 1 / 65535 })
  .read(new Float32Array(64 * 48))
const allocations: number = bufs.stats.allocations
bufs[Symbol.dispose]()

try {
  // @ts-expect-error: 'wrap' is not a border mode
  gaussianBlur(input, output, spec, { sigma: 1, border: 'wrap' })
} catch (error) {
  const code: ErrorCode = (error as PixchainError).code
  console.log(code, tensor.length, allocations)
}
