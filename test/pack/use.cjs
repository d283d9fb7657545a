// A CommonJS user of the installed package: a kernel, a pipeline, an error,
// a PNG written and read back.
// Prints one JSON line that scripts/test-pack.mjs compares with use.mjs's.
const assert = require('node:assert/strict')
const { createHash } = require('node:crypto')
const { readFileSync } = require('node:fs')
const px = require('pixchain')
assert.equal(require('pixchain/promises'), px.promises, 'pixchain/promises is the promises of the main entry')

const spec = { width: 64, height: 48, channels: 1, type: 'u8' }
const input = Uint8Array.from({ length: 64 * 48 }, (_, i) => (i * 37 + (i >> 6) * 11) & 255)

const blurred = px.gaussianBlur(input, new Uint8Array(input.length), spec, { sigma: 2 })
const pipeline = new px.Pipeline(spec).gaussianBlur({ sigma: 2 }).clip({ min: 10, max: 200 }).medianBlur({ ksize: 3 })
const output = pipeline.run(input)
assert.ok(output.every((v) => v >= 10 && v <= 200), 'clip bounds the pipeline output')
assert.ok(pipeline.stats.workBuffers <= 2)
assert.throws(() => px.clip(new Uint8Array(3), new Uint8Array(3), spec, {}), { code: 'ERR_PIXCHAIN_LENGTH' })

const sha = (a) => createHash('sha256').update(a).digest('hex')

// Images in and out of files: PNG through fast-png, a dependency; JPEG through sharp, an optional peer this project may lack.
const hasSharp = (() => {
  try {
    return Boolean(require.resolve('sharp'))
  } catch {
    return false
  }
})()
void (async () => {
  await px.writeImage('use-cjs.png', output, spec)
  const read = await px.readImage('use-cjs.png')
  assert.deepEqual(read.spec, spec)
  assert.deepEqual(read.data, output, 'a PNG reads back as written')
  const jpeg = px.writeImage('use-cjs.jpg', output, spec)
  await (hasSharp ? jpeg : assert.rejects(jpeg, { code: 'ERR_PIXCHAIN_SHARP', message: /npm install sharp/ }))
  const png = sha(readFileSync('use-cjs.png'))
  console.log(JSON.stringify({ blurred: sha(blurred), output: sha(output), workBuffers: pipeline.stats.workBuffers, png }))
})()
