// ML preprocessing for an ONNX model: an image file decoded, resized to
// 224×224 and turned into a planar f32 tensor normalized with ImageNet's
// means and deviations — OpenCV's resize, then what dnn.blobFromImage does —
// the two steps in one native call that allocates nothing after the first run.
//
//   node examples/ml-preprocess.mjs [photo.png|.jpg|…]
//
// Without a file it writes a 1920×1080 RGB sample to a PNG and decodes that.

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import * as px from 'pixchain'

let file = process.argv[2]
let folder
if (file === undefined) {
  folder = mkdtempSync(join(tmpdir(), 'ml-preprocess-'))
  file = join(folder, 'frame.png')
  const rgb = new Uint8Array(1920 * 1080 * 3)
  for (let i = 0; i < rgb.length; i++) rgb[i] = (i % 3 === 0 ? i / 3 / 1920 : 64 + ((i * 31) % 128)) & 255
  await px.writeImage(file, rgb, { width: 1920, height: 1080, channels: 3, type: 'u8' })
}

try {
  const { data, spec } = await px.readImage(file)
  const toModelInput = new px.Pipeline(spec)
  // The model takes RGB: gray spread to three channels, alpha dropped.
  if (spec.channels !== 3) toModelInput.reorderChannels({ order: spec.channels < 3 ? [0, 0, 0] : [0, 1, 2] })
  toModelInput
    .resize({ width: 224, height: 224, interpolation: 'area' })
    .toTensor({ scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] })
  const tensor = toModelInput.run(data)

  const plane = 224 * 224
  const means = [0, 1, 2].map((c) => tensor.subarray(c * plane, (c + 1) * plane).reduce((s, v) => s + v, 0) / plane)
  console.log(`decoded: ${spec.width}×${spec.height}×${spec.channels} ${spec.type}`)
  console.log(`tensor: ${tensor.constructor.name} of ${tensor.length} (3×224×224, CHW)`)
  console.log(`channel means: ${means.map((m) => m.toFixed(4)).join(', ')}`)
} finally {
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true })
}
