import { Flag, Lightbulb, Play, Send } from 'lucide-react'
import { Button } from '../../../components/ui/Button'

export interface RoomActionsProps {
  hintsUsed: number
  hintsTotal: number
  running: 'run' | 'submit' | null
  /** Seconds until Run and Submit are allowed again (0: now). */
  retryIn: number
  onHint: () => void
  onRun: () => void
  onSubmit: () => void
  onEnd: () => void
}

/**
 * Hint, Run, Submit and End: in the top bar on wide screens and in a bar
 * fixed at the bottom on narrow ones, so they are always within reach.
 */
export function RoomActions({ hintsUsed, hintsTotal, running, retryIn, onHint, onRun, onSubmit, onEnd }: RoomActionsProps) {
  const blocked = running !== null || retryIn > 0
  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        onClick={onHint}
        disabled={hintsTotal === 0 || hintsUsed >= hintsTotal}
        aria-label={`Hint, ${hintsUsed} of ${hintsTotal} used`}
      >
        <Lightbulb className="size-4" aria-hidden="true" />
        <span className="whitespace-nowrap">
          Hint{' '}
          <span className="tabular-nums">
            {hintsUsed}
            <span className="sm:hidden">/</span>
            <span className="hidden sm:inline"> of </span>
            {hintsTotal}
          </span>
        </span>
      </Button>
      <Button
        variant="secondary"
        size="sm"
        onClick={onRun}
        loading={running === 'run'}
        disabled={blocked}
        aria-keyshortcuts="Control+Enter Meta+Enter"
        title="Run the examples (Ctrl/⌘+Enter)"
      >
        {running !== 'run' && <Play className="size-4" aria-hidden="true" />}
        Run
        {retryIn > 0 && <span className="tabular-nums">({retryIn} s)</span>}
      </Button>
      <Button
        size="sm"
        onClick={onSubmit}
        loading={running === 'submit'}
        disabled={blocked}
        aria-keyshortcuts="Control+Shift+Enter Meta+Shift+Enter"
        title="Submit to every test (Ctrl/⌘+Shift+Enter)"
      >
        {running !== 'submit' && <Send className="size-4" aria-hidden="true" />}
        Submit
      </Button>
      <Button variant="danger" size="sm" onClick={onEnd} aria-label="End interview">
        <Flag className="size-4" aria-hidden="true" />
        <span className="whitespace-nowrap">
          End<span className="hidden sm:inline"> interview</span>
        </span>
      </Button>
    </>
  )
}
