import { useState } from 'react'
import { Link, useParams } from 'react-router'
import Markdown from 'react-markdown'
import remarkGfm from 'remark-gfm'
import { ArrowLeft, Lightbulb, Play } from 'lucide-react'
import { useAsync } from '../../../lib/useAsync'
import { errorMessage, isApiError } from '../../../lib/api'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { languageName, plural } from '../../../lib/format'
import { ExampleBlock } from '../../../components/ExampleBlock'
import { Page } from '../../../components/Layout'
import { NotFound } from '../../../components/NotFound'
import { Alert } from '../../../components/ui/Alert'
import { Chip } from '../../../components/ui/Chip'
import { DifficultyBadge } from '../../../components/ui/DifficultyBadge'
import { Skeleton } from '../../../components/ui/Spinner'
import { buttonClass } from '../../../components/ui/Button'
import { getProblem } from '../api'
import { useAuth } from '../../../lib/auth'
import { StartInterviewDialog } from './StartInterviewDialog'

export function ProblemDetailPage() {
  const { slug = '' } = useParams()
  const { data: p, error, loading, reload } = useAsync((signal) => getProblem(slug, signal), [slug])
  useDocumentTitle(p?.title ?? (loading ? 'Problem' : undefined))
  const { status } = useAuth()
  const [starting, setStarting] = useState(false)

  if (isApiError(error, 'not_found')) return <NotFound what="problem" />

  return (
    <Page>
      <Link to="/problems" className="inline-flex items-center gap-1 rounded text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
        <ArrowLeft className="size-4" aria-hidden="true" />
        All problems
      </Link>

      {error ? (
        <div className="mt-6">
          <Alert>
            {errorMessage(error)}{' '}
            <button type="button" className="font-semibold underline" onClick={reload}>
              Try again
            </button>
          </Alert>
        </div>
      ) : loading || !p ? (
        <div className="mt-6 space-y-4" role="status" aria-label="Loading problem">
          <Skeleton className="h-8 w-72" />
          <Skeleton className="h-5 w-48" />
          <Skeleton className="h-40 w-full" />
        </div>
      ) : (
        <div className="mt-4 grid gap-8 lg:grid-cols-[minmax(0,1fr)_18rem]">
          <article className="min-w-0">
            <header>
              <h1 className="text-2xl font-semibold tracking-tight">{p.title}</h1>
              <div className="mt-3 flex flex-wrap items-center gap-2">
                <DifficultyBadge difficulty={p.difficulty} />
                {p.categories.map((c) => (
                  <Chip key={c}>{c}</Chip>
                ))}
              </div>
            </header>
            <div className="markdown mt-6">
              {/* Markdown is rendered without raw HTML: react-markdown escapes it by default. */}
              <Markdown remarkPlugins={[remarkGfm]}>{p.description}</Markdown>
            </div>
            {p.examples.length > 0 && (
              <section aria-labelledby="examples-heading" className="mt-8">
                <h2 id="examples-heading" className="text-lg font-semibold">
                  Examples
                </h2>
                <div className="mt-3 space-y-3">
                  {p.examples.map((ex, i) => (
                    <ExampleBlock key={i} example={ex} n={i + 1} />
                  ))}
                </div>
              </section>
            )}
          </article>

          <aside className="space-y-4 lg:sticky lg:top-20 lg:self-start">
            <div className="rounded-xl border border-zinc-200 p-4 dark:border-zinc-800">
              {status === 'anonymous' ? (
                <Link to={`/signin?next=${encodeURIComponent(`/problems/${p.slug}`)}`} className={buttonClass('primary', 'md', 'w-full')}>
                  <Play className="size-4" aria-hidden="true" />
                  Sign in to start
                </Link>
              ) : (
                <button type="button" onClick={() => setStarting(true)} className={buttonClass('primary', 'md', 'w-full')} aria-haspopup="dialog">
                  <Play className="size-4" aria-hidden="true" />
                  Start interview
                </button>
              )}
              <StartInterviewDialog problem={p} open={starting} onClose={() => setStarting(false)} />
              {p.hint_count > 0 && (
                <p className="mt-4 flex items-center gap-2 border-t border-zinc-200 pt-4 text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
                  <Lightbulb className="size-4 shrink-0" aria-hidden="true" />
                  {plural(p.hint_count, 'hint')} available during the interview
                </p>
              )}
            </div>

            <div className="rounded-xl border border-zinc-200 p-4 text-sm dark:border-zinc-800">
              <h2 className="font-semibold">Languages</h2>
              <ul className="mt-2 flex flex-wrap gap-1" aria-label="Languages available">
                {p.languages.map((l) => (
                  <li key={l}>
                    <Chip>{languageName(l)}</Chip>
                  </li>
                ))}
              </ul>
              {p.companies.length > 0 && (
                <>
                  <h2 className="mt-4 font-semibold">Asked at</h2>
                  <ul className="mt-2 flex flex-wrap gap-1">
                    {p.companies.map((c) => (
                      <li key={c}>
                        <Link to={`/problems?company=${encodeURIComponent(c)}`} className="rounded-md">
                          <Chip>{c}</Chip>
                        </Link>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          </aside>
        </div>
      )}
    </Page>
  )
}
