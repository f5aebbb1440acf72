import { api } from '../../lib/api'
import type { Facets, ProblemDetail, ProblemPage } from '../../lib/types'
import { PAGE_SIZE, type Filters } from './filters'

export const listProblems = (f: Filters, signal?: AbortSignal) =>
  api.get<ProblemPage>(
    '/api/problems',
    { difficulty: f.difficulty, pattern: f.pattern, category: f.category, company: f.company, q: f.q, page: f.page, limit: PAGE_SIZE },
    signal,
  )

export const getFacets = (signal?: AbortSignal) => api.get<Facets>('/api/problems/facets', undefined, signal)

export const getProblem = (slug: string, signal?: AbortSignal) =>
  api.get<ProblemDetail>(`/api/problems/${encodeURIComponent(slug)}`, undefined, signal)

/**
 * A random problem within the filters. forMe (signed in) also favours what
 * suits the candidate: unsolved, their target companies, their level, their
 * least-practised pattern.
 */
export const randomProblem = (f: Omit<Filters, 'page'>, forMe = false) =>
  api.get<ProblemDetail>('/api/problems/random', {
    difficulty: f.difficulty,
    pattern: f.pattern,
    category: f.category,
    company: f.company,
    q: f.q,
    for_me: forMe ? 'true' : undefined,
  })

export interface StartedSession {
  id: string
  status: string
  language: string
  duration_minutes: number
}

export const startSession = (problemId: string, language: string, durationMinutes: number) =>
  api.post<StartedSession>('/api/sessions/start', { problem_id: problemId, language, duration_minutes: durationMinutes })

/** The balance, and whether this server counts credits at all. */
export const getCreditBalance = (signal?: AbortSignal) =>
  api.get<{ balance: number; unlimited?: boolean }>('/api/users/credits', undefined, signal).then((c) => ({ balance: c.balance, unlimited: c.unlimited === true }))
