// `npm run test:pack`: the package as users install it. Packs pixchain and
// the binary package of this machine the way a release does (`napi
// artifacts`, `napi pre-publish`, `npm pack`), installs both tarballs into
// a fresh project whose PATH has no cargo or rustc, and runs a CommonJS
// script, an ES module, strict TypeScript (tsc --noEmit) and the CLI there.
//
//   npm run build && npm run test:pack        # --keep leaves the temp folder

import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { parseTriple } from '@napi-rs/cli'

const root = fileURLToPath(new URL('..', import.meta.url))
const dist = path.join(root, 'dist')
const napi = path.join(root, 'node_modules', '.bin', 'napi')
const keep = process.argv.includes('--keep')

/** Runs a command, failing with its output unless it exits 0; returns stdout and stderr. */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options })
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status ?? result.error}:\n${output}`)
  }
  return { stdout: result.stdout, stderr: result.stderr, output }
}

/** `npm pack` of the package in `folder` into `destination`: npm's record of the tarball (name, size, files). */
function pack(folder, destination) {
  return JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], { cwd: folder }).stdout)[0]
}

function step(title) {
  console.log(`test:pack: ${title}`)
}

const addon = readdirSync(dist).find((name) => /^pixchain\..+\.node$/.test(name))
if (!addon || !existsSync(path.join(dist, 'index.mjs'))) {
  console.error('test:pack: no built addon here; run `npm run build` first')
  process.exit(1)
}
const platform = addon.slice('pixchain.'.length, -'.node'.length) // e.g. linux-x64-gnu
const temp = mkdtempSync(path.join(tmpdir(), 'pixchain-pack-'))

try {
  step(`packing pixchain and pixchain-${platform} in ${temp}`)
  const stage = path.join(temp, 'stage')
  mkdirSync(stage)
  const packed = pack(root, temp)
  run('tar', ['xzf', path.join(temp, packed.filename), '-C', stage, '--strip-components=1'])
  cpSync(path.join(root, 'npm'), path.join(stage, 'npm'), { recursive: true })

  // A release builds every target; this machine builds one, so the staged
  // package lists the one it has (napi refuses to publish a target without its addon).
  const manifest = JSON.parse(readFileSync(path.join(stage, 'package.json'), 'utf8'))
  manifest.napi.targets = manifest.napi.targets.filter((triple) => parseTriple(triple).platformArchABI === platform)
  assert.equal(manifest.napi.targets.length, 1, `one napi target matches npm/${platform}`)
  writeFileSync(path.join(stage, 'package.json'), JSON.stringify(manifest, null, 2))

  const artifacts = path.join(temp, 'artifacts')
  mkdirSync(artifacts)
  cpSync(path.join(dist, addon), path.join(artifacts, addon))
  run(napi, ['artifacts', '--output-dir', artifacts, '--npm-dir', 'npm'], { cwd: stage })
  run(napi, ['pre-publish', '-t', 'npm', '--skip-optional-publish', '--no-gh-release'], { cwd: stage })
  const published = JSON.parse(readFileSync(path.join(stage, 'package.json'), 'utf8'))
  assert.deepEqual(published.optionalDependencies, { [`pixchain-${platform}`]: published.version })

  const tarballs = path.join(temp, 'tarballs')
  mkdirSync(tarballs)
  const main = pack(stage, tarballs)
  const binary = pack(path.join(stage, 'npm', platform), tarballs)
  const mainFiles = main.files.map((file) => file.path)
  for (const file of ['dist/index.js', 'dist/index.mjs', 'dist/index.d.ts', 'dist/index.d.mts', 'dist/promises.mjs', 'dist/lib/promises.js', 'dist/lib/types.d.ts', 'dist/binding.js', 'bin/pixchain.mjs', 'README.md']) {
    assert.ok(mainFiles.includes(file), `the main package holds ${file}`)
  }
  assert.ok(!mainFiles.some((file) => file.endsWith('.node') || file.startsWith('crate/')), 'no addon or Rust source in the main package')
  assert.deepEqual(
    binary.files.map((file) => file.path).sort(),
    [addon, 'README.md', 'package.json'].sort(),
    'the binary package holds its addon',
  )
  console.log(`  ${main.filename} ${(main.size / 1024).toFixed(0)} KiB, ${binary.filename} ${(binary.size / 1024).toFixed(0)} KiB`)

  step('installing both tarballs in a fresh project, without cargo or rustc on PATH')
  const project = path.join(temp, 'project')
  mkdirSync(project)
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'pixchain-user', private: true }, null, 2))
  for (const file of readdirSync(path.join(root, 'test', 'pack'))) cpSync(path.join(root, 'test', 'pack', file), path.join(project, file))
  const env = { ...process.env, PATH: pathOf(path.join(temp, 'bin'), ['node', 'npm']) }
  for (const tool of ['cargo', 'rustc']) {
    assert.notEqual(spawnSync(tool, ['--version'], { env }).status, 0, `${tool} is not on the project's PATH`)
  }
  const install = run(
    'npm',
    ['install', '--no-audit', '--no-fund', path.join(tarballs, main.filename), path.join(tarballs, binary.filename), 'typescript@5', '@types/node@20'],
    { cwd: project, env },
  )
  assert.doesNotMatch(install.output, /install-scripts\s+pixchain/, 'pixchain asks for no install script')

  step('running a CommonJS script, an ES module, strict TypeScript and the CLI')
  const fromRequire = run('node', ['use.cjs'], { cwd: project, env }).stdout.trim()
  const fromImport = run('node', ['use.mjs'], { cwd: project, env }).stdout.trim()
  assert.equal(fromImport, fromRequire, 'import and require give the same results')
  console.log(`  ${fromRequire}`)
  const tsc = path.join(project, 'node_modules', '.bin', 'tsc')
  run(tsc, ['-p', '.'], { cwd: project, env })
  const version = run(tsc, ['--version'], { cwd: project, env }).stdout.trim()
  console.log(`  tsc --noEmit (${version}, strict, nodenext): use.mts and use.cts type-check`)
  const cli = path.join(project, 'node_modules', '.bin', 'pixchain')
  assert.match(run(cli, ['--help'], { cwd: project, env }).stdout, /gaussianBlur:sigma/, 'pixchain --help lists the kernels')
  writeFileSync(path.join(project, 'frame.raw'), new Uint8Array(new Uint16Array(64 * 48).map((_, i) => i * 21).buffer))
  const made = run(cli, ['frame.raw', '--raw', '64x48:u16', '-o', 'frame.png', 'gaussian:2', 'convert:u8,0.00390625'], { cwd: project, env })
  assert.match(made.stdout, /spec: 64×48×1 u16 → 64×48×1 u8/)
  assert.deepEqual([...readFileSync(path.join(project, 'frame.png')).subarray(1, 4)], [...Buffer.from('PNG')], 'the CLI writes a PNG')
  console.log('test:pack: passed')
} finally {
  if (keep) console.log(`test:pack: kept ${temp}`)
  else rmSync(temp, { recursive: true, force: true })
}

/**
 * A PATH of one new folder that links to the given programs alone. (Dropping
 * the folders that hold cargo or rustc would not do: where they sit in
 * /usr/bin beside npm, npm goes with them.)
 */
function pathOf(folder, programs) {
  mkdirSync(folder)
  for (const program of programs) {
    const found = process.env.PATH.split(path.delimiter).map((dir) => path.join(dir, program)).find((file) => existsSync(file))
    assert.ok(found, `${program} is on PATH`)
    symlinkSync(found, path.join(folder, program))
  }
  return folder
}
