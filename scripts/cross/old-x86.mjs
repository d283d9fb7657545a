// The x86-64 addon on CPUs older than this machine's, under qemu's models:
// Nehalem (SSE4.2, no AVX) and Core 2 (SSSE3, no SSE4.1). The dispatcher
// must pick the path the CPU has and never run an instruction it lacks:
// qemu raises SIGILL on one, as the probe below checks first.

import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { smokeMatchesDist } from './smoke-compare.mjs'
import { ensureDebianPackages, root, run } from './toolchain.mjs'

/** Each model, the SIMD path pixchain must choose on it, and an instruction it lacks. */
const MODELS = [
  { cpu: 'Nehalem', path: 'sse4.1', lacks: 'AVX2', instruction: 'vpaddd %ymm0, %ymm0, %ymm0' },
  { cpu: 'core2duo', path: 'scalar', lacks: 'SSE4.1', instruction: 'pminud %xmm0, %xmm0' },
]

/**
 * The suites run on each model, in one process (worker threads, not child
 * processes) so that all of it runs there: the kernels', pipelines' and
 * buffers' (182 tests, 7 minutes a model here), or with `quick` (CI) the
 * paths against scalar, pipelines and grayscale (36 tests, 40 seconds); the
 * smoke test checks every kernel's outputs either way.
 */
const SUITES = ['threads-simd', 'pipeline', 'grayscale', 'blur', 'point-kernels', 'point-opencv', 'derivatives', 'arithmetic', 'normalize', 'nonfinite', 'image-buffers', 'async']
const QUICK_SUITES = SUITES.slice(0, 3)

export async function oldX86({ quick = false } = {}) {
  const suites = (quick ? QUICK_SUITES : SUITES).map((name) => `test/${name}.test.ts`)
  ensureDebianPackages(['qemu-user-static'])
  const tested = []
  for (const model of MODELS) {
    const node = ['qemu-x86_64-static', '-cpu', model.cpu, process.execPath]
    probe(model)
    const chosen = run(node[0], [...node.slice(1), '-p', "require('./dist/index.js').simdPath()"]).trim()
    if (chosen !== model.path) throw new Error(`on ${model.cpu} pixchain chose ${chosen}, not ${model.path}`)
    console.log(`  ${model.cpu}: pixchain chooses ${chosen}`)
    smokeMatchesDist(path.join(root, 'dist'), node)
    const output = run(node[0], [...node.slice(1), 'node_modules/vitest/vitest.mjs', 'run', '--pool=threads', ...suites], {
      env: { ...process.env, NO_COLOR: '1' },
    })
    const counts = output.match(/(\d+) passed, (\d+) failed/)
    if (!counts || Number(counts[2]) > 0) throw new Error(`vitest on ${model.cpu}: ${counts?.[0] ?? 'no summary'}`)
    tested.push(`${model.cpu} (${model.path}): the smoke test's outputs equal this CPU's, and ${counts[1]} tests of ${suites.length} suites pass`)
  }
  return { target: 'x86_64 without AVX2 / SSE4.1', built: 'the x86-64 addon of dist/', tested: tested.join('; ') }
}

/** Proves the model faults on an instruction it lacks, so a clean run means something. */
function probe({ cpu, lacks, instruction }) {
  const folder = mkdtempSync(path.join(tmpdir(), 'pixchain-probe-'))
  const source = path.join(folder, 'probe.c')
  const binary = path.join(folder, 'probe')
  writeFileSync(source, `int main(void) { __asm__ volatile("${instruction}"); return 0; }\n`)
  run('cc', ['-O0', '-o', binary, source])
  const result = spawnSync('qemu-x86_64-static', ['-cpu', cpu, binary], { cwd: folder })
  rmSync(folder, { recursive: true, force: true })
  if (result.signal !== 'SIGILL') throw new Error(`qemu -cpu ${cpu} ran ${lacks} (${instruction}) without SIGILL: the check would prove nothing`)
}
