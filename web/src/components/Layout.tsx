import { useEffect, useState } from 'react'
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router'
import { LogOut, Menu, X } from 'lucide-react'
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
  const { status, user, profile, signOut } = useAuth()
  // Only admins see the console's link; the server checks every admin call anyway.
  const admin = status === 'authenticated' && !!user?.is_admin
  const navigate = useNavigate()
  const [signingOut, setSigningOut] = useState(false)
  // Narrow screens fold the navigation and account links into a menu.
  const [menu, setMenu] = useState(false)
  const location = useLocation()
  useEffect(() => setMenu(false), [location.pathname])

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
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-2 px-4 sm:gap-4 sm:px-6">
          <Link to="/" className="flex shrink-0 items-center gap-2 rounded-md font-semibold tracking-tight" aria-label="mockroom home">
            <Logo />
            <span>mockroom</span>
          </Link>
          <nav aria-label="Main" className="hidden items-center gap-1 sm:flex">
            <NavLink to="/problems" className={navLink}>
              Problems
            </NavLink>
            <NavLink to="/pricing" className={navLink}>
              Pricing
            </NavLink>
            {status === 'authenticated' && (
              <NavLink to="/dashboard" className={navLink}>
                Dashboard
              </NavLink>
            )}
            {admin && (
              <NavLink to="/admin" className={navLink}>
                Admin
              </NavLink>
            )}
          </nav>
          <div className="ml-auto flex items-center gap-2">
            <ThemeToggle />
            <div className="hidden items-center gap-2 sm:flex">
              {status === 'authenticated' ? (
                <>
                  <Link
                    to="/settings"
                    className="max-w-64 truncate rounded-md px-2 py-1 text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
                    title="Profile settings"
                  >
                    {profile?.full_name || profile?.email}
                  </Link>
                  <button type="button" onClick={onSignOut} disabled={signingOut} className={buttonClass('ghost', 'sm')}>
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
            <button
              type="button"
              className={buttonClass('ghost', 'sm') + ' sm:hidden'}
              aria-expanded={menu}
              aria-controls="site-menu"
              aria-label={menu ? 'Close menu' : 'Open menu'}
              onClick={() => setMenu((m) => !m)}
            >
              {menu ? <X className="size-5" aria-hidden="true" /> : <Menu className="size-5" aria-hidden="true" />}
            </button>
          </div>
        </div>
        {menu && (
          <nav id="site-menu" aria-label="Menu" className="border-t border-zinc-200 px-4 py-2 sm:hidden dark:border-zinc-800">
            <ul className="flex flex-col gap-1">
              <li>
                <NavLink to="/problems" className={navLink}>
                  Problems
                </NavLink>
              </li>
              <li>
                <NavLink to="/pricing" className={navLink}>
                  Pricing
                </NavLink>
              </li>
              {status === 'authenticated' ? (
                <>
                  <li>
                    <NavLink to="/dashboard" className={navLink}>
                      Dashboard
                    </NavLink>
                  </li>
                  {admin && (
                    <li>
                      <NavLink to="/admin" className={navLink}>
                        Admin
                      </NavLink>
                    </li>
                  )}
                  <li>
                    <NavLink to="/settings" className={navLink}>
                      Settings ({profile?.full_name || profile?.email})
                    </NavLink>
                  </li>
                  <li>
                    <button type="button" onClick={onSignOut} disabled={signingOut} className={buttonClass('ghost', 'sm')}>
                      <LogOut className="size-4" aria-hidden="true" />
                      Sign out
                    </button>
                  </li>
                </>
              ) : status === 'anonymous' ? (
                <>
                  <li>
                    <NavLink to="/signin" className={navLink}>
                      Sign in
                    </NavLink>
                  </li>
                  <li>
                    <NavLink to="/signup" className={navLink}>
                      Sign up
                    </NavLink>
                  </li>
                </>
              ) : null}
            </ul>
          </nav>
        )}
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
