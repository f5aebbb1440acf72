// Shapes of the interview API, generated from the Go types (lib/api.gen.ts).
import type { Mode, Snapshot, Verdict } from '../../lib/api.gen'
import type { TranscriptEntry } from '../../lib/protocol.gen'

export type { Report, Session, SessionView, Snapshot, TestResult, Verdict } from '../../lib/api.gen'
export type { Difficulty } from '../../lib/types'

export type Duration = 30 | 45 | 60
export const DURATIONS: readonly Duration[] = [30, 45, 60]

/**
 * One line of the conversation as the room shows it, in the server's order
 * (seq 1, 2, 3…): the socket's entry, which the API's lines also satisfy.
 */
export type TranscriptLine = TranscriptEntry

/** What an execution snapshot kept of its run or submit: counts only. */
export interface ExecutionSummary {
  mode: Mode
  status: Verdict | string
  passed: number
  total: number
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null

/**
 * The execution summary of a snapshot, or null when it has none. The API
 * sends the stored JSON as it is, so it is checked here rather than assumed.
 */
export function executionSummary(s: Snapshot): ExecutionSummary | null {
  const r = s.execution_result
  if (!isObj(r) || (r.mode !== 'run' && r.mode !== 'submit') || typeof r.status !== 'string') return null
  if (typeof r.passed !== 'number' || typeof r.total !== 'number') return null
  return { mode: r.mode, status: r.status, passed: r.passed, total: r.total }
}
