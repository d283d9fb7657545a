// The array types pixchain's declaration gives, proved in both directions:
// each plain line compiles because its type is the one the call returns at
// run time, each `@ts-expect-error` line fails because it is not (an unused
// `@ts-expect-error` is itself an error). test/typings.test.ts checks the run
// time half: that the pixel types named here are the ones the steps produce.
// Type-checked by `npm run test:types`; never run.

import { ImageBuffers, Pipeline, promises, type ErrorCode, type PixelArray } from 'pixchain'

const n = 64 * 48
const u8 = new Uint8Array(n)
const u16 = new Uint16Array(n)
const f32 = new Float32Array(n)
const spec16 = { width: 64, height: 48, channels: 1, type: 'u16' } as const
const spec8 = { width: 64, height: 48, type: 'u8' } as const

// A pipeline's output is the array of its last step's pixel type.
const toF32 = new Pipeline(spec16).gaussianBlur({ sigma: 2 }).convert({ type: 'f32', scale: 1 / 65535 })
const tensor: Float32Array = toF32.run(u16)
// @ts-expect-error: the output is f32, not u16
const notU16: Uint16Array = toF32.run(u16)
const into: Float32Array = toF32.run(u16, new Float32Array(n))
// @ts-expect-error: a u16 output array for an f32 output
toF32.run(u16, new Uint16Array(n))
// @ts-expect-error: a u8 frame into a u16 pipeline
toF32.run(u8)

// Steps that keep the type keep it.
const blurred: Uint16Array = new Pipeline(spec16).medianBlur({ ksize: 3 }).clip({ max: 4000 }).run(u16)
const scaled: Uint16Array = new Pipeline(spec16).convert({ scale: 2 }).run(u16)
const resized: Uint16Array = new Pipeline(spec16).resize({ width: 4, height: 4, interpolation: 'cubic' }).run(u16)
// toTensor always gives f32.
const modelInput: Float32Array = new Pipeline(spec16).toTensor({ scale: 1 / 65535, std: 0.5 }).run(u16)
console.log(modelInput)
// A batch of u16 frames into one f32 tensor; u8 frames are not the pipeline's.
const batch: Float32Array = new Pipeline(spec16).toTensor().runBatch([u16, u16], new Float32Array(2 * n))
// @ts-expect-error: u8 frames into a u16 pipeline
new Pipeline(spec16).toTensor().runBatch([u8], new Float32Array(n))
console.log(batch)
// @ts-expect-error: resize takes its size
new Pipeline(spec16).resize({ interpolation: 'cubic' })
// @ts-expect-error: no such interpolation
new Pipeline(spec16).resize({ width: 4, height: 4, interpolation: 'bilinear' })
const gray: Uint8Array = new Pipeline({ width: 8, height: 8, channels: 3, type: 'u8' }).grayscale().run(new Uint8Array(192))
// @ts-expect-error: grayscale keeps u8
const grayF32: Float32Array = new Pipeline({ width: 8, height: 8, channels: 3, type: 'u8' }).grayscale().run(new Uint8Array(192))
// convert with abs is convertScaleAbs: always u8.
const absU8: Uint8Array = new Pipeline(spec16).convert({ scale: 0.5, abs: true }).run(u16)
// @ts-expect-error: abs writes u8
const absU16: Uint16Array = new Pipeline(spec16).convert({ abs: true }).run(u16)
// Channel steps keep the type.
const bgr: Uint16Array = new Pipeline({ ...spec16, channels: 3 }).reorderChannels({ order: [2, 1, 0] }).extractChannel({ channel: 1 }).run(u16)
const merged: Uint16Array = new Pipeline(spec16).save('a').mergeChannels({ other: 'a' }).run(u16)
// @ts-expect-error: reorderChannels keeps u16
const bgrF32: Float32Array = new Pipeline({ ...spec16, channels: 3 }).reorderChannels({ order: [2, 1, 0] }).run(u16)

// normalize: minmax keeps the type, zscore gives f32.
const stretched: Uint16Array = new Pipeline(spec16).normalize().run(u16)
const minmax: Uint16Array = new Pipeline(spec16).normalize({ kind: 'minmax', max: 1000 }).run(u16)
const zscore: Float32Array = new Pipeline(spec16).normalize({ kind: 'zscore' }).run(u16)
// @ts-expect-error: zscore is f32
const zscoreU16: Uint16Array = new Pipeline(spec16).normalize({ kind: 'zscore' }).run(u16)
declare const someKind: 'minmax' | 'zscore'
const either: Uint16Array | Float32Array = new Pipeline(spec16).normalize({ kind: someKind }).run(u16)
// @ts-expect-error: a kind not known at compile time could be either
const eitherF32: Float32Array = new Pipeline(spec16).normalize({ kind: someKind }).run(u16)

// sobel: i16 for u8 frames, f32 otherwise, unless `type` says.
const edges8: Int16Array = new Pipeline(spec8).sobel().run(u8)
const edges16: Float32Array = new Pipeline(spec16).sobel({ dx: 0, dy: 1 }).run(u16)
const edgesI16: Int16Array = new Pipeline(spec16).sobel({ type: 'i16' }).run(u16)
// @ts-expect-error: u8 frames give i16 derivatives by default
const edges8F32: Float32Array = new Pipeline(spec8).sobel().run(u8)

// convolve: the input's type unless `type` says.
const sharp: Uint8Array = new Pipeline(spec8).convolve({ kernel: [0, -1, 0, -1, 5, -1, 0, -1, 0] }).run(u8)
const sharpF32: Float32Array = new Pipeline(spec8).convolve({ kernel: [1], type: 'f32' }).run(u8)

// A graph: from('input') is the input's type again; another name is any type.
const graph = new Pipeline(spec16).convert({ type: 'f32' }).save('f').from('input').medianBlur({ ksize: 3 })
const graphOut: Uint16Array = graph.run(u16)
const fromSaved: PixelArray = new Pipeline(spec16).save('a').from('a').run(u16)
// @ts-expect-error: what a saved name holds is not tracked
const fromSavedU16: Uint16Array = new Pipeline(spec16).save('a').from('a').run(u16)

// A spec whose type TypeScript widened to string is accepted; its arrays are any PixelArray.
const loose = { width: 64, height: 48, channels: 1, type: 'u16' }
const anyOut: PixelArray = new Pipeline(loose).medianBlur({ ksize: 3 }).run(u16)
// @ts-expect-error: nothing says the loose spec is u16
const looseU16: Uint16Array = new Pipeline(loose).run(u16)
// A literal step type is known whatever the spec.
const looseF32: Float32Array = new Pipeline(loose).convert({ type: 'f32' }).run(u16)

// runAsync resolves to the output's array, and takes no type from the call site.
async function asyncRuns(): Promise<void> {
  const resolved: Float32Array = await toF32.runAsync(u16)
  const resolvedInto: Float32Array = await toF32.runAsync(u16, f32, { signal: new AbortController().signal })
  // @ts-expect-error: the output is f32
  const resolvedU16: Uint16Array = await toF32.runAsync(u16)
  // @ts-expect-error: runAsync's array type comes from the pipeline, not from the call
  await toF32.runAsync<Uint16Array>(u16)
  // @ts-expect-error: a u16 output array for an f32 output
  await toF32.runAsync(u16, new Uint16Array(n))

  // promises resolve to the output passed, typed as passed.
  const converted: Float32Array = await promises.convert(u16, new Float32Array(n), spec16, { type: 'f32' })
  const summed: Uint16Array = await promises.add(u16, u16, new Uint16Array(n), spec16)
  // @ts-expect-error: the output passed is a Float32Array
  const convertedU16: Uint16Array = await promises.convert(u16, new Float32Array(n), spec16, { type: 'f32' })
  console.log(resolved, resolvedInto, resolvedU16, converted, summed, convertedU16)
}

// ImageBuffers: read() follows the chain from load(), which starts at the construction type.
const bufs = new ImageBuffers({ ...spec16, maxType: 'f32' })
const read16: Uint16Array = bufs.load(u16).gaussianBlur({ sigma: 1 }).read()
const read32: Float32Array = bufs.load(u16).convert({ type: 'f32', scale: 1 / 65535 }).read()
const readInto: Float32Array = bufs.load(u16).normalize({ kind: 'zscore' }).read(new Float32Array(n))
// @ts-expect-error: the active frame is f32 after convert
const read32as16: Uint16Array = bufs.load(u16).convert({ type: 'f32' }).read()
// @ts-expect-error: an f32 array for the active u16 frame
bufs.load(u16).read(new Float32Array(n))
// @ts-expect-error: a u8 frame for u16 buffers
bufs.load(u8)
const afterConvert: Float32Array = bufs.load(u16).convert({ type: 'f32' }).add(f32).read()
// @ts-expect-error: the second operand of a two-image kernel is of the active type
bufs.load(u16).convert({ type: 'f32' }).add(u16)
const bufSpecType: 'f32' = bufs.load(u16).convert({ type: 'f32' }).spec.type

// ErrorCode lists every code, the ones of async runs included.
const codes: ErrorCode[] = ['ERR_PIXCHAIN_BUSY', 'ERR_PIXCHAIN_ABORTED', 'ERR_PIXCHAIN_DISPOSED']
// @ts-expect-error: not a pixchain code
const notACode: ErrorCode = 'ERR_PIXCHAIN_NOPE'

console.log(tensor, notU16, into, blurred, scaled, gray, grayF32, stretched, minmax, zscore, zscoreU16, either, eitherF32)
console.log(edges8, edges16, edgesI16, edges8F32, sharp, sharpF32, graphOut, fromSaved, fromSavedU16, anyOut, looseU16, looseF32)
console.log(asyncRuns, read16, read32, readInto, read32as16, afterConvert, bufSpecType, codes, notACode, resized)

// Morphology keeps the type; morphology needs its operation.
const opened: Uint16Array = new Pipeline(spec16).morphology({ op: 'open', shape: 'ellipse', ksize: 5 }).erode().dilate({ iterations: 2 }).run(u16)
// @ts-expect-error: morphology without an operation
new Pipeline(spec16).morphology({ ksize: 3 })
// @ts-expect-error: an operation OpenCV does not name so
new Pipeline(spec16).morphology({ op: 'thin' })
console.log(opened)

// laplacian and scharr: as sobel, i16 for u8 frames, f32 otherwise, unless `type` says;
// equalizeHist and clahe keep the frame's type.
const laplacian8: Int16Array = new Pipeline(spec8).laplacian().run(u8)
const laplacian16: Float32Array = new Pipeline(spec16).laplacian({ ksize: 5 }).run(u16)
const scharrI16: Int16Array = new Pipeline(spec16).scharr({ dx: 0, dy: 1, type: 'i16' }).run(u16)
// @ts-expect-error: u8 frames give i16 derivatives by default
const scharr8F32: Float32Array = new Pipeline(spec8).scharr().run(u8)
const equalized: Uint8Array = new Pipeline(spec8).equalizeHist().run(u8)
const clahe16: Uint16Array = new Pipeline(spec16).clahe({ clipLimit: 2, tiles: [4, 4] }).run(u16)
console.log(laplacian8, laplacian16, scharrI16, scharr8F32, equalized, clahe16)
console.log(bgr, merged, bgrF32)
console.log(absU8, absU16)
