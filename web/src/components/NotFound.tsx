import { Compass } from 'lucide-react'
import { useDocumentTitle } from '../lib/useDocumentTitle'
import { ButtonLink } from './ui/Button'
import { Page } from './Layout'

export function NotFound({ what = 'page' }: { what?: string }) {
  useDocumentTitle('Not found')
  return (
    <Page>
      <div className="mx-auto flex max-w-md flex-col items-center py-16 text-center">
        <Compass className="size-10 text-zinc-400" aria-hidden="true" />
        <h1 className="mt-4 text-2xl font-semibold tracking-tight">We couldn't find that {what}</h1>
        <p className="mt-2 text-zinc-600 dark:text-zinc-400">
          The link may be old or mistyped. The problem library is a good place to start again.
        </p>
        <div className="mt-6 flex gap-3">
          <ButtonLink to="/problems">Browse problems</ButtonLink>
          <ButtonLink to="/" variant="secondary">
            Home
          </ButtonLink>
        </div>
      </div>
    </Page>
  )
}
