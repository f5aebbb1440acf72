import { api } from '../../lib/api'
import type {
  AdminProblemList,
  AdminUserList,
  Analytics,
  LedgerRow,
  ProblemFiles,
  ProblemView,
  Source,
  UserDetail,
} from '../../lib/api.gen'

// The admin console's calls. Every /api/admin route is checked on the server:
// a non-admin gets 403 admin_only whatever this app shows.

export const listAdminProblems = (signal?: AbortSignal) => api.get<AdminProblemList>('/api/admin/problems', undefined, signal)

export const getAdminProblem = (slug: string, signal?: AbortSignal) =>
  api.get<ProblemView>(`/api/admin/problems/${encodeURIComponent(slug)}`, undefined, signal)

export const createProblem = (source: Source, publish: boolean) => api.post<ProblemView>('/api/admin/problems', { source, publish })

export const saveProblem = (source: Source, publish: boolean) =>
  api.patch<ProblemView>(`/api/admin/problems/${encodeURIComponent(source.slug)}`, { source, publish })

export const exportProblem = (slug: string) => api.get<ProblemFiles>(`/api/admin/problems/${encodeURIComponent(slug)}/export`)

export const importProblem = (slug: string, files: Record<string, string>, publish: boolean) =>
  api.post<ProblemView>('/api/admin/problems/import', { slug, files, publish })

export const searchUsers = (q: string, signal?: AbortSignal) => api.get<AdminUserList>('/api/admin/users', { q, limit: 50 }, signal)

export const getUser = (id: string, signal?: AbortSignal) => api.get<UserDetail>(`/api/admin/users/${encodeURIComponent(id)}`, undefined, signal)

export const grantCredits = (id: string, amount: number, reason: string) =>
  api.post<LedgerRow>(`/api/admin/users/${encodeURIComponent(id)}/credits`, { amount, reason })

export const setSuspended = (id: string, suspended: boolean) =>
  api.post<UserDetail>(`/api/admin/users/${encodeURIComponent(id)}/${suspended ? 'suspend' : 'unsuspend'}`)

export const getAnalytics = (from: string, to: string, signal?: AbortSignal) =>
  api.get<Analytics>('/api/admin/analytics', { from, to }, signal)
