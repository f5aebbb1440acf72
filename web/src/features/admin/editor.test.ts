import { describe, expect, it } from 'vitest'
import type { Source } from '../../lib/api.gen'
import { blankForm, fromForm, toForm } from './editor'

const source: Source = {
  slug: 'two-sum',
  title: 'Two Sum',
  difficulty: 'easy',
  pattern: 'Arrays & Hashing',
  categories: ['Array'],
  companies: [],
  hints: ['one', 'two'],
  time_complexity: 'O(n)',
  space_complexity: 'O(n)',
  signature: { function: 'twoSum', params: [{ name: 'nums', type: 'int[]' }], returns: 'int[]' } as Source['signature'],
  checker: 'unordered',
  time_limits_ms: { python: 2000 },
  clarifications: [{ topic: 'empty', keywords: ['empty'], answer: 'never' }],
  pitfalls: ['p'],
  edge_cases: ['a', 'b'],
  follow_ups: ['f'],
  statement: '# Two Sum',
  editorial: '## Approach',
  tests: [
    { name: 'ex', input: { nums: [1, 2] }, output: [0, 1], example: true, explanation: 'why' },
    { name: 'big', input: { nums: [3] }, output: [], large: true, generated: true },
  ],
  solutions: { python: 'class Solution: ...' },
  brute: {},
  wrong: { greedy: { python: 'x' } },
}

describe('problem editor form', () => {
  it('round-trips a source', () => {
    const back = fromForm(toForm(source))
    expect(back.ok).toBe(true)
    if (back.ok) expect(back.source).toEqual({ ...source, float_tolerance: undefined, float_mode: undefined, time_limit_ms: undefined })
  })

  it('names the field that does not parse', () => {
    const f = toForm(source)
    f.tests[1]!.output = '[1,'
    const r = fromForm(f)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatch(/^Test 2 \(big\) output: not valid JSON/)
  })

  it('starts a new problem with every clarifying topic', () => {
    const r = fromForm(blankForm())
    expect(r.ok).toBe(true)
    if (r.ok) expect(r.source.clarifications.map((c) => c.topic)).toEqual(['input_size', 'duplicates', 'negatives', 'empty', 'output_order'])
  })
})
