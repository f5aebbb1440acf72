import { useState } from 'react'
import { Link, NavLink, Outlet, useNavigate } from 'react-router'
import { LogOut } from 'lucide-react'
import { useAuth } from '../lib/auth'
import { ThemeToggle } from './ThemeToggle'
import { Logo } from './Logo'
import { buttonClass } from './ui/Button'

const navLink = ({ isActive }: { isActive: boolean }) =>
  'rounded-md px-3 py-1.5 text-sm font-medium transition-colors ' +
  (isActive
    ? 'bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-50'
    : 'text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100')

export function Layout() {
  const { status, profile, signOut } = useAuth()
  const navigate = useNavigate()
  const [signingOut, setSigningOut] = useState(false)

  async function onSignOut() {
    setSigningOut(true)
    try {
      await signOut()
    } finally {
      setSigningOut(false)
      navigate('/')
    }
  }

  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:shadow dark:focus:bg-zinc-900"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-30 border-b border-zinc-200 bg-white/85 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/85">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-4 px-4 sm:px-6">
          <Link to="/" className="flex items-center gap-2 rounded-md font-semibold tracking-tight" aria-label="mockroom home">
            <Logo />
            <span>mockroom</span>
          </Link>
          <nav aria-label="Main" className="flex items-center gap-1">
            <NavLink to="/problems" className={navLink}>
              Problems
            </NavLink>
            {status === 'authenticated' && (
              <NavLink to="/dashboard" className={navLink}>
                Dashboard
              </NavLink>
            )}
          </nav>
          <div className="ml-auto flex items-center gap-2">
            <ThemeToggle />
            {status === 'authenticated' ? (
              <>
                <Link
                  to="/settings"
                  className="hidden max-w-64 truncate rounded-md px-2 py-1 text-sm text-zinc-600 hover:text-zinc-900 sm:block dark:text-zinc-400 dark:hover:text-zinc-100"
                  title="Profile settings"
                >
                  {profile?.full_name || profile?.email}
                </Link>
                <button
                  type="button"
                  onClick={onSignOut}
                  disabled={signingOut}
                  className={buttonClass('ghost', 'sm')}
                >
                  <LogOut className="size-4" aria-hidden="true" />
                  Sign out
                </button>
              </>
            ) : status === 'anonymous' ? (
              <>
                <Link to="/signin" className={buttonClass('ghost', 'sm')}>
                  Sign in
                </Link>
                <Link to="/signup" className={buttonClass('primary', 'sm')}>
                  Sign up
                </Link>
              </>
            ) : null}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="flex-1 focus:outline-none">
        <Outlet />
      </main>
      <footer className="border-t border-zinc-200 py-6 text-center text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
        mockroom: practice interviews, calmly. Self-hosted; your data stays on this server.
      </footer>
    </div>
  )
}

/** A centred page body with a consistent width. */
export function Page({ children, narrow = false }: { children: React.ReactNode; narrow?: boolean }) {
  return <div className={`mx-auto w-full ${narrow ? 'max-w-md' : 'max-w-6xl'} px-4 py-8 sm:px-6`}>{children}</div>
}
