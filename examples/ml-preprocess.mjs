// ML preprocessing: a 1920×1080 RGB u8 frame to a 224×224 planar f32 tensor
// normalized with ImageNet's means and deviations — OpenCV's resize, then
// what dnn.blobFromImage does — in one native call that allocates nothing
// after the first run.
//
//   node examples/ml-preprocess.mjs

import * as px from 'pixchain'

const spec = { width: 1920, height: 1080, channels: 3, type: 'u8' }
const rgb = new Uint8Array(1920 * 1080 * 3)
for (let i = 0; i < rgb.length; i++) rgb[i] = (i % 3 === 0 ? i / 3 / 1920 : 64 + ((i * 31) % 128)) & 255

const toModelInput = new px.Pipeline(spec)
  .resize({ width: 224, height: 224, interpolation: 'area' })
  .toTensor({ scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] })
const tensor = toModelInput.run(rgb)

const plane = 224 * 224
const means = [0, 1, 2].map((c) => tensor.subarray(c * plane, (c + 1) * plane).reduce((s, v) => s + v, 0) / plane)
console.log(`tensor: ${tensor.constructor.name} of ${tensor.length} (3×224×224, CHW)`)
console.log(`channel means: ${means.map((m) => m.toFixed(4)).join(', ')}`)
