import { useCallback, useEffect, useRef, useState } from 'react'
import { Link, useParams } from 'react-router'
import { ArrowLeft, Play } from 'lucide-react'
import { errorMessage, isApiError } from '../../../lib/api'
import { useAsync } from '../../../lib/useAsync'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { formatDate, formatDuration, languageName, titleCase } from '../../../lib/format'
import { Page } from '../../../components/Layout'
import { NotFound } from '../../../components/NotFound'
import { Alert } from '../../../components/ui/Alert'
import { ButtonLink } from '../../../components/ui/Button'
import { Chip } from '../../../components/ui/Chip'
import { DifficultyBadge } from '../../../components/ui/DifficultyBadge'
import { Skeleton } from '../../../components/ui/Spinner'
import { getSessionView, getSnapshots, getTranscript } from '../api'
import { useEvaluation } from '../hooks/useEvaluation'
import { outcome } from '../outcome'
import { clock, evidenceLine, timeline, type Moment } from '../report'
import type { Snapshot, TranscriptLine } from '../types'
import { EvaluationSection } from './EvaluationReport'
import { VerdictBadge } from './ResultsConsole'
import { CodeView } from './CodeView'
import { ReferenceSolutionSection } from './ReferenceSolution'
import { Timeline } from './Timeline'

const card = 'rounded-xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900/60'

/** A ring showing passed out of total. */
export function TestsRing({ passed, total }: { passed: number; total: number }) {
  const r = 28
  const c = 2 * Math.PI * r
  const frac = total > 0 ? Math.min(1, passed / total) : 0
  const colour = total > 0 && passed === total ? 'text-emerald-500' : frac > 0 ? 'text-amber-500' : 'text-zinc-300 dark:text-zinc-700'
  return (
    <svg viewBox="0 0 72 72" className="size-20 shrink-0" role="img" aria-label={total > 0 ? `${passed} of ${total} tests passed` : 'No tests run'}>
      <circle cx="36" cy="36" r={r} fill="none" stroke="currentColor" strokeWidth="8" className="text-zinc-200 dark:text-zinc-800" />
      <circle
        cx="36"
        cy="36"
        r={r}
        fill="none"
        stroke="currentColor"
        strokeWidth="8"
        strokeLinecap="round"
        strokeDasharray={`${frac * c} ${c}`}
        transform="rotate(-90 36 36)"
        className={colour}
      />
    </svg>
  )
}

/** The code to show: the final snapshot, else the newest one, else the live copy. */
export function finalCode(snaps: Snapshot[], live: { code: string; language: string }): { code: string; language: string } {
  const final = [...snaps].reverse().find((s) => s.snapshot_type === 'final')
  const any = snaps[snaps.length - 1]
  const s = final ?? any
  return s ? { code: s.code, language: s.language } : live
}

// How long a pending evaluation may take before the page says it is slow.
const SLOW_MS = 90_000

/** The conversation; the line an evidence or a timeline marker points at is highlighted and scrolled to. */
function TranscriptList({ lines, highlight }: { lines: TranscriptLine[]; highlight: { seq: number; n: number } | null }) {
  const refs = useRef(new Map<number, HTMLLIElement>())
  useEffect(() => {
    if (!highlight) return
    const el = refs.current.get(highlight.seq)
    el?.scrollIntoView?.({ block: 'center', behavior: 'smooth' })
    el?.focus({ preventScroll: true })
  }, [highlight])
  if (lines.length === 0) return <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">No conversation in this interview.</p>
  return (
    <ol className="mt-3 space-y-1">
      {lines.map((l) => {
        const on = highlight?.seq === l.seq
        return (
          <li
            key={l.id}
            id={`line-${l.seq}`}
            ref={(el) => {
              if (el) refs.current.set(l.seq, el)
              else refs.current.delete(l.seq)
            }}
            tabIndex={-1}
            data-testid="summary-transcript-line"
            data-seq={l.seq}
            data-highlighted={on || undefined}
            aria-current={on ? 'true' : undefined}
            className={`flex gap-3 rounded-md px-2 py-1 text-sm transition-colors outline-none ${
              on ? 'bg-amber-100 ring-2 ring-amber-400 dark:bg-amber-900/40 dark:ring-amber-600' : ''
            }`}
          >
            <span className="w-10 shrink-0 pt-px text-xs text-zinc-600 tabular-nums dark:text-zinc-400">{clock(l.timestamp_ms)}</span>
            <span className="min-w-0">
              <span className="font-medium">{l.speaker === 'candidate' ? 'You' : titleCase(l.speaker)}:</span>{' '}
              <span className="whitespace-pre-wrap">{l.content}</span>
            </span>
          </li>
        )
      })}
    </ol>
  )
}

export function SummaryPage() {
  const { id = '' } = useParams()
  const data = useAsync(
    async (signal) => {
      const [view, transcript, snaps] = await Promise.all([getSessionView(id, signal), getTranscript(id, signal), getSnapshots(id, signal)])
      return { view, transcript, snaps }
    },
    [id],
  )
  const evaluation = useEvaluation(id)
  const [highlight, setHighlight] = useState<{ seq: number; n: number } | null>(null)
  const jump = useCallback((seq: number) => setHighlight((h) => ({ seq, n: (h?.n ?? 0) + 1 })), [])
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (evaluation.waitingSince === null) return
    const t = setInterval(() => setNow(Date.now()), 5000)
    return () => clearInterval(t)
  }, [evaluation.waitingSince])
  useDocumentTitle(data.data ? `${data.data.view.problem.title} — report` : 'Interview report')

  if (isApiError(data.error, 'not_found')) return <NotFound what="interview" />

  return (
    <Page>
      <Link to="/dashboard" className="inline-flex items-center gap-1 rounded text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
        <ArrowLeft className="size-4" aria-hidden="true" />
        Dashboard
      </Link>
      {data.error ? (
        <div className="mt-6">
          <Alert>
            {errorMessage(data.error)}{' '}
            <button type="button" className="font-semibold underline" onClick={data.reload}>
              Try again
            </button>
          </Alert>
        </div>
      ) : data.loading || !data.data ? (
        <div className="mt-6 space-y-4" role="status" aria-label="Loading the summary">
          <Skeleton className="h-8 w-72" />
          <Skeleton className="h-32 w-full" />
        </div>
      ) : (
        (() => {
          const { view, transcript, snaps } = data.data
          const s = view.session
          const code = finalCode(snaps, { code: view.code, language: view.language })
          const o = outcome(s, snaps, code, view.problem.starter_code)
          const shown = o.best ?? { passed: 0, total: 0 }
          const durationMs = s.duration_seconds * 1000
          const moments = timeline(snaps, transcript, evaluation.view?.evaluation, durationMs)
          const onMoment = (m: Moment) => {
            const seq = evidenceLine({ kind: 'run', t_ms: m.t }, transcript)
            if (seq !== null) jump(seq)
          }
          const waitingLong = evaluation.waitingSince !== null && now - evaluation.waitingSince > SLOW_MS
          return (
            <div className="mt-4 space-y-6">
              <header className="flex flex-wrap items-center gap-3">
                <h1 className="text-2xl font-semibold tracking-tight">{view.problem.title}</h1>
                <DifficultyBadge difficulty={view.problem.difficulty} />
                <Chip>
                  <span data-testid="session-status" data-kind={o.kind}>
                    {o.label}
                  </span>
                </Chip>
                {s.status === 'active' && (
                  <ButtonLink to={`/interview/${encodeURIComponent(s.id)}`} size="sm" className="ml-auto">
                    <Play className="size-4" aria-hidden="true" />
                    Back to the room
                  </ButtonLink>
                )}
              </header>

              {o.note && (
                <Alert tone="warning">
                  <span data-testid="outcome-note">{o.note}</span>
                </Alert>
              )}

              <div className="grid gap-4 md:grid-cols-2">
                <section aria-label="Tests" className={`${card} flex items-center gap-4`}>
                  <TestsRing passed={shown.passed} total={shown.total} />
                  <div className="min-w-0">
                    <p data-testid="tests-label" className="text-sm text-zinc-600 dark:text-zinc-400">
                      {o.best ? (o.submits > 1 ? 'Tests passed, best submit' : 'Tests passed on submit') : 'No submit'}
                    </p>
                    <p data-testid="tests-passed" className="text-2xl font-semibold tabular-nums">
                      {o.best ? `${o.best.passed}/${o.best.total}` : '—'}
                    </p>
                    {o.last && o.submits > 1 && (
                      <p data-testid="last-submit" className="text-xs text-zinc-600 dark:text-zinc-400">
                        Last submit: {o.last.passed}/{o.last.total} · {o.submits} submits
                      </p>
                    )}
                    {!o.best && <p className="text-xs text-zinc-600 dark:text-zinc-400">{o.runs > 0 ? 'Only runs on the examples; hidden tests never ran.' : 'Nothing was run.'}</p>}
                  </div>
                </section>
                <section aria-label="Details" className={card}>
                  <dl className="grid grid-cols-2 gap-3 text-sm">
                    <div>
                      <dt className="text-zinc-600 dark:text-zinc-400">Duration</dt>
                      <dd data-testid="duration" className="font-medium">
                        {formatDuration(s.duration_seconds)} of {s.duration_minutes} min
                      </dd>
                    </div>
                    <div>
                      <dt className="text-zinc-600 dark:text-zinc-400">Hints used</dt>
                      <dd data-testid="hints-used" className="font-medium">
                        {s.hints_used} of {view.hints_total}
                      </dd>
                    </div>
                    <div>
                      <dt className="text-zinc-600 dark:text-zinc-400">Language</dt>
                      <dd className="font-medium">{languageName(code.language)}</dd>
                    </div>
                    <div>
                      <dt className="text-zinc-600 dark:text-zinc-400">Date</dt>
                      <dd className="font-medium">{formatDate(s.started_at ?? s.created_at)}</dd>
                    </div>
                  </dl>
                </section>
              </div>

              <EvaluationSection
                sessionId={s.id}
                view={evaluation.view}
                error={evaluation.error}
                waitingLong={waitingLong}
                retry={evaluation.retry}
                lines={transcript}
                onJump={jump}
              />

              {s.status !== 'active' && s.status !== 'scheduled' && <ReferenceSolutionSection sessionId={s.id} />}

              <div className="grid gap-4 lg:grid-cols-2">
                <section aria-labelledby="timeline-heading" className={`${card} min-w-0`}>
                  <h2 id="timeline-heading" className="font-semibold">
                    Timeline
                  </h2>
                  {moments.length === 0 ? (
                    <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">Nothing was run and no hint was taken.</p>
                  ) : (
                    <Timeline moments={moments} durationMs={durationMs} onSelect={onMoment} />
                  )}
                </section>

                <section aria-labelledby="code-heading" className={`${card} min-w-0`}>
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <h2 id="code-heading" className="font-semibold">
                      Final code
                    </h2>
                    <p data-testid="final-run" className="flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
                      {o.finalRun ? (
                        <>
                          Last {o.finalRun.mode} of this code: <VerdictBadge verdict={o.finalRun.status} />
                          <span className="tabular-nums">
                            {o.finalRun.passed}/{o.finalRun.total}
                          </span>
                        </>
                      ) : o.changedSinceRun ? (
                        'Changed after its last run: not run as it stands'
                      ) : (
                        'Never run'
                      )}
                    </p>
                  </div>
                  <CodeView code={code.code} />
                </section>
              </div>

              <section aria-labelledby="transcript-heading" className={card}>
                <h2 id="transcript-heading" className="font-semibold">
                  Transcript
                </h2>
                <TranscriptList lines={transcript} highlight={highlight} />
              </section>
            </div>
          )
        })()
      )}
    </Page>
  )
}
