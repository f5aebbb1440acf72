import { api, isApiError } from '../../lib/api'
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
