// The session's evaluation, asked for again while the evaluator is at work:
// every 2 s at first, backing off to 15 s (pollDelay), stopping once it is
// ready, while the interview is still running, or on an error (which the
// page shows with a way to try again).
import { useCallback, useEffect, useState } from 'react'
import type { View } from '../../../lib/api.gen'
import { getEvaluation } from '../api'
import { pollDelay } from '../report'

export interface EvaluationState {
  view: View | undefined
  error: unknown
  /** Since when the page has been waiting for a pending evaluation (ms, Date.now()), or null. */
  waitingSince: number | null
  retry: () => void
}

export function useEvaluation(id: string): EvaluationState {
  const [view, setView] = useState<View | undefined>(undefined)
  const [error, setError] = useState<unknown>(undefined)
  const [waitingSince, setWaitingSince] = useState<number | null>(null)
  const [nonce, setNonce] = useState(0)

  useEffect(() => {
    const ctrl = new AbortController()
    let timer: ReturnType<typeof setTimeout> | undefined
    let attempt = 0
    // Another session (or a retry) starts from nothing: no stale report shows meanwhile.
    setView(undefined)
    setError(undefined)
    setWaitingSince(null)
    const tick = async () => {
      try {
        const v = await getEvaluation(id, ctrl.signal)
        if (ctrl.signal.aborted) return
        setView(v)
        if (v.status !== 'pending') {
          setWaitingSince(null)
          return
        }
        setWaitingSince((w) => w ?? Date.now())
        timer = setTimeout(() => void tick(), pollDelay(attempt++))
      } catch (err) {
        if (ctrl.signal.aborted) return
        setError(err)
      }
    }
    void tick()
    return () => {
      ctrl.abort()
      clearTimeout(timer)
    }
  }, [id, nonce])

  const retry = useCallback(() => setNonce((n) => n + 1), [])
  return { view, error, waitingSince, retry }
}
