import { describe, expect, it } from 'vitest'
import { outcome } from './outcome'
import { executionSummary, type Session, type Snapshot } from './types'

const session = (over: Partial<Session> = {}): Session => ({
  id: 's',
  problem_id: 'p',
  status: 'completed',
  language: 'python',
  duration_minutes: 30,
  duration_seconds: 62,
  hints_used: 0,
  test_cases_passed: 0,
  test_cases_total: 0,
  credits_consumed: 1,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  ...over,
})
let n = 0
const exec = (code: string, mode: 'run' | 'submit', passed: number, total: number, status = passed === total ? 'accepted' : 'wrong_answer'): Snapshot => ({
  id: String(++n),
  session_id: 's',
  code,
  language: 'python',
  timestamp_ms: n,
  snapshot_type: 'execution',
  execution_result: { mode, status, passed, total },
  created_at: '2026-01-01T00:00:00Z',
})
const starters = { python: 'class Solution:\n    pass\n' }

describe('outcome', () => {
  it('does not call a minute with untouched starter code a completed interview', () => {
    const o = outcome(session(), [], { code: starters.python, language: 'python' }, starters)
    expect(o.kind).toBe('not_attempted')
    expect(o.label).toBe('Not attempted')
    expect(o.note).toMatch(/1 min with the starter code untouched/)
  })

  it('reports the best and the last submit apart, and whether the final code is what ran', () => {
    const snaps = [exec('a', 'submit', 5, 5), exec('b', 'submit', 2, 5), exec('c', 'run', 2, 2)]
    const o = outcome(session(), snaps, { code: 'c', language: 'python' }, starters)
    expect(o.kind).toBe('completed')
    expect(o.best).toMatchObject({ passed: 5, total: 5 })
    expect(o.last).toMatchObject({ passed: 2, total: 5 })
    expect(o.submits).toBe(2)
    expect(o.runs).toBe(1)
    expect(o.finalRun).toMatchObject({ mode: 'run', status: 'accepted' })
    expect(o.changedSinceRun).toBe(false)
  })

  it('says when the final code changed after its last run', () => {
    const o = outcome(session(), [exec('a', 'submit', 3, 5)], { code: 'a, edited', language: 'python' }, starters)
    expect(o.finalRun).toBeNull()
    expect(o.changedSinceRun).toBe(true)
  })

  it('keeps abandoned and in-progress sessions as they are', () => {
    expect(outcome(session({ status: 'abandoned' }), [], { code: 'mine', language: 'python' }, starters).kind).toBe('abandoned')
    expect(outcome(session({ status: 'active' }), [], { code: starters.python, language: 'python' }, starters).kind).toBe('active')
  })
})

describe('executionSummary', () => {
  const snap = (execution_result: unknown): Snapshot => ({ ...exec('x', 'submit', 1, 1), execution_result })
  it.each([
    ['none', undefined],
    ['a bare count', { passed: 1 }],
    ['an unknown mode', { mode: 'debug', status: 'accepted', passed: 1, total: 1 }],
    ['counts as text', { mode: 'submit', status: 'accepted', passed: '1', total: 1 }],
  ])('%s is not a result', (_, r) => {
    expect(executionSummary(snap(r))).toBeNull()
    expect(outcome(session(), [snap(r)], { code: 'x', language: 'python' }, starters).submits).toBe(0)
  })
  it('keeps counts only', () => {
    expect(executionSummary(snap({ mode: 'run', status: 'wrong_answer', passed: 1, total: 2, cpu_time_ms: 3 }))).toEqual({ mode: 'run', status: 'wrong_answer', passed: 1, total: 2 })
  })
})
