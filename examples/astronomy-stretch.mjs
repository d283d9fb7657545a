// A 16-bit astronomy stretch: clip the sky background and the saturated
// stars, scale what is left to [0, 1], lift the faint end with a gamma, and
// convert to 8 bits for display — in one pipeline, two work buffers.
//
//   node examples/astronomy-stretch.mjs

import * as px from 'pixchain'

const spec = { width: 1024, height: 1024, channels: 1, type: 'u16' }
const sky = new Uint16Array(1024 * 1024)
let seed = 9
const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32)
for (let i = 0; i < sky.length; i++) sky[i] = 1800 + random() * 400
for (let s = 0; s < 300; s++) {
  const [cx, cy, peak] = [Math.floor(random() * 1024), Math.floor(random() * 1024), 3000 + random() * 62000]
  for (let dy = -3; dy <= 3; dy++)
    for (let dx = -3; dx <= 3; dx++) {
      const [x, y] = [cx + dx, cy + dy]
      if (x >= 0 && x < 1024 && y >= 0 && y < 1024) sky[y * 1024 + x] = Math.min(65535, sky[y * 1024 + x] + peak * Math.exp(-(dx * dx + dy * dy) / 3))
    }
}

const [black, white] = [2200, 40000]
const stretch = new px.Pipeline(spec)
  .clip({ min: black, max: white })
  .linear({ a: 65535 / (white - black), b: (-black * 65535) / (white - black) })
  .gamma({ gamma: 0.45 })
  .convert({ type: 'u8', scale: 1 / 257 })
const display = stretch.run(sky)
const histogram = new Array(4).fill(0)
for (const v of display) histogram[v >> 6]++
console.log(`1024×1024 u16 → u8: ${stretch.stats.passes} pass(es), ${stretch.stats.workBuffers} work buffer(s)`)
console.log(`display quarters (0–63, 64–127, 128–191, 192–255): ${histogram.join(' / ')}`)
console.log(`background ${display[0]}, brightest ${display.reduce((m, v) => Math.max(m, v), 0)}`)
