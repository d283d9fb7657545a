// Batches across machines, on a BullMQ queue in Redis: `pixchain enqueue`
// plans the batch as `pixchain <inputs…>` does (every check before any job
// is queued), puts one job per file — the file job and the steps, as data —
// and waits until every job is done or failed; `pixchain worker` runs jobs
// through one FileRunner (lib/file-job.ts, the per-file work every batch
// shares), which keeps its pipelines between jobs. A worker that dies
// mid-job stops renewing the job's lock; another worker's stalled-job check
// puts the job back on the queue (BullMQ's stalled jobs), and outputs are
// written under a temporary name and renamed when complete. A failure that
// is not the file's own (ENOENT on a share not yet seen) is tried again.

import { mkdir } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

import cliProgress from 'cli-progress'

import { planBatch, wholeNumber } from './run-images.mjs'
import { UsageError, usageErrorOf } from './usage.mjs'

/** `redis://[user:password@]host[:port]/name`: the Redis server and the queue's name. */
export function parseQueue(text) {
  if (text === undefined) throw new UsageError('pixchain: no queue: give --queue redis://host:port/name')
  let url
  try {
    url = new URL(text)
  } catch {
    url = undefined
  }
  const name = url === undefined ? '' : decodeURIComponent(url.pathname.slice(1))
  if (url === undefined || url.protocol !== 'redis:' || url.hostname === '' || name === '' || name.includes('/') || name.includes(':')) {
    throw new UsageError(`pixchain: --queue takes redis://host:port/name (a name without / or :), got '${text}'`)
  }
  const connection = { host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port === '' ? 6379 : Number(url.port), maxRetriesPerRequest: null }
  if (url.username !== '') connection.username = decodeURIComponent(url.username)
  if (url.password !== '') connection.password = decodeURIComponent(url.password)
  return { name, connection, text }
}

const ENQUEUE_OPTIONS = {
  queue: { type: 'string' },
  output: { type: 'string', short: 'o' },
  raw: { type: 'string' },
  format: { type: 'string' },
  'no-wait': { type: 'boolean', default: false },
  quiet: { type: 'boolean', short: 'q', default: false },
  help: { type: 'boolean', short: 'h', default: false },
}

export const ENQUEUE = {
  usage: 'pixchain enqueue --queue redis://host:port/name <input…> -o <folder>/ <step>… [--no-wait] [options]',
  summary: 'put one job per file on a BullMQ queue in Redis for `pixchain worker`s, and wait until all are done',
  help: [
    '  --queue URL      redis://host:port/name: the Redis server and the queue (one per batch, or shared)',
    '  -o, --output     the folder the results go to, as for pixchain <input…>; workers must see it and',
    '                   the inputs at the same absolute paths (a shared folder), which the jobs record',
    '  --raw, --format  as for pixchain <input…>',
    '  --no-wait        return once the jobs are queued (default: wait with progress until all are done)',
    '  -q, --quiet      print nothing but errors',
    '',
    'Every input and output is checked, and the first file planned, before any job is queued. The exit',
    'code is 1 when a job failed (each named, with its error code), as for a local batch, and when',
    'Redis does not answer within 10 s (then no folder is made).',
  ],
  run: enqueue,
}

const WORKER_OPTIONS = {
  queue: { type: 'string' },
  concurrency: { type: 'string' },
  threads: { type: 'string' },
  'stall-ms': { type: 'string' },
  quiet: { type: 'boolean', short: 'q', default: false },
  help: { type: 'boolean', short: 'h', default: false },
}

export const WORKER = {
  usage: 'pixchain worker --queue redis://host:port/name [--concurrency N] [--threads N] [--stall-ms MS]',
  summary: "run the queue's jobs until stopped (Ctrl-C, SIGTERM), keeping each pipeline between jobs",
  help: [
    '  --queue URL       redis://host:port/name, as given to pixchain enqueue',
    '  --concurrency N   jobs at once (default 1)',
    '  --threads N       threads per step (default: the cores shared out among the jobs, at least 1)',
    "  --stall-ms MS     how long a job's lock lasts without renewal: a job whose worker died (kill -9,",
    '                    a lost machine) is run again by another worker after about twice this (default 30000)',
    '  -q, --quiet       print nothing but errors',
    '',
    'A line per job as it starts and ends. SIGINT or SIGTERM finishes the jobs running, then exits.',
  ],
  run: worker,
}

function parse(args, options, command) {
  try {
    return parseArgs({ args, options, allowPositionals: command === 'enqueue' })
  } catch (error) {
    throw usageErrorOf(error, `pixchain ${command}`)
  }
}

const commandHelp = (command) => [`usage: ${command.usage}`, '', command.summary, '', ...command.help].join('\n')

async function enqueue(args) {
  const { values, positionals } = parse(args, ENQUEUE_OPTIONS, 'enqueue')
  if (values.help) {
    console.log(commandHelp(ENQUEUE))
    return 0
  }
  const queue = parseQueue(values.queue)
  const say = values.quiet ? () => {} : (line) => console.log(line)
  const plan = await planBatch(values, positionals, say, { absolute: true, deferFolders: true })
  const { Queue, QueueEvents } = await import('bullmq')
  const jobs = new Queue(queue.name, { connection: queue.connection })
  const events = values['no-wait'] ? undefined : new QueueEvents(queue.name, { connection: queue.connection })
  // The client retries a refused connection forever: its last error is what the timeout reports.
  let lastError
  const heard = (error) => (lastError = error)
  jobs.on('error', heard)
  events?.on('error', heard)
  let reached = false
  try {
    // Each job waited for listens for its queue's closing: one listener a job.
    jobs.setMaxListeners(plan.jobs.length + 10)
    // Listening before the first job is added, so that no job's end goes unheard.
    if (!(await ready([jobs, events].filter(Boolean), CONNECT_MS))) {
      console.error(`pixchain: cannot reach Redis at ${queue.connection.host}:${queue.connection.port} within ${CONNECT_MS / 1000} s${lastError ? ` (${lastError.message})` : ''}`)
      return 1
    }
    reached = true
    // The output folders are made only now, so that a queue never reached leaves none behind.
    plan.makeFolders()
    const added = await jobs.addBulk(plan.jobs.map((job) => ({ name: 'file', data: { job, steps: plan.steps }, opts: JOB_OPTIONS })))
    say(`queued ${added.length} job${added.length === 1 ? '' : 's'} on ${queue.text} (ids ${added[0].id}–${added.at(-1).id})`)
    if (events === undefined) return 0
    return await waitForJobs(added, events, values.quiet)
  } finally {
    // QueueEvents' close waits for a connection made first; one never made is dropped at its client.
    await (reached ? events?.close() : events?.connection.close(true))
    await jobs.close()
  }
}

/** How long enqueue waits for Redis to answer before it gives up. */
const CONNECT_MS = 10_000

/**
 * Every job's retries: a failure that is not the file's own (a shared folder
 * not mounted yet, a network hiccup) is tried again, later each time; the
 * worker makes a file's own failures (`ERR_PIXCHAIN_*`) final.
 */
const JOB_OPTIONS = { attempts: 3, backoff: { type: 'exponential', delay: 1000 } }

/** Whether every BullMQ client connects within `ms`. */
async function ready(clients, ms) {
  let timer
  const timeout = new Promise((resolve) => (timer = setTimeout(resolve, ms, false)))
  try {
    return await Promise.race([Promise.all(clients.map((client) => client.waitUntilReady())).then(() => true), timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** Waits for every job, with progress as a local batch shows it; 1 when any failed, naming each. */
async function waitForJobs(added, events, quiet) {
  const total = added.length
  const started = performance.now()
  const bar =
    !quiet && process.stdout.isTTY
      ? new cliProgress.SingleBar({ format: '{bar} {value}/{total} jobs | {fps} frames/s | ETA {eta_formatted}', hideCursor: true, stream: process.stdout }, cliProgress.Presets.shades_classic)
      : undefined
  bar?.start(total, 0, { fps: '0.0' })
  let settled = 0
  const failed = []
  await Promise.all(
    added.map(async (job) => {
      const { input } = job.data.job
      let line
      try {
        const done = await job.waitUntilFinished(events)
        line = `[${settled + 1}/${total}] ${input} → ${done.output} (${done.ms.toFixed(1)} ms)`
      } catch (error) {
        failed.push(input)
        bar?.stop()
        console.error(`pixchain: job ${job.id} failed: ${error.message}`)
        bar?.start(total, settled, { fps: ((settled * 1000) / (performance.now() - started)).toFixed(1) })
      }
      settled++
      const fps = ((settled * 1000) / (performance.now() - started)).toFixed(1)
      if (bar) bar.update(settled, { fps })
      else if (line !== undefined && !quiet) console.log(line)
    }),
  )
  bar?.stop()
  const seconds = (performance.now() - started) / 1000
  if (!quiet) console.log(`${total - failed.length} of ${total} jobs done in ${seconds.toFixed(2)} s (${(total / seconds).toFixed(1)} frames/s)`)
  if (failed.length === 0) return 0
  console.error(`pixchain: ${failed.length} of ${total} job${total === 1 ? '' : 's'} failed: ${failed.join(', ')}`)
  return 1
}

async function worker(args) {
  const { values } = parse(args, WORKER_OPTIONS, 'worker')
  if (values.help) {
    console.log(commandHelp(WORKER))
    return 0
  }
  const queue = parseQueue(values.queue)
  const concurrency = values.concurrency === undefined ? 1 : wholeNumber('--concurrency', values.concurrency)
  const threads = values.threads === undefined ? Math.max(1, Math.floor(availableParallelism() / concurrency)) : wholeNumber('--threads', values.threads)
  const stallMs = values['stall-ms'] === undefined ? 30_000 : wholeNumber('--stall-ms', values['stall-ms'])
  const say = values.quiet ? () => {} : (line) => console.log(line)
  const { FileRunner } = await import('../../dist/lib/file-job.js')
  const { Worker, UnrecoverableError } = await import('bullmq')
  const runner = new FileRunner(threads)
  const jobs = new Worker(
    queue.name,
    async (job) => {
      const { job: file, steps } = job.data
      say(`started ${file.input} (job ${job.id})`)
      try {
        // This machine may not have the output's folder yet (enqueue made it on its own).
        await mkdir(path.dirname(file.output), { recursive: true })
        const done = await runner.run(file, steps)
        say(`done ${file.input} → ${done.output} (${done.ms.toFixed(1)} ms)`)
        return done
      } catch (error) {
        const why = typeof error?.code === 'string' ? `${error.code}: ${error.message}` : String(error?.stack ?? error)
        // The file's own failure (its code first): not retried, the same steps would fail again.
        if (String(error?.code).startsWith('ERR_PIXCHAIN_')) {
          say(`failed ${file.input}: ${why}`)
          throw new UnrecoverableError(why)
        }
        // Anything else (a missing file or folder, the system's refusals) may pass: tried again while attempts remain.
        const attempt = `attempt ${job.attemptsMade + 1} of ${job.opts.attempts ?? 1}`
        say(`failed ${file.input} (${attempt}): ${why}`)
        throw new Error(why)
      }
    },
    { connection: queue.connection, concurrency, lockDuration: stallMs, stalledInterval: stallMs, maxStalledCount: 1 },
  )
  // Connection errors are retried by the client; say them once each, not as an unhandled event.
  jobs.on('error', (error) => console.error(`pixchain worker: ${error.message}`))
  await jobs.waitUntilReady()
  say(`waiting for jobs on ${queue.text} (concurrency ${concurrency}, ${threads} thread${threads === 1 ? '' : 's'} a step)`)
  await new Promise((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await jobs.close()
  runner.dispose()
  return 0
}
