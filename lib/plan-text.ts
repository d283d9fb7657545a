// The plan of a Pipeline as text: its steps as they were called, the specs
// in and out, and what the plan holds. `Pipeline.describe()` and the command
// line print this one text, so the two never disagree.

import type { PipelineStats } from './pipeline'

/** A spec as the plan prints it. */
export interface SpecFields {
  width: number
  height: number
  channels: number
  type: string
}

/**
 * A step as the plan prints it: `gaussianBlur(sigma=2)`, lists joined by `/`
 * (`linear(a=1/2/3)`). `options` are the checked options, in the order the
 * step's rules name them; the defaults the core fills in are not shown.
 */
export function stepText(method: string, options: Readonly<Record<string, unknown>>): string {
  const args = Object.entries(options).map(([key, value]) => `${key}=${valueText(value)}`)
  return `${method}(${args.join(', ')})`
}

/** `save(blur)`, `from(input)`: a graph step, its name as given. */
export function graphStepText(method: 'save' | 'from', name: string): string {
  return `${method}(${name})`
}

function valueText(value: unknown): string {
  if (Array.isArray(value)) return value.map(valueText).join('/')
  return String(value)
}

/** `640×480×3 u8`, and the row stride of a crop read in place. */
export function specText({ width, height, channels, type }: SpecFields, stride?: number): string {
  const rows = stride === undefined || stride === width * channels ? '' : ` (rows ${stride} samples apart)`
  return `${width}×${height}×${channels} ${type}${rows}`
}

/** A pass as the addon gives it: rows per band when streamed, its stages' step indexes, and which run as a u8 table. */
export interface PassFields {
  bandRows?: number | undefined | null
  stages: number[][]
  tables: boolean[]
}

/**
 * `pass 1, streamed in bands of 17 rows: grayscale() → gaussianBlur(sigma=2) + clip(…)`:
 * stages in the order they run, `→` between them, `+` joining the point steps
 * fused into a stage, `[u8 table]` where they run as one lookup table.
 * `steps` are the steps that make values (`save` and `from` not counted).
 */
export function passText(pass: PassFields, index: number, steps: readonly string[]): string {
  const how = pass.bandRows == null ? 'whole frames' : `streamed in bands of ${pass.bandRows} row${pass.bandRows === 1 ? '' : 's'}`
  const stages = pass.stages.map((nodes, i) => nodes.map((node) => steps[node] ?? `step ${node}`).join(' + ') + (pass.tables[i] ? ' [u8 table]' : ''))
  return `pass ${index + 1}, ${how}: ${stages.join(' → ')}`
}

/** What `planText` prints. */
export interface PlanParts {
  steps: readonly string[]
  input: SpecFields
  stride: number | undefined
  /** The output's spec; absent once the pipeline is disposed. */
  output?: SpecFields | undefined
  /** The plan's figures; absent when they cannot be read now (a run in flight). */
  stats?: Pick<PipelineStats, 'workBuffers' | 'frameBytes' | 'lineBytes' | 'passes'> | undefined
  /** The passes, with `nodes`: the steps that make values, in order; absent with `stats`. */
  passes?: { list: readonly PassFields[]; nodes: readonly string[] } | undefined
}

/**
 * The steps, the specs, each pass, the buffers (the spec line without
 * `output` ends at the input; the pass lines need `passes`, the buffers line `stats`):
 *
 * ```text
 * plan: grayscale() → gaussianBlur(sigma=2) → clip(min=10, max=200)
 * spec: 97×61×3 u8 → 97×61×1 u8
 * pass 1, streamed in bands of 61 rows: grayscale() → gaussianBlur(sigma=2) + clip(min=10, max=200)
 * buffers: 0 frame buffers (0.00 MiB), line buffers 0.01 MiB, 1 pass a frame
 * ```
 */
export function planText({ steps, input, stride, output, stats, passes }: PlanParts): string {
  const lines = [
    `plan: ${steps.length === 0 ? '(no steps)' : steps.join(' → ')}`,
    `spec: ${specText(input, stride)}${output === undefined ? '' : ` → ${specText(output)}`}`,
  ]
  if (passes !== undefined) lines.push(...passes.list.map((pass, i) => passText(pass, i, passes.nodes)))
  if (stats !== undefined) {
    const { workBuffers, frameBytes, lineBytes, passes } = stats
    lines.push(
      `buffers: ${workBuffers} frame buffer${workBuffers === 1 ? '' : 's'} (${mib(frameBytes)}), line buffers ${mib(lineBytes)}, ` +
        `${passes} pass${passes === 1 ? '' : 'es'} a frame`,
    )
  }
  return lines.join('\n')
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`
