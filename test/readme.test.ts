// Every JavaScript and TypeScript block of README.md runs as written: each
// is type-checked strictly as a TypeScript module (as if pasted into a .ts
// file), then run by Node in a project where `pixchain` is this package — a
// JavaScript block as written, a TypeScript block as tsc compiles it. A block
// that is deliberately a fragment says so with `<!-- fragment -->` on the
// line before it, and the counts below make sure none is skipped unseen.

import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))

interface Block {
  lang: string
  line: number
  code: string
  fragment: boolean
}

/** The fenced blocks of a Markdown text, with the line each starts on. */
function fencedBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n')
  const blocks: Block[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]!)
    if (!open) continue
    const end = lines.indexOf('```', i + 1)
    if (end < 0) throw new Error(`README.md:${i + 1}: a block that never closes`)
    let before = i - 1
    while (before >= 0 && lines[before]!.trim() === '') before--
    blocks.push({
      lang: open[1]!,
      line: i + 1,
      code: lines.slice(i + 1, end).join('\n') + '\n',
      fragment: before >= 0 && lines[before]!.trim() === '<!-- fragment -->',
    })
    i = end
  }
  return blocks
}

const blocks = fencedBlocks(readFileSync(join(root, 'README.md'), 'utf8')).filter((b) => b.lang === 'js' || b.lang === 'ts')
const runnable = blocks.filter((b) => !b.fragment)

// A project of its own, outside this one: `pixchain` resolves to this
// package through node_modules, as it does for a user.
const project = mkdtempSync(join(tmpdir(), 'pixchain-readme-'))
afterAll(() => rmSync(project, { recursive: true, force: true }))

function setUpProject(): void {
  mkdirSync(join(project, 'node_modules'))
  symlinkSync(root, join(project, 'node_modules', 'pixchain'), 'dir')
  symlinkSync(join(root, 'node_modules', '@types'), join(project, 'node_modules', '@types'), 'dir')
  const files = runnable.map((b) => `block-${b.line}.mts`)
  for (const [index, block] of runnable.entries()) writeFileSync(join(project, files[index]!), block.code)
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2022'],
        module: 'node16',
        moduleResolution: 'node16',
        types: ['node'],
        strict: true,
        skipLibCheck: false,
        outDir: 'out',
      },
      files,
    }),
  )
}

/** What tsc said of the blocks; every block is compiled (to out/) even when it fails. */
let tscOutput = ''
beforeAll(() => {
  setUpProject()
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
  try {
    execFileSync(process.execPath, [tsc, '-p', project], { cwd: project, encoding: 'utf8' })
  } catch (error) {
    tscOutput = (error as { stdout: string }).stdout
  }
}, 120_000)

describe('README code blocks', () => {
  it('are counted: every js and ts block runs, none is marked a fragment', () => {
    expect(blocks.map((b) => b.lang)).toEqual(['js', 'ts', 'ts', 'ts', 'ts', 'ts', 'ts', 'js', 'ts', 'js', 'ts', 'js'])
    expect(blocks.filter((b) => b.fragment)).toEqual([])
    expect(runnable).toHaveLength(12)
  })

  it('type-check as strict TypeScript', () => {
    // Errors name the block by its line in README.md.
    expect(tscOutput.replace(/block-(\d+)\.mts\((\d+),/g, (_, start, line) => `README.md:${Number(start) + Number(line)} (`)).toBe('')
  })

  for (const block of runnable) {
    it(`the ${block.lang} block at README.md:${block.line} runs`, () => {
      // A JavaScript block runs as written, a TypeScript one as tsc compiled it (above).
      const file = block.lang === 'js' ? join(project, `block-${block.line}.mjs`) : join(project, 'out', `block-${block.line}.mjs`)
      if (block.lang === 'js') writeFileSync(file, block.code)
      const run = () => execFileSync(process.execPath, [file], { cwd: project, encoding: 'utf8', timeout: 60_000, stdio: 'pipe' })
      expect(run).not.toThrow()
    })
  }
})
