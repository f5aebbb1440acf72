// Pure helpers of the admin console: money, rates, date ranges, and the
// editor's text fields (one item a line, JSON with a readable error).

/** Micro-dollars as dollars: "$0.0123" under a cent, "$12.34" above. */
export function microUSD(micro: number): string {
  const usd = micro / 1_000_000
  if (usd !== 0 && Math.abs(usd) < 0.01) return `$${usd.toFixed(4)}`
  return `$${usd.toFixed(2)}`
}

/** Cents as dollars. */
export function cents(c: number): string {
  return `$${(c / 100).toFixed(2)}`
}

/** A 0..1 rate as a percentage with one decimal. */
export function percent(r: number): string {
  return `${(Math.round(r * 1000) / 10).toFixed(1)}%`
}

/** YYYY-MM-DD of a date in UTC. */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10)
}

/** The default analytics range: the 30 days ending today (UTC). */
export function lastDays(n: number, now = new Date()): { from: string; to: string } {
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
  const from = new Date(to.getTime() - (n - 1) * 86_400_000)
  return { from: isoDay(from), to: isoDay(to) }
}

/** A list edited as one item a line; blank lines dropped. */
export function linesToList(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
}

export function listToLines(list: readonly string[] | undefined | null): string {
  return (list ?? []).join('\n')
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string }

/** Parses JSON typed into a field, naming the field in the error. */
export function parseJSON<T = unknown>(field: string, text: string): Parsed<T> {
  try {
    return { ok: true, value: JSON.parse(text) as T }
  } catch (err) {
    return { ok: false, error: `${field}: not valid JSON (${err instanceof Error ? err.message : String(err)})` }
  }
}

/** Pretty JSON for a text field. */
export function pretty(v: unknown): string {
  return JSON.stringify(v ?? null, null, 2)
}

/** Compact JSON for a test's one-line input or output. */
export function compact(v: unknown): string {
  return JSON.stringify(v ?? null)
}

/**
 * The files of a problem folder picked with a folder input: paths are
 * relative to the folder (its name, the first segment, is the slug).
 */
export function folderFiles(entries: { path: string; text: string }[]): { slug: string; files: Record<string, string> } {
  const files: Record<string, string> = {}
  let slug = ''
  for (const e of entries) {
    const parts = e.path.split('/').filter((p) => p !== '')
    if (parts.length < 2) continue
    slug ||= parts[0]!
    files[parts.slice(1).join('/')] = e.text
  }
  return { slug, files }
}
