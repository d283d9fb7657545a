// ffmpeg for the tests that pipe frames through it: its test pattern as raw
// frames, raw frames read back, and a clear failure when it is missing
// (those tests fail then; none is skipped).

import { spawnSync } from 'node:child_process'

const QUIET = ['-hide_banner', '-loglevel', 'error']

/** A raw pixel format of ffmpeg's: 8-bit gray, or 16-bit little-endian gray. */
export type GrayFormat = 'gray' | 'gray16le'

/** Throws, saying how to install it, unless `ffmpeg` runs from PATH. */
export function requireFfmpeg(): void {
  const probe = spawnSync('ffmpeg', ['-version'], { encoding: 'utf8' })
  if (probe.error !== undefined || probe.status !== 0) {
    throw new Error(
      `ffmpeg: not found or not working on PATH (${probe.error?.message ?? `exit ${probe.status}`}): this test pipes frames through a real ffmpeg. ` +
        'Install it: apt-get install ffmpeg (Debian, Ubuntu), apk add ffmpeg (Alpine), brew install ffmpeg (macOS), choco install ffmpeg (Windows)',
    )
  }
}

/** ffmpeg's arguments for `frames` frames (endless without) of its test pattern at `width`×`height`, as raw `format` on stdout. */
export function testClip(width: number, height: number, format: GrayFormat, frames?: number): string[] {
  const count = frames === undefined ? [] : ['-frames:v', String(frames)]
  return [...QUIET, '-nostdin', '-f', 'lavfi', '-i', `testsrc=size=${width}x${height}:rate=10`, ...count, '-f', 'rawvideo', '-pix_fmt', format, '-']
}

/** ffmpeg's arguments to read raw `format` frames of `width`×`height` on stdin and write them back, raw, on stdout. */
export function rawThrough(width: number, height: number, format: GrayFormat): string[] {
  return [...QUIET, '-f', 'rawvideo', '-pix_fmt', format, '-s', `${width}x${height}`, '-i', '-', '-f', 'rawvideo', '-pix_fmt', format, '-']
}

/** What ffmpeg writes on stdout for `args`; throws with its stderr if it fails. */
export function ffmpegOutput(args: string[]): Buffer {
  const result = spawnSync('ffmpeg', args, { maxBuffer: 64 * 2 ** 20 })
  if (result.status !== 0) throw new Error(`ffmpeg ${args.join(' ')}: ${result.error?.message ?? `exit ${result.status}`}: ${result.stderr}`)
  return result.stdout
}
