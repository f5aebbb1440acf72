import type { ReactNode } from 'react'
import { CircleAlert, CircleCheck, Clock } from 'lucide-react'

const TONES = {
  error: 'border-red-200 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950/60 dark:text-red-200',
  success: 'border-emerald-200 bg-emerald-50 text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950/60 dark:text-emerald-200',
  // Something to wait for, not something wrong (a rate limit).
  warning: 'border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950/60 dark:text-amber-200',
}

export function Alert({ tone = 'error', children }: { tone?: 'error' | 'success' | 'warning'; children: ReactNode }) {
  const error = tone === 'error'
  const Icon = error ? CircleAlert : tone === 'warning' ? Clock : CircleCheck
  return (
    <div
      role={error ? 'alert' : 'status'}
      className={'flex items-start gap-2 rounded-lg border px-3 py-2.5 text-sm ' + TONES[tone]}
    >
      <Icon className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
      <div className="min-w-0">{children}</div>
    </div>
  )
}
