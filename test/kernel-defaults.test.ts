// The defaults users read all come from one place, the Rust core's parameter
// defaults, which `kernelDefaults()` exports: the `@default` tags of the
// typings are held to them here, the CLI's help and README's kernel table
// are made from them, and each kernel applies them when an option is absent.

import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

import ts from 'typescript'
import { describe, expect, it } from 'vitest'

import { describeDefault } from '../bin/cli/option-defaults.mjs'
import { stepsHelp } from '../bin/cli/steps.mjs'
import { README, kernelTable, withTable } from '../scripts/kernel-table.mjs'
import { allocate, makeFrame, samples, type Frame } from './frames'
import { px, type PixelArray, type PixelType } from './pixchain'

const defaults = px.kernelDefaults()

/** Per kernel, the `@default` tag of each option of `lib/kernel-options.ts` that has one. */
function defaultTags(): Record<string, Record<string, string>> {
  const path = new URL('../lib/kernel-options.ts', import.meta.url)
  const source = ts.createSourceFile('kernel-options.ts', readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true)
  const tags: Record<string, Record<string, string>> = {}
  for (const statement of source.statements) {
    if (!ts.isInterfaceDeclaration(statement) || !statement.name.text.endsWith('Options')) continue
    const name = statement.name.text.replace(/Options$/, '')
    const kernel = name[0]!.toLowerCase() + name.slice(1)
    for (const member of statement.members) {
      const tag = ts.getJSDocTags(member).find((t) => t.tagName.text === 'default')
      if (tag === undefined || member.name === undefined) continue
      const text = ts.getTextOfJSDocComment(tag.comment) ?? ''
      ;(tags[kernel] ??= {})[member.name.getText(source)] = text.replace(/\s+/g, ' ').trim()
    }
  }
  return tags
}

describe('kernel option defaults', () => {
  const tags = defaultTags()

  it('every defaulted option has a @default tag that states the core default', () => {
    for (const [kernel, options] of Object.entries(defaults)) {
      for (const [option, value] of Object.entries(options)) {
        const tag = tags[kernel]?.[option]
        const expected = describeDefault(value, 'jsdoc')
        expect(tag, `${kernel}.${option}: lib/kernel-options.ts needs @default ${expected}`).toBeDefined()
        // The value, then optionally ' — ' and words on what it means.
        expect(tag!.split(' — ')[0], `@default of ${kernel}.${option}`).toBe(expected)
      }
    }
  })

  it('every @default tag belongs to an option the core gives a default', () => {
    for (const [kernel, options] of Object.entries(tags)) {
      for (const option of Object.keys(options)) {
        expect(defaults[kernel], `${kernel}: no defaults in the core, yet a @default tag on ${option}`).toBeDefined()
        expect(Object.keys(defaults[kernel]!), `${kernel}.${option} has a @default tag`).toContain(option)
      }
    }
  })

  it('the CLI help shows every default as the core states it', () => {
    const help = stepsHelp(defaults)
    for (const [kernel, options] of Object.entries(defaults)) {
      const line = help.split('\n').findIndex((l) => l.startsWith(`  ${kernel}:`))
      expect(line, kernel).toBeGreaterThanOrEqual(0)
      const params = help.split('\n')[line + 1]!
      for (const [option, value] of Object.entries(options)) {
        expect(params, `${kernel}.${option}`).toMatch(new RegExp(`\\b${option}\\b[^,]* \\(${escape(describeDefault(value))}\\)`))
      }
    }
  })

  it("README's kernel table is the one made from the defaults", () => {
    const readme = readFileSync(README, 'utf8')
    expect(withTable(readme, kernelTable(defaults)) === readme, 'README.md is out of date: run `npm run docs` to regenerate its kernel table').toBe(true)
  })

  it('a kernel given no options computes what it computes given its defaults', () => {
    const spec: Frame = { width: 23, height: 17, channels: 3, type: 'u8' }
    for (const type of ['u8', 'u16', 'i16', 'f32'] as PixelType[]) {
      const colourInput = makeFrame({ ...spec, type }, 'random', 7)
      for (const [kernel, options] of Object.entries(defaults)) {
        // CLAHE takes one-channel u8 and u16 frames only.
        if (kernel === 'clahe' && (type === 'i16' || type === 'f32')) continue
        const frame = kernel === 'clahe' ? { ...spec, type, channels: 1 } : { ...spec, type }
        const input = kernel === 'clahe' ? makeFrame(frame, 'random', 7) : colourInput
        const run = (px as unknown as Record<string, (...args: unknown[]) => PixelArray>)[kernel]!
        const explicit: Record<string, unknown> = {}
        for (const [option, value] of Object.entries(options)) {
          const resolved = typeof value === 'object' && !Array.isArray(value) && type in value ? (value as Record<string, unknown>)[type] : value
          if (typeof resolved !== 'object' || Array.isArray(resolved)) explicit[option] = resolved
        }
        // A Gaussian needs its sigma, morphology its operation, a resize its size; every other option is left out or given its default.
        const resized = { ...frame, width: 9, height: 5 }
        const needed = kernel === 'gaussianBlur' ? { sigma: 1.2 } : kernel === 'morphology' ? { op: 'gradient' } : kernel === 'resize' ? { width: 9, height: 5 } : {}
        const outType = kernel === 'toTensor' ? 'f32' : ((explicit.type as PixelType | undefined) ?? type)
        const outFrame = kernel === 'grayscale' || kernel === 'extractChannel' ? { ...frame, channels: 1 } : kernel === 'resize' ? resized : frame
        const call = (opts: object) => {
          const output = allocate(outType, samples(outFrame))
          const binary = kernel === 'multiply' || kernel === 'addWeighted'
          return binary ? run(input, input, output, frame, opts) : run(input, output, frame, opts)
        }
        expect(Buffer.from(call({ ...needed }).buffer).equals(Buffer.from(call({ ...needed, ...explicit }).buffer)), `${kernel} on ${type}`).toBe(true)
      }
    }
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

describe('the one-shot call passes options as an array', () => {
  it('the addon reads, for each kernel, exactly the options the TypeScript rules check', async () => {
    const { native } = await import('../dist/lib/native.js')
    const { kernelRules } = await import('../dist/lib/options.js')
    const fields = Object.fromEntries(native.opFields().map(({ op, fields }: { op: string; fields: string[] }) => [op, fields]))
    expect(Object.keys(fields).sort()).toEqual(Object.keys(kernelRules).sort())
    for (const [op, rules] of Object.entries(kernelRules)) {
      expect([...fields[op]!].sort(), op).toEqual(Object.keys(rules).sort())
    }
  })

  it('checks options the same where Node refuses to compile code from strings', () => {
    const script = `
      const px = require('./dist')
      const spec = { width: 2, height: 2, type: 'u8' }
      const output = new Uint8Array(4)
      px.threshold(new Uint8Array([1, 200, 3, 250]), output, spec, { thresh: 100 })
      let code
      try { px.threshold(output, new Uint8Array(4), spec, { thresh: 'x' }) } catch (error) { code = error.code }
      console.log(JSON.stringify({ output: [...output], code }))`
    const printed = execFileSync(process.execPath, ['--disallow-code-generation-from-strings', '-e', script], { encoding: 'utf8' })
    expect(JSON.parse(printed)).toEqual({ output: [0, 255, 0, 255], code: 'ERR_PIXCHAIN_PARAM' })
  })
})
