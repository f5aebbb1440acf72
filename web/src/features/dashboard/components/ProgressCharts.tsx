// Two small inline-SVG charts: interviews per week and the share of tests
// passed in each recent interview. No chart library: a few rects are enough,
// and nothing is fetched at run time. Each chart is an image with a sentence
// for screen readers; each bar has a tooltip (<title>) with its numbers.
import { Link } from 'react-router'
import type { InterviewSession } from '../../../lib/types'
import { describeScores, describeWeeks, passRatios, weeklyCounts, type SessionScore, type WeekCount } from '../progress'

const card = 'rounded-xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900/60'
// About the card's width at 1280 px, so the labels draw near their CSS size.
const W = 480
const H = 140
const GUTTER = 32 // room left of the bars for the % labels
const AXIS = 18 // room under the bars for the labels

function shortDate(d: Date): string {
  return d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })
}

export function WeeklyChart({ weeks }: { weeks: WeekCount[] }) {
  const max = Math.max(1, ...weeks.map((w) => w.count))
  const slot = W / weeks.length
  const bar = Math.min(28, slot * 0.6)
  const plot = H - AXIS
  const summary = describeWeeks(weeks)
  return (
    <figure className="m-0">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={`Interviews per week. ${summary}`} data-testid="weekly-chart">
        <line x1={0} x2={W} y1={plot + 0.5} y2={plot + 0.5} className="stroke-zinc-300 dark:stroke-zinc-700" />
        {weeks.map((w, i) => {
          const h = w.count === 0 ? 0 : Math.max(3, (w.count / max) * (plot - 14))
          const x = i * slot + (slot - bar) / 2
          const last = i === weeks.length - 1
          return (
            <g key={w.start.toISOString()} data-testid="week-bar" data-count={w.count}>
              <title>{`Week of ${shortDate(w.start)}: ${w.count} interview${w.count === 1 ? '' : 's'}`}</title>
              <rect
                x={x}
                y={plot - h}
                width={bar}
                height={h}
                rx={3}
                className={last ? 'fill-indigo-600 dark:fill-indigo-400' : 'fill-indigo-300 dark:fill-indigo-700'}
              />
              {w.count > 0 && (
                <text x={x + bar / 2} y={plot - h - 4} textAnchor="middle" className="fill-zinc-700 text-[11px] tabular-nums dark:fill-zinc-300">
                  {w.count}
                </text>
              )}
              {(i % 2 === 1 || last) && (
                <text x={x + bar / 2} y={H - 4} textAnchor="middle" className="fill-zinc-600 text-[11px] dark:fill-zinc-400">
                  {last ? 'This wk' : shortDate(w.start)}
                </text>
              )}
            </g>
          )
        })}
      </svg>
      <figcaption className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">{summary}</figcaption>
    </figure>
  )
}

function tone(ratio: number): string {
  if (ratio >= 1) return 'fill-emerald-600 dark:fill-emerald-400'
  if (ratio >= 0.5) return 'fill-amber-500 dark:fill-amber-400'
  return 'fill-red-600 dark:fill-red-400'
}

export function ScoresChart({ scores }: { scores: SessionScore[] }) {
  const plot = H - AXIS
  // Room for at least six bars, so one interview is not one huge block.
  const slot = (W - GUTTER) / Math.max(scores.length, 6)
  const bar = Math.min(28, slot * 0.6)
  const summary = describeScores(scores)
  const y = (r: number) => plot - r * (plot - 6)
  return (
    <figure className="m-0">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={`Tests passed per interview. ${summary}`} data-testid="scores-chart">
        {[0.5, 1].map((g) => (
          <g key={g}>
            <line x1={GUTTER} x2={W} y1={y(g) + 0.5} y2={y(g) + 0.5} strokeDasharray="3 3" className="stroke-zinc-200 dark:stroke-zinc-800" />
            <text x={0} y={y(g) + 3} className="fill-zinc-600 text-[11px] tabular-nums dark:fill-zinc-400">
              {g * 100}%
            </text>
          </g>
        ))}
        <line x1={GUTTER} x2={W} y1={plot + 0.5} y2={plot + 0.5} className="stroke-zinc-300 dark:stroke-zinc-700" />
        {scores.map((s, i) => {
          const x = GUTTER + i * slot + (slot - bar) / 2
          const h = Math.max(2, plot - y(s.ratio))
          return (
            <g key={s.id} data-testid="score-bar" data-ratio={s.ratio.toFixed(2)}>
              <title>{`${s.title}, ${shortDate(s.at)}: ${s.passed} of ${s.total} tests passed`}</title>
              <rect x={x} y={plot - h} width={bar} height={h} rx={3} className={tone(s.ratio)} />
            </g>
          )
        })}
        {scores.length > 0 && (
          <>
            <text x={GUTTER} y={H - 4} className="fill-zinc-600 text-[11px] dark:fill-zinc-400">
              {shortDate(scores[0]!.at)}
            </text>
            {scores.length > 1 && (
              <text x={W} y={H - 4} textAnchor="end" className="fill-zinc-600 text-[11px] dark:fill-zinc-400">
                Latest
              </text>
            )}
          </>
        )}
      </svg>
      <figcaption className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">{summary}</figcaption>
    </figure>
  )
}

/** The progress section of the dashboard; nothing until there is a session to show. */
export function ProgressCharts({ sessions, now = new Date() }: { sessions: InterviewSession[]; now?: Date }) {
  if (sessions.length === 0) return null
  const weeks = weeklyCounts(sessions, now)
  const scores = passRatios(sessions)
  return (
    <section aria-labelledby="progress-heading" className="mt-8">
      <h2 id="progress-heading" className="text-lg font-semibold">
        Your progress
      </h2>
      <div className="mt-3 grid gap-6 md:grid-cols-2">
        <div className={card}>
          <h3 className="text-sm font-medium text-zinc-600 dark:text-zinc-400">Interviews per week</h3>
          <div className="mt-3">
            <WeeklyChart weeks={weeks} />
          </div>
        </div>
        <div className={card}>
          <h3 className="text-sm font-medium text-zinc-600 dark:text-zinc-400">Tests passed per interview</h3>
          <div className="mt-3">
            {scores.length > 0 ? (
              <ScoresChart scores={scores} />
            ) : (
              <p className="py-8 text-center text-sm text-zinc-600 dark:text-zinc-400">
                Run or submit your code in an interview and its tests show up here.{' '}
                <Link to="/problems" className="font-medium text-indigo-700 underline dark:text-indigo-300">
                  Pick a problem
                </Link>
              </p>
            )}
          </div>
        </div>
      </div>
    </section>
  )
}
