import { Alert } from '../../../components/ui/Alert'

interface RunNoticeProps {
  retryIn: number
  retryWhy: 'rate_limited' | 'judge_busy'
  /** The execution sent again by itself when retryIn reaches 0, if any. */
  retrying: 'run' | 'submit' | null
  runError: string | null
  onCancel: () => void
}

/** What stands between the candidate and their next run: a wait, or the last run's error. */
export function RunNotice({ retryIn, retryWhy, retrying, runError, onCancel }: RunNoticeProps) {
  if (retryIn > 0 && retryWhy === 'judge_busy' && retrying)
    return (
      <Alert tone="warning">
        <span data-testid="judge-busy" className="flex flex-wrap items-center gap-x-2">
          <span>
            The judge is busy — retrying in <span className="font-semibold tabular-nums">{retryIn} s</span>. Your code is saved; keep coding
            meanwhile.
          </span>
          <button type="button" className="font-semibold underline" onClick={onCancel}>
            Cancel
          </button>
        </span>
      </Alert>
    )
  if (retryIn > 0)
    return (
      <Alert tone="warning">
        <span data-testid="rate-limited">
          You&apos;ve reached the run limit. Run and Submit are back in <span className="font-semibold tabular-nums">{retryIn} s</span> — keep
          coding meanwhile; your edits are saved.
        </span>
      </Alert>
    )
  if (runError) return <Alert>{runError}</Alert>
  return null
}
