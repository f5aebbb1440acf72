import { useCallback, useEffect, useState, type RefObject } from 'react'
import { errorMessage, isApiError } from '../../../lib/api'
import type { RealtimeClient } from '../../../lib/realtime'
import { execute } from '../api'
import { parseCustomInput } from '../roomState'
import type { Report } from '../types'
import type { EditorHandle } from '../components/CodeEditor'

interface Options {
  id: string
  client: RealtimeClient
  editor: RefObject<EditorHandle | null>
  language: RefObject<string>
  customInput: string
  onReport: (r: Report) => void
  onEnded: () => void
  /** Forget the queue position shown (a run starts or ends). */
  onQueueReset?: () => void
}

/** Run and Submit: one at a time, within the rate limit, errors in words. */
export function useExecution({ id, client, editor, language, customInput, onReport, onEnded, onQueueReset }: Options) {
  const [running, setRunning] = useState<'run' | 'submit' | null>(null)
  const [ranOnce, setRanOnce] = useState(false)
  const [retryAt, setRetryAt] = useState<number | null>(null)
  const [retryIn, setRetryIn] = useState(0)
  const [retryWhy, setRetryWhy] = useState<'rate_limited' | 'judge_busy'>('rate_limited')
  const [runError, setRunError] = useState<string | null>(null)
  const [customError, setCustomError] = useState<string | undefined>()

  // Counts down only while rate limited.
  useEffect(() => {
    if (retryAt === null) return
    const tick = () => {
      const left = Math.max(0, Math.ceil((retryAt - Date.now()) / 1000))
      setRetryIn(left)
      if (left === 0) setRetryAt(null)
    }
    tick()
    const t = setInterval(tick, 500)
    return () => clearInterval(t)
  }, [retryAt])

  const limited = retryAt !== null && retryIn > 0

  const runCode = useCallback(
    async (mode: 'run' | 'submit') => {
      if (running || !editor.current || limited) return
      let stdin: Record<string, unknown> | undefined
      if (mode === 'run') {
        const parsed = parseCustomInput(customInput)
        setCustomError(parsed.error)
        if (parsed.error) return
        stdin = parsed.value
      }
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
        if (isApiError(err, 'rate_limited') || isApiError(err, 'judge_busy')) {
          setRetryAt(Date.now() + (err.retryAfter ?? 20) * 1000)
          setRetryWhy(err.code === 'judge_busy' ? 'judge_busy' : 'rate_limited')
        }
        else if (isApiError(err, 'session_ended')) onEnded()
        else setRunError(errorMessage(err))
      } finally {
        setRunning(null)
        onQueueReset?.()
        setRanOnce(true)
      }
    },
    [running, limited, customInput, client, editor, language, id, onReport, onEnded, onQueueReset],
  )

  return { running, ranOnce, retryIn: limited ? retryIn : 0, retryWhy, runError, customError, clearCustomError: () => setCustomError(undefined), runCode }
}
