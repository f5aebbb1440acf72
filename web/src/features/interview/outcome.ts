// What an ended interview's summary may truthfully say, from its snapshots:
// the best and the last submit (labelled as such), whether the final code is
// what was last run, and whether the candidate attempted anything at all.
import { formatDuration } from '../../lib/format'
import { executionSummary, type ExecutionSummary, type Session, type Snapshot } from './types'

export interface SubmitResult {
  passed: number
  total: number
  status: string
}

export interface Outcome {
  /** completed | abandoned | not_attempted | active */
  kind: 'completed' | 'abandoned' | 'not_attempted' | 'active'
  label: string
  note?: string
  best?: SubmitResult
  last?: SubmitResult
  submits: number
  runs: number
  /** How the final code last ran: the execution of exactly that code, if any. */
  finalRun: ExecutionSummary | null
  /** The final code differs from the last code that was run. */
  changedSinceRun: boolean
}

function better(a: SubmitResult, b: SubmitResult): boolean {
  const ra = a.total > 0 ? a.passed / a.total : 0
  const rb = b.total > 0 ? b.passed / b.total : 0
  return ra > rb || (ra === rb && a.passed > b.passed)
}

export function outcome(session: Session, snaps: Snapshot[], final: { code: string; language: string }, starters: Record<string, string>): Outcome {
  const execs = snaps.flatMap((s) => {
    const result = s.snapshot_type === 'execution' ? executionSummary(s) : null
    return result ? [{ ...s, result }] : []
  })
  const submits = execs.filter((s) => s.result.mode === 'submit').map((s) => s.result)
  let best: SubmitResult | undefined
  for (const r of submits) if (!best || better(r, best)) best = r
  const last = submits[submits.length - 1]
  const lastExec = execs[execs.length - 1]
  const same = lastExec !== undefined && lastExec.code === final.code && lastExec.language === final.language
  const untouched = execs.length === 0 && final.code.trim() === (starters[final.language] ?? '').trim()

  const base = { best, last, submits: submits.length, runs: execs.length - submits.length, finalRun: same ? lastExec.result : null, changedSinceRun: lastExec !== undefined && !same }
  if (session.status === 'active') return { ...base, kind: 'active', label: 'In progress' }
  if (untouched)
    return {
      ...base,
      kind: 'not_attempted',
      label: 'Not attempted',
      note: `This interview ended after ${formatDuration(session.duration_seconds)} with the starter code untouched and nothing run, so it doesn't count as a completed interview.`,
    }
  if (session.status === 'abandoned')
    return { ...base, kind: 'abandoned', label: 'Abandoned', note: 'Nobody was in the room for 10 minutes, so the interview closed. Your code was kept as it was.' }
  return { ...base, kind: 'completed', label: 'Completed' }
}
