// chains.md and chains.svg from the chain benchmark's document
// (run-chains.mjs). The chart is its own: chart.mjs draws the kernel suite's
// MP/s panels, these are speed ratios per chain.

const GiB = 2 ** 30
const MiB = 2 ** 20

function table(header, rows) {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)]
}

export function formatBytes(bytes) {
  if (bytes === undefined || bytes === null) return '—'
  if (bytes >= MiB) return `${(bytes / MiB).toFixed(1)} MiB`
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${bytes} B`
}

const ms = (v) => (v === undefined ? '—' : v >= 100 ? v.toFixed(0) : v.toFixed(1))
const times = (v) => (v === undefined ? '—' : `${v.toFixed(2)}×`)

function msOf(row, peer, threads) {
  return row.measurements.find((m) => m.peer === peer && m.threads === threads)?.ms
}

function growth(m) {
  if (!m) return '—'
  if (m.error) return 'failed'
  const bound = m.exact ? '' : m.bound === 'lower' ? '≥ ' : '≤ '
  return `${bound}${formatBytes(m.peakGrowth)}`
}

function pipelineWork(row, threads) {
  const s = row.pipelineStats[threads]
  if (!s) return '—'
  const frames = s.workBuffers ? `, ${s.workBuffers} frames ${formatBytes(s.frameBytes)}` : ', no frames'
  return `${formatBytes(s.workBytes)} (lines ${formatBytes(s.lineBytes)}${frames})`
}

function describeSoftware({ pixchain, python }) {
  const parts = [`pixchain ${pixchain.version} (SIMD path: ${pixchain.simdPath ?? 'not reported'}${pixchain.addon ? `; addon ${pixchain.addon}` : ''})`]
  if (python) parts.push(`Python ${python.python}: cv2 ${python.cv2} (default ${python.cv2DefaultThreads} threads), NumPy ${python.numpy}`)
  return parts.join(' · ')
}

export function renderChainsMarkdown(doc) {
  const { settings, machine, software } = doc
  const all = settings.allThreads
  const counts = settings.threadCounts
  const cv2Threads = software.python?.cv2DefaultThreads ?? all
  const speedRows = doc.chains.flatMap((row) =>
    counts.map((t) => [
      row.label,
      t,
      ms(msOf(row, 'pipeline', t)),
      ms(msOf(row, 'oneShots', t)),
      ms(msOf(row, 'cv2', t === 1 ? 1 : cv2Threads)),
      times(row.ratios[`cv2@${t}`]),
      times(row.ratios[`oneShots@${t}`]),
      t === all && t > 1 ? times(row.ratios.pipelineScaling) : '—',
    ]),
  )
  const equal = (row) => {
    const checks = Object.entries(row.checks.pipelineEqualsOneShots)
    const bad = checks.filter(([, c]) => c !== true)
    if (!bad.length) return `yes, byte for byte (${checks.map(([t]) => `${t}T`).join(', ')})`
    return `**no**: ${bad.map(([t, c]) => `${t}T ${c.differing} samples, max ${c.maxAbsDiff}`).join('; ')}`
  }
  const cv2Check = (row) => {
    const c = row.checks.cv2
    if (!c) return ['—', '—']
    const max = Number.isInteger(c.maxAbsDiff) ? String(c.maxAbsDiff) : c.maxAbsDiff.toExponential(2)
    return [max, `${c.differing} of ${c.samples} (${((100 * c.differing) / c.samples).toFixed(3)}%)`]
  }
  const memoryThreads = doc.chains[0]?.memory?.pipeline?.threads ?? all
  const lines = [
    '# pixchain chain benchmark',
    '',
    `${settings.width}×${settings.height} frames; milliseconds per run of the whole chain, the median of ${settings.timing.runs} run${settings.timing.runs === 1 ? '' : 's'} after a warm-up; lower is better. ` +
      `Ratios are the other peer's ms ÷ the Pipeline's: above 1× the Pipeline is faster. Scaling: the Pipeline's 1-thread ms ÷ its ${all}-thread ms.`,
    '',
    `- Machine: ${machine.cpu}, ${machine.cores} cores (${machine.availableParallelism} usable), ${(machine.memoryBytes / GiB).toFixed(1)} GiB, ` +
      `${machine.distribution ?? machine.os} (${machine.os}, ${machine.arch}), Node ${machine.node}`,
    `- Software: ${describeSoftware(software)}`,
    `- Date: ${doc.date}; command: \`${doc.command}\`${settings.quick ? ' (quick)' : ''}; cv2: ${settings.cross.status}${settings.cross.reason ? `, ${settings.cross.reason}` : ''}`,
    '',
    ...table(
      ['chain', 'threads', 'Pipeline ms', 'one-shots ms', 'cv2 ms', 'cv2 ÷ Pipeline', 'one-shots ÷ Pipeline', 'Pipeline scaling'],
      speedRows,
    ),
    '',
    '### Checks',
    '',
    ...table(
      ['chain', 'input → output', 'Pipeline = one-shots', 'cv2 max \\|diff\\| from pixchain', 'cv2 samples differing'],
      doc.chains.map((row) => [
        row.label,
        `${row.input.type}×${row.input.channels} → ${row.output.type}×${row.output.channels}`,
        equal(row),
        ...cv2Check(row),
      ]),
    ),
    '',
    `### Memory (peak RSS growth at ${memoryThreads} threads, one process per peer and chain)`,
    '',
    ...table(
      [
        'chain',
        ...counts.map((t) => `Pipeline work bytes ${t}T`),
        'Pipeline peak RSS growth',
        'one-shot intermediates',
        'one-shots peak RSS growth',
        'cv2 intermediates',
        'cv2 peak RSS growth',
      ],
      doc.chains.map((row) => [
        row.label,
        ...counts.map((t) => pipelineWork(row, t)),
        growth(row.memory?.pipeline),
        formatBytes(row.intermediates.oneShots),
        growth(row.memory?.oneShots),
        formatBytes(row.intermediates.cv2),
        growth(row.memory?.cv2),
      ]),
    ),
  ]
  if (doc.notes.length) lines.push('', '### Notes', '', ...doc.notes.map((n) => `- ${n}`))
  return `${lines.join('\n')}\n`
}

// ---------------------------------------------------------------- chart

const FONT = 'system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif'
const BAR = 8
const SLOT = 10
const GROUP_GAP = 12
const PLOT_W = 420
const VALUE_W = 44
const MARGIN = 20

const escape = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** Bars: the Pipeline's speed over each peer; a bar right of 1× is a faster Pipeline. */
export function renderChainsChart(doc) {
  const all = doc.settings.allThreads
  const series = [
    { key: 'cv2@1', label: 'vs cv2, 1 thread', color: '#33a02c' },
    { key: `cv2@${all}`, label: `vs cv2, ${all} threads`, color: '#b2df8a' },
    { key: 'oneShots@1', label: 'vs pixchain one-shots, 1 thread', color: '#d95f02' },
    { key: `oneShots@${all}`, label: `vs pixchain one-shots, ${all} threads`, color: '#fdae61' },
  ].filter((s, i, list) => list.findIndex((o) => o.key === s.key) === i && doc.chains.some((c) => c.ratios[s.key] !== undefined))
  const rows = doc.chains.map((c) => ({ label: c.label, bars: series.filter((s) => c.ratios[s.key] !== undefined).map((s) => ({ ...s, v: c.ratios[s.key] })) }))
  const values = rows.flatMap((r) => r.bars.map((b) => b.v))
  // A log₂ axis, so 2× faster and 2× slower are bars of one length.
  // Room left of the shortest bar for its value.
  const lo = Math.min(-1, Math.floor(Math.log2(Math.min(...values, 1)) - 0.4))
  const hi = Math.max(1, Math.ceil(Math.log2(Math.max(...values, 1))))
  const x = (v) => (PLOT_W * (Math.log2(v) - lo)) / (hi - lo)

  // About 6.2 px per character at 11 px: the label column fits the longest label.
  const LABEL_W = 16 + Math.ceil(6.2 * Math.max(...rows.map((r) => r.label.length)))
  const heights = rows.map((r) => Math.max(1, r.bars.length) * SLOT + GROUP_GAP)
  const legendRows = Math.ceil(series.length / 2)
  const top = MARGIN + 50 + legendRows * 18 + 16
  const plotH = heights.reduce((a, b) => a + b, 0)
  const width = MARGIN * 2 + LABEL_W + PLOT_W + VALUE_W
  const height = top + plotH + 40
  const plotX = MARGIN + LABEL_W
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${MARGIN}" y="${MARGIN + 14}" font-size="15" font-weight="600" fill="#222">pixchain Pipeline speed ratio per chain: peer ms ÷ Pipeline ms, ${doc.settings.width}×${doc.settings.height} (log scale)</text>`,
    `<text x="${MARGIN}" y="${MARGIN + 32}" fill="#555">${escape(`Right of 1×: the Pipeline is faster. ${doc.machine.cpu}, ${doc.machine.availableParallelism} threads; Node ${doc.machine.node}${doc.software.python ? `; cv2 ${doc.software.python.cv2}` : ''}; ${doc.date.slice(0, 10)}.`)}</text>`,
  ]
  series.forEach((s, i) => {
    const lx = MARGIN + (i % 2) * 260
    const ly = MARGIN + 50 + Math.floor(i / 2) * 18
    out.push(`<rect x="${lx}" y="${ly}" width="12" height="10" fill="${s.color}"/>`, `<text x="${lx + 18}" y="${ly + 9}" fill="#222">${escape(s.label)}</text>`)
  })
  const bottom = top + plotH - GROUP_GAP
  for (let d = lo; d <= hi; d++) {
    const gx = plotX + x(2 ** d)
    const tick = d >= 0 ? `${2 ** d}×` : `1/${2 ** -d}×`
    out.push(
      `<line x1="${gx.toFixed(1)}" y1="${top - 6}" x2="${gx.toFixed(1)}" y2="${bottom}" stroke="${d === 0 ? '#888' : '#e3e3e3'}"/>`,
      `<text x="${gx.toFixed(1)}" y="${bottom + 14}" text-anchor="middle" fill="#666">${tick}</text>`,
    )
  }
  let y = top
  rows.forEach((row, r) => {
    const labelY = y + (Math.max(1, row.bars.length) * SLOT) / 2 + 3
    out.push(`<text x="${plotX - 8}" y="${labelY}" text-anchor="end" fill="#222">${escape(row.label)}</text>`)
    const one = plotX + x(1)
    row.bars.forEach((b, i) => {
      const end = plotX + x(b.v)
      const [left, w] = end >= one ? [one, end - one] : [end, one - end]
      const by = y + i * SLOT
      const tx = end >= one ? end + 3 : end - 3
      out.push(
        `<rect x="${left.toFixed(1)}" y="${by}" width="${Math.max(1, w).toFixed(1)}" height="${BAR}" fill="${b.color}"><title>${escape(`${row.label}: ${b.label} ${b.v.toFixed(2)}×`)}</title></rect>`,
        `<text x="${tx.toFixed(1)}" y="${by + BAR - 0.5}" font-size="8" fill="#444"${end >= one ? '' : ' text-anchor="end"'}>${b.v.toFixed(2)}×</text>`,
      )
    })
    y += heights[r]
  })
  out.push(`<text x="${plotX + PLOT_W / 2}" y="${bottom + 30}" text-anchor="middle" fill="#666">peer ms ÷ Pipeline ms</text>`, '</svg>')
  return `${out.join('\n')}\n`
}
