import { NavLink, Outlet } from 'react-router'
import { ShieldAlert } from 'lucide-react'
import { Page } from '../../../components/Layout'
import { EmptyState } from '../../../components/ui/EmptyState'
import { useAuth } from '../../../lib/auth'

const tab = ({ isActive }: { isActive: boolean }) =>
  'rounded-md px-3 py-1.5 text-sm font-medium ' +
  (isActive
    ? 'bg-indigo-50 text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300'
    : 'text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100')

/**
 * The console's frame: tabs for problems, users and analytics. Only admins
 * see it; the server checks every /api/admin call anyway.
 */
export function AdminLayout() {
  const { user } = useAuth()
  if (!user?.is_admin) {
    return (
      <Page>
        <EmptyState icon={<ShieldAlert className="size-8" aria-hidden="true" />} title="Admins only">
          The admin console is for this server's admins. An operator can make you one with <code>mockroom admin grant EMAIL</code>.
        </EmptyState>
      </Page>
    )
  }
  return (
    <Page>
      <div className="mb-6 flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">Admin</h1>
        <nav aria-label="Admin" className="flex gap-1">
          <NavLink to="/admin/problems" className={tab}>
            Problems
          </NavLink>
          <NavLink to="/admin/users" className={tab}>
            Users
          </NavLink>
          <NavLink to="/admin/analytics" className={tab}>
            Analytics
          </NavLink>
        </nav>
      </div>
      <Outlet />
    </Page>
  )
}
