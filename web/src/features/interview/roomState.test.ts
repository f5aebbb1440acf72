import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_LAYOUT, applyDelta, currentPhase, loadLayout, loadRoom, mergeLines, saveLayout, saveRoom } from './roomState'
import type { Report, TranscriptLine } from './types'

const line = (id: string, seq: number, timestamp_ms: number): TranscriptLine => ({ id, seq, timestamp_ms, speaker: 'interviewer', content: id })

describe('mergeLines', () => {
  it('orders by the server sequence, never by timestamps or ids', () => {
    // The reply has the same millisecond as the question and a smaller id.
    const question = line('zz-question', 2, 1000)
    const reply = line('aa-reply', 3, 1000)
    const greeting = line('mm-greeting', 1, 5000)
    expect(mergeLines([reply], [question, greeting]).map((l) => l.id)).toEqual(['mm-greeting', 'zz-question', 'aa-reply'])
  })
  it('merges a line seen twice (REST and realtime) into one', () => {
    expect(mergeLines([line('a', 1, 0)], [line('a', 1, 0), line('b', 2, 0)])).toHaveLength(2)
  })
})

describe('applyDelta', () => {
  it.each([
    { name: 'starts a bubble', cur: null, ev: { reply_to: 'q1', text: 'Good ', final: false }, want: { replyTo: 'q1', text: 'Good ' } },
    { name: 'appends to it', cur: { replyTo: 'q1', text: 'Good ' }, ev: { reply_to: 'q1', text: 'question.', final: false }, want: { replyTo: 'q1', text: 'Good question.' } },
    { name: 'a new reply starts afresh', cur: { replyTo: 'q1', text: 'Good ' }, ev: { reply_to: 'q2', text: 'Yes', final: false }, want: { replyTo: 'q2', text: 'Yes' } },
    { name: 'a remark on a run has no reply_to', cur: null, ev: { text: 'Example 2 fails', final: false }, want: { replyTo: '', text: 'Example 2 fails' } },
    { name: 'an empty delta changes nothing', cur: { replyTo: 'q1', text: 'Hi' }, ev: { reply_to: 'q1', text: '', final: false }, want: { replyTo: 'q1', text: 'Hi' } },
    { name: 'the final frame clears it', cur: { replyTo: 'q1', text: 'Good question.' }, ev: { reply_to: 'q1', text: '', final: true }, want: null },
  ])('$name', ({ cur, ev, want }) => {
    expect(applyDelta(cur, ev)).toEqual(want)
  })
})

describe('currentPhase', () => {
  const said = (id: string, seq: number, speaker: string, extra: object): TranscriptLine => ({ ...line(id, seq, 0), speaker, ...extra })
  it.each([
    { name: 'nothing said yet', lines: [], want: null },
    { name: 'a realtime line', lines: [said('a', 1, 'interviewer', { phase: 'clarifying' })], want: 'Clarifying questions' },
    { name: 'a REST line', lines: [said('a', 1, 'interviewer', { metadata: { phase: 'wrap_up' } })], want: 'Wrap-up' },
    {
      name: 'the latest interviewer line wins',
      lines: [said('a', 1, 'interviewer', { phase: 'approach' }), said('b', 2, 'interviewer', { phase: 'coding' }), said('c', 3, 'candidate', {})],
      want: 'Coding',
    },
    { name: 'lines with no phase are skipped', lines: [said('a', 1, 'interviewer', { phase: 'testing' }), said('b', 2, 'interviewer', {})], want: 'Testing' },
  ])('$name', ({ lines, want }) => {
    expect(currentPhase(lines)).toBe(want)
  })
})

describe('room state in this browser', () => {
  afterEach(() => localStorage.clear())
  const report: Report = { mode: 'run', language: 'python', status: 'accepted', passed: 1, total: 1, tests: [], cpu_time_ms: 1, memory_kb: 1 }

  it('restores results, tab, custom input and draft per session', () => {
    saveRoom('s1', { run: report, shown: 'run', tab: 'input', customInput: '{"n": 3}', draft: 'half a thought' })
    expect(loadRoom('s1')).toMatchObject({ run: report, tab: 'input', customInput: '{"n": 3}', draft: 'half a thought' })
    expect(loadRoom('s2')).toMatchObject({ tab: 'tests', customInput: '', draft: '' })
  })
  it('ignores what it cannot read', () => {
    localStorage.setItem('mockroom-room:s1', '{"run": 3, "tab": "elsewhere", "draft": 7}')
    expect(loadRoom('s1')).toEqual({ run: undefined, submit: undefined, shown: 'run', tab: 'tests', customInput: '', draft: '' })
    localStorage.setItem('mockroom-room:s1', 'not json')
    expect(loadRoom('s1').tab).toBe('tests')
  })
  it('remembers pane sizes within their limits', () => {
    expect(loadLayout()).toEqual(DEFAULT_LAYOUT)
    saveLayout({ problemPct: 99, chatPct: 20, consolePx: 10 })
    expect(loadLayout()).toEqual({ problemPct: 45, chatPct: 20, consolePx: 120 })
  })
})
