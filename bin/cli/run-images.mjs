// `pixchain <input…> -o <output> <step…>`: one pipeline over one file or many.
// Every input and output is checked first (outputs.mjs, formats.mjs), so a
// refusal comes before any file is read or written. Prints the plan, the
// output spec and the work buffers before it runs, then a progress line per file.

import { existsSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { parseArgs } from 'node:util'

import { UsageError, usageErrorOf } from './usage.mjs'
import { asUsageError, checkRawInput, inputFormat, loadSharp, needsSharp, parseFormat, parseRawSpec, unwritable } from './formats.mjs'
import { WILDCARD, expandInputs } from './inputs.mjs'
import { planOutputs } from './outputs.mjs'
import { addStep, isStep, parseStep, stepsHelp } from './steps.mjs'

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  raw: { type: 'string' },
  format: { type: 'string' },
  threads: { type: 'string' },
  quiet: { type: 'boolean', short: 'q', default: false },
  help: { type: 'boolean', short: 'h', default: false },
}

export const USAGE = 'pixchain <input…> -o <output> <step> [<step>…] [options]'

/** The library, loaded when first used. */
const library = () => createRequire(import.meta.url)('../../dist/index.js')

/** The lines of `pixchain --help` about running steps (the defaults come from the library). */
export const help = () => [
  'Runs the steps, in order, as one pipeline over each input: PNG files (1–16-bit gray,',
  'gray + alpha, RGB, RGBA, palette), raw samples (--raw, or a name such as',
  'frame.2048x2048x1.u16.raw that records their shape), and JPEG, WebP, TIFF and AVIF',
  "files through sharp when it is installed. A quoted pattern such as 'frames/*.png', or",
  'several inputs, runs the pipeline over every file into the folder -o names; raw',
  'outputs there are named with their shape, so that they read back without --raw.',
  '',
  '  pixchain photo.png -o out.png gaussian:sigma=2 clip:10,200 median:3',
  "  pixchain 'frames/*.png' -o out/ grayscale gaussian:2 threshold:0,255,binary",
  '  pixchain frame.raw --raw 2048x2048:u16 -o stretched.png clip:100,4000 linear:0.06375,-6.375 convert:u8',
  '',
  'options:',
  '  -o, --output PATH    the output file, or the folder for several inputs (folders made when missing);',
  '                       its extension names the format: .png, .raw, .jpg, .webp, .tif, .avif',
  '  --raw WxH[xC][:type] how raw inputs are laid out: width, height, channels (1), u8|u16|i16|f32 (u8);',
  '                       not needed for names that record it (NAME.WxHxC.TYPE.raw)',
  '  --format FORMAT      png, raw, jpeg, webp, tiff or avif: raw for a file name of another extension;',
  "                       in a folder, the outputs' format (default: each input's)",
  '  --threads N          threads per step (default: every core)',
  '  -q, --quiet          print nothing but errors',
  '  -h, --help           this text (pixchain --version: the version)',
  '',
  'steps: name[:value,…,key=value,…] — bare values fill the parameters in the order shown;',
  'lists (convolution taps) separate numbers with /; border is reflect101, reflect, replicate',
  'or constant (with borderValue). The README describes every option.',
  stepsHelp(library().kernelDefaults()),
]

export async function runImages(args) {
  let parsed
  try {
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true })
  } catch (error) {
    throw usageErrorOf(error, 'pixchain', 'pixchain --help')
  }
  const { values, positionals } = parsed
  if (values.help) {
    console.log([`usage: ${USAGE}`, '', ...help()].join('\n'))
    return 0
  }
  const say = values.quiet ? () => {} : (line) => console.log(line)
  // A word is a step when it names one, or has a colon and names no file (then parseStep says what is wrong).
  const stepWord = (word) => isStep(word) || (word.includes(':') && !existsSync(word))
  const steps = positionals.filter(stepWord).map(parseStep)
  const inputs = positionals.filter((word) => !stepWord(word))
  if (inputs.length === 0) throw new UsageError("pixchain: no input file (see 'pixchain --help')")
  if (steps.length === 0) throw new UsageError("pixchain: no steps: name at least one kernel, e.g. gaussian:sigma=2 (see 'pixchain --help')")
  if (values.output === undefined) throw new UsageError('pixchain: no output: give -o <file>, or -o <folder>/ for several inputs')
  const format = values.format === undefined ? undefined : parseFormat(values.format)
  const threads = values.threads === undefined ? undefined : Number(values.threads)
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) {
    throw new UsageError(`pixchain: --threads takes a whole number ≥ 1, got '${values.threads}'`)
  }
  const rawSpec = values.raw === undefined ? undefined : parseRawSpec(values.raw)
  const files = expandInputs(inputs)
  const formats = files.map(inputFormat)
  for (const [index, file] of files.entries()) if (formats[index] === 'raw') checkRawInput(file, rawSpec)
  const { targets, folder, missing, fileFor } = planOutputs(files, { output: values.output, format, pattern: inputs.find((word) => WILDCARD.test(word)) })
  // A missing sharp is found now, before any file is read or any step runs.
  const coded = [...files.map((file, index) => ({ file, format: formats[index] })), ...targets].find(({ format }) => needsSharp(format))
  if (coded !== undefined) await loadSharp(coded.file, coded.format)

  const px = library()
  const first = await readInput(px, files[0], formats[0], rawSpec)
  const pipeline = buildPipeline(px, first.spec, steps, threads)
  const outputSpec = pipeline.outputSpec
  checkWritable(outputSpec, targets[0])
  // Raw outputs in a folder are named with their shape: checked now for frames of the first one's.
  for (const target of targets) fileFor(target, outputSpec)
  // The library's own text of the plan; its first line goes on to where the results go.
  const [plan, ...rest] = pipeline.describe().split('\n')
  say([`${plan} → ${describeOutput(values.output, targets, folder, missing)}`, ...rest].join('\n'))

  // Folders are made once every check has passed, so a refused command leaves none behind.
  for (const made of missing) mkdirSync(made, { recursive: true })

  let specKey
  let output
  let runMs = 0
  // Allocations made by the plan and its first run; later frames of the same size add none.
  let planned = 0
  const started = performance.now()
  for (const [index, file] of files.entries()) {
    const { spec, data: pixels } = index === 0 ? first : await readInput(px, file, formats[index], rawSpec)
    const target = targets[index]
    const key = JSON.stringify(spec)
    const begun = performance.now()
    if (key !== specKey) {
      // A frame of another size plans the pipeline again (resize: 'rebuild') and gets a new output array.
      output = runOrExplain(() => pipeline.run(pixels, undefined, spec), file)
      specKey = key
      planned = pipeline.stats.allocations
    } else {
      runOrExplain(() => pipeline.run(pixels, output), file)
    }
    checkWritable(pipeline.outputSpec, target)
    const ms = performance.now() - begun
    runMs += ms
    const written = fileFor(target, pipeline.outputSpec)
    await writeOutput(px, written, output, pipeline.outputSpec, target.format)
    if (files.length > 1) progress(say, values.quiet, `[${index + 1}/${files.length}] ${file} → ${written} (${ms.toFixed(1)} ms)`)
  }
  const seconds = (performance.now() - started) / 1000
  if (files.length > 1 && process.stdout.isTTY && !values.quiet) process.stdout.write('\n')
  say(
    files.length === 1
      ? `wrote ${fileFor(targets[0], pipeline.outputSpec)} in ${runMs.toFixed(1)} ms`
      : `wrote ${files.length} files in ${seconds.toFixed(2)} s (${(runMs / files.length).toFixed(1)} ms a frame in the pipeline; ${pipeline.stats.allocations - planned} allocations after the plan's first frame)`,
  )
  pipeline.dispose()
  return 0
}

/** The pipeline of the steps for frames of `spec`; a bad step is a usage error naming it. */
function buildPipeline(px, spec, steps, threads) {
  let pipeline
  try {
    pipeline = new px.Pipeline(spec, threads === undefined ? { resize: 'rebuild' } : { resize: 'rebuild', threads })
  } catch (error) {
    throw explain(error, 'pixchain')
  }
  for (const step of steps) {
    try {
      addStep(pipeline, step)
    } catch (error) {
      throw explain(error, `pixchain: ${step.text}`)
    }
  }
  try {
    pipeline.compile()
  } catch (error) {
    throw explain(error, 'pixchain')
  }
  return pipeline
}

/** Refuses a frame of `spec` that the target's format (or a raw name's shape) cannot hold, naming the file. */
function checkWritable(spec, target) {
  const why = unwritable(spec, target)
  if (why) throw new UsageError(`pixchain: ${target.file}: ${why}`)
}

/** An input file's frame, `{ spec, data }`, through the library; its refusals as one line. */
async function readInput(px, file, format, raw) {
  try {
    return await px.readImage(file, { format, raw })
  } catch (error) {
    throw asUsageError(error)
  }
}

/** Writes a result through the library (whole or not at all); its refusals as one line. */
async function writeOutput(px, file, data, spec, format) {
  try {
    await px.writeImage(file, data, spec, { format })
  } catch (error) {
    throw asUsageError(error)
  }
}

function runOrExplain(run, file) {
  try {
    return run()
  } catch (error) {
    throw explain(error, `pixchain: ${file}`)
  }
}

/** pixchain's own errors (bad parameters, steps that cannot apply) become usage errors. */
function explain(error, prefix) {
  if (typeof error?.code === 'string' && error.code.startsWith('ERR_PIXCHAIN_') && error.code !== 'ERR_PIXCHAIN_INTERNAL') {
    return new UsageError(`${prefix}: ${error.message}`)
  }
  return error
}

/** On a terminal the progress line rewrites itself; elsewhere each file gets a line. */
function progress(say, quiet, line) {
  if (quiet) return
  if (process.stdout.isTTY) process.stdout.write(`\r\x1b[K${line}`)
  else say(line)
}

/** The end of the plan line: where the results go, as what, and the folders made for them. */
function describeOutput(output, targets, folder, missing) {
  const formats = [...new Set(targets.map((target) => target.format))].join(', ')
  const where = folder ? `${output.endsWith('/') ? output : `${output}/`} (${targets.length} file${targets.length === 1 ? '' : 's'}, ${formats}` : `${output} (${formats}`
  return `${where}${missing.length > 0 ? `; makes the folder ${missing.join(', ')}` : ''})`
}
