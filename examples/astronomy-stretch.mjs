// A 16-bit astronomy stretch: clip the sky background and the saturated
// stars at percentiles of the frame, stretch what is left over the full
// range, lift the faint end with a gamma, and convert to 8 bits for
// display — in one pipeline.
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

// The clip points come from the frame itself: the sky background fills the
// faint end of its histogram, so the black point is a high percentile of
// it; the white point leaves out the brightest stars' cores.
const [low, high] = [98.5, 99.99]
const [[black, white]] = px.percentiles(sky, spec, [low, high])
const stretch = new px.Pipeline(spec)
  .clip({ percentiles: [low, high] })
  .normalize()
  .gamma({ gamma: 0.45 })
  .convert({ type: 'u8', scale: 1 / 257 })
const display = stretch.run(sky)
const quarters = px.histogram(display, { ...spec, type: 'u8' }, { bins: 4 })[0]
console.log(`1024×1024 u16 → u8: ${stretch.stats.passes} pass(es), ${stretch.stats.workBuffers} work buffer(s)`)
console.log(`clipped at the ${low}th and ${high}th percentiles: ${black} and ${white.toFixed(1)}`)
console.log(`display quarters (0–63, 64–127, 128–191, 192–255): ${Array.from(quarters).join(' / ')}`)
console.log(`background ${display[0]}, brightest ${px.stats(display, { ...spec, type: 'u8' }).max[0]}`)
