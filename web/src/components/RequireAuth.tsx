import type { ReactNode } from 'react'
import { Navigate, useLocation } from 'react-router'
import { useAuth } from '../lib/auth'
import { PageSpinner } from './ui/Spinner'

/** Pages behind sign-in: wait for the session check, then send strangers to /signin?next=... */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status } = useAuth()
  const loc = useLocation()
  if (status === 'loading') return <PageSpinner label="Checking your session" />
  if (status === 'anonymous') {
    const next = encodeURIComponent(loc.pathname + loc.search)
    return <Navigate to={`/signin?next=${next}`} replace />
  }
  return <>{children}</>
}
