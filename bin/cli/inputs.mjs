// Input files from the command line: paths as given, and quoted patterns
// ('frames/*.png') expanded here, so that one pipeline runs over every match
// in name order. `*` and `?` match within the last path segment.

import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

import { UsageError } from './usage.mjs'

/** A word with `*` or `?` is a pattern. */
export const WILDCARD = /[*?]/

/** Every file the words name, in order; a UsageError for a path or pattern that names none. */
export function expandInputs(words) {
  const files = []
  for (const word of words) {
    if (!WILDCARD.test(word)) {
      if (!existsSync(word) || !statSync(word).isFile()) throw new UsageError(`pixchain: no such file '${word}'`)
      files.push(word)
      continue
    }
    const folder = path.dirname(word)
    if (WILDCARD.test(folder)) throw new UsageError(`pixchain: '${word}': wildcards match file names, not folders`)
    if (!existsSync(folder)) throw new UsageError(`pixchain: '${word}': no such folder '${folder}'`)
    const pattern = patternOf(path.basename(word))
    const matches = readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isFile() && pattern.test(entry.name))
      .map((entry) => entry.name)
      .sort(byName)
      .map((name) => (folder === '.' && !word.startsWith('./') ? name : path.join(folder, name)))
    if (matches.length === 0) throw new UsageError(`pixchain: '${word}' matches no file`)
    files.push(...matches)
  }
  return files
}

function patternOf(glob) {
  const source = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')
  return new RegExp(`^${source}$`)
}

/** Name order with numbers compared by value: frame2 before frame10. */
const byName = new Intl.Collator('en', { numeric: true }).compare
