import { describe, expect, it } from 'vitest'
import { parseCustomInput } from './InterviewRoom'
import { finalCode } from './SummaryPage'

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
  const snap = (code: string, type: string) => ({ id: code, code, language: 'python', timestamp_ms: 0, snapshot_type: type })
  it('prefers the final snapshot, then the newest, then the live code', () => {
    const live = { code: 'live', language: 'go' }
    expect(finalCode([snap('a', 'auto'), snap('f', 'final'), snap('b', 'manual')], live).code).toBe('f')
    expect(finalCode([snap('a', 'auto'), snap('b', 'manual')], live).code).toBe('b')
    expect(finalCode([], live)).toEqual(live)
  })
})
