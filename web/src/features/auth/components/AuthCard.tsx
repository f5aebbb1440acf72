import type { ReactNode } from 'react'
import { Logo } from '../../../components/Logo'

export function AuthCard({ title, subtitle, children, footer }: { title: string; subtitle: ReactNode; children: ReactNode; footer: ReactNode }) {
  return (
    <div className="mx-auto w-full max-w-sm px-4 py-12">
      <div className="flex flex-col items-center text-center">
        <Logo className="size-10" />
        <h1 className="mt-4 text-2xl font-semibold tracking-tight">{title}</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{subtitle}</p>
      </div>
      <div className="mt-8 rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900/60">
        {children}
      </div>
      <p className="mt-6 text-center text-sm text-zinc-600 dark:text-zinc-400">{footer}</p>
    </div>
  )
}
