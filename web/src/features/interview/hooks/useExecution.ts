import { useCallback, useEffect, useState, type RefObject } from 'react'
import { errorMessage, isApiError } from '../../../lib/api'
import type { RealtimeClient } from '../../../lib/realtime'
import { execute } from '../api'
import { parseCustomInput } from '../roomState'
import type { Report } from '../types'
import type { EditorHandle } from '../components/CodeEditor'

interface Options {
  id: string
  client: Pick<RealtimeClient, 'flush'>
  editor: RefObject<Pick<EditorHandle, 'getValue' | 'clearMarkers' | 'jumpTo'> | null>
  language: RefObject<string>
  customInput: string
  onReport: (r: Report) => void
  onEnded: () => void
  /** Forget the queue position shown (a run starts or ends). */
  onQueueReset?: () => void
}

type Mode = 'run' | 'submit'

/** An execution to send again: its mode and custom input (the code is read again then). */
interface Again {
  mode: Mode
  stdin?: Record<string, unknown>
}

/**
 * A wait the server asked for (429 with Retry-After): the candidate's own
 * run limit, or a busy judge, after which the same execution is sent again.
 */
interface Wait {
  until: number
  why: 'rate_limited' | 'judge_busy'
  again?: Again
}

/** Seconds to wait when a 429 comes without Retry-After. */
const FALLBACK_WAIT = { rate_limited: 20, judge_busy: 5 }

/**
 * Run and Submit: one at a time, within the rate limit, errors in words.
 * When the judge is busy (judge_busy) the execution is sent again by
 * itself once the server's Retry-After has passed, unless cancelled.
 */
export function useExecution({ id, client, editor, language, customInput, onReport, onEnded, onQueueReset }: Options) {
  const [running, setRunning] = useState<Mode | null>(null)
  const [ranOnce, setRanOnce] = useState(false)
  const [wait, setWait] = useState<Wait | null>(null)
  const [retryIn, setRetryIn] = useState(0)
  const [due, setDue] = useState<Again | null>(null)
  const [runError, setRunError] = useState<string | null>(null)
  const [customError, setCustomError] = useState<string | undefined>()

  // Counts down while waiting; a busy judge's execution falls due at zero.
  useEffect(() => {
    if (wait === null) return
    const tick = () => {
      const left = Math.max(0, Math.ceil((wait.until - Date.now()) / 1000))
      setRetryIn(left)
      if (left === 0) {
        setWait(null)
        if (wait.again) setDue(wait.again)
      }
    }
    tick()
    const t = setInterval(tick, 250)
    return () => clearInterval(t)
  }, [wait])

  const waiting = wait !== null && retryIn > 0

  const send = useCallback(
    async ({ mode, stdin }: Again) => {
      if (!editor.current) return
      client.flush()
      editor.current.clearMarkers()
      setRunning(mode)
      onQueueReset?.()
      setRunError(null)
      try {
        const r = await execute(id, { code: editor.current.getValue(), language: language.current, mode, ...(stdin ? { stdin } : {}) })
        onReport(r)
        if (r.compile_error?.line) editor.current?.jumpTo(r.compile_error.line, r.compile_error.column ?? 1, r.compile_error.message)
      } catch (err) {
        if (isApiError(err, 'judge_busy')) {
          setWait({ until: Date.now() + (err.retryAfter ?? FALLBACK_WAIT.judge_busy) * 1000, why: 'judge_busy', again: { mode, stdin } })
        } else if (isApiError(err, 'rate_limited')) {
          setWait({ until: Date.now() + (err.retryAfter ?? FALLBACK_WAIT.rate_limited) * 1000, why: 'rate_limited' })
        } else if (isApiError(err, 'session_ended')) onEnded()
        else setRunError(errorMessage(err))
      } finally {
        setRunning(null)
        onQueueReset?.()
        setRanOnce(true)
      }
    },
    [client, editor, language, id, onReport, onEnded, onQueueReset],
  )

  // The busy judge's wait is over: the same execution again, with the code
  // in the editor now.
  useEffect(() => {
    if (due === null) return
    setDue(null)
    void send(due)
  }, [due, send])

  const runCode = useCallback(
    async (mode: Mode) => {
      if (running || !editor.current || waiting) return
      let stdin: Record<string, unknown> | undefined
      if (mode === 'run') {
        const parsed = parseCustomInput(customInput)
        setCustomError(parsed.error)
        if (parsed.error) return
        stdin = parsed.value
      }
      await send({ mode, stdin })
    },
    [running, waiting, customInput, editor, send],
  )

  /** Stops the automatic retry of a busy judge's execution; Run and Submit are free again. */
  const cancelRetry = useCallback(() => setWait((w) => (w?.why === 'judge_busy' ? null : w)), [])

  return {
    running,
    ranOnce,
    retryIn: waiting ? retryIn : 0,
    retryWhy: wait?.why ?? 'rate_limited',
    /** The execution waiting for a busy judge, sent again when retryIn reaches 0. */
    retrying: waiting && wait?.again ? wait.again.mode : null,
    cancelRetry,
    runError,
    customError,
    clearCustomError: () => setCustomError(undefined),
    runCode,
  }
}
