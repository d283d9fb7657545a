// How an option's default (from `kernelDefaults()`, the core's own defaults)
// reads in words: in `pixchain --help`, in README's kernel table and in the
// `@default` tags of the typings, which a test holds to this same form.

/**
 * `value` (one entry of `kernelDefaults()[kernel]`) as text, in one of three
 * styles: `'text'` (the help), `'markdown'` (names in backticks) and
 * `'jsdoc'` (values as JavaScript literals).
 */
export function describeDefault(value, style = 'text') {
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, style)).join(', ')}]`
  if (typeof value !== 'object' || value === null) return literal(value, style)
  if ('sameAs' in value) return option(value.sameAs, style)
  if ('from' in value) return `from ${option(value.from, style)}`
  return perType(value, style)
}

/** A default per input pixel type: grouped when several types share one. */
function perType(values, style) {
  const types = Object.keys(values)
  if (types.every((type) => values[type] === type)) return "the input's type"
  const groups = new Map()
  for (const type of types) groups.set(values[type], [...(groups.get(values[type]) ?? []), type])
  if (groups.size === 1) return literal(values[types[0]], style)
  const [common, shared] = [...groups].reduce((a, b) => (b[1].length > a[1].length ? b : a))
  if (shared.length < 2) return types.map((type) => `${literal(values[type], style)} for ${type}`).join(', ')
  const others = [...groups].filter(([value]) => value !== common)
  return [...others.map(([value, of]) => `${literal(value, style)} for ${of.join(', ')}`), `${literal(common, style)} otherwise`].join(', ')
}

function literal(value, style) {
  if (typeof value === 'string') return style === 'jsdoc' ? `'${value}'` : style === 'markdown' ? `\`${value}\`` : value
  if (style === 'jsdoc') return String(value)
  if (value === Infinity) return '+∞'
  if (value === -Infinity) return '−∞'
  return String(value).replace('-', '−')
}

function option(name, style) {
  return style === 'markdown' ? `\`${name}\`` : name
}
