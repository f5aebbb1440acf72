// Shapes of the interview API (transport/httpapi/interviews.go, judge/report.go).
import type { Difficulty, ProblemDetail } from '../../lib/types'

export type Duration = 30 | 45 | 60
export const DURATIONS: readonly Duration[] = [30, 45, 60]

export interface Session {
  id: string
  problem_id: string
  status: string
  language: string
  duration_minutes: number
  started_at?: string
  ended_at?: string
  duration_seconds: number
  hints_used: number
  test_cases_passed: number
  test_cases_total: number
  credits_consumed: number
  created_at: string
}

/** GET /api/sessions/{id}: everything a (re)load of the room needs. */
export interface SessionView {
  session: Session
  problem: ProblemDetail
  code: string
  language: string
  last_acked_seq: number
  remaining_ms: number
  ends_at: string
  server_time: string
  hints_total: number
  languages: string[]
}

export interface TranscriptLine {
  id: string
  /** The server's order of the conversation (1, 2, 3…). */
  seq: number
  speaker: 'interviewer' | 'candidate' | 'system' | string
  content: string
  timestamp_ms: number
}

export interface Snapshot {
  id: string
  code: string
  language: string
  timestamp_ms: number
  snapshot_type: 'auto' | 'manual' | 'execution' | 'final' | string
  /** Execution snapshots: what the run or submit gave (counts only). */
  execution_result?: { mode: 'run' | 'submit'; status: string; passed: number; total: number }
}

export type Verdict =
  | 'accepted'
  | 'wrong_answer'
  | 'time_limit'
  | 'memory_limit'
  | 'output_limit'
  | 'runtime_error'
  | 'compile_error'
  | 'not_run'
  | 'ran'
  | 'internal_error'

export interface TestResult {
  index: number
  name: string
  verdict: Verdict
  hidden?: boolean
  custom?: boolean
  /** CPU time of this test as the harness measured it; absent in a submit. */
  cpu_time_ms?: number
  /** Peak memory of the whole run; absent in a submit. */
  memory_kb?: number
  input: unknown
  expected?: unknown
  got?: unknown
  stdout?: string
  stderr?: string
  error?: string
  trace?: string
}

export interface Report {
  mode: 'run' | 'submit'
  language: string
  status: Verdict
  passed: number
  total: number
  compile_error?: { message: string; line?: number; column?: number; output?: string }
  error?: string
  trace?: string
  tests: TestResult[] | null
  hidden?: { passed: number; total: number; verdicts: Partial<Record<Verdict, number>>; first_failure?: Verdict }
  /** CPU time of the whole run (start-up included), measured by the sandbox. */
  cpu_time_ms: number
  /** Peak memory of the whole run, measured by the sandbox. */
  memory_kb: number
}

export type { Difficulty }
