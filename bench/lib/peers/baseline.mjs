// The bandwidth baseline: a plain copy of the frame with TypedArray#set,
// the floor any kernel that reads and writes the frame once can approach.

import { PIXEL_TYPES } from '../frames.mjs'

export function loadBaseline() {
  return {
    id: 'js',
    label: 'TypedArray#set',
    info: { version: process.version },
    notes: [],
    threadCounts: [1],
    setThreads() {},
    restore() {},
    bind(spec, input) {
      let output = null
      return {
        operation(c) {
          if (c.kernel !== 'copy') return null
          output ??= new PIXEL_TYPES[spec.type].Array(input.length)
          return () => output.set(input)
        },
        release: () => (output = null),
      }
    },
  }
}
