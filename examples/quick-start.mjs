import { Pipeline, gaussianBlur } from 'pixchain'

// A 640×480 gray frame: a diagonal gradient.
const spec = { width: 640, height: 480, channels: 1, type: 'u8' }
const frame = new Uint8Array(640 * 480).map((_, i) => ((i % 640) + Math.floor(i / 640)) % 256)

// One kernel: reads `frame`, writes the output array you pass, returns it.
const blurred = gaussianBlur(frame, new Uint8Array(frame.length), spec, { sigma: 2 })

// A pipeline: planned once, then run per frame with no allocation.
const pipeline = new Pipeline(spec)
  .medianBlur({ ksize: 5 })
  .clip({ min: 20, max: 230 })
  .convert({ type: 'f32', scale: 1 / 255 })
const tensor = pipeline.run(blurred) // a new Float32Array; run(input, output) reuses yours

console.log(pipeline.outputSpec) // { width: 640, height: 480, channels: 1, type: 'f32' }
console.log(pipeline.stats) // workBuffers: 0 — the chain streams rows through line buffers
console.log(tensor[0].toFixed(4), tensor[640 * 240 + 320].toFixed(4))
pipeline.dispose()
