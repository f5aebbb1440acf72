import type { ReactNode } from 'react'
import { CircleAlert, CircleCheck } from 'lucide-react'

export function Alert({ tone = 'error', children }: { tone?: 'error' | 'success'; children: ReactNode }) {
  const error = tone === 'error'
  const Icon = error ? CircleAlert : CircleCheck
  return (
    <div
      role={error ? 'alert' : 'status'}
      className={
        'flex items-start gap-2 rounded-lg border px-3 py-2.5 text-sm ' +
        (error
          ? 'border-red-200 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950/60 dark:text-red-200'
          : 'border-emerald-200 bg-emerald-50 text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950/60 dark:text-emerald-200')
      }
    >
      <Icon className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
      <div className="min-w-0">{children}</div>
    </div>
  )
}
