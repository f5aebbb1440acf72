// The signed-in person, shared by every feature. The cookie is HttpOnly, so
// the only way to know who we are is to ask GET /api/auth/session.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { api, isApiError } from './api'
import type { Profile, SessionInfo, User } from './types'

type Status = 'loading' | 'authenticated' | 'anonymous'

export interface AuthState {
  status: Status
  user: User | null
  profile: Profile | null
  /** Store a session returned by sign-in or sign-up. */
  setSession: (s: SessionInfo) => void
  setProfile: (p: Profile) => void
  signOut: () => Promise<void>
  refresh: () => Promise<void>
}

const AuthContext = createContext<AuthState | null>(null)

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>('loading')
  const [user, setUser] = useState<User | null>(null)
  const [profile, setProfileState] = useState<Profile | null>(null)

  const setSession = useCallback((s: SessionInfo) => {
    setUser(s.user)
    setProfileState(s.profile)
    setStatus('authenticated')
  }, [])

  const clear = useCallback(() => {
    setUser(null)
    setProfileState(null)
    setStatus('anonymous')
  }, [])

  const refresh = useCallback(async () => {
    try {
      setSession(await api.get<SessionInfo>('/api/auth/session'))
    } catch (err) {
      // Any failure to prove a session means "signed out" for the UI; pages
      // that need data will show their own errors.
      if (!isApiError(err, 'unauthenticated')) console.warn('session check failed', err)
      clear()
    }
  }, [setSession, clear])

  useEffect(() => {
    void refresh()
  }, [refresh])

  const signOut = useCallback(async () => {
    try {
      await api.post<void>('/api/auth/signout')
    } finally {
      clear()
    }
  }, [clear])

  const value = useMemo<AuthState>(
    () => ({ status, user, profile, setSession, setProfile: setProfileState, signOut, refresh }),
    [status, user, profile, setSession, signOut, refresh],
  )
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext)
  if (!ctx) throw new Error('useAuth outside AuthProvider')
  return ctx
}

/** Where to go after signing in: only same-site paths, never another host. */
export function safeNext(next: string | null | undefined, fallback = '/dashboard'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || /[\r\n]/.test(next)) return fallback
  return next
}
