import { api } from '../../lib/api'
import type { SessionInfo } from '../../lib/types'

export interface SignUpInput {
  full_name: string
  email: string
  password: string
}

export const signUp = (input: SignUpInput) => api.post<SessionInfo>('/api/auth/signup', input)

export const signIn = (input: { email: string; password: string }) => api.post<SessionInfo>('/api/auth/signin', input)

export async function getProviders(signal?: AbortSignal): Promise<string[]> {
  const res = await api.get<{ providers?: string[] }>('/api/auth/providers', undefined, signal)
  return Array.isArray(res.providers) ? res.providers : []
}

/** OAuth is a full-page navigation: the server redirects to the provider. */
export const oauthStartURL = (provider: string, next = '/dashboard') =>
  `/api/auth/oauth/${encodeURIComponent(provider)}?next=${encodeURIComponent(next)}`
