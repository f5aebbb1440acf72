import { api } from '../../lib/api'
import type { SessionInfo } from '../../lib/types'

export interface SignUpInput {
  full_name: string
  email: string
  password: string
  invite?: string
}

/** The answer when the server mails a link instead of signing in. */
export interface CheckInbox {
  status: 'check_inbox'
}

export const isCheckInbox = (r: SessionInfo | CheckInbox): r is CheckInbox => 'status' in r && r.status === 'check_inbox'

export const signUp = (input: SignUpInput) => api.post<SessionInfo | CheckInbox>('/api/auth/signup', input)

export const signIn = (input: { email: string; password: string }) => api.post<SessionInfo>('/api/auth/signin', input)

export const verifyEmail = (token: string) => api.post<SessionInfo>('/api/auth/verify-email', { token })

export const resendVerification = (email: string) => api.post<CheckInbox>('/api/auth/verify-email/resend', { email })

export const forgotPassword = (email: string) => api.post<CheckInbox>('/api/auth/password/forgot', { email })

export const resetPassword = (token: string, password: string) => api.post<SessionInfo>('/api/auth/password/reset', { token, password })

export interface AuthOptions {
  providers: string[]
  signups: 'open' | 'invite' | 'closed'
  mail: boolean
}

export async function getAuthOptions(signal?: AbortSignal): Promise<AuthOptions> {
  const res = await api.get<Partial<AuthOptions>>('/api/auth/providers', undefined, signal)
  return {
    providers: Array.isArray(res.providers) ? res.providers : [],
    signups: res.signups === 'invite' || res.signups === 'closed' ? res.signups : 'open',
    mail: res.mail === true,
  }
}

export async function getProviders(signal?: AbortSignal): Promise<string[]> {
  return (await getAuthOptions(signal)).providers
}

/** OAuth is a full-page navigation: the server redirects to the provider. */
export const oauthStartURL = (provider: string, next = '/dashboard') =>
  `/api/auth/oauth/${encodeURIComponent(provider)}?next=${encodeURIComponent(next)}`
