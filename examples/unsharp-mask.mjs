// A graph: the unsharp mask, sharpened = input + amount·(input − blur(input)),
// written as input·(1 + amount) − blur·amount. The pipeline keeps the blur
// only until the step that reads it.
//
//   node examples/unsharp-mask.mjs

import * as px from 'pixchain'

const spec = { width: 512, height: 512, channels: 1, type: 'u8' }
// Soft edges: a blurred disc.
const image = new Uint8Array(512 * 512).map((_, i) => (Math.hypot((i % 512) - 256, Math.floor(i / 512) - 256) < 150 ? 200 : 50))
const soft = px.gaussianBlur(image, new Uint8Array(image.length), spec, { sigma: 4 })

const amount = 1.5
const sharpen = new px.Pipeline(spec)
  .gaussianBlur({ sigma: 2 })
  .save('blur')
  .from('input')
  .addWeighted({ other: 'blur', alpha: 1 + amount, beta: -amount, gamma: 0 })
const sharp = sharpen.run(soft)

/** The largest step between neighbours along the middle row: edge contrast. */
const edge = (frame) => Math.max(...Array.from({ length: 511 }, (_, x) => Math.abs(frame[256 * 512 + x + 1] - frame[256 * 512 + x])))
console.log(`edge step before ${edge(soft)}, after ${edge(sharp)}`)
console.log(`work buffers: ${sharpen.stats.workBuffers}, passes: ${sharpen.stats.passes}`)
