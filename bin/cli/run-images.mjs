// `pixchain <input…> -o <output> <step…>`: one pipeline over one file or many.
// Every input and output is checked first (outputs.mjs, formats.mjs), so a
// refusal comes before any file is read or written. Prints the plan, the
// output spec and the work buffers before it runs, then a progress line per file.

import { existsSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { parseArgs } from 'node:util'

import cliProgress from 'cli-progress'

import { UsageError, usageErrorOf } from './usage.mjs'
import { asUsageError, checkRawInput, inputFormat, loadSharp, needsSharp, parseFormat, parseRawSpec, unwritable } from './formats.mjs'
import { expandInputs, isPattern } from './inputs.mjs'
import { planOutputs } from './outputs.mjs'
import { addStep, isStep, parseStep, stepsHelp } from './steps.mjs'

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  raw: { type: 'string' },
  format: { type: 'string' },
  threads: { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  'keep-going': { type: 'boolean', short: 'k', default: false },
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
  "files through sharp when it is installed. A quoted pattern such as 'frames/**/*.png'",
  "(*, ?, ** across folders, {a,b}, [0-9]; matches in name order, numbers by value), or",
  'several inputs, runs the pipeline over every file into the folder -o names, --jobs files',
  'at a time on worker threads; raw outputs there are named with their shape, so that',
  'they read back without --raw.',
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
  '  -j, --jobs N         files at once, each on its own worker thread (default: every core;',
  '                       never more than the files); the results are the same for any N',
  '  --threads N          threads per step (default: the cores shared out among the jobs, at',
  '                       least 1: cores ÷ jobs, so that jobs × threads stays within the machine)',
  '  -k, --keep-going     go on past a file that fails (default: start no other file);',
  '                       failures are listed at the end, and the exit code is 1',
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
  const jobs = values.jobs === undefined ? undefined : wholeNumber('--jobs', values.jobs)
  const threads = values.threads === undefined ? undefined : wholeNumber('--threads', values.threads)
  const { defaultJobs, defaultThreads, runFileJobs } = await import('../../dist/lib/file-pool.js')
  // Threads per step share the cores out among the files running at once.
  const running = (count) => Math.min(jobs ?? defaultJobs(), count)
  const threadsFor = (count) => threads ?? defaultThreads(running(count))
  const plan = await planBatch(values, positionals, say, { threadsFor })
  const stepThreads = threadsFor(plan.jobs.length)
  const show = progressShow(plan.jobs.length, values.quiet, plan.batch)
  const result = await runFileJobs(plan.jobs, { steps: plan.steps, jobs: running(plan.jobs.length), threads: stepThreads, keepGoing: values['keep-going'], onProgress: show.update })
  show.stop()
  return summarize(result, plan.jobs.length, { say, batch: plan.batch, running: running(plan.jobs.length), threads: stepThreads })
}

/**
 * Everything a run over image files decides before it starts, shared by
 * `pixchain <inputs…>` and `pixchain enqueue`: the inputs (patterns
 * expanded), the steps (as data), and a file job per input (paths made
 * absolute with `absolute`, for workers elsewhere). `threadsFor(files)`
 * gives the threads per step the plan is printed for. Every input and
 * output is checked, and the first file planned (its plan printed), before
 * any file is written; the output folders are made last — or, with
 * `deferFolders`, by the `makeFolders()` it returns (enqueue makes them
 * once Redis answers).
 */
export async function planBatch(values, positionals, say, { threadsFor = () => undefined, absolute = false, deferFolders = false } = {}) {
  // A word is a step when it names one, or has a colon and names no file (then parseStep says what is wrong).
  const stepWord = (word) => isStep(word) || (word.includes(':') && !existsSync(word))
  const steps = positionals.filter(stepWord).map(parseStep)
  const inputs = positionals.filter((word) => !stepWord(word))
  if (inputs.length === 0) throw new UsageError("pixchain: no input file (see 'pixchain --help')")
  if (steps.length === 0) throw new UsageError("pixchain: no steps: name at least one kernel, e.g. gaussian:sigma=2 (see 'pixchain --help')")
  if (values.output === undefined) throw new UsageError('pixchain: no output: give -o <file>, or -o <folder>/ for several inputs')
  const format = values.format === undefined ? undefined : parseFormat(values.format)
  const rawSpec = values.raw === undefined ? undefined : parseRawSpec(values.raw)
  const files = expandInputs(inputs)
  const formats = files.map(inputFormat)
  for (const [index, file] of files.entries()) if (formats[index] === 'raw') checkRawInput(file, rawSpec)
  const { targets, folder, missing, fileFor } = planOutputs(files, { output: values.output, format, pattern: inputs.find(isPattern) })
  // A missing sharp is found now, before any file is read or any step runs.
  const coded = [...files.map((file, index) => ({ file, format: formats[index] })), ...targets].find(({ format }) => needsSharp(format))
  if (coded !== undefined) await loadSharp(coded.file, coded.format)

  const px = library()
  const first = await readInput(px, files[0], formats[0], rawSpec)
  const pipeline = buildPipeline(px, first.spec, steps, threadsFor(files.length))
  const outputSpec = pipeline.outputSpec
  checkWritable(outputSpec, targets[0])
  // Raw outputs in a folder are named with their shape: checked now for frames of the first one's.
  for (const target of targets) fileFor(target, outputSpec)
  // The library's own text of the plan; its first line goes on to where the results go.
  const [planLine, ...rest] = pipeline.describe().split('\n')
  say([`${planLine} → ${describeOutput(values.output, targets, folder, missing)}`, ...rest].join('\n'))
  const data = pipeline.steps
  pipeline.dispose()

  // Folders are made once every check has passed, so a refused command leaves none behind.
  const makeFolders = () => {
    for (const made of missing) mkdirSync(made, { recursive: true })
  }
  if (!deferFolders) makeFolders()
  const where = (file) => (absolute ? path.resolve(file) : file)
  const jobs = files.map((file, index) => {
    const target = targets[index]
    const job = { input: where(file), inputFormat: formats[index], output: where(target.stem ?? target.file), outputFormat: target.format }
    if (target.stem !== undefined) job.shapeInName = true
    if (formats[index] === 'raw' && rawSpec !== undefined) job.raw = rawSpec
    return job
  })
  return { steps: data, jobs, batch: files.length > 1 || folder, makeFolders }
}

/** A whole number ≥ 1 for an option, or a UsageError. */
export function wholeNumber(option, text) {
  const value = Number(text)
  if (!(Number.isInteger(value) && value >= 1)) throw new UsageError(`pixchain: ${option} takes a whole number ≥ 1, got '${text}'`)
  return value
}

/**
 * How a batch shows its progress: on a terminal, a bar (cli-progress) with
 * the files done, frames per second and the time left; elsewhere a line
 * per file. Failures always get a line, on stderr.
 */
function progressShow(total, quiet, batch) {
  const bar =
    !quiet && batch && process.stdout.isTTY
      ? new cliProgress.SingleBar(
          { stream: process.stdout, format: '{bar} {value}/{total} files | {fps} frames/s | ETA {eta_formatted}', hideCursor: true, etaBuffer: 8 },
          cliProgress.Presets.shades_classic,
        )
      : undefined
  bar?.start(total, 0, { fps: '0.0' })
  return {
    update({ done, failure, settled, seconds }) {
      if (failure !== undefined) {
        const line = `pixchain: ${failure.message}${batch ? ` (${failure.code})` : ''}`
        if (bar) bar.stop()
        console.error(line)
        if (bar) bar.start(total, settled, { fps: (settled / seconds).toFixed(1) })
        return
      }
      if (bar) bar.update(settled, { fps: (settled / seconds).toFixed(1) })
      else if (!quiet && batch) console.log(`[${settled}/${total}] ${done.input} → ${done.output} (${done.ms.toFixed(1)} ms)`)
    },
    stop() {
      bar?.stop()
    },
  }
}

/** The closing lines of a run, and its exit code: 1 when any file failed. */
export function summarize({ done, failed, skipped, seconds }, total, { say, batch, running, threads }) {
  if (!batch && done.length === 1) say(`wrote ${done[0].output} in ${done[0].ms.toFixed(1)} ms`)
  else if (done.length > 0) {
    const rate = (done.length + failed.length) / seconds
    say(`wrote ${done.length} file${done.length === 1 ? '' : 's'} in ${seconds.toFixed(2)} s (${rate.toFixed(1)} frames/s; ${running} job${running === 1 ? '' : 's'} × ${threads} thread${threads === 1 ? '' : 's'} a step)`)
  }
  if (failed.length === 0) return 0
  // One file: its refusal in one line, exit code 2, as for any argument the command refuses.
  if (!batch) return 2
  const notStarted = skipped.length > 0 ? `; stopped, ${skipped.length} not started (--keep-going goes on past a failure)` : ''
  console.error(`pixchain: ${failed.length} of ${total} file${total === 1 ? '' : 's'} failed: ${failed.map((failure) => failure.input).join(', ')}${notStarted}`)
  return 1
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

/** pixchain's own errors (bad parameters, steps that cannot apply) become usage errors. */
function explain(error, prefix) {
  if (typeof error?.code === 'string' && error.code.startsWith('ERR_PIXCHAIN_') && error.code !== 'ERR_PIXCHAIN_INTERNAL') {
    return new UsageError(`${prefix}: ${error.message}`)
  }
  return error
}

/** The end of the plan line: where the results go, as what, and the folders made for them. */
function describeOutput(output, targets, folder, missing) {
  const formats = [...new Set(targets.map((target) => target.format))].join(', ')
  const where = folder ? `${output.endsWith('/') ? output : `${output}/`} (${targets.length} file${targets.length === 1 ? '' : 's'}, ${formats}` : `${output} (${formats}`
  return `${where}${missing.length > 0 ? `; makes the folder ${missing.join(', ')}` : ''})`
}
