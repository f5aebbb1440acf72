import { api, isApiError } from '../../lib/api'
import type { HistoryPoint, ProgressBody } from '../../lib/api.gen'
import type { Credits, InterviewSession } from '../../lib/types'

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
