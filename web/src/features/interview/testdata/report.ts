// Fixtures for the report's tests: an ended session with a conversation, a
// failing run and an accepted submit, and an evaluation citing them.
import type { Evaluation, SessionView, Usage, View } from '../../../lib/api.gen'
import type { Snapshot, TranscriptLine } from '../types'

export const lines: TranscriptLine[] = [
  { id: 'l1', seq: 1, speaker: 'interviewer', content: 'Welcome! Tell me how you would approach Two Sum.', timestamp_ms: 1_000 },
  { id: 'l2', seq: 2, speaker: 'candidate', content: 'Can the array hold duplicates?', timestamp_ms: 30_000 },
  { id: 'l3', seq: 3, speaker: 'candidate', content: 'I will keep a hash map from value to index, so it is O(n).', timestamp_ms: 95_000 },
  { id: 'l4', seq: 4, speaker: 'interviewer', content: 'Hint 1 of 3: what do you need to remember about each number?', timestamp_ms: 200_000 },
  { id: 'l5', seq: 5, speaker: 'candidate', content: 'Done, it passes.', timestamp_ms: 700_000 },
]

const exec = (id: string, t: number, mode: 'run' | 'submit', status: string, passed: number, total: number): Snapshot => ({
  id,
  session_id: 's1',
  code: 'def two_sum(nums, target):\n    seen = {}\n',
  language: 'python',
  timestamp_ms: t,
  snapshot_type: 'execution',
  execution_result: { mode, status, passed, total },
  created_at: '2026-03-10T10:00:00Z',
})

export const snaps: Snapshot[] = [
  exec('x1', 300_000, 'run', 'wrong_answer', 1, 3),
  exec('x2', 650_000, 'submit', 'accepted', 12, 12),
  { ...exec('f', 720_000, 'run', 'accepted', 0, 0), snapshot_type: 'final', execution_result: undefined },
]

export const sessionView: SessionView = {
  code: 'def two_sum(nums, target):\n    seen = {}\n',
  ends_at: '2026-03-10T10:30:00Z',
  hints_total: 3,
  language: 'python',
  languages: ['python'],
  last_acked_seq: 0,
  remaining_ms: 0,
  server_time: '2026-03-10T10:12:00Z',
  problem: {
    id: 'p1',
    slug: 'two-sum',
    pattern: 'Arrays & Hashing',
    title: 'Two Sum',
    description: 'Find two numbers.',
    difficulty: 'easy',
    categories: ['Array'],
    companies: [],
    examples: [],
    hint_count: 3,
    languages: ['python'],
    starter_code: { python: 'def two_sum(nums, target):\n    pass\n' },
    submissions: 0,
  },
  session: {
    id: 's1',
    problem_id: 'p1',
    status: 'completed',
    language: 'python',
    duration_minutes: 30,
    duration_seconds: 720,
    hints_used: 1,
    test_cases_passed: 12,
    test_cases_total: 12,
    credits_consumed: 1,
    started_at: '2026-03-10T10:00:00Z',
    ended_at: '2026-03-10T10:12:00Z',
    created_at: '2026-03-10T10:00:00Z',
    updated_at: '2026-03-10T10:12:00Z',
  },
}

export const offlineUsage: Usage = { calls: 0, input_tokens: 0, output_tokens: 0, cost_micro_usd: 0, by_agent: [], voice: [], voice_cost_micro_usd: 0 }

export const evaluation: Evaluation = {
  session_id: 's1',
  overall_score: 76.5,
  hiring_recommendation: 'yes',
  evaluator: 'offline',
  created_at: '2026-03-10T10:12:05Z',
  dimensions: [
    { key: 'problem_solving', weight: 0.3, score: 90, feedback: 'Every hidden test passed.', evidence: [{ kind: 'run', t_ms: 650_000, ref: '1', quote: 'accepted 12/12' }] },
    { key: 'code_quality', weight: 0.25, score: 70, feedback: 'Clear names.', evidence: [] },
    {
      key: 'communication',
      weight: 0.25,
      score: 65,
      feedback: 'You asked about duplicates before coding.',
      evidence: [{ kind: 'transcript', t_ms: 30_000, ref: '2', quote: 'Can the array hold duplicates?' }],
    },
    { key: 'efficiency', weight: 0.2, score: 80, feedback: 'O(n) with a hash map, the optimum.', evidence: [{ kind: 'signal', t_ms: 0, quote: 'O(n)' }] },
  ],
  strengths: [{ text: 'You stated the O(n) approach before coding.', evidence: [{ kind: 'transcript', t_ms: 95_000, ref: '3', quote: 'a hash map from value to index' }] }],
  improvements: [{ text: 'Test the empty array before you submit.', evidence: [{ kind: 'run', t_ms: 300_000, ref: '0', quote: 'wrong answer 1/3' }] }],
  signals: {
    accepted: true,
    candidate_messages: 3,
    candidate_words: 25,
    clarifying_questions: 1,
    complexity_discussed: true,
    duration_minutes: 30,
    duration_seconds: 720,
    final_code_lines: 6,
    final_complexity: 'O(n)',
    optimal_complexity: 'O(n)',
    hints_available: 3,
    hints_used: 1,
    runs: 1,
    submits: 1,
    submitted: true,
    testing_discussed: false,
    tests_passed: 12,
    tests_total: 12,
  },
  detailed_report: '## Summary\n\nA **solid** interview.\n\n<img src=x onerror="alert(1)"><script>alert(2)</script>\n\n[home](javascript:alert(3))',
}

/** The evaluation with too little to go on: no overall score, one dimension unscored. */
export const thinEvaluation: Evaluation = {
  ...evaluation,
  overall_score: null,
  hiring_recommendation: 'insufficient-evidence',
  dimensions: evaluation.dimensions.map((d) => (d.key === 'communication' ? { ...d, score: null, feedback: 'Insufficient evidence: you said almost nothing.', evidence: [] } : d)),
}

export const ready = (e: Evaluation = evaluation, usage: Usage = offlineUsage): View => ({ status: 'ready', evaluation: e, usage })
export const pending: View = { status: 'pending', usage: offlineUsage }
