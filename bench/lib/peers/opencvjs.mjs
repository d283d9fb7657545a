// OpenCV.js (@techstark/opencv-js): OpenCV 4.12 compiled to WebAssembly
// without threads, so it has one thread count. Frames are copied into its
// heap once per frame, outside the timed calls.

import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/**
 * Resolves to `{ cv }`, or null when the module cannot be imported. The
 * module is a thenable that resolves to itself: it is wrapped in an object,
 * never returned from a promise directly (that would loop forever).
 */
function loadModule() {
  const events = ['uncaughtException', 'unhandledRejection']
  const before = Object.fromEntries(events.map((e) => [e, process.listeners(e)]))
  let cv
  try {
    cv = require('@techstark/opencv-js')
  } catch {
    return Promise.resolve(null)
  }
  // Its Emscripten runtime rethrows every uncaught error from inside its
  // minified source (printing megabytes of it) and aborts on any unhandled
  // rejection: the suite handles its own errors, so those hooks go.
  for (const e of events) {
    for (const listener of process.listeners(e)) if (!before[e].includes(listener)) process.removeListener(e, listener)
  }
  return new Promise((resolve) => {
    if (cv.Mat) resolve({ cv })
    else cv.onRuntimeInitialized = () => resolve({ cv })
  })
}

function depthOf(cv, type) {
  return { u8: cv.CV_8U, u16: cv.CV_16U, f32: cv.CV_32F }[type]
}

/** The type constant of a Mat: CV_MAKETYPE, which OpenCV.js does not export. */
function matType(cv, type, channels) {
  return depthOf(cv, type) + ((channels - 1) << 3)
}

function dataOf(mat, type) {
  return { u8: mat.data, u16: mat.data16U, f32: mat.data32F }[type]
}

/** An OpenCV exception arrives as a pointer; turn it into its message. */
function describe(cv, error) {
  if (typeof error === 'number' && typeof cv.exceptionFromPtr === 'function') return cv.exceptionFromPtr(error).msg
  return error?.message ?? String(error)
}

export async function loadOpenCvJs() {
  const loaded = await loadModule()
  if (!loaded) return null
  const { cv } = loaded
  const { version } = require('@techstark/opencv-js/package.json')
  const border = cv.BORDER_REFLECT_101
  const ops = {
    gaussianBlur: (src, dst, p) => {
      const size = new cv.Size(p.ksize, p.ksize)
      return () => cv.GaussianBlur(src, dst, size, p.sigma, p.sigma, border)
    },
    medianBlur3: (src, dst, p) => () => cv.medianBlur(src, dst, p.ksize),
    medianBlur5: (src, dst, p) => () => cv.medianBlur(src, dst, p.ksize),
    boxBlur: (src, dst, p) => {
      const size = new cv.Size(p.ksize, p.ksize)
      const anchor = new cv.Point(-1, -1)
      return () => cv.blur(src, dst, size, anchor, border)
    },
    threshold: (src, dst, p) => () => cv.threshold(src, dst, p.thresh, p.maxval, cv.THRESH_BINARY),
    linear: (src, dst, p) => () => src.convertTo(dst, -1, p.a, p.b),
    clip: () => 'no single clamp operation',
    convert: (src, dst, p) => () => src.convertTo(dst, -1, p.scale, 0),
    convertF32: (src, dst, p) => () => src.convertTo(dst, cv.CV_32F, p.scale, 0),
    grayscale: (src, dst) => () => cv.cvtColor(src, dst, cv.COLOR_RGB2GRAY),
    ...Object.fromEntries(
      ['erode3', 'erode15', 'dilate3', 'dilate15'].map((kernel) => [
        kernel,
        (src, dst, p) => {
          const element = cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(p.ksize, p.ksize))
          const [anchor, value] = [new cv.Point(-1, -1), cv.morphologyDefaultBorderValue()]
          const call = kernel.startsWith('erode') ? cv.erode : cv.dilate
          return () => call(src, dst, element, anchor, 1, cv.BORDER_CONSTANT, value)
        },
      ]),
    ),
    equalizeHist: (src, dst) => () => cv.equalizeHist(src, dst),
    resizeDown: resize,
    resizeDownArea: resize,
    resizeUp: resize,
    // blobFromImage has one scale: (x − 255·mean)·scale with the middle deviation, and allocates its blob.
    toTensor: (src, _dst, p) => () => {
      const mean = new cv.Scalar(...p.mean.map((m) => m * 255), 0)
      cv.blobFromImage(src, p.scale / p.std[1], new cv.Size(src.cols, src.rows), mean, false, false).delete()
    },
  }

  /** `cv.resize` from the top-left `p.from` of the frame. */
  function resize(src, dst, p) {
    const from = src.roi(new cv.Rect(0, 0, p.from.width, p.from.height))
    const size = new cv.Size(p.width, p.height)
    const interpolation = { linear: cv.INTER_LINEAR, area: cv.INTER_AREA }[p.interpolation]
    return () => cv.resize(from, dst, size, 0, 0, interpolation)
  }
  return {
    id: 'opencv.js',
    label: 'OpenCV.js',
    info: { version, wasmThreads: false },
    notes: [
      'OpenCV.js: the WebAssembly build of @techstark/opencv-js (no threads, no SIMD baseline): GaussianBlur, medianBlur, blur, threshold, convertTo, cvtColor and equalizeHist, with BORDER_REFLECT_101; frames are copied into its heap once, outside the timing; clip is n/a (no single clamp operation).',
    ],
    threadCounts: [1],
    setThreads() {},
    restore() {},
    bind(spec, input) {
      const { width, height, channels, type } = spec
      const src = new cv.Mat(height, width, matType(cv, type, channels))
      dataOf(src, type).set(input)
      const outputs = new Map()
      const output = (outType, outChannels) => {
        const key = `${outType}/${outChannels}`
        if (!outputs.has(key)) outputs.set(key, new cv.Mat(height, width, matType(cv, outType, outChannels)))
        return outputs.get(key)
      }
      return {
        operation(c) {
          const make = ops[c.kernel]
          if (!make) return null
          const call = make(src, output(c.outType, c.outChannels), c.params)
          if (typeof call === 'string') return { na: call }
          return () => {
            try {
              call()
            } catch (error) {
              throw new Error(describe(cv, error))
            }
          }
        },
        release() {
          src.delete()
          for (const mat of outputs.values()) mat.delete()
          outputs.clear()
        },
      }
    },
  }
}
