// History points for the scores chart's tests.
import type { HistoryPoint } from '../../lib/api.gen'

type S = [ps: number | null, cq: number | null, comm: number | null, eff: number | null]

export function point(id: string, day: number, [ps, cq, comm, eff]: S, overall: number | null = null): HistoryPoint {
  return {
    session_id: id,
    problem_slug: 'two-sum',
    problem_title: `Problem ${id}`,
    ended_at: new Date(Date.UTC(2026, 2, day, 12)).toISOString(),
    overall_score: overall,
    scores: { problem_solving: ps, code_quality: cq, communication: comm, efficiency: eff },
  }
}
