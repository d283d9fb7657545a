// ML preprocessing: an RGB u8 image to a normalized gray Float32Array tensor
// (mean 0, standard deviation 1), ready for a model's input.
//
//   node examples/ml-preprocess.mjs

import * as px from 'pixchain'

const spec = { width: 224, height: 224, channels: 3, type: 'u8' }
const rgb = new Uint8Array(224 * 224 * 3).map((_, i) => (i % 3 === 0 ? (i / 3) % 224 : 128 + ((i * 31) % 100)))
const tensor = new px.Pipeline(spec).grayscale().normalize({ kind: 'zscore' }).run(rgb)

const mean = tensor.reduce((s, v) => s + v, 0) / tensor.length
const std = Math.sqrt(tensor.reduce((s, v) => s + (v - mean) ** 2, 0) / tensor.length)
console.log(`tensor: ${tensor.constructor.name} of ${tensor.length} (1×224×224)`)
console.log(`mean ${mean.toFixed(4)}, std ${std.toFixed(4)}`)
