// Frames as a Node stream: raw video from a real ffmpeg in, frames equal to
// `run` on each frame out, and back into ffmpeg; chunks of any size; memory
// bounded for a slow reader; a partial last frame refused; an abort that
// ends the stream with no native run left behind.
//
// ffmpeg must be on PATH: without it every test here fails, saying so (ffmpeg.ts).

import { spawn, type ChildProcessByStdio } from 'node:child_process'
import { once } from 'node:events'
import { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

import { beforeAll, describe, expect, it, vi } from 'vitest'

import { ffmpegOutput, rawThrough, requireFfmpeg, testClip } from './ffmpeg'
import { px, type ImageSpec, type PixelArray } from './pixchain'
import { rejection } from './rejection'

const [width, height] = [64, 48]
const gray: ImageSpec<'u8'> = { width, height, channels: 1, type: 'u8' }
const gray16: ImageSpec<'u16'> = { width, height, channels: 1, type: 'u16' }
const frameBytes = width * height
const FRAMES = 5

let clip: Buffer
let clip16: Buffer

beforeAll(() => {
  requireFfmpeg()
  clip = ffmpegOutput(testClip(width, height, 'gray', FRAMES))
  clip16 = ffmpegOutput(testClip(width, height, 'gray16le', FRAMES))
  expect(clip.length).toBe(FRAMES * frameBytes)
  expect(clip16.length).toBe(FRAMES * frameBytes * 2)
})

/** A small denoiser: what the stream runs, and what `run` checks it against. */
function denoise<T extends 'u8' | 'u16'>(spec: ImageSpec<T>) {
  return new px.Pipeline(spec).medianBlur({ ksize: 3 }).gaussianBlur({ sigma: 1.2 })
}

/** Frame `i` of raw bytes, as pixels of `type` (the machine's byte order, as gray16le on x86-64 and arm64). */
function frameOf(bytes: Buffer, i: number, type: 'u8' | 'u16'): PixelArray {
  const size = frameBytes * (type === 'u16' ? 2 : 1)
  const copy = new Uint8Array(bytes.subarray(i * size, (i + 1) * size))
  return type === 'u16' ? new Uint16Array(copy.buffer) : copy
}

/** Bytes of a pixel array. */
const bytesOf = (pixels: PixelArray) => Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength)

/** What `run` gives for each frame of `bytes`. */
function expectedFrames(bytes: Buffer, spec: ImageSpec<'u8' | 'u16'>, frames = FRAMES): Buffer[] {
  const reference = denoise(spec)
  return Array.from({ length: frames }, (_, i) => bytesOf(reference.run(frameOf(bytes, i, spec.type) as never)))
}

/** A sink that keeps every chunk it is given. */
function collect(into: Buffer[]): Writable {
  return new Writable({
    objectMode: true,
    write(chunk: Buffer, _encoding, callback) {
      into.push(chunk)
      callback()
    },
  })
}

/** `bytes` in chunks of `size` bytes (the last shorter). */
function chunked(bytes: Uint8Array, size: number): Buffer[] {
  const chunks: Buffer[] = []
  for (let at = 0; at < bytes.length; at += size) chunks.push(Buffer.from(bytes.subarray(at, at + size)))
  return chunks
}

type Ffmpeg = ChildProcessByStdio<Writable | null, Readable, Readable>

/** Resolves to ffmpeg's exit code; rejects with its stderr on a failure. */
async function exited(ffmpeg: Ffmpeg): Promise<number | null> {
  let stderr = ''
  ffmpeg.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const [code] = (await once(ffmpeg, 'exit')) as [number | null]
  if (code !== 0 && code !== null) throw new Error(`ffmpeg: exit ${code}: ${stderr}`)
  return code
}

describe('Pipeline.createStream with ffmpeg', () => {
  it('takes ffmpeg rawvideo (gray) and emits one Buffer per frame, each equal to run on that frame', async () => {
    const source = spawn('ffmpeg', testClip(width, height, 'gray', FRAMES), { stdio: ['ignore', 'pipe', 'pipe'] })
    const done = exited(source)
    const outputs: Buffer[] = []
    await pipeline(source.stdout, denoise(gray).createStream(), collect(outputs))
    expect(await done).toBe(0)
    const expected = expectedFrames(clip, gray)
    expect(outputs.map((frame) => frame.length)).toEqual(Array(FRAMES).fill(frameBytes))
    outputs.forEach((frame, i) => expect(frame.equals(expected[i]!), `frame ${i}`).toBe(true))
    // The steps change the frames: equal to run, not to the input.
    expect(outputs[0]!.equals(clip.subarray(0, frameBytes))).toBe(false)
    // Each frame is a Buffer of its own: a reader may keep them all.
    expect(new Set(outputs.map((frame) => frame.buffer)).size).toBe(FRAMES)
  })

  it('ffmpeg → stream → ffmpeg: the bytes ffmpeg reads back are the frames run gives', async () => {
    const source = spawn('ffmpeg', testClip(width, height, 'gray', FRAMES), { stdio: ['ignore', 'pipe', 'pipe'] })
    const sink = spawn('ffmpeg', rawThrough(width, height, 'gray'), { stdio: ['pipe', 'pipe', 'pipe'] })
    const read: Buffer[] = []
    sink.stdout.on('data', (chunk: Buffer) => read.push(chunk))
    const done = Promise.all([exited(source), exited(sink)])
    await pipeline(source.stdout, denoise(gray).createStream(), sink.stdin)
    expect(await done).toEqual([0, 0])
    expect(Buffer.concat(read).equals(Buffer.concat(expectedFrames(clip, gray)))).toBe(true)
  })

  it('u16 both ways as gray16le: frames in and out in the machine byte order', async () => {
    const source = spawn('ffmpeg', testClip(width, height, 'gray16le', FRAMES), { stdio: ['ignore', 'pipe', 'pipe'] })
    const sink = spawn('ffmpeg', rawThrough(width, height, 'gray16le'), { stdio: ['pipe', 'pipe', 'pipe'] })
    const read: Buffer[] = []
    sink.stdout.on('data', (chunk: Buffer) => read.push(chunk))
    const done = Promise.all([exited(source), exited(sink)])
    await pipeline(source.stdout, denoise(gray16).createStream(), sink.stdin)
    expect(await done).toEqual([0, 0])
    const expected = Buffer.concat(expectedFrames(clip16, gray16))
    expect(read.reduce((n, chunk) => n + chunk.length, 0)).toBe(FRAMES * frameBytes * 2)
    expect(Buffer.concat(read).equals(expected)).toBe(true)
    // gray16le is little-endian: the first sample, read as such, is the first sample run gives.
    expect(Buffer.concat(read).readUInt16LE(0)).toBe(new Uint16Array(expected.buffer, expected.byteOffset, 1)[0])
  })

  it('a pipeline that changes the type emits frames of its output spec: u16 in, u8 out', async () => {
    const toBytes = new px.Pipeline(gray16).medianBlur({ ksize: 3 }).convert({ type: 'u8', scale: 1 / 257 })
    const outputs: Buffer[] = []
    await pipeline(Readable.from([clip16]), toBytes.createStream(), collect(outputs))
    expect(outputs.map((frame) => frame.length)).toEqual(Array(FRAMES).fill(frameBytes))
    outputs.forEach((frame, i) => expect(frame.equals(bytesOf(toBytes.run(frameOf(clip16, i, 'u16') as Uint16Array))), `frame ${i}`).toBe(true))
  })
})

describe('chunks of any size', () => {
  const sizes = { 'one byte': 1, 'a frame and one byte': frameBytes + 1, 'a frame less one byte': frameBytes - 1, 'every frame in one chunk': FRAMES * frameBytes, '1000 bytes': 1000 }
  for (const [name, size] of Object.entries(sizes)) {
    it(`${name} at a time: the same frames`, async () => {
      const outputs: Buffer[] = []
      await pipeline(Readable.from(chunked(clip, size)), denoise(gray).createStream(), collect(outputs))
      expect(outputs).toHaveLength(FRAMES)
      const expected = expectedFrames(clip, gray)
      outputs.forEach((frame, i) => expect(frame.equals(expected[i]!), `frame ${i}`).toBe(true))
    })
  }

  it('frames whole inside a chunk are run from the chunk itself; frames split over chunks are assembled', async () => {
    const streamed = denoise(gray)
    const run = vi.spyOn(streamed, 'runAsync')
    const whole = Buffer.from(clip)
    await pipeline(Readable.from([whole]), streamed.createStream(), collect([]))
    expect(run.mock.calls.map(([input]) => input.buffer === whole.buffer)).toEqual(Array(FRAMES).fill(true))

    const pieces = chunked(clip, frameBytes + 1)
    run.mockClear()
    await pipeline(Readable.from(pieces), streamed.createStream(), collect([]))
    // Chunk k holds frame k's bytes from k on: frame 0 is whole in chunk 0, every later one is split.
    const owners = run.mock.calls.map(([input]) => pieces.findIndex((piece) => piece.buffer === input.buffer))
    expect(owners).toEqual([0, -1, -1, -1, -1])
  })

  it('u16 frames at an odd byte offset are copied into aligned arrays, with the same result', async () => {
    const streamed = denoise(gray16)
    const run = vi.spyOn(streamed, 'runAsync')
    const odd = Buffer.alloc(clip16.length + 1).subarray(1)
    clip16.copy(odd)
    const even = Buffer.from(clip16)
    const outputs: Buffer[] = []
    await pipeline(Readable.from([odd, even]), streamed.createStream(), collect(outputs))
    expect(run.mock.calls.map(([input]) => input.buffer === odd.buffer || input.buffer === even.buffer)).toEqual([...Array(FRAMES).fill(false), ...Array(FRAMES).fill(true)])
    const expected = expectedFrames(clip16, gray16)
    outputs.forEach((frame, i) => expect(frame.equals(expected[i % FRAMES]!), `frame ${i}`).toBe(true))
  })
})

describe('backpressure', () => {
  it('a reader that does not read stops the stream: a bounded number of frames is taken, then all arrive in order', async () => {
    const stream = denoise(gray).createStream({ highWaterMark: 2, inFlight: 2 })
    const TOTAL = 40
    const frames = Array.from({ length: TOTAL }, (_, i) => clip.subarray((i % FRAMES) * frameBytes, ((i % FRAMES) + 1) * frameBytes))
    let written = 0
    const writer = (async () => {
      for (const frame of frames) {
        if (!stream.write(frame)) await once(stream, 'drain')
        written++
      }
      stream.end()
    })()
    // Wait until nothing moves for 150 ms.
    let last = -1
    while (written !== last) {
      last = written
      await new Promise((resolve) => setTimeout(resolve, 150))
    }
    // At most: 2 frames for the reader, 2 taken in, 2 frames' bytes buffered by the writable side, and the write waiting for 'drain'.
    expect(stream.readableLength).toBe(2)
    expect(stream.writableLength).toBeLessThanOrEqual(2 * frameBytes)
    expect(written).toBeGreaterThanOrEqual(2)
    expect(written).toBeLessThanOrEqual(6)

    // Now a slow reader: at most highWaterMark frames ever wait for it.
    const outputs: Buffer[] = []
    let mostWaiting = 0
    for await (const frame of stream as AsyncIterable<Buffer>) {
      outputs.push(frame)
      mostWaiting = Math.max(mostWaiting, stream.readableLength)
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
    await writer
    expect(mostWaiting).toBeLessThanOrEqual(2)
    const expected = expectedFrames(clip, gray)
    expect(outputs).toHaveLength(TOTAL)
    outputs.forEach((frame, i) => expect(frame.equals(expected[i % FRAMES]!), `frame ${i}`).toBe(true))
  })

  it('inFlight: 1 takes no chunk while a frame is in, and still gives every frame', async () => {
    const streamed = denoise(gray)
    let running = 0
    let mostRunning = 0
    const runAsync = streamed.runAsync.bind(streamed)
    vi.spyOn(streamed, 'runAsync').mockImplementation(async (...args: Parameters<typeof runAsync>) => {
      mostRunning = Math.max(mostRunning, ++running)
      try {
        return await runAsync(...args)
      } finally {
        running--
      }
    })
    const outputs: Buffer[] = []
    await pipeline(Readable.from(chunked(clip, frameBytes)), streamed.createStream({ inFlight: 1 }), collect(outputs))
    expect(mostRunning).toBe(1)
    expect(outputs.map((frame, i) => frame.equals(expectedFrames(clip, gray)[i]!))).toEqual(Array(FRAMES).fill(true))
  })
})

describe('the end of the input', () => {
  it('a partial last frame fails the stream with ERR_PIXCHAIN_LENGTH, after the whole frames before it', async () => {
    const outputs: Buffer[] = []
    const cut = clip.subarray(0, 2 * frameBytes + frameBytes / 2)
    const error = await rejection(pipeline(Readable.from(chunked(cut, 1000)), denoise(gray).createStream(), collect(outputs)))
    expect(error.code).toBe('ERR_PIXCHAIN_LENGTH')
    expect(error.message).toBe(`input: expected whole frames of ${frameBytes} bytes (64×48×1 u8), got 2 frames and ${frameBytes / 2} bytes more`)
    const expected = expectedFrames(clip, gray)
    expect(outputs.map((frame, i) => frame.equals(expected[i]!))).toEqual([true, true])
  })

  it('an empty input ends with no frame', async () => {
    const outputs: Buffer[] = []
    await pipeline(Readable.from([]), denoise(gray).createStream(), collect(outputs))
    expect(outputs).toEqual([])
  })

  it("a run's error fails the stream with its code", async () => {
    const streamed = denoise(gray)
    const outputs: Buffer[] = []
    const sink = new Writable({
      objectMode: true,
      write(chunk: Buffer, _encoding, callback) {
        outputs.push(chunk)
        // The pipeline goes away under the stream after its first frame.
        if (outputs.length === 1) setImmediate(() => streamed.dispose())
        callback()
      },
    })
    const error = await rejection(pipeline(Readable.from(chunked(clip, frameBytes)), streamed.createStream({ highWaterMark: 1, inFlight: 1 }), sink))
    expect(['ERR_PIXCHAIN_DISPOSED', 'ERR_PIXCHAIN_ABORTED']).toContain(error.code)
    expect(outputs.length).toBeLessThan(FRAMES)
  })
})

describe('AbortSignal', () => {
  it('an abort mid-stream ends an endless ffmpeg clip: AbortError, ffmpeg gone, no run left in flight, no unhandled rejection', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    const source = spawn('ffmpeg', testClip(width, height, 'gray'), { stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      const streamed = denoise(gray)
      const controller = new AbortController()
      // The abort comes as the fourth frame's run has started.
      const runAsync = streamed.runAsync.bind(streamed)
      let runs = 0
      let busyAtAbort: string | undefined
      vi.spyOn(streamed, 'runAsync').mockImplementation((...args: Parameters<typeof runAsync>) => {
        const running = runAsync(...args)
        if (++runs === 4) {
          try {
            void streamed.stats
          } catch (error) {
            busyAtAbort = (error as { code?: string }).code
          }
          controller.abort()
        }
        return running
      })
      const stream = streamed.createStream({ signal: controller.signal })
      // 'close' comes once the run in flight has settled: the pipeline takes calls again at once.
      const closed = new Promise<Buffer>((resolve) => stream.once('close', () => resolve(bytesOf(streamed.run(frameOf(clip, 0, 'u8') as Uint8Array)))))
      const outputs: Buffer[] = []
      const error = await rejection(pipeline(source.stdout, stream, collect(outputs)))
      expect(error.name).toBe('AbortError')
      expect(error).toBe(controller.signal.reason)
      expect(busyAtAbort).toBe('ERR_PIXCHAIN_BUSY')
      expect((await closed).equals(expectedFrames(clip, gray, 1)[0]!)).toBe(true)
      expect(stream.destroyed).toBe(true)
      // The three frames before the abort, right; none after it.
      const expected = expectedFrames(clip, gray)
      expect(outputs.map((frame, i) => frame.equals(expected[i]!))).toEqual([true, true, true])
      // ffmpeg's stdout went down with the stream: ffmpeg ends on the broken pipe.
      if (source.exitCode === null && source.signalCode === null) await once(source, 'exit')
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', onUnhandled)
      if (source.exitCode === null && source.signalCode === null) source.kill()
    }
  })

  it('a signal already aborted destroys the stream at once with its reason; nothing runs', async () => {
    const streamed = denoise(gray)
    const controller = new AbortController()
    controller.abort()
    const stream = streamed.createStream({ signal: controller.signal })
    expect(stream.destroyed).toBe(true)
    const [error] = (await once(stream, 'error')) as [Error]
    expect(error).toBe(controller.signal.reason)
    expect(streamed.stats.runs).toBe(0)
  })

  it('destroying the stream mid-run waits for the run: the pipeline is free when close fires', async () => {
    const streamed = denoise(gray)
    const stream = streamed.createStream()
    stream.write(clip.subarray(0, frameBytes))
    expect(() => streamed.stats).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_BUSY' }))
    stream.destroy()
    await once(stream, 'close')
    expect(() => streamed.stats).not.toThrow()
  })
})

describe('options', () => {
  it('are checked like every option: ERR_PIXCHAIN_PARAM naming the option', () => {
    const pipeline = denoise(gray)
    const refused = (options: unknown) => () => pipeline.createStream(options as never)
    expect(refused({ inFlight: 0 })).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_PARAM', message: 'inFlight: expected an integer ≥ 1, got 0' }))
    expect(refused({ highWaterMark: 1.5 })).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_PARAM', message: 'highWaterMark: expected an integer ≥ 1, got 1.5' }))
    expect(refused({ signal: {} })).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_PARAM', message: 'signal: expected an AbortSignal, got a Object' }))
    expect(refused({ frames: 2 })).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_PARAM', message: expect.stringContaining('unknown option "frames"') }))
    expect(refused(7)).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_PARAM' }))
  })

  it('a pipeline over a crop (a stride) takes no stream: ERR_PIXCHAIN_SPEC', () => {
    const crop = new px.Pipeline({ ...gray, stride: 100 }).medianBlur({ ksize: 3 })
    expect(() => crop.createStream()).toThrow(expect.objectContaining({ code: 'ERR_PIXCHAIN_SPEC', message: expect.stringMatching(/^stride: expected 64 .+, got 100/) }))
  })
})
