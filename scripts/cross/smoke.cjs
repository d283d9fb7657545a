// A smoke test of an addon on another architecture: kernels on every pixel
// type, a pipeline, runAsync and an error code, on every SIMD path the CPU
// has. Prints one JSON line of digests; scripts/cross/addons.mjs runs it
// under the target and natively, and the two lines must be equal (and every
// path must give the scalar path's digests).
//
//   node scripts/cross/smoke.cjs <folder holding index.js>

const assert = require('node:assert/strict')
const { createHash } = require('node:crypto')
const path = require('node:path')

const px = require(path.resolve(process.argv[2] ?? 'dist', 'index.js'))
const sha = (array) => createHash('sha256').update(new Uint8Array(array.buffer, array.byteOffset, array.byteLength)).digest('hex').slice(0, 16)

const width = 97
const height = 61
const ARRAYS = { u8: Uint8Array, u16: Uint16Array, i16: Int16Array, f32: Float32Array }
const SCALE = { u8: 255, u16: 65535, i16: 32767, f32: 1 }

function frame(type, channels) {
  let seed = 12345
  return ARRAYS[type].from({ length: width * height * channels }, () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
    const unit = seed / 2 ** 32
    return type === 'f32' ? unit : Math.round(unit * SCALE[type])
  })
}

function kernels() {
  const digests = {}
  for (const type of Object.keys(ARRAYS)) {
    for (const channels of [1, 3]) {
      const spec = { width, height, channels, type }
      const input = frame(type, channels)
      const out = () => new ARRAYS[type](input.length)
      digests[`${type}x${channels}`] = [
        px.gaussianBlur(input, out(), spec, { sigma: 1.7 }),
        px.boxBlur(input, out(), spec, { ksize: 5 }),
        px.medianBlur(input, out(), spec, { ksize: type === 'i16' ? 3 : 5 }),
        px.linear(input, out(), spec, { a: 1.25, b: 3 }),
        px.threshold(input, out(), spec, { thresh: SCALE[type] / 2 }),
        px.clip(input, out(), spec, { min: SCALE[type] / 8, max: SCALE[type] / 2 }),
        ...(channels === 3 ? [px.grayscale(input, new ARRAYS[type](width * height), spec)] : []),
      ].map(sha).join(' ')
    }
  }
  digests.pipeline = sha(pipeline().run(frame('u16', 1)))
  return digests
}

function pipeline() {
  const spec = { width, height, channels: 1, type: 'u16' }
  return new px.Pipeline(spec).gaussianBlur({ sigma: 2 }).medianBlur({ ksize: 3 }).convert({ type: 'f32', scale: 1 / 65535 }).clip({ min: 0.1, max: 0.9 })
}

async function main() {
  const paths = px.simdPaths()
  const chosen = px.simdPath()
  const results = {}
  for (const simd of new Set([...paths, 'scalar'])) {
    px.setSimdPath(simd)
    results[simd] = kernels()
  }
  px.setSimdPath(chosen)
  for (const simd of Object.keys(results)) assert.deepEqual(results[simd], results.scalar, `the ${simd} path gives the scalar path's output`)

  const asynchronous = sha(await pipeline().runAsync(frame('u16', 1)))
  assert.equal(asynchronous, results.scalar.pipeline, 'runAsync gives run()')
  assert.throws(() => px.clip(new Uint8Array(3), new Uint8Array(3), { width: 4, height: 4, channels: 1, type: 'u8' }, {}), { code: 'ERR_PIXCHAIN_LENGTH' })

  console.log(JSON.stringify({ arch: process.arch, simd: chosen, paths: Object.keys(results), digests: results.scalar }))
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
