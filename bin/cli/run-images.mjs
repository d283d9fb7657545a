// `pixchain <input…> -o <output> <step…>`: one pipeline over one file or many.
// Prints the plan, the output spec and the work buffers before it runs,
// then a progress line per file.

import { mkdirSync, existsSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { UsageError, usageErrorOf } from '../../bench/lib/cli-options.mjs'
import { formatOf, parseRawSpec, readImage, unwritable, writeImage } from './image-files.mjs'
import { expandInputs } from './inputs.mjs'
import { addStep, describeStep, isStep, parseStep, stepsHelp } from './steps.mjs'

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  raw: { type: 'string' },
  format: { type: 'string' },
  threads: { type: 'string' },
  quiet: { type: 'boolean', short: 'q', default: false },
  help: { type: 'boolean', short: 'h', default: false },
}

export const USAGE = 'pixchain <input…> -o <output> <step> [<step>…] [options]'

export const HELP = [
  'Runs the steps, in order, as one pipeline over each input: PNG files (1–16-bit gray,',
  'gray + alpha, RGB, RGBA, palette) or raw samples (--raw). A quoted pattern such as',
  "'frames/*.png', or several inputs, runs the pipeline over every file into the folder -o names.",
  '',
  '  pixchain photo.png -o out.png gaussian:sigma=2 clip:10,200 median:3',
  "  pixchain 'frames/*.png' -o out/ grayscale gaussian:2 threshold:0,255,binary",
  '  pixchain frame.raw --raw 2048x2048:u16 -o stretched.png clip:100,4000 linear:0.06375,-6.375 convert:u8',
  '',
  'options:',
  '  -o, --output PATH    the output file, or the folder for several inputs (made when missing)',
  '  --raw WxH[xC][:type] how raw inputs are laid out: width, height, channels (1), u8|u16|i16|f32 (u8)',
  '  --format png|raw     the output format (default: the output file\'s extension; in a folder, the input\'s)',
  '  --threads N          threads per step (default: every core)',
  '  -q, --quiet          print nothing but errors',
  '  -h, --help           this text',
  '',
  'steps: name[:value,…,key=value,…] — bare values fill the parameters in the order shown;',
  'lists (convolution taps) separate numbers with /; border is reflect101 (the default), reflect,',
  'replicate or constant (with borderValue). The README describes every option.',
  stepsHelp(),
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
    console.log([`usage: ${USAGE}`, '', ...HELP].join('\n'))
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
  if (values.format !== undefined && values.format !== 'png' && values.format !== 'raw') {
    throw new UsageError(`pixchain: --format takes png or raw, got '${values.format}'`)
  }
  const threads = values.threads === undefined ? undefined : Number(values.threads)
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) {
    throw new UsageError(`pixchain: --threads takes a whole number ≥ 1, got '${values.threads}'`)
  }
  const rawSpec = values.raw === undefined ? undefined : parseRawSpec(values.raw)
  const files = expandInputs(inputs)
  const toFolder =
    files.length > 1 || inputs.some((word) => /[*?]/.test(word)) || values.output.endsWith('/') || isFolder(values.output)
  if (toFolder) mkdirSync(values.output, { recursive: true })
  const outputOf = (file) => {
    if (!toFolder) return { file: values.output, format: values.format ?? formatOf(values.output) }
    const format = values.format ?? formatOf(file)
    const { name, ext } = path.parse(file)
    const extension = format === formatOf(file) ? ext : format === 'png' ? '.png' : '.raw'
    return { file: path.join(values.output, name + extension), format }
  }

  const targets = files.map(outputOf)
  for (const [index, file] of files.entries()) {
    if (path.resolve(targets[index].file) === path.resolve(file)) throw new UsageError(`pixchain: ${file}: the output would overwrite its input`)
  }

  const px = createRequire(import.meta.url)('../../index.js')
  const first = readImage(files[0], rawSpec)
  const pipeline = buildPipeline(px, first.spec, steps, threads)
  const outputSpec = pipeline.outputSpec
  checkWritable(outputSpec, targets[0])
  const { workBuffers, workBytes, passes } = pipeline.stats
  say(`plan: ${steps.map(describeStep).join(' → ')}`)
  say(`spec: ${describeSpec(first.spec)} → ${describeSpec(outputSpec)}`)
  say(`buffers: ${workBuffers} work buffer${workBuffers === 1 ? '' : 's'} (${mib(workBytes)}), ${passes} pass${passes === 1 ? '' : 'es'} a frame`)

  let specKey
  let output
  let runMs = 0
  const started = performance.now()
  for (const [index, file] of files.entries()) {
    const { spec, pixels } = index === 0 ? first : readImage(file, rawSpec)
    const target = targets[index]
    const key = JSON.stringify(spec)
    const begun = performance.now()
    if (key !== specKey) {
      // A frame of another size plans the pipeline again (resize: 'rebuild') and gets a new output array.
      output = runOrExplain(() => pipeline.run(pixels, undefined, spec), file)
      specKey = key
      checkWritable(pipeline.outputSpec, target)
    } else {
      runOrExplain(() => pipeline.run(pixels, output), file)
    }
    const ms = performance.now() - begun
    runMs += ms
    writeImage(target.file, output, pipeline.outputSpec, target.format)
    if (files.length > 1) progress(say, values.quiet, `[${index + 1}/${files.length}] ${file} → ${target.file} (${ms.toFixed(1)} ms)`)
  }
  const seconds = (performance.now() - started) / 1000
  if (files.length > 1 && process.stdout.isTTY && !values.quiet) process.stdout.write('\n')
  say(
    files.length === 1
      ? `wrote ${targets[0].file} in ${runMs.toFixed(1)} ms`
      : `wrote ${files.length} files in ${seconds.toFixed(2)} s (${(runMs / files.length).toFixed(1)} ms a frame in the pipeline; ${pipeline.stats.allocations} work buffer allocation${pipeline.stats.allocations === 1 ? '' : 's'} in all)`,
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

/** Refuses a frame of `spec` that the target's format cannot hold, naming the file. */
function checkWritable(spec, { file, format }) {
  const why = unwritable(spec, format)
  if (why) throw new UsageError(`pixchain: ${file}: ${why}`)
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

function isFolder(file) {
  return existsSync(file) && statSync(file).isDirectory()
}

const describeSpec = ({ width, height, channels, type }) => `${width}×${height}×${channels} ${type}`
const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(2)} MiB`
