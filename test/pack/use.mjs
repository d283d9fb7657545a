// An ES module user of the installed package: the same work as use.cjs, by
// named and default imports, and one copy of every class for both entries.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

import px, { Pipeline, gaussianBlur } from 'pixchain'
import * as promises from 'pixchain/promises'

assert.equal(px.Pipeline, Pipeline)
assert.equal(createRequire(import.meta.url)('pixchain').Pipeline, Pipeline, 'import and require share one module')
assert.equal(promises.gaussianBlur, px.promises.gaussianBlur, 'pixchain/promises holds the members of promises')
assert.deepEqual(Object.keys(promises).filter((name) => name !== 'default').sort(), Object.keys(px.promises).sort())

const spec = { width: 64, height: 48, channels: 1, type: 'u8' }
const input = Uint8Array.from({ length: 64 * 48 }, (_, i) => (i * 37 + (i >> 6) * 11) & 255)

const blurred = gaussianBlur(input, new Uint8Array(input.length), spec, { sigma: 2 })
const pipeline = new Pipeline(spec).gaussianBlur({ sigma: 2 }).clip({ min: 10, max: 200 }).medianBlur({ ksize: 3 })
const output = await pipeline.runAsync(input)

const sha = (a) => createHash('sha256').update(a).digest('hex')

// The same PNG as use.cjs writes, and one with the shape in a raw file's name.
await px.writeImage('use-mjs.png', output, spec)
const raw = px.rawImageName('use-mjs', spec)
await px.writeImage(raw, output, spec)
assert.deepEqual((await px.readImage(raw)).data, output, 'a raw file whose name records its shape reads back')
const png = sha(readFileSync('use-mjs.png'))
console.log(JSON.stringify({ blurred: sha(blurred), output: sha(output), workBuffers: pipeline.stats.workBuffers, png }))
