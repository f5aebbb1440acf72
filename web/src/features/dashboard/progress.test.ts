import { describe, expect, it } from 'vitest'
import type { InterviewSession } from '../../lib/types'
import { describeScores, describeSeries, describeWeeks, passRatios, scoreSeries, weakestDimension, weekStart, weeklyCounts } from './progress'
import { point } from './testdata'

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

describe('scoreSeries', () => {
  it('orders by end, keeps the last ones, and keeps a missing score a gap, not a zero', () => {
    const s = scoreSeries([point('b', 5, [80, 70, null, 60], 71), point('a', 2, [50, 50, 50, 50], 50), point('c', 9, [90, 90, 90, 90])], 2)
    expect(s.map((p) => p.id)).toEqual(['b', 'c'])
    expect(s[0]!.scores.communication).toBeNull()
    expect(s[0]!.overall).toBe(71)
    expect(s[1]!.overall).toBeNull()
  })

  it('reads a dimension the point does not name as missing', () => {
    const p = point('a', 2, [50, 50, 50, 50])
    p.scores = { problem_solving: 40 }
    expect(scoreSeries([p])[0]!.scores).toEqual({ problem_solving: 40, code_quality: null, communication: null, efficiency: null })
  })
})

describe('weakestDimension', () => {
  it.each([
    ['the lowest average of the last interviews', [point('a', 1, [10, 10, 10, 10]), point('b', 2, [80, 60, 70, 90]), point('c', 3, [80, 70, 40, 90])], 2, 'communication', 55],
    ['an unscored dimension is not a weak one', [point('a', 1, [80, 70, null, 90]), point('b', 2, [80, 60, null, 90])], 5, 'code_quality', 65],
    ['ties go to the first listed', [point('a', 1, [60, 60, 60, 60])], 5, 'problem_solving', 60],
  ])('%s', (_, points, last, key, avg) => {
    const w = weakestDimension(scoreSeries(points), last)
    expect(w?.dimension.key).toBe(key)
    expect(w?.average).toBe(avg)
  })

  it('is null when nothing was scored', () => {
    expect(weakestDimension(scoreSeries([point('a', 1, [null, null, null, null])]))).toBeNull()
    expect(weakestDimension([])).toBeNull()
  })
})

describe('describeSeries', () => {
  it('names the latest interview and says insufficient evidence for a gap', () => {
    expect(describeSeries(scoreSeries([point('a', 1, [80, 70, null, 60], 71)]))).toBe(
      '1 evaluated interview. Latest, Problem a: overall 71; Problem solving 80, Code quality 70, Communication insufficient evidence, Efficiency 60.',
    )
  })
})
