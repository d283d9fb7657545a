// kernels.svg: grouped horizontal bars of MP/s on a log axis, one panel per
// pixel type (one-channel frames, plus grayscale from three), pixchain's bars
// first in each group. Plain SVG strings: no dependencies, stable output.

const SERIES = [
  { key: 'pixchain@1', label: 'pixchain 1 thread', color: '#d95f02' },
  { key: 'pixchain@N', label: 'pixchain all threads', color: '#fdae61' },
  { key: 'sharp@1', label: 'sharp 1 thread', color: '#1f78b4' },
  { key: 'sharp@N', label: 'sharp all threads', color: '#a6cee3' },
  { key: 'opencv.js@1', label: 'OpenCV.js (WebAssembly)', color: '#6a3d9a' },
  { key: 'cv2@1', label: 'cv2 1 thread', color: '#33a02c' },
  { key: 'cv2@N', label: 'cv2 all threads', color: '#b2df8a' },
  { key: 'scipy@1', label: 'SciPy / NumPy (1 thread)', color: '#8c6d31' },
  { key: 'js@1', label: 'memory copy (dst.set(src))', color: '#999999' },
]

const FONT = 'system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif'
const BAR = 7 // bar thickness
const SLOT = 9 // bar plus gap
const GROUP_GAP = 10
const LABEL_W = 150 // kernel names
const PLOT_W = 250
const VALUE_W = 40 // room for the value after the longest bar
const PANEL_W = LABEL_W + PLOT_W + VALUE_W
const PANEL_GAP = 24
const MARGIN = 20

const escape = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

function seriesKey(m, all) {
  const peer = m.peer === 'numpy' ? 'scipy' : m.peer
  if (m.threads === 1) return `${peer}@1`
  return m.threads === all ? `${peer}@N` : null
}

/** `{ seriesKey: mps }` for one result row. */
function valuesOf(result, all) {
  const values = {}
  for (const m of result.measurements) {
    const key = m.status === 'ok' ? seriesKey(m, all) : null
    if (key) values[key] = m.mps
  }
  return values
}

function shortRate(v) {
  if (v >= 10000) return `${(v / 1000).toFixed(0)}k`
  if (v >= 1000) return `${(v / 1000).toFixed(1)}k`
  if (v >= 100) return v.toFixed(0)
  if (v >= 10) return v.toFixed(1)
  return v.toFixed(2)
}

function tickLabel(decade) {
  const v = 10 ** decade
  return v >= 1000 ? `${v / 1000}k` : String(v)
}

export function renderChart(doc) {
  const all = doc.settings.allThreads
  const charted = doc.results.filter((r) => r.channels === 1 || r.kernel === 'grayscale')
  const types = [...new Set(charted.map((r) => r.type))]
  const labels = [...new Set(charted.map((r) => r.label))]
  const panels = types.map((type) => ({
    type,
    rows: labels.map((label) => {
      const result = charted.find((r) => r.type === type && r.label === label)
      return result ? valuesOf(result, all) : {}
    }),
  }))
  // Only series with a bar somewhere get a legend entry; bars are packed in series order.
  const series = SERIES.filter((s) => panels.some((p) => p.rows.some((r) => r[s.key] !== undefined)))
  const barsOf = (row) => series.filter((s) => row[s.key] !== undefined)
  const values = panels.flatMap((p) => p.rows.flatMap((r) => Object.values(r)))
  const lo = Math.floor(Math.log10(Math.min(...values, 10)))
  const hi = Math.ceil(Math.log10(Math.max(...values, 10)))
  const x = (v) => (PLOT_W * (Math.log10(Math.max(v, 10 ** lo)) - lo)) / (hi - lo)

  // Rows line up across panels: each is as tall as its most populated panel.
  const rowHeights = labels.map((_, r) => Math.max(1, ...panels.map((p) => barsOf(p.rows[r]).length)) * SLOT + GROUP_GAP)
  const rowTops = rowHeights.map((_, r) => rowHeights.slice(0, r).reduce((a, b) => a + b, 0))
  const legendCols = 3
  const legendRows = Math.ceil(series.length / legendCols)
  const top = MARGIN + 50 + legendRows * 18 + 36
  const plotH = rowHeights.reduce((a, b) => a + b, 0)
  const width = MARGIN * 2 + panels.length * PANEL_W + (panels.length - 1) * PANEL_GAP
  const height = top + plotH + 36

  const out = []
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${MARGIN}" y="${MARGIN + 14}" font-size="16" font-weight="600" fill="#222">pixchain and its peers: megapixels per second, ${doc.settings.width}×${doc.settings.height} frames (log scale, longer is faster)</text>`,
    `<text x="${MARGIN}" y="${MARGIN + 32}" fill="#555">${escape(`${doc.machine.cpu}, ${doc.machine.availableParallelism} threads; Node ${doc.machine.node}; ${doc.date.slice(0, 10)}. One-channel frames; grayscale reads three.`)}</text>`,
  )
  series.forEach((s, i) => {
    const lx = MARGIN + (i % legendCols) * 230
    const ly = MARGIN + 50 + Math.floor(i / legendCols) * 18
    out.push(
      `<rect x="${lx}" y="${ly}" width="12" height="10" fill="${s.color}"/>`,
      `<text x="${lx + 18}" y="${ly + 9}" fill="#222">${escape(s.label.replace('all threads', `${all} threads`))}</text>`,
    )
  })

  panels.forEach((panel, p) => {
    const px = MARGIN + p * (PANEL_W + PANEL_GAP)
    const plotX = px + LABEL_W
    const plotBottom = top + plotH - GROUP_GAP
    out.push(`<text x="${plotX}" y="${top - 14}" font-size="13" font-weight="600" fill="#222">${panel.type}</text>`)
    for (let d = lo; d <= hi; d++) {
      const gx = plotX + x(10 ** d)
      out.push(
        `<line x1="${gx}" y1="${top - 6}" x2="${gx}" y2="${plotBottom}" stroke="#e3e3e3"/>`,
        `<text x="${gx}" y="${plotBottom + 14}" text-anchor="middle" fill="#666">${tickLabel(d)}</text>`,
      )
    }
    out.push(`<text x="${plotX + PLOT_W / 2}" y="${plotBottom + 28}" text-anchor="middle" fill="#666">MP/s</text>`)
    panel.rows.forEach((row, r) => {
      const gy = top + rowTops[r]
      const bars = barsOf(row)
      const labelY = gy + (Math.max(1, bars.length) * SLOT) / 2 + 3
      out.push(`<text x="${plotX - 6}" y="${labelY}" text-anchor="end" fill="#222">${escape(labels[r])}</text>`)
      if (!bars.length) {
        out.push(`<text x="${plotX + 4}" y="${labelY}" fill="#999">not measured</text>`)
      }
      bars.forEach((s, i) => {
        const v = row[s.key]
        const by = gy + i * SLOT
        const w = Math.max(1, x(v))
        out.push(
          `<rect x="${plotX}" y="${by}" width="${w.toFixed(1)}" height="${BAR}" fill="${s.color}"><title>${escape(`${labels[r]}, ${panel.type}: ${s.label} ${shortRate(v)} MP/s`)}</title></rect>`,
          `<text x="${(plotX + w + 3).toFixed(1)}" y="${by + BAR - 0.5}" font-size="8" fill="#444">${shortRate(v)}</text>`,
        )
      })
    })
  })
  out.push('</svg>')
  return `${out.join('\n')}\n`
}
