import { api, isApiError } from '../../lib/api'
import type { HistoryPoint, ProgressBody } from '../../lib/api.gen'
import type { Credits, InterviewSession, ProblemPage, ProblemSummary } from '../../lib/types'

export const getCredits = (signal?: AbortSignal) => api.get<Credits>('/api/users/credits', undefined, signal)

export async function listSessions(signal?: AbortSignal): Promise<InterviewSession[]> {
  try {
    const res = await api.get<{ sessions?: InterviewSession[] }>('/api/sessions', undefined, signal)
    return res.sessions ?? []
  } catch (err) {
    // Servers from before live interviews have no sessions route: nothing to list.
    if (isApiError(err, 'not_found')) return []
    throw err
  }
}

/** The candidate's evaluated interviews, oldest first, with each dimension's score (null: insufficient evidence). */
export async function getProgress(signal?: AbortSignal): Promise<HistoryPoint[]> {
  try {
    const res = await api.get<ProgressBody>('/api/users/progress', undefined, signal)
    return res.points ?? []
  } catch (err) {
    // Servers from before the evaluator have no progress route: nothing to chart.
    if (isApiError(err, 'not_found')) return []
    throw err
  }
}

/** The whole library with the candidate's standing on each problem, page by page (100 a page). */
export async function listLibrary(signal?: AbortSignal): Promise<ProblemSummary[]> {
  const out: ProblemSummary[] = []
  for (let page = 1; page <= 50; page++) {
    const res = await api.get<ProblemPage>('/api/problems', { page, limit: 100 }, signal)
    out.push(...res.problems)
    if (out.length >= res.total || res.problems.length === 0) break
  }
  return out
}
