// Where each input's result goes, decided and checked before any file is
// read or written: one file, or a folder for several inputs (or a pattern)
// with each output named after its input — a raw one with the shape of its
// frame too (`name.WxHxC.type.raw`), so that it can be read back. Refused
// here: a file name given for several outputs, two inputs with one output
// name, an output over an input, an output that is a folder, and folders
// that cannot be made.

import { accessSync, constants, existsSync, realpathSync, statSync } from 'node:fs'
import path from 'node:path'

import { UsageError } from './usage.mjs'
import { extensionOf, inputFormat, outputFormat } from './formats.mjs'
import { rawImageName, withoutRawShape } from '../../dist/lib/raw-names.js'

/**
 * `{ targets, folder, missing, fileFor }`: a `{ file, format }` per input,
 * whether -o is a folder, the folders to make before the first write, and
 * `fileFor(target, spec)`, the name a result of `spec` is written to. Several
 * inputs, or a `pattern` (a word with wildcards), go into a folder.
 */
export function planOutputs(files, { output, format, pattern }) {
  const batch = files.length > 1 || pattern !== undefined
  const named = output.endsWith('/') || output.endsWith(path.sep) || isFolder(output)
  if (batch && !named && (existsSync(output) || path.extname(output) !== '')) {
    const inputs = files.length > 1 ? `${files.length} inputs go` : `the pattern '${pattern}' goes`
    throw new UsageError(`pixchain: ${inputs} into a folder, and -o names the file '${output}': give a folder, e.g. -o ${withoutExtension(output)}/`)
  }
  const folder = batch || named
  const targets = files.map((file) => {
    if (!folder) return { file: output, format: outputFormat(output, format) }
    const own = inputFormat(file)
    const chosen = format ?? own
    const stem = path.join(output, stemOf(file))
    if (chosen === 'raw') {
      // The shape is known once the pipeline is planned for the frame; the checks go by `file`, the name without it.
      return { file: `${stem}.raw`, format: 'raw', stem, input: file }
    }
    return { file: stem + (chosen === own ? path.extname(file) : extensionOf(chosen)), format: chosen }
  })
  const inputs = new Map(files.map((file) => [identity(file), file]))
  checkTargets(files, targets, inputs)
  return { targets, folder, missing: missingFolders(targets), fileFor: (target, spec) => fileFor(target, spec, inputs) }
}

/**
 * An output's name before its extension: the input's name without its
 * extension (and without the shape a raw name records); the whole name when
 * that leaves nothing (`.8x8x1.u8.raw`), as an empty stem would name the folder itself.
 */
function stemOf(file) {
  const base = path.basename(file)
  const stripped = withoutRawShape(base)
  const stem = stripped !== base ? stripped : path.parse(base).name
  return stem === '' ? base : stem
}

/**
 * The file a result of `spec` goes to: the target's, or for a raw output in
 * a folder, its name with the shape (`out/frame.640x480x1.u16.raw`), which
 * must not be an input or a folder.
 */
function fileFor(target, spec, inputs) {
  if (target.stem === undefined) return target.file
  const file = rawImageName(target.stem, spec)
  const input = inputs.get(identity(file))
  if (input === target.input) throw new UsageError(`pixchain: ${input}: the output would overwrite its input`)
  if (input !== undefined) throw new UsageError(`pixchain: ${file}: the output of ${target.input} would overwrite the input ${input}`)
  if (isFolder(file)) throw new UsageError(`pixchain: ${file}: the output of ${target.input} is a folder, expected a file or nothing there`)
  return file
}

/** Refuses two outputs of one name, an output over any input, and an output that is a folder. */
function checkTargets(files, targets, inputs) {
  const written = new Map()
  for (const [index, file] of files.entries()) {
    const target = targets[index].file
    const key = identity(target)
    const earlier = written.get(key)
    if (earlier !== undefined) {
      throw new UsageError(`pixchain: ${earlier} and ${file} would both be written to ${target}: rename one, or run them into separate folders`)
    }
    written.set(key, file)
    const input = inputs.get(key)
    if (input === file) throw new UsageError(`pixchain: ${file}: the output would overwrite its input`)
    if (input !== undefined) throw new UsageError(`pixchain: ${target}: the output of ${file} would overwrite the input ${input}`)
    if (isFolder(target)) throw new UsageError(`pixchain: ${target}: the output of ${file} is a folder, expected a file or nothing there`)
  }
}

/** The folders the targets need that are not there yet, each checked to be makeable. */
function missingFolders(targets) {
  const missing = []
  for (const folder of new Set(targets.map(({ file }) => path.dirname(file)))) {
    let existing = folder
    while (!existsSync(existing)) existing = path.dirname(existing)
    if (!isFolder(existing)) throw new UsageError(`pixchain: cannot make the folder ${folder}: ${existing} is a file`)
    try {
      accessSync(existing, constants.W_OK)
    } catch {
      throw new UsageError(`pixchain: cannot write in ${existing}: permission denied`)
    }
    if (existing !== folder) missing.push(folder)
  }
  return missing
}

/** The file a path names, as the system sees it: symbolic links resolved, and case folded where names ignore it. */
function identity(file) {
  const absolute = path.resolve(file)
  let real = absolute
  try {
    real = realpathSync(absolute)
  } catch {
    try {
      real = path.join(realpathSync(path.dirname(absolute)), path.basename(absolute))
    } catch {}
  }
  return process.platform === 'win32' || process.platform === 'darwin' ? real.toLowerCase() : real
}

function isFolder(file) {
  return existsSync(file) && statSync(file).isDirectory()
}

function withoutExtension(file) {
  return file.slice(0, file.length - path.extname(file).length)
}
