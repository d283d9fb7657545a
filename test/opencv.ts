// OpenCV.js, the oracle for kernels that OpenCV has.

import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

// OpenCV.js ships loose typings; the tests use a handful of calls.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OpenCv = any

let loading: Promise<{ cv: OpenCv }> | undefined

/**
 * Resolves to `{ cv }` once OpenCV.js has initialized. The module stays
 * wrapped: it is a thenable that resolves to itself, so a promise that
 * adopted it (by resolving or returning it) would never settle.
 */
export function loadOpenCv(): Promise<{ cv: OpenCv }> {
  loading ??= new Promise((resolve) => {
    const cv: OpenCv = require('@techstark/opencv-js')
    if (cv.Mat) resolve({ cv })
    else cv.onRuntimeInitialized = () => resolve({ cv })
  })
  return loading
}
