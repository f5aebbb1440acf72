import { Link } from 'react-router'
import { ArrowRight, Coins, History, Play, Settings, Sparkles } from 'lucide-react'
import { useAuth } from '../../../lib/auth'
import { useAsync } from '../../../lib/useAsync'
import { errorMessage } from '../../../lib/api'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { formatDate, formatDuration, languageName, plural, titleCase } from '../../../lib/format'
import type { InterviewSession } from '../../../lib/types'
import { Page } from '../../../components/Layout'
import { Alert } from '../../../components/ui/Alert'
import { ButtonLink } from '../../../components/ui/Button'
import { Chip } from '../../../components/ui/Chip'
import { DifficultyBadge } from '../../../components/ui/DifficultyBadge'
import { EmptyState } from '../../../components/ui/EmptyState'
import { Skeleton } from '../../../components/ui/Spinner'
import { getCredits, getProgress, listLibrary, listSessions } from '../api'
import { patternStandings } from '../patterns'
import { PatternProgress } from './PatternProgress'
import { scoreSeries } from '../progress'
import { ProgressCharts } from './ProgressCharts'
import { ScoreTrends } from './ScoreTrends'

const card = 'rounded-xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900/60'

function SessionRow({ s }: { s: InterviewSession }) {
  return (
    <li className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3">
      <div className="min-w-0 flex-1">
        <Link
          to={s.status === 'active' ? `/interview/${encodeURIComponent(s.id)}` : `/sessions/${encodeURIComponent(s.id)}`}
          className="font-medium hover:text-indigo-700 dark:hover:text-indigo-300"
          aria-label={`${s.problem_title}: ${s.status === 'active' ? 'return to the interview room' : 'see the summary'}`}
        >
          {s.problem_title}
        </Link>
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          {formatDate(s.started_at ?? s.created_at)} · {languageName(s.language)} · {formatDuration(s.duration_seconds)}
        </p>
      </div>
      <DifficultyBadge difficulty={s.problem_difficulty} />
      <span className="w-24 text-right text-sm text-zinc-600 tabular-nums dark:text-zinc-400">
        {s.test_cases_total > 0 ? `${s.test_cases_passed}/${s.test_cases_total} tests` : ''}
      </span>
      <Chip>{titleCase(s.status)}</Chip>
    </li>
  )
}

/** When an active interview's clock runs out, by the browser's clock. */
export function endsAt(s: InterviewSession): number | null {
  const start = Date.parse(s.started_at ?? '')
  return Number.isNaN(start) ? null : start + s.duration_minutes * 60_000
}

/** Interviews still running, offered first so the candidate can go back in. */
function ResumeBanner({ sessions }: { sessions: InterviewSession[] }) {
  const now = Date.now()
  const active = sessions.filter((s) => s.status === 'active' && (endsAt(s) ?? now + 1) > now)
  if (active.length === 0) return null
  return (
    <section aria-labelledby="resume-heading" className="mt-6 rounded-xl border border-indigo-200 bg-indigo-50 p-4 dark:border-indigo-900 dark:bg-indigo-950/40">
      <h2 id="resume-heading" className="text-sm font-semibold text-indigo-900 dark:text-indigo-200">
        {active.length === 1 ? 'An interview is in progress' : `${active.length} interviews are in progress`}
      </h2>
      <ul className="mt-2 space-y-2">
        {active.map((s) => {
          const left = Math.max(0, Math.round(((endsAt(s) ?? now) - now) / 60_000))
          return (
            <li key={s.id} data-testid="resume-interview" className="flex flex-wrap items-center justify-between gap-2">
              <span className="min-w-0 text-sm">
                <span className="font-medium">{s.problem_title}</span>{' '}
                <span className="text-zinc-600 dark:text-zinc-400">
                  · {languageName(s.language)} · about {plural(left, 'minute')} left
                </span>
              </span>
              <ButtonLink to={`/interview/${encodeURIComponent(s.id)}`} size="sm">
                <Play className="size-4" aria-hidden="true" />
                Resume
              </ButtonLink>
            </li>
          )
        })}
      </ul>
    </section>
  )
}

export function DashboardPage() {
  useDocumentTitle('Dashboard')
  const { profile } = useAuth()
  const credits = useAsync((signal) => getCredits(signal), [])
  const sessions = useAsync((signal) => listSessions(signal), [])
  const progress = useAsync((signal) => getProgress(signal), [])
  const library = useAsync((signal) => listLibrary(signal), [])
  const firstName = profile?.full_name.trim().split(/\s+/)[0]

  return (
    <Page>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{firstName ? `Hi, ${firstName}` : 'Your dashboard'}</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Ready when you are. Take your time.</p>
        </div>
        <ButtonLink to="/problems" size="lg">
          Start an interview
          <ArrowRight className="size-4" aria-hidden="true" />
        </ButtonLink>
      </div>

      {sessions.data && <ResumeBanner sessions={sessions.data} />}

      <div className="mt-8 grid gap-6 md:grid-cols-3">
        <section aria-labelledby="credits-heading" className={card}>
          <h2 id="credits-heading" className="flex items-center gap-2 text-sm font-medium text-zinc-600 dark:text-zinc-400">
            <Coins className="size-4" aria-hidden="true" />
            Interview credits
          </h2>
          {credits.error ? (
            <div className="mt-3">
              <Alert>
                {errorMessage(credits.error)}{' '}
                <button type="button" className="font-semibold underline" onClick={credits.reload}>
                  Try again
                </button>
              </Alert>
            </div>
          ) : credits.loading || !credits.data ? (
            <Skeleton className="mt-3 h-10 w-32" />
          ) : (
            <>
              <p data-testid="credit-balance" className="mt-2 text-4xl font-semibold tracking-tight tabular-nums">
                {credits.data.unlimited ? 'Unlimited' : plural(credits.data.balance, 'credit')}
              </p>
              <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
                {credits.data.unlimited
                  ? 'This server does not count credits: start as many interviews as you like.'
                  : credits.data.balance === 0
                    ? 'You have used every credit. The administrator of this server can grant more.'
                    : 'One credit buys one mock interview.'}
              </p>
            </>
          )}
        </section>

        <section aria-labelledby="profile-heading" className={`${card} md:col-span-2`}>
          <div className="flex items-start justify-between gap-4">
            <h2 id="profile-heading" className="text-sm font-medium text-zinc-600 dark:text-zinc-400">
              Your profile
            </h2>
            <Link to="/settings" className="inline-flex items-center gap-1 rounded text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
              <Settings className="size-4" aria-hidden="true" />
              Edit profile
            </Link>
          </div>
          <p className="mt-2 font-medium">{profile?.full_name || 'No name yet'}</p>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{profile?.email}</p>
          <dl className="mt-4 grid grid-cols-2 gap-4 text-sm">
            <div>
              <dt className="text-zinc-600 dark:text-zinc-400">Experience</dt>
              <dd className="mt-1">{profile?.experience_level ? titleCase(profile.experience_level) : <Link to="/settings" className="text-indigo-700 underline dark:text-indigo-300">Add your level</Link>}</dd>
            </div>
            <div>
              <dt className="text-zinc-600 dark:text-zinc-400">Target companies</dt>
              <dd className="mt-1 flex flex-wrap gap-1">
                {profile?.target_companies.length ? (
                  profile.target_companies.map((c) => <Chip key={c}>{c}</Chip>)
                ) : (
                  <Link to="/settings" className="text-indigo-700 underline dark:text-indigo-300">
                    Add companies
                  </Link>
                )}
              </dd>
            </div>
          </dl>
        </section>
      </div>

      {sessions.data && <ProgressCharts sessions={sessions.data} />}

      {progress.error ? (
        <div className="mt-8">
          <Alert>
            Your scores could not be loaded. {errorMessage(progress.error)}{' '}
            <button type="button" className="font-semibold underline" onClick={progress.reload}>
              Try again
            </button>
          </Alert>
        </div>
      ) : (
        progress.data && <ScoreTrends series={scoreSeries(progress.data)} />
      )}

      {/* A missing library is not worth an error on the dashboard: the section just stays away. */}
      {library.data && <PatternProgress standings={patternStandings(library.data)} />}

      <section aria-labelledby="sessions-heading" className="mt-8">
        <h2 id="sessions-heading" className="flex items-center gap-2 text-lg font-semibold">
          <History className="size-5" aria-hidden="true" />
          Past interviews
        </h2>
        <div className="mt-3">
          {sessions.error ? (
            <Alert>
              {errorMessage(sessions.error)}{' '}
              <button type="button" className="font-semibold underline" onClick={sessions.reload}>
                Try again
              </button>
            </Alert>
          ) : sessions.loading ? (
            <div className="space-y-2" role="status" aria-label="Loading interviews">
              <Skeleton className="h-14 w-full" />
              <Skeleton className="h-14 w-full" />
            </div>
          ) : sessions.data && sessions.data.length > 0 ? (
            <ul className={`${card} divide-y divide-zinc-200 p-0 dark:divide-zinc-800`}>
              {sessions.data.map((s) => (
                <SessionRow key={s.id} s={s} />
              ))}
            </ul>
          ) : (
            <EmptyState icon={<Sparkles className="size-8" />} title="No interviews yet — pick a problem to start">
              <ButtonLink to="/problems" variant="secondary" size="sm">
                Browse the problem library
              </ButtonLink>
            </EmptyState>
          )}
        </div>
      </section>
    </Page>
  )
}
