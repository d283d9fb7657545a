// sharp decodes and encodes, pixchain processes the raw pixels in between:
// a PNG made with sharp → raw RGB → pixchain (blur, then a median) → PNG.
// Skips with a message when sharp is not installed.
//
//   node examples/sharp-interop.mjs [output.png]

import { tmpdir } from 'node:os'
import { join } from 'node:path'

import * as px from 'pixchain'

let sharp
try {
  sharp = (await import('sharp')).default
} catch {
  console.log('sharp is not installed: npm install sharp to run this example')
  process.exit(0)
}

const output = process.argv[2] ?? join(tmpdir(), 'pixchain-sharp-interop.png')
const png = await sharp({ create: { width: 320, height: 200, channels: 3, background: { r: 40, g: 120, b: 200 } } })
  .composite([{ input: Buffer.from('<svg width="320" height="200"><circle cx="160" cy="100" r="60" fill="#fc0"/></svg>') }])
  .png()
  .toBuffer()

const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true })
const spec = { width: info.width, height: info.height, channels: info.channels, type: 'u8' }
const processed = new px.Pipeline(spec).gaussianBlur({ sigma: 1.5 }).medianBlur({ ksize: 5 }).run(data)
await sharp(processed, { raw: { width: info.width, height: info.height, channels: info.channels } }).png().toFile(output)
const written = await sharp(output).metadata()
console.log(`decoded ${info.width}×${info.height}×${info.channels} with sharp, processed with pixchain, wrote ${written.format} ${written.width}×${written.height} to ${output}`)
