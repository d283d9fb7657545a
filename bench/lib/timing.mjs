// Median timing with a per-measurement time budget: fast kernels get many
// runs, slow ones (a 5×5 median on a 4K colour frame takes seconds) fewer,
// down to one for a call slower than the cap, so the whole suite stays
// within minutes on a 2-core machine. Each measurement reports its runs.

/** Default settings; `--quick` and `--runs` override them. */
export const TIMING = {
  runs: 7, // most timed runs per measurement
  minRuns: 3, // fewest timed runs, unless the cap is reached first
  budgetMs: 1200, // stop adding runs past minRuns once this much time was spent
  slowMs: 250, // a warm-up call this slow counts as the first run
  capMs: 3000, // stop once the measurement, warm-up included, took this long
  // Warm-up calls repeat for this long: a VM's idle cores wake slowly, and a
  // thread pool's first calls after a pause may run on one (a 2-thread
  // pipeline ran its first 9 calls at one thread's speed after 260 ms of
  // single-thread work here).
  warmMs: 100,
}

export const QUICK_TIMING = { runs: 3, minRuns: 3, budgetMs: 300, slowMs: 150, capMs: 1000, warmMs: 50 }

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/**
 * Median milliseconds of `call` (sync or returning a promise) after warm-up
 * calls for `warmMs`. A first call slower than `slowMs` is kept as a sample
 * and ends the warm-up: page faults and lazy set-up are noise at that
 * scale. Past `capMs` no further run starts, so a call of seconds is
 * measured once or twice.
 */
export async function measure(call, { runs, minRuns, budgetMs, slowMs, capMs, warmMs = 0 } = TIMING) {
  const samples = []
  const first = performance.now()
  let start = first
  await call()
  const warmUp = performance.now() - start
  if (warmUp >= slowMs) samples.push(warmUp)
  else while (performance.now() - first < warmMs) await call()
  const began = performance.now()
  const more = () => {
    const now = performance.now()
    if (samples.length >= runs || (samples.length && now - first >= capMs)) return false
    return samples.length < minRuns || now - began < budgetMs
  }
  while (more()) {
    start = performance.now()
    const pending = call()
    if (typeof pending?.then === 'function') await pending
    samples.push(performance.now() - start)
  }
  return { ms: median(samples), runs: samples.length }
}

/** Megapixels per second for a frame of `pixels` processed in `ms`. */
export function megapixelsPerSecond(pixels, ms) {
  return pixels / 1e6 / (ms / 1000)
}

/**
 * Microseconds per call of a cheap synchronous `call`: the median over
 * `batches` batches of `calls` calls, after one untimed batch.
 */
export function microsecondsPerCall(call, { calls = 2000, batches = 31 } = {}) {
  for (let i = 0; i < calls; i++) call()
  const perCall = []
  for (let b = 0; b < batches; b++) {
    const start = performance.now()
    for (let i = 0; i < calls; i++) call()
    perCall.push(((performance.now() - start) * 1000) / calls)
  }
  return { us: median(perCall), calls, batches }
}
