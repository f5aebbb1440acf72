// The numbers behind the dashboard's progress charts, kept apart from the SVG
// so they can be tested without a browser.
import type { HistoryPoint } from '../../lib/api.gen'
import { DIMENSIONS, type DimensionKey, type DimensionInfo } from '../../lib/dimensions'
import type { InterviewSession } from '../../lib/types'

export interface WeekCount {
  /** Monday 00:00 local time of the week. */
  start: Date
  count: number
}

function when(s: InterviewSession): number {
  return Date.parse(s.started_at ?? s.created_at)
}

/** Monday 00:00 (local) of the week holding t. */
export function weekStart(t: Date): Date {
  const d = new Date(t.getFullYear(), t.getMonth(), t.getDate())
  const back = (d.getDay() + 6) % 7 // Monday = 0
  d.setDate(d.getDate() - back)
  return d
}

/** Interviews per week for the last `weeks` weeks, oldest first, this week last. */
export function weeklyCounts(sessions: InterviewSession[], now: Date, weeks = 8): WeekCount[] {
  const thisWeek = weekStart(now)
  const out: WeekCount[] = []
  for (let i = weeks - 1; i >= 0; i--) {
    const start = new Date(thisWeek)
    start.setDate(start.getDate() - 7 * i)
    out.push({ start, count: 0 })
  }
  const first = out[0]!.start.getTime()
  for (const s of sessions) {
    const t = when(s)
    if (Number.isNaN(t) || t < first) continue
    // The last week that starts at or before t holds it (weeks are walked
    // by calendar date, so a DST change cannot shift a bucket).
    for (let i = out.length - 1; i >= 0; i--) {
      if (t >= out[i]!.start.getTime()) {
        out[i]!.count++
        break
      }
    }
  }
  return out
}

export interface SessionScore {
  id: string
  title: string
  at: Date
  passed: number
  total: number
  /** passed/total in 0..1. */
  ratio: number
}

/**
 * The tests-passed ratio of the last `max` interviews that ran any test,
 * oldest first. Interviews still running are left out: their numbers move.
 */
export function passRatios(sessions: InterviewSession[], max = 12): SessionScore[] {
  return sessions
    .filter((s) => s.status !== 'active' && s.test_cases_total > 0 && !Number.isNaN(when(s)))
    .map((s) => ({
      id: s.id,
      title: s.problem_title,
      at: new Date(when(s)),
      passed: Math.min(s.test_cases_passed, s.test_cases_total),
      total: s.test_cases_total,
      ratio: Math.min(1, Math.max(0, s.test_cases_passed / s.test_cases_total)),
    }))
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .slice(-max)
}

/** A plain-language summary for screen readers and the chart's caption. */
export function describeWeeks(weeks: WeekCount[]): string {
  const total = weeks.reduce((n, w) => n + w.count, 0)
  const thisWeek = weeks.at(-1)?.count ?? 0
  const word = (n: number) => `${n} interview${n === 1 ? '' : 's'}`
  return `${word(total)} in the last ${weeks.length} weeks, ${word(thisWeek)} this week.`
}

export function describeScores(scores: SessionScore[]): string {
  if (scores.length === 0) return 'No finished interview has run tests yet.'
  const avg = Math.round((scores.reduce((n, s) => n + s.ratio, 0) / scores.length) * 100)
  const last = scores.at(-1)!
  return `Last ${scores.length === 1 ? 'interview' : `${scores.length} interviews`}: ${avg}% of tests passed on average; the latest, ${last.title}, passed ${last.passed} of ${last.total}.`
}

/** One evaluated interview on the scores chart; a null score is a gap (insufficient evidence), never a zero. */
export interface ScorePoint {
  id: string
  title: string
  at: Date
  overall: number | null
  scores: Record<DimensionKey, number | null>
}

function score(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? Math.max(0, Math.min(100, v)) : null
}

/** The last `max` evaluated interviews, oldest first. */
export function scoreSeries(points: HistoryPoint[], max = 12): ScorePoint[] {
  return points
    .filter((p) => !Number.isNaN(Date.parse(p.ended_at)))
    .map((p) => ({
      id: p.session_id,
      title: p.problem_title,
      at: new Date(p.ended_at),
      overall: score(p.overall_score),
      scores: Object.fromEntries(DIMENSIONS.map((d) => [d.key, score(p.scores[d.key])])) as Record<DimensionKey, number | null>,
    }))
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .slice(-max)
}

export interface Weakest {
  dimension: DimensionInfo
  /** The average of its scores over the interviews counted. */
  average: number
  /** How many of the last interviews had a score for it. */
  count: number
}

/**
 * The dimension with the lowest average score over the last `last`
 * interviews, counting only the scores there are (an unscored dimension is
 * not a low one). Ties go to the dimension listed first. Null with no score.
 */
export function weakestDimension(series: ScorePoint[], last = 5): Weakest | null {
  const recent = series.slice(-last)
  let best: Weakest | null = null
  for (const d of DIMENSIONS) {
    const xs = recent.map((p) => p.scores[d.key]).filter((v): v is number => v !== null)
    if (xs.length === 0) continue
    const average = xs.reduce((a, b) => a + b, 0) / xs.length
    if (!best || average < best.average) best = { dimension: d, average, count: xs.length }
  }
  return best
}

/** A plain-language summary of the scores chart for screen readers. */
export function describeSeries(series: ScorePoint[]): string {
  if (series.length === 0) return 'No interview has been evaluated yet.'
  const last = series.at(-1)!
  const parts = DIMENSIONS.map((d) => `${d.label} ${last.scores[d.key] === null ? 'insufficient evidence' : Math.round(last.scores[d.key]!)}`)
  const overall = last.overall === null ? 'insufficient evidence' : String(Math.round(last.overall))
  return `${series.length === 1 ? '1 evaluated interview' : `${series.length} evaluated interviews`}. Latest, ${last.title}: overall ${overall}; ${parts.join(', ')}.`
}
