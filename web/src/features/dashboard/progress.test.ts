import { describe, expect, it } from 'vitest'
import type { InterviewSession } from '../../lib/types'
import { describeScores, describeWeeks, passRatios, weekStart, weeklyCounts } from './progress'

function session(over: Partial<InterviewSession>): InterviewSession {
  return {
    id: over.id ?? Math.random().toString(36),
    problem_id: 'p',
    problem_slug: 'two-sum',
    problem_title: 'Two Sum',
    problem_difficulty: 'easy',
    status: 'completed',
    language: 'python',
    duration_minutes: 30,
    duration_seconds: 600,
    hints_used: 0,
    test_cases_passed: 0,
    test_cases_total: 0,
    credits_consumed: 1,
    created_at: '2026-03-02T10:00:00Z',
    updated_at: '2026-03-02T10:00:00Z',
    ...over,
  }
}

// Wednesday 11 March 2026, local noon.
const now = new Date(2026, 2, 11, 12, 0, 0)
const at = (y: number, m: number, d: number, h = 12) => new Date(y, m, d, h).toISOString()

describe('weekStart', () => {
  it.each([
    ['a Wednesday', new Date(2026, 2, 11, 12), new Date(2026, 2, 9)],
    ['a Monday at midnight', new Date(2026, 2, 9, 0), new Date(2026, 2, 9)],
    ['a Sunday night', new Date(2026, 2, 15, 23, 59), new Date(2026, 2, 9)],
    ['across a month', new Date(2026, 2, 1, 8), new Date(2026, 1, 23)],
  ])('%s', (_, t, want) => {
    expect(weekStart(t).getTime()).toBe(want.getTime())
  })
})

describe('weeklyCounts', () => {
  it('puts each interview in its week, oldest first, and drops older ones', () => {
    const weeks = weeklyCounts(
      [
        session({ started_at: at(2026, 2, 11) }), // this week
        session({ started_at: at(2026, 2, 9, 0) }), // this week, Monday 00:00
        session({ started_at: at(2026, 2, 8, 23) }), // last week, Sunday night
        session({ started_at: at(2026, 1, 16) }), // three weeks before this one
        session({ started_at: at(2025, 11, 1) }), // before the window
        session({ started_at: 'not a date', created_at: 'nor this' }),
      ],
      now,
      8,
    )
    expect(weeks).toHaveLength(8)
    expect(weeks.map((w) => w.count)).toEqual([0, 0, 0, 0, 1, 0, 1, 2])
    expect(weeks.at(-1)!.start.getTime()).toBe(new Date(2026, 2, 9).getTime())
    expect(weeks[0]!.start.getTime()).toBe(new Date(2026, 0, 19).getTime())
  })

  it('uses created_at when the interview never started', () => {
    expect(weeklyCounts([session({ created_at: at(2026, 2, 10) })], now, 2).map((w) => w.count)).toEqual([0, 1])
  })
})

describe('passRatios', () => {
  it('keeps finished interviews with tests, oldest first, the last N', () => {
    const list = [
      session({ id: 'c', started_at: at(2026, 2, 3), test_cases_passed: 3, test_cases_total: 3 }),
      session({ id: 'a', started_at: at(2026, 2, 1), test_cases_passed: 1, test_cases_total: 4 }),
      session({ id: 'b', started_at: at(2026, 2, 2), test_cases_passed: 0, test_cases_total: 0 }), // ran nothing
      session({ id: 'd', started_at: at(2026, 2, 4), status: 'active', test_cases_passed: 1, test_cases_total: 2 }),
      session({ id: 'e', started_at: at(2026, 2, 5), test_cases_passed: 9, test_cases_total: 3 }), // clamped
    ]
    const r = passRatios(list, 12)
    expect(r.map((s) => s.id)).toEqual(['a', 'c', 'e'])
    expect(r.map((s) => s.ratio)).toEqual([0.25, 1, 1])
    expect(r[2]!.passed).toBe(3)
    expect(passRatios(list, 2).map((s) => s.id)).toEqual(['c', 'e'])
  })
})

describe('descriptions', () => {
  it('say the numbers in words', () => {
    const weeks = weeklyCounts([session({ started_at: at(2026, 2, 10) }), session({ started_at: at(2026, 2, 2) })], now, 8)
    expect(describeWeeks(weeks)).toBe('2 interviews in the last 8 weeks, 1 interview this week.')
    expect(describeScores([])).toBe('No finished interview has run tests yet.')
    const scores = passRatios([
      session({ started_at: at(2026, 2, 1), test_cases_passed: 1, test_cases_total: 2 }),
      session({ started_at: at(2026, 2, 2), problem_title: 'LRU Cache', test_cases_passed: 4, test_cases_total: 4 }),
    ])
    expect(describeScores(scores)).toBe('Last 2 interviews: 75% of tests passed on average; the latest, LRU Cache, passed 4 of 4.')
  })
})
