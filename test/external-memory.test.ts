// Work buffers are native memory: V8 is told of their bytes while an object
// holds them, and told they are gone when it is disposed.

import { describe, expect, it } from 'vitest'

import { px } from './pixchain'

const external = () => px.reportedNativeMemory()

describe('external memory', () => {
  it('a pipeline reports its work buffers from compile to dispose', () => {
    const spec = { width: 1024, height: 1024, channels: 1, type: 'f32' } as const
    const pipeline = new px.Pipeline(spec).gaussianBlur({ sigma: 1 }).medianBlur({ ksize: 3 }).gaussianBlur({ sigma: 1 })
    const before = external()
    pipeline.compile()
    const { workBytes } = pipeline.stats
    expect(workBytes).toBeGreaterThan(0)
    expect(external() - before).toBe(workBytes)
    pipeline.clip({ max: 1 })
    // Changed steps drop the plan; the next compile reports the new one.
    expect(external()).toBe(before)
    pipeline.compile()
    expect(external() - before).toBe(pipeline.stats.workBytes)
    pipeline.dispose()
    expect(external()).toBe(before)
  })

  it('image buffers report their two frames until disposed', () => {
    const before = external()
    const bufs = new px.ImageBuffers({ width: 512, height: 512, channels: 3, type: 'u16' })
    expect(external() - before).toBe(bufs.stats.bytes)
    expect(bufs.stats.bytes).toBeGreaterThanOrEqual(2 * 512 * 512 * 3 * 2)
    bufs.dispose()
    expect(external()).toBe(before)
  })
})
