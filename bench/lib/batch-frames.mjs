// The frames of the batch benchmarks (batch.mjs, queue.mjs): `count` PNG
// files of `width`×`height` u16 in `folder`, smooth gradients with a seeded
// texture, so the median has work in them.

import { mkdirSync } from 'node:fs'
import path from 'node:path'

import * as px from 'pixchain'

/** Writes `folder/frame0.png` … and returns their paths. */
export async function writeBatchFrames(folder, count, width, height) {
  mkdirSync(folder, { recursive: true })
  const spec = { width, height, channels: 1, type: 'u16' }
  const files = []
  for (let i = 0; i < count; i++) {
    const frame = Uint16Array.from({ length: width * height }, (_, j) => ((j % width) * 23 + ((j / width) | 0) * 17 + ((j * 2654435761 + i * 40503) >>> 20)) & 65535)
    files.push(path.join(folder, `frame${i}.png`))
    await px.writeImage(files[i], frame, spec)
  }
  return files
}
