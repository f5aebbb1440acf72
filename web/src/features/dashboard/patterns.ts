// Where the candidate stands on each interview pattern of the library (a
// problem's main technique: Sliding Window, Graphs, ...): how many of its
// problems they solved, tried, and how many there are.
import type { ProblemSummary } from '../../lib/types'

export interface PatternStanding {
  pattern: string
  solved: number
  attempted: number // tried, not yet solved
  total: number
}

/** Groups the library by pattern; most-practised first, then largest, then by name. */
export function patternStandings(problems: Pick<ProblemSummary, 'pattern' | 'categories' | 'progress'>[]): PatternStanding[] {
  const by = new Map<string, PatternStanding>()
  for (const p of problems) {
    // A problem stored before patterns existed falls under its first category.
    const pattern = p.pattern || p.categories[0] || 'Other'
    const s = by.get(pattern) ?? { pattern, solved: 0, attempted: 0, total: 0 }
    s.total++
    if (p.progress === 'solved') s.solved++
    else if (p.progress === 'attempted') s.attempted++
    by.set(pattern, s)
  }
  return [...by.values()].sort(
    (a, b) => b.solved + b.attempted - (a.solved + a.attempted) || b.total - a.total || a.pattern.localeCompare(b.pattern),
  )
}
