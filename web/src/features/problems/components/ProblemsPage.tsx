import { useEffect, useRef, useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { CheckCircle2, ChevronLeft, ChevronRight, CircleDashed, SearchX, Shuffle, Search } from 'lucide-react'
import { useAsync } from '../../../lib/useAsync'
import { errorMessage, isApiError } from '../../../lib/api'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { useAuth } from '../../../lib/auth'
import { plural, titleCase } from '../../../lib/format'
import { DIFFICULTIES } from '../../../lib/types'
import { Page } from '../../../components/Layout'
import { Alert } from '../../../components/ui/Alert'
import { Button } from '../../../components/ui/Button'
import { Chip } from '../../../components/ui/Chip'
import { DifficultyBadge } from '../../../components/ui/DifficultyBadge'
import { EmptyState } from '../../../components/ui/EmptyState'
import { inputClass } from '../../../components/ui/Field'
import { Skeleton } from '../../../components/ui/Spinner'
import { getFacets, listProblems, randomProblem } from '../api'
import { filtersToParams, hasActiveFilters, pageCount, parseFilters, updateFilters, EMPTY_FILTERS, type Filters } from '../filters'

const SEARCH_DEBOUNCE_MS = 300

export function ProblemsPage() {
  useDocumentTitle('Problems')
  const [params, setParams] = useSearchParams()
  const filters = parseFilters(params)
  const key = filtersToParams(filters).toString()
  const navigate = useNavigate()
  const signedIn = Boolean(useAuth().user)

  const list = useAsync((signal) => listProblems(filters, signal), [key])
  const facets = useAsync((signal) => getFacets(signal), [])

  function apply(change: Partial<Filters>, replace = false) {
    setParams(filtersToParams(updateFilters(filters, change)), { replace })
  }

  // The search box is local while typing and reaches the URL after a pause;
  // typing replaces the history entry so Back skips each keystroke.
  const [q, setQ] = useState(filters.q)
  const searchRef = useRef<HTMLInputElement>(null)
  // Follow the URL (Back, a shared link) without eating a trailing space mid-typing.
  useEffect(() => setQ((cur) => (cur.trim() === filters.q.trim() ? cur : filters.q)), [filters.q])
  useEffect(() => {
    if (q.trim() === filters.q.trim()) return
    const t = setTimeout(() => apply({ q }, true), SEARCH_DEBOUNCE_MS)
    return () => clearTimeout(t)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q])

  // "/" jumps to search from anywhere on the page but a text field.
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key !== '/' || e.metaKey || e.ctrlKey || e.altKey) return
      const t = e.target as HTMLElement | null
      if (t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) return
      e.preventDefault()
      searchRef.current?.focus()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [])

  const [randomError, setRandomError] = useState('')
  const [randomBusy, setRandomBusy] = useState(false)
  async function onRandom() {
    setRandomError('')
    setRandomBusy(true)
    try {
      const p = await randomProblem(filters, signedIn)
      navigate(`/problems/${encodeURIComponent(p.slug)}`)
    } catch (err) {
      setRandomError(
        isApiError(err, 'not_found') ? 'No problem matches these filters. Clear a filter and try again.' : errorMessage(err),
      )
      setRandomBusy(false)
    }
  }

  const data = list.data
  const pages = data ? pageCount(data.total, data.limit || 20) : 1

  return (
    <Page>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Problem library</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Pick a problem to read it, then practise it in a mock interview.</p>
        </div>
        <Button
          variant="secondary"
          onClick={onRandom}
          loading={randomBusy}
          title={
            signedIn
              ? 'A random problem within the filters that you have not solved, favouring your target companies, your level and your least-practised pattern'
              : 'A random problem within the filters'
          }
        >
          {!randomBusy && <Shuffle className="size-4" aria-hidden="true" />}
          {signedIn ? 'Random for me' : 'Random problem'}
        </Button>
      </div>

      <form
        role="search"
        aria-label="Filter problems"
        className="mt-6 flex flex-wrap items-center gap-3"
        onSubmit={(e) => {
          e.preventDefault()
          apply({ q })
        }}
      >
        <div className="relative w-full sm:w-auto sm:min-w-56 sm:flex-1">
          <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400" aria-hidden="true" />
          <input
            ref={searchRef}
            type="search"
            aria-label="Search problems"
            placeholder="Search titles, topics, companies, statements"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            className={`${inputClass} pr-10 pl-9`}
          />
          <kbd
            aria-hidden="true"
            className="absolute top-1/2 right-3 -translate-y-1/2 rounded border border-zinc-300 px-1.5 font-mono text-xs text-zinc-500 dark:border-zinc-700 dark:text-zinc-400"
          >
            /
          </kbd>
        </div>

        <div role="radiogroup" aria-label="Difficulty" className="inline-flex rounded-lg border border-zinc-300 p-0.5 dark:border-zinc-700">
          {(['', ...DIFFICULTIES] as const).map((d) => {
            const active = filters.difficulty === d
            return (
              <button
                key={d || 'all'}
                type="button"
                role="radio"
                aria-checked={active}
                onClick={() => apply({ difficulty: d })}
                className={
                  'rounded-md px-3 py-1.5 text-sm font-medium transition-colors ' +
                  (active
                    ? 'bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900'
                    : 'text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100')
                }
              >
                {d ? titleCase(d) : 'All'}
              </button>
            )
          })}
        </div>

        <select
          aria-label="Pattern"
          value={filters.pattern}
          onChange={(e) => apply({ pattern: e.target.value })}
          className={`${inputClass} w-auto max-w-52`}
        >
          <option value="">All patterns</option>
          {facets.data?.patterns.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        <select
          aria-label="Category"
          value={filters.category}
          onChange={(e) => apply({ category: e.target.value })}
          className={`${inputClass} w-auto max-w-48`}
        >
          <option value="">All categories</option>
          {facets.data?.categories.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        <select
          aria-label="Company"
          value={filters.company}
          onChange={(e) => apply({ company: e.target.value })}
          className={`${inputClass} w-auto max-w-48`}
        >
          <option value="">All companies</option>
          {facets.data?.companies.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </form>

      {randomError && (
        <div className="mt-4">
          <Alert>{randomError}</Alert>
        </div>
      )}

      <section aria-label="Problems" aria-busy={list.loading} className="mt-6">
        {list.error ? (
          <Alert>
            {errorMessage(list.error)}{' '}
            <button type="button" className="font-semibold underline" onClick={list.reload}>
              Try again
            </button>
          </Alert>
        ) : list.loading && !data ? (
          <ListSkeleton />
        ) : data && data.problems.length === 0 ? (
          <EmptyState
            icon={<SearchX className="size-8" />}
            title={filters.q ? `No problems match “${filters.q}”` : 'No problems match these filters'}
          >
            {hasActiveFilters(filters) ? (
              <>
                <p className="mb-3">
                  {filters.q
                    ? `Try a shorter word${facets.data?.categories.length ? `, a topic such as “${facets.data.categories[0]}”` : ''}, or clear the filters.`
                    : 'Clear a filter to see more problems.'}
                </p>
                <Button variant="secondary" size="sm" onClick={() => setParams(filtersToParams(EMPTY_FILTERS))}>
                Clear filters
                </Button>
              </>
            ) : (
              'The library is empty. An administrator can load problems with the mockroom CLI.'
            )}
          </EmptyState>
        ) : data ? (
          <>
            <p className="mb-2 text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
              {plural(data.total, 'problem')}
            </p>
            <div className={`overflow-hidden rounded-xl border border-zinc-200 dark:border-zinc-800 ${list.loading ? 'opacity-60' : ''}`}>
              <table className="w-full text-left text-sm">
                <thead className="bg-zinc-50 text-xs tracking-wide text-zinc-600 uppercase dark:bg-zinc-900 dark:text-zinc-400">
                  <tr>
                    <th scope="col" className="px-3 py-2.5 font-medium sm:px-4">Title</th>
                    <th scope="col" className="w-24 px-3 py-2.5 font-medium sm:w-28 sm:px-4">Difficulty</th>
                    <th scope="col" className="hidden px-4 py-2.5 font-medium md:table-cell">Pattern and topics</th>
                    <th scope="col" className="hidden w-28 px-4 py-2.5 text-right font-medium sm:table-cell">Acceptance</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                  {data.problems.map((p) => (
                    <tr key={p.id} data-testid="problem-row" className="hover:bg-zinc-50 dark:hover:bg-zinc-900/60">
                      <td className="px-3 py-3 sm:px-4">
                        <span className="flex items-center gap-2">
                          <ProgressMark progress={p.progress} />
                          <Link
                            to={`/problems/${encodeURIComponent(p.slug)}`}
                            className="font-medium text-zinc-900 hover:text-indigo-700 dark:text-zinc-100 dark:hover:text-indigo-300"
                          >
                            {p.title}
                          </Link>
                        </span>
                      </td>
                      <td className="px-3 py-3 sm:px-4">
                        <DifficultyBadge difficulty={p.difficulty} />
                      </td>
                      <td className="hidden px-4 py-3 md:table-cell">
                        <div className="flex flex-wrap items-center gap-1">
                          {p.pattern && (
                            <button
                              type="button"
                              onClick={() => apply({ pattern: p.pattern })}
                              className="rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-800 hover:bg-indigo-100 dark:bg-indigo-950 dark:text-indigo-200 dark:hover:bg-indigo-900"
                              aria-label={`Show ${p.pattern} problems`}
                            >
                              {p.pattern}
                            </button>
                          )}
                          {p.categories.map((c) => (
                            <Chip key={c}>{c}</Chip>
                          ))}
                        </div>
                      </td>
                      <td
                        data-testid="acceptance"
                        className="hidden px-4 py-3 text-right text-zinc-600 tabular-nums sm:table-cell dark:text-zinc-400"
                        title={p.submissions ? `${Math.round(p.acceptance_rate ?? 0)}% of ${plural(p.submissions, 'submit')} passed every test` : 'Nobody has submitted yet'}
                      >
                        {p.acceptance_rate != null ? `${Math.round(p.acceptance_rate)}%` : '—'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {pages > 1 && (
              <nav aria-label="Pagination" className="mt-4 flex items-center justify-between">
                <Button variant="secondary" size="sm" disabled={filters.page <= 1} onClick={() => apply({ page: filters.page - 1 })}>
                  <ChevronLeft className="size-4" aria-hidden="true" />
                  Previous
                </Button>
                <span className="text-sm text-zinc-600 dark:text-zinc-400">
                  Page {filters.page} of {pages}
                </span>
                <Button variant="secondary" size="sm" disabled={filters.page >= pages} onClick={() => apply({ page: filters.page + 1 })}>
                  Next
                  <ChevronRight className="size-4" aria-hidden="true" />
                </Button>
              </nav>
            )}
          </>
        ) : null}
      </section>
    </Page>
  )
}

/** Solved or attempted, for a signed-in candidate; nothing otherwise. */
export function ProgressMark({ progress }: { progress?: 'solved' | 'attempted' }) {
  if (progress === 'solved')
    return (
      <span data-testid="progress" data-progress="solved" title="Solved: a submit passed every test" className="shrink-0 text-emerald-600 dark:text-emerald-400">
        <CheckCircle2 className="size-4" aria-hidden="true" />
        <span className="sr-only">Solved</span>
      </span>
    )
  if (progress === 'attempted')
    return (
      <span data-testid="progress" data-progress="attempted" title="Attempted: not solved yet" className="shrink-0 text-amber-600 dark:text-amber-400">
        <CircleDashed className="size-4" aria-hidden="true" />
        <span className="sr-only">Attempted</span>
      </span>
    )
  return <span className="size-4 shrink-0" aria-hidden="true" />
}

function ListSkeleton() {
  return (
    <div className="space-y-2" role="status" aria-label="Loading problems">
      {Array.from({ length: 8 }, (_, i) => (
        <Skeleton key={i} className="h-12 w-full" />
      ))}
    </div>
  )
}
