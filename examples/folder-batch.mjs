// A folder of 16-bit frames through one chain on worker threads with
// processFiles: 12 PNG frames made here (or the PNGs of a folder given),
// each blurred, despeckled, clipped and made 8-bit, into an output folder,
// two files at a time with a line per file; then one of them checked
// against a Pipeline run in this thread.
//
//   node examples/folder-batch.mjs [input-folder] [output-folder]

import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import * as px from 'pixchain'

const work = mkdtempSync(join(tmpdir(), 'pixchain-folder-batch-'))
const input = process.argv[2] ?? join(work, 'frames')
const output = process.argv[3] ?? join(work, 'display')

if (process.argv[2] === undefined) {
  mkdirSync(input)
  const spec = { width: 320, height: 240, channels: 1, type: 'u16' }
  for (let i = 0; i < 12; i++) {
    const frame = Uint16Array.from({ length: 320 * 240 }, (_, j) => ((j % 320) * 150 + ((j / 320) | 0) * 90 + ((j * 7919 + i * 104729) % 4001)) & 65535)
    await px.writeImage(join(input, `frame${i + 1}.png`), frame, spec)
  }
}

// Steps as data, as a Pipeline records them: each worker thread builds its own pipeline from them.
const display = new px.Pipeline({ width: 1, height: 1, type: 'u16' })
  .gaussianBlur({ sigma: 1.2 })
  .medianBlur({ ksize: 3 })
  .clip({ min: 4000, max: 60000 })
  .convert({ type: 'u8', scale: 255 / 56000, offset: (-4000 * 255) / 56000 })

const files = readdirSync(input).filter((name) => name.endsWith('.png')).map((name) => join(input, name))
const { done, seconds } = await px.processFiles(files, {
  output,
  pipeline: display,
  jobs: 2,
  onProgress: ({ done, settled, total }) => console.log(`[${settled}/${total}] ${done.input} → ${done.output}`),
})
console.log(`wrote ${done.length} files in ${seconds.toFixed(2)} s`)

const { data, spec } = await px.readImage(files[0])
const expected = px.pipelineFromSteps(spec, display.steps).run(data)
const written = await px.readImage(done[0].output)
console.log(`${done[0].output}: ${written.spec.width}×${written.spec.height} ${written.spec.type}, ${Buffer.from(written.data).equals(Buffer.from(expected)) ? 'equals' : 'differs from'} a Pipeline run here`)
