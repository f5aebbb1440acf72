import { describe, expect, it } from 'vitest'
import { parseCustomInput } from './InterviewRoom'
import { finalCode } from './SummaryPage'
import type { Snapshot } from '../types'

describe('parseCustomInput', () => {
  it.each([
    ['', {}],
    ['   ', {}],
    ['{"nums": [1, 2], "target": 3}', { value: { nums: [1, 2], target: 3 } }],
  ])('%j parses', (text, want) => {
    expect(parseCustomInput(text)).toEqual(want)
  })
  it.each(['[1, 2]', '3', '"x"', '{', 'null'])('%j is refused with a clear error', (text) => {
    expect(parseCustomInput(text).error).toMatch(/JSON object/)
  })
})

describe('finalCode', () => {
  const snap = (code: string, type: Snapshot['snapshot_type']): Snapshot => ({ id: code, session_id: 's', code, language: 'python', timestamp_ms: 0, snapshot_type: type, created_at: '2026-01-01T00:00:00Z' })
  it('prefers the final snapshot, then the newest, then the live code', () => {
    const live = { code: 'live', language: 'go' }
    expect(finalCode([snap('a', 'auto'), snap('f', 'final'), snap('b', 'manual')], live).code).toBe('f')
    expect(finalCode([snap('a', 'auto'), snap('b', 'manual')], live).code).toBe('b')
    expect(finalCode([], live)).toEqual(live)
  })
})
