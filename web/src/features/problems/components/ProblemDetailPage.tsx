import { Link, useParams } from 'react-router'
import Markdown from 'react-markdown'
import remarkGfm from 'remark-gfm'
import { ArrowLeft, Lightbulb, Play } from 'lucide-react'
import { useAsync } from '../../../lib/useAsync'
import { errorMessage, isApiError } from '../../../lib/api'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { languageName, plural } from '../../../lib/format'
import type { Example } from '../../../lib/types'
import { Page } from '../../../components/Layout'
import { NotFound } from '../../../components/NotFound'
import { Alert } from '../../../components/ui/Alert'
import { Chip } from '../../../components/ui/Chip'
import { DifficultyBadge } from '../../../components/ui/DifficultyBadge'
import { Skeleton } from '../../../components/ui/Spinner'
import { buttonClass } from '../../../components/ui/Button'
import { getProblem } from '../api'

/** JSON as a candidate would type it: compact, one line. */
function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v)
  return JSON.stringify(v) ?? String(v)
}

function ExampleBlock({ example, n }: { example: Example; n: number }) {
  const input = example.input && typeof example.input === 'object' ? Object.entries(example.input) : []
  return (
    <figure data-testid="example" className="rounded-xl border border-zinc-200 dark:border-zinc-800">
      <figcaption className="border-b border-zinc-200 px-4 py-2 text-sm font-semibold dark:border-zinc-800">Example {n}</figcaption>
      <dl className="space-y-2 px-4 py-3 font-mono text-[13px] leading-6">
        <div className="flex gap-2">
          <dt className="w-20 shrink-0 font-sans text-sm font-medium text-zinc-600 dark:text-zinc-400">Input</dt>
          <dd className="min-w-0 break-words">
            {input.length > 0
              ? input.map(([k, v], i) => (
                  <span key={k}>
                    {k} = {show(v)}
                    {i < input.length - 1 ? ', ' : ''}
                  </span>
                ))
              : show(example.input)}
          </dd>
        </div>
        <div className="flex gap-2">
          <dt className="w-20 shrink-0 font-sans text-sm font-medium text-zinc-600 dark:text-zinc-400">Output</dt>
          <dd className="min-w-0 break-words">{show(example.expected_output)}</dd>
        </div>
        {example.explanation && (
          <div className="flex gap-2">
            <dt className="w-20 shrink-0 font-sans text-sm font-medium text-zinc-600 dark:text-zinc-400">Why</dt>
            <dd className="min-w-0 font-sans text-sm text-zinc-700 dark:text-zinc-300">{example.explanation}</dd>
          </div>
        )}
      </dl>
    </figure>
  )
}

export function ProblemDetailPage() {
  const { slug = '' } = useParams()
  const { data: p, error, loading, reload } = useAsync((signal) => getProblem(slug, signal), [slug])
  useDocumentTitle(p?.title ?? (loading ? 'Problem' : undefined))

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
              <div className="group relative">
                <button
                  type="button"
                  aria-disabled="true"
                  aria-describedby="start-soon"
                  onClick={(e) => e.preventDefault()}
                  className={buttonClass('primary', 'md', 'w-full')}
                >
                  <Play className="size-4" aria-hidden="true" />
                  Start interview
                </button>
                <p id="start-soon" role="tooltip" className="mt-2 text-center text-xs text-zinc-600 dark:text-zinc-400">
                  Live interviews are coming soon. Read the problem and plan your approach meanwhile.
                </p>
              </div>
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
