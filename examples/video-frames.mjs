// A frame loop: one pipeline planned once, run on 300 frames into the same
// output. After the first frame, nothing is allocated: the pipeline's
// allocation count and the native memory it reports stay where they were.
//
//   node examples/video-frames.mjs

import * as px from 'pixchain'

const spec = { width: 640, height: 360, channels: 3, type: 'u8' }
const pipeline = new px.Pipeline(spec).gaussianBlur({ sigma: 1.2 }).grayscale().threshold({ thresh: 90, maxval: 255 })
const frame = new Uint8Array(640 * 360 * 3)
const mask = new Uint8Array(640 * 360)

/** A moving bright square on a dark background, frame `t`. */
function draw(t) {
  frame.fill(20)
  const x0 = (t * 7) % 560
  for (let y = 140; y < 220; y++) frame.fill(230, (y * 640 + x0) * 3, (y * 640 + x0 + 80) * 3)
}

draw(0)
pipeline.run(frame, mask)
const { allocations } = pipeline.stats
const native = px.reportedNativeMemory()
let lit = 0
const start = performance.now()
for (let t = 1; t < 300; t++) {
  draw(t)
  pipeline.run(frame, mask)
  lit += mask.reduce((n, v) => n + (v > 0 ? 1 : 0), 0)
}
const ms = (performance.now() - start) / 299
const stats = pipeline.stats
console.log(`300 frames of 640×360 RGB → mask, ${ms.toFixed(2)} ms a frame`)
console.log(`mask pixels lit per frame: ${(lit / 299).toFixed(0)} (the 80×80 square: 6400)`)
console.log(`work buffers: ${stats.workBuffers}; allocations after frame 1: ${stats.allocations - allocations}`)
console.log(`native memory reported after frame 1: ${px.reportedNativeMemory() - native} bytes more`)
pipeline.dispose()
