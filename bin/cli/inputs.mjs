// Input files from the command line: paths as given, and quoted patterns
// expanded here by tinyglobby, as a shell would: `*` and `?` within a name,
// `**` across folders, braces (`{a,b}`), classes (`[0-9]`). Every match is
// a file, and a pattern's matches run in name order with numbers by value.

import { existsSync, statSync } from 'node:fs'

import { globSync, isDynamicPattern } from 'tinyglobby'

import { UsageError } from './usage.mjs'

/** Whether a word is a pattern: it has wildcards, braces or a class, and names no file as it is. */
export function isPattern(word) {
  return isDynamicPattern(word) && !existsSync(word)
}

/** Every file the words name, in order; a UsageError for a path or pattern that names none. */
export function expandInputs(words) {
  const files = []
  for (const word of words) {
    if (!isPattern(word)) {
      if (!existsSync(word) || !statSync(word).isFile()) throw new UsageError(`pixchain: no such file '${word}'`)
      files.push(word)
      continue
    }
    const matches = globSync(word, { onlyFiles: true, expandDirectories: false, dot: false }).sort(byName)
    if (matches.length === 0) throw new UsageError(`pixchain: '${word}' matches no file`)
    // A pattern written from the current folder (`./frames/*.png`) gives paths written so.
    files.push(...(word.startsWith('./') ? matches.map((file) => `./${file}`) : matches))
  }
  return files
}

/** Name order with numbers compared by value: frame2 before frame10. */
const byName = new Intl.Collator('en', { numeric: true }).compare
