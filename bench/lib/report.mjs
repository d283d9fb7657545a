// The results document (kernels.json, and `pixchain bench --json`) and its
// markdown rendering. The document's shape is versioned: bump
// SCHEMA_VERSION when a field changes meaning or disappears.

export const SCHEMA = 'pixchain-bench-kernels'
export const SCHEMA_VERSION = 1

/** The ratio of pixchain's best path to its scalar path, one thread. */
const SCALAR_KEY = 'pixchain-scalar@1'

/** Peers that compare against pixchain (the copy baseline does not). */
const COMPARED = new Set(['pixchain-scalar', 'sharp', 'opencv.js', 'cv2', 'scipy', 'numpy'])

/**
 * `ratios["peer@threads"]` = pixchain's rate ÷ the peer's, both at that
 * thread count; absent when either was not measured.
 */
export function ratiosOf(result) {
  const ours = new Map(
    result.measurements.filter((m) => m.peer === 'pixchain' && m.status === 'ok').map((m) => [m.threads, m.mps]),
  )
  const ratios = {}
  for (const m of result.measurements) {
    if (!COMPARED.has(m.peer) || m.status !== 'ok' || !ours.has(m.threads)) continue
    ratios[`${m.peer}@${m.threads}`] = ours.get(m.threads) / m.mps
  }
  return ratios
}

export function buildDocument({ command, date, settings, machine, software, frames, peers, notes, callOverhead, results }) {
  return {
    schema: SCHEMA,
    version: SCHEMA_VERSION,
    date,
    command,
    settings,
    machine,
    software,
    frames,
    peers,
    notes,
    callOverhead,
    results: results.map((r) => ({ ...r, ratios: ratiosOf(r), scalarAtCopySpeed: scalarAtCopySpeed(r, results) })),
  }
}

/** A scalar rate this near a plain copy's is the memory's limit: no vector path can be much faster there. */
const COPY_SPEED = 0.8

/**
 * Whether pixchain's scalar path already runs `result` at copy speed (at
 * least COPY_SPEED of a copy of its input frame, one thread): then its
 * SIMD ÷ scalar ratio near 1 says the row is bound by memory, not that the
 * vector path stopped working.
 */
function scalarAtCopySpeed(result, results) {
  const copy = results.find((r) => r.baseline && r.type === result.type && r.channels === result.channels)
  const rate = (r, peer) => r?.measurements.find((m) => m.peer === peer && m.threads === 1 && m.status === 'ok')?.mps
  const [scalar, copied] = [rate(result, 'pixchain-scalar'), rate(copy, 'js')]
  return scalar !== undefined && copied !== undefined && scalar >= COPY_SPEED * copied
}

export function formatRate(mps) {
  if (mps >= 100) return mps.toFixed(0)
  if (mps >= 10) return mps.toFixed(1)
  return mps.toFixed(2)
}

function cell(result, peers, threads) {
  const m = result.measurements.find((x) => peers.includes(x.peer) && x.threads === threads)
  if (!m) return '—'
  if (m.status === 'ok') return formatRate(m.mps)
  return m.status
}

function ratioCell(result, key) {
  const ratio = result.ratios[key]
  if (ratio === undefined) return '—'
  const copySpeed = key === SCALAR_KEY && result.scalarAtCopySpeed ? ' (copy speed)' : ''
  return `${ratio.toFixed(2)}×${copySpeed}`
}

/**
 * The table's columns: rates per peer and thread count, then pixchain's
 * ratios; peers that did not run here (not installed) get no column.
 */
function columns(all, present) {
  const counts = all > 1 ? [1, all] : [1]
  const rate = (title, peers, threads) => ({ title, peers, value: (r) => cell(r, peers, threads) })
  const ratio = (title, peer, key) => ({ title, peers: [peer], value: (r) => ratioCell(r, key) })
  return [
    ...counts.map((t) => rate(`pixchain ${t}T`, ['pixchain'], t)),
    ...counts.map((t) => rate(`sharp ${t}T`, ['sharp'], t)),
    rate('OpenCV.js 1T', ['opencv.js'], 1),
    ...counts.map((t) => rate(`cv2 ${t}T`, ['cv2'], t)),
    rate('SciPy / NumPy 1T', ['scipy', 'numpy'], 1),
    ratio('÷ cv2 1T', 'cv2', 'cv2@1'),
    ...counts.slice(1).map((t) => ratio(`÷ cv2 ${t}T`, 'cv2', `cv2@${t}`)),
    ratio('÷ OpenCV.js', 'opencv.js', 'opencv.js@1'),
    ratio('÷ sharp 1T', 'sharp', 'sharp@1'),
    ratio('SIMD ÷ scalar', 'pixchain-scalar', SCALAR_KEY),
  ].filter((c) => c.peers.some((p) => present.has(p)))
}

function table(header, rows) {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)]
}

const GiB = 2 ** 30

function describeSoftware({ pixchain, sharp, opencvJs, python }) {
  const parts = [
    `pixchain ${pixchain.version} (SIMD path: ${pixchain.simdPath ?? 'not reported'})`,
  ]
  if (sharp) parts.push(`sharp ${sharp.version} / libvips ${sharp.libvips} (default concurrency ${sharp.defaultConcurrency})`)
  if (opencvJs) parts.push(`OpenCV.js ${opencvJs.version}`)
  if (python) parts.push(`Python ${python.python}: cv2 ${python.cv2}, NumPy ${python.numpy}, SciPy ${python.scipy}`)
  return parts.join(' · ')
}

export function renderMarkdown(doc) {
  const { settings, machine, software } = doc
  const all = settings.allThreads
  const cols = columns(all, new Set(doc.peers.map((p) => p.id)))
  const kernels = doc.results.filter((r) => !r.baseline)
  const copies = doc.results.filter((r) => r.baseline)
  const lines = [
    '# pixchain kernel benchmark',
    '',
    `${settings.width}×${settings.height} frames; MP/s = megapixels (width·height/10⁶) per second, the median of up to ${settings.timing.runs} runs after a warm-up; higher is better. ` +
      `“÷ peer” is pixchain's rate divided by the peer's at the same thread count; “SIMD ÷ scalar” is marked “(copy speed)” where the scalar path already runs at ${COPY_SPEED * 100}% or more of a plain copy of the frame (memory-bound: a vector path cannot be much faster there). n/a: the peer has no such operation or type; skipped: left out to keep the suite short (see the notes); —: not measured.`,
    '',
    `- Machine: ${machine.cpu}, ${machine.cores} cores (${machine.availableParallelism} usable), ${(machine.memoryBytes / GiB).toFixed(1)} GiB, ` +
      `${machine.distribution ?? machine.os} (${machine.os}, ${machine.arch}), Node ${machine.node}`,
    `- Software: ${describeSoftware(software)}`,
    `- Date: ${doc.date}; command: \`${doc.command}\`${settings.quick ? ' (quick)' : ''}; Python peers (cv2, SciPy, NumPy): ${settings.cross.status}${settings.cross.reason ? `, ${settings.cross.reason}` : ''}`,
    '',
    ...table(
      ['kernel', 'type', 'ch', ...cols.map((c) => c.title)],
      kernels.map((r) => [r.label, r.outType === r.type ? r.type : `${r.type} → ${r.outType}`, r.channels, ...cols.map((c) => c.value(r))]),
    ),
  ]
  if (copies.length) {
    lines.push('', '### Bandwidth baseline: a plain copy of the frame', '')
    const bytes = (r) => settings.width * settings.height * r.channels * { u8: 1, u16: 2, f32: 4 }[r.type]
    const gbs = (r) => {
      const m = r.measurements.find((x) => x.peer === 'js' && x.status === 'ok')
      return m ? ((2 * bytes(r)) / (m.ms / 1000) / 1e9).toFixed(1) : '—'
    }
    lines.push(
      ...table(
        ['type', 'ch', '`dst.set(src)` MP/s', 'GB/s read + written', '`np.copyto` MP/s'],
        copies.map((r) => [r.type, r.channels, cell(r, ['js'], 1), gbs(r), cell(r, ['numpy'], 1)]),
      ),
    )
  }
  const overhead = doc.callOverhead
  if (overhead?.entries.length) {
    lines.push('', `### One-shot call overhead (target: under ${overhead.targetUs} µs)`, '')
    lines.push(
      ...table(
        ['call', 'frame', 'threads', 'µs per call'],
        overhead.entries.map((e) => [`px.${e.kernel}`, `${e.width}×${e.height} ${e.type}`, e.threads, e.usPerCall.toFixed(2)]),
      ),
    )
  }
  if (doc.notes.length) lines.push('', '### Notes', '', ...doc.notes.map((n) => `- ${n}`))
  return `${lines.join('\n')}\n`
}
