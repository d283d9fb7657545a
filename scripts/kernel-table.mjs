// README's kernel table, generated: what each kernel computes and how exact
// it is are written here; each option's default comes from the library
// (`kernelDefaults()`, the Rust core's own defaults), so the table cannot
// restate one wrongly. `npm run docs` rewrites the table between its
// markers in README.md; test/kernel-table.test.ts fails when it is stale.

import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

import { describeDefault } from '../bin/cli/option-defaults.mjs'

export const README = fileURLToPath(new URL('../README.md', import.meta.url))
export const START = '<!-- kernel-table:start -->'
export const END = '<!-- kernel-table:end -->'

/**
 * One row per kernel. In `options`, `{name}` is an option: written as
 * `name`, with its default in parentheses when it has one; every defaulted
 * option of the row's kernel must appear.
 */
const ROWS = [
  {
    kernel: 'clip',
    computes: '`min(max(x, min), max)`',
    options: '{min}, {max}, each a number or one per channel; integer types round the bounds into the type',
    exactness: 'exact against the definition; no single OpenCV counterpart',
  },
  {
    kernel: 'linear',
    computes: '`saturate(a·x + b)`, in f32 as OpenCV\'s `convertTo`',
    options: '{a}, {b}, finite, each a number or one per channel',
    exactness: 'bit-exact with OpenCV `convertTo`, every type',
  },
  {
    kernel: 'threshold',
    computes: "OpenCV's `threshold`: `binary`, `binaryInv`, `trunc`, `toZero`, `toZeroInv`",
    options: "{thresh}: the middle of the type's range; {maxval}: the type's maximum (each a number or one per channel); {kind}",
    exactness: 'bit-exact with OpenCV, every type; integer types floor `thresh` as OpenCV does',
  },
  {
    kernel: 'invert',
    computes: "`saturate(min + max − x)`; without a range, the type's range (u8: `255 − x`, i16: `−1 − x`) or `−x` for f32",
    options: '{min}, {max} (both or neither)',
    exactness: 'bit-exact with OpenCV `bitwise_not` (u8, u16, i16)',
  },
  {
    kernel: 'gamma',
    computes: "`lo + (hi − lo)·((x − lo)/(hi − lo))^γ` over the type's range, via a lookup table; f32: `sign(x)·\\|x\\|^γ`",
    options: '{gamma}: > 0',
    exactness: 'exact against the definition; no OpenCV counterpart',
  },
  {
    kernel: 'grayscale',
    computes: 'luma into 1 channel: `(9798·R + 19235·G + 3735·B + 2¹⁴) >> 15` for integers, `0.299·R + 0.587·G + 0.114·B` in f32 for f32',
    options: '{order}: `rgb`, `bgr`, `rgba`, `bgra`; 3 or 4 channels to match',
    exactness: 'u8, u16: bit-exact with OpenCV `cvtColor`; f32: within 1e-6; i16: no OpenCV counterpart',
  },
  {
    kernel: 'normalize',
    computes: '`minmax`: extremes onto `[min, max]` in the same type (OpenCV `NORM_MINMAX`); `zscore`: `(x − mean)/std` into f32, with `perChannel: true` each channel by its own mean and std',
    options: '{kind}, {min}, {max}, `perChannel`',
    exactness: 'minmax: bit-exact with OpenCV, every type; zscore: no OpenCV counterpart, within 1e-6 of the definition',
  },
  {
    kernel: 'otsuThreshold',
    name: '`otsuThreshold`, `thresholdOtsu`',
    computes: "Otsu's level of a u8 frame (and `threshold` at it, returning the level)",
    options: '`kind`, `maxval` as `threshold`',
    exactness: 'bit-exact with OpenCV `THRESH_OTSU` (level and output)',
  },
  {
    kernel: 'convert',
    computes: '`saturate(x·scale + offset)` into another pixel type; with `abs: true`, `saturate(|x·scale + offset|)` into u8 (OpenCV `convertScaleAbs`)',
    options: '{type}, {scale}, {offset}, `abs`',
    exactness: 'bit-exact with OpenCV `convertTo` and `convertScaleAbs`, every type pair',
  },
  {
    kernel: 'gaussianBlur',
    computes: "separable Gaussian with OpenCV's taps and sizes",
    options: '{sigma}, {sigmaY}, {ksize}: odd, 1–4095, by default `round(σ·6+1)\\|1` for u8, `round(σ·8+1)\\|1` otherwise; {border}, {borderValue}',
    exactness: 'u8, u16: bit-exact with OpenCV (fixed point); i16: within 1; f32: within 1e-5',
  },
  {
    kernel: 'add',
    name: '`add`, `subtract`, `absdiff`',
    computes: '`saturate(a + b)`, `saturate(a − b)`, `saturate(\\|a − b\\|)` of two frames of one spec',
    options: '—',
    exactness: 'bit-exact with OpenCV, every type',
  },
  {
    kernel: 'multiply',
    computes: '`saturate(scale·a·b)`: exact integer product when `scale` is 1, else `(scale·a)·b` in f32; f32 frames in f64',
    options: '{scale}',
    exactness: 'bit-exact with OpenCV, every type',
  },
  {
    kernel: 'addWeighted',
    computes: '`saturate(alpha·a + beta·b + gamma)` in f32; f32 frames in f64',
    options: '{alpha}, {beta}, {gamma}',
    exactness: 'bit-exact with OpenCV, every type',
  },
  {
    kernel: 'boxBlur',
    computes: 'mean of the `ksize × ksizeY` window (OpenCV `blur`), anchored at the centre',
    options: '{ksize}: 1–4095, odd or even, {ksizeY}, {border}, {borderValue}',
    exactness: 'u8, u16, i16: bit-exact with OpenCV (u8 windows ≤ 256 px use its fixed-point division); f32: within 1e-5',
  },
  {
    kernel: 'sobel',
    computes: "first derivative with OpenCV's Sobel kernels, into i16 or f32",
    options: '{dx}, {dy}, {ksize}: 3 or 5, {type}, {border}, {borderValue}',
    exactness: 'bit-exact with OpenCV for u8, u16, i16 frames; f32 within 1e-4',
  },
  {
    kernel: 'convolve',
    computes: 'correlation with a user kernel (2-D {kernel} + {kernelWidth}, or separable `row` + `column`), f32 sums, as `filter2D` / `sepFilter2D`',
    options: '{type}, {border}, {borderValue}; sides 1–255',
    exactness: 'within 1 of OpenCV for integers (float summation order), 1e-4 for f32',
  },
  {
    kernel: 'medianBlur',
    computes: 'median of the `ksize × ksize` window per channel, replicated border',
    options: '{ksize}: odd, 3–255',
    exactness: 'exact, every type; bit-exact with OpenCV where it has the size (u8 any size, others 3 and 5)',
  },
  {
    kernel: 'erode',
    computes: "least sample under OpenCV's structuring element (`getStructuringElement`), centred; rectangles as separable min",
    options: "{ksize}, {ksizeY}: 1–255, {shape}: `rect`, `cross`, `ellipse`, {iterations}, {border}, {borderValue}: OpenCV's `morphologyDefaultBorderValue()` (DBL_MAX), the type's max for erode and min for dilate, never wins",
    exactness: 'bit-exact with OpenCV, every type (f32: NaN never wins; −0 comes out as +0)',
  },
  {
    kernel: 'dilate',
    computes: 'greatest sample under the structuring element, as `erode`',
    options: '{ksize}, {ksizeY}, {shape}, {iterations}, {border}, {borderValue}',
    exactness: 'bit-exact with OpenCV, every type (f32: NaN never wins; −0 comes out as +0)',
  },
  {
    kernel: 'morphology',
    computes: "OpenCV's `morphologyEx`: `op` `open`, `close`, `gradient`, `tophat`, `blackhat`; streamed in a pipeline",
    options: '`op`, {ksize}, {ksizeY}, {shape}, {iterations}, {border}, {borderValue}',
    exactness: 'bit-exact with OpenCV, every type; differences saturate as `cv::subtract`',
  },
  {
    kernel: 'laplacian',
    computes: "sum of second derivatives with OpenCV's `Laplacian` kernels (`[0 1 0; 1 −4 1; 0 1 0]` for 1, `[2 0 2; 0 −8 0; 2 0 2]` for 3, Sobel's for 5), into i16 or f32",
    options: '{ksize}: 1, 3 or 5, {type}, {border}, {borderValue}',
    exactness: 'bit-exact with OpenCV for u8, u16, i16 frames, and for f32 with ksize 1 and 3; f32 ksize 5 within 1e-4',
  },
  {
    kernel: 'scharr',
    computes: "first derivative with OpenCV's Scharr kernels (`[−1 0 1]` · `[3 10 3]`), into i16 or f32",
    options: '{dx}, {dy}: one of them 1, {type}, {border}, {borderValue}',
    exactness: 'bit-exact with OpenCV for u8, u16, i16 frames; f32 within 1e-4',
  },
  {
    kernel: 'equalizeHist',
    computes: "OpenCV's histogram equalization of a 1-channel u8 frame (a whole-frame step)",
    options: '—',
    exactness: 'bit-exact with OpenCV `equalizeHist`; other types and channel counts are refused, as OpenCV does',
  },
  {
    kernel: 'clahe',
    computes: "OpenCV's CLAHE (`createCLAHE(clipLimit, tiles).apply`) of a 1-channel u8 or u16 frame (a whole-frame step)",
    options: '{clipLimit}: ≥ 0, 0 for none; {tiles}: `[x, y]`, each 1–256 (u16: ≤ 1024 tiles)',
    exactness: 'bit-exact with OpenCV, u8 and u16, any size (frames the tiles do not divide are extended with reflect101 as OpenCV does)',
  },
  {
    kernel: 'flip',
    computes: "mirror (OpenCV `flip`): `horizontal` (flipCode 1), `vertical` (0), `both` (−1); horizontal streams in a Pipeline",
    options: '{direction}',
    exactness: 'bit-exact with OpenCV, every type',
  },
  {
    kernel: 'rotate',
    computes: 'clockwise turn (OpenCV `rotate`: `ROTATE_90_CLOCKWISE`, `ROTATE_180`, `ROTATE_90_COUNTERCLOCKWISE`); a quarter turn swaps width and height',
    options: '{angle}: 90, 180 or 270',
    exactness: 'bit-exact with OpenCV, every type',
  },
  {
    kernel: 'transpose',
    computes: 'rows become columns (OpenCV `transpose`), in cache-sized tiles',
    options: 'none',
    exactness: 'bit-exact with OpenCV, every type',
  },
  {
    kernel: 'pad',
    computes: 'a border around the frame (OpenCV `copyMakeBorder`)',
    options: '{top}, {bottom}, {left}, {right}, {border}, {borderValue}',
    exactness: 'bit-exact with OpenCV, every type and border',
  },
  {
    kernel: 'crop',
    computes: 'the rectangle at ({x}, {y}) of {width} × {height}, copied (OpenCV `Mat::roi` + `copyTo`)',
    options: 'inside the frame',
    exactness: 'bit-exact with OpenCV, every type',
  },
  {
    kernel: 'clipPercentiles',
    name: '`clip` by `percentiles`',
    computes: 'clamps each channel between the values at two of its own percentiles, measured on the frame (a whole-frame step)',
    options: '`percentiles`: `[low, high]` in [0, 100]',
    exactness: 'the same bytes as `percentiles` then `clip`, every type',
  },
  {
    kernel: 'stats',
    name: '`stats` (a measurement)',
    computes: "per channel `{ min, max, mean, std }`, OpenCV's `minMaxLoc` and `meanStdDev` (population std); NaN left out",
    options: 'none',
    exactness: "min, max equal to OpenCV's; mean and std from exact sums for integers, f64 row sums for f32 (OpenCV's E[x²] − mean² differs by its own rounding)",
  },
  {
    kernel: 'histogram',
    name: '`histogram` (a measurement)',
    computes: "a `Uint32Array` of counts per channel in uniform bins over `[min, max)`, OpenCV's `calcHist` rule",
    options: '`bins`, `min`, `max` (integers: one bin per value over the type; f32: 256 over [0, 1))',
    exactness: 'bit-exact with OpenCV `calcHist` (u8, u16, f32; i16 by the same rule)',
  },
  {
    kernel: 'percentiles',
    name: '`percentiles` (a measurement)',
    computes: "per channel, the value at each percentile by NumPy's default (`linear`) rule, NaN left out",
    options: 'a list of percentiles in [0, 100]',
    exactness: 'equal to `np.percentile` on the samples as f64, every type (integers counted, never sorted)',
  },
  {
    kernel: 'extractChannel',
    computes: 'one channel of the frame (OpenCV `extractChannel`)',
    options: '{channel}',
    exactness: 'bit-exact with OpenCV, every type',
  },
  {
    kernel: 'reorderChannels',
    computes: 'the channels in a new order, repeated or dropped, into `order.length` channels (OpenCV `mixChannels`)',
    options: '{order}: RGB ↔ BGR `[2, 1, 0]`, RGBA → RGB `[0, 1, 2]`, gray → RGB `[0, 0, 0]`',
    exactness: 'bit-exact with OpenCV, every type',
  },
  {
    kernel: 'mergeChannels',
    computes: 'one-channel frames interleaved (OpenCV `merge`): `mergeChannels([a, b, c], out, spec)`; as a step, appends `other` as a last channel',
    options: '—',
    exactness: 'bit-exact with OpenCV, every type',
  },
  {
    kernel: 'resize',
    computes: "OpenCV's `resize` to `width × height`: `nearest`, `nearestExact`, `linear` (11-bit fixed point for u8), `linearExact`, `area` (means when shrinking), `cubic`",
    options: '`width`, `height` (required), {interpolation}',
    exactness: "bit-exact with OpenCV's reference code (OpenCV.js), every type and interpolation; native cv2 has SIMD paths of its own for some (u8 cubic; u16, i16, f32 linear and cubic with FMA) that may differ by 1, or 1e-5 for f32",
  },
  {
    kernel: 'toTensor',
    computes: "a model's f32 input, `(x·scale − mean[c]) / std[c]`, as planes (`chw`: a one-channel frame `width × (channels·height)`) or interleaved (`hwc`); `swapRB` reads RGB as BGR — OpenCV `dnn.blobFromImage` with a deviation per channel",
    options: '{scale}, {mean}, {std}: numbers or one per channel, {layout}, `swapRB` (off)',
    exactness: 'exact against the definition in f32 arithmetic',
  },
]

/** The table, from `defaults` (`kernelDefaults()`). Throws when a row leaves out a defaulted option. */
export function kernelTable(defaults) {
  const lines = ['| kernel | computes | options (default) | exactness |', '|---|---|---|---|']
  for (const row of ROWS) {
    const own = defaults[row.kernel] ?? {}
    const placed = new Set()
    const fill = (text) =>
      text.replace(/\{(\w+)\}/g, (_, name) => {
        placed.add(name)
        return name in own ? `\`${name}\` (${describeDefault(own[name], 'markdown')})` : `\`${name}\``
      })
    const cells = [row.name ?? `\`${row.kernel}\``, fill(row.computes), fill(row.options), row.exactness]
    const missing = Object.keys(own).filter((name) => !placed.has(name))
    if (missing.length > 0) throw new Error(`kernel-table: ${row.kernel} has defaults for ${missing.join(', ')}, which its row does not show`)
    lines.push(`| ${cells.join(' | ')} |`)
  }
  const listed = new Set(ROWS.map((row) => row.kernel))
  const unlisted = Object.keys(defaults).filter((kernel) => !listed.has(kernel))
  if (unlisted.length > 0) throw new Error(`kernel-table: no row for ${unlisted.join(', ')}`)
  return lines.join('\n')
}

/** `readme` with the table between its markers replaced by `table`. */
export function withTable(readme, table) {
  const start = readme.indexOf(START)
  const end = readme.indexOf(END)
  if (start < 0 || end < start) throw new Error(`kernel-table: README.md needs the markers ${START} and ${END}`)
  return `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`
}

/** The library's defaults (the built addon: `npm run build` first). */
export function libraryDefaults() {
  return createRequire(import.meta.url)('../dist/index.js').kernelDefaults()
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const readme = readFileSync(README, 'utf8')
  const updated = withTable(readme, kernelTable(libraryDefaults()))
  if (updated !== readme) writeFileSync(README, updated)
  console.log(updated === readme ? 'README.md: kernel table up to date' : 'README.md: kernel table rewritten')
}
