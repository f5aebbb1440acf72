// Where the candidate stands on each pattern (the library's categories):
// how many of its problems they solved, tried, and how many there are.
import type { ProblemSummary } from '../../lib/types'

export interface PatternStanding {
  category: string
  solved: number
  attempted: number // tried, not yet solved
  total: number
}

/** Groups the library by category; most-practised first, then largest, then by name. */
export function patternStandings(problems: Pick<ProblemSummary, 'categories' | 'progress'>[]): PatternStanding[] {
  const by = new Map<string, PatternStanding>()
  for (const p of problems) {
    for (const category of p.categories) {
      const s = by.get(category) ?? { category, solved: 0, attempted: 0, total: 0 }
      s.total++
      if (p.progress === 'solved') s.solved++
      else if (p.progress === 'attempted') s.attempted++
      by.set(category, s)
    }
  }
  return [...by.values()].sort(
    (a, b) => b.solved + b.attempted - (a.solved + a.attempted) || b.total - a.total || a.category.localeCompare(b.category),
  )
}
