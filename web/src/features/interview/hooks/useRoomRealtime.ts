import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { RealtimeClient, type Connection } from '../../../lib/realtime'
import { getSessionView, getTranscript, postChat, realtimeToken, saveCode } from '../api'
import { applyDelta, currentPhase, mergeLines, type Streaming } from '../roomState'
import { syncClock, type ClockSync } from '../timer'
import type { Report, SessionView, TranscriptLine } from '../types'
import type { CodeObservation } from '../../../lib/protocol.gen'

interface Options {
  /** A run or submit finished (possibly in another tab). */
  onExecution: (r: Report) => void
  /** The server ended the interview. */
  onEnded: () => void
}

/**
 * The room's live link to the server: the realtime client (with its REST
 * fallbacks), the connection state, the clock, the hint counter and the
 * conversation, ordered by the server's sequence.
 */
export function useRoomRealtime(view: SessionView, { onExecution, onEnded }: Options) {
  const id = view.session.id
  const [conn, setConn] = useState<Connection>({ state: 'connecting' })
  const [pending, setPending] = useState(0)
  const [sync, setSync] = useState<ClockSync>(() =>
    syncClock({ remaining_ms: view.remaining_ms, server_time: Date.parse(view.server_time) || Date.now() }, Date.now()),
  )
  const [lines, setLines] = useState<TranscriptLine[]>([])
  // The interviewer's reply while it streams; the finished line replaces it.
  const [streaming, setStreaming] = useState<Streaming | null>(null)
  const [hintsUsed, setHintsUsed] = useState(view.session.hints_used)
  const [hintsTotal, setHintsTotal] = useState(view.hints_total)
  const [notice, setNotice] = useState<string | null>(null)
  // Where this room's run waits in the judge's queue (execution_queued frames).
  const [queue, setQueue] = useState<{ ahead: number } | null>(null)
  // The code observer's latest finding (observation frames).
  const [observation, setObservation] = useState<CodeObservation | null>(null)
  const cb = useRef({ onExecution, onEnded })
  cb.current = { onExecution, onEnded }

  const addLines = useCallback((more: TranscriptLine[]) => setLines((cur) => mergeLines(cur, more)), [])

  // The realtime client lives as long as the room.
  const client = useMemo(
    () =>
      new RealtimeClient({
        sessionId: id,
        token: () => realtimeToken(id),
        saveCode: async (code, lang) => {
          await saveCode(id, code, lang)
        },
        chat: async (text) => addLines((await postChat(id, text)).transcript),
        poll: async () => {
          const v = await getSessionView(id)
          return { remaining_ms: v.remaining_ms, server_time: Date.parse(v.server_time), ends_at: Date.parse(v.ends_at), status: v.session.status }
        },
      }),
    [id, addLines],
  )

  useEffect(() => {
    client.setHandlers({
      connection: setConn,
      pending: setPending,
      timer: (t) => setSync(syncClock(t, Date.now())),
      state: (s) => {
        setHintsUsed(s.hints_used)
        setHintsTotal(s.hints_total)
      },
      transcript: (e) => {
        if (e.speaker === 'interviewer') setStreaming(null)
        addLines([e])
      },
      interviewer: (e) => setStreaming((cur) => applyDelta(cur, e)),
      execution: (e) => cb.current.onExecution(e.report as Report),
      queued: (e) => setQueue(e.running ? null : { ahead: e.ahead }),
      observation: setObservation,
      ended: () => cb.current.onEnded(),
      error: (e) => setNotice(e.message),
    })
    client.start(view.last_acked_seq)
    const onUnload = () => client.flush()
    window.addEventListener('beforeunload', onUnload)
    return () => {
      window.removeEventListener('beforeunload', onUnload)
      client.close()
    }
  }, [client, view.last_acked_seq, addLines])

  const reloadTranscript = useCallback(
    (signal?: AbortSignal) =>
      getTranscript(id, signal).then(addLines, () => {
        // The realtime feed and the next reload fill the gap.
      }),
    [id, addLines],
  )
  useEffect(() => {
    const ctrl = new AbortController()
    void reloadTranscript(ctrl.signal)
    return () => ctrl.abort()
  }, [reloadTranscript])

  const phase = useMemo(() => currentPhase(lines), [lines])

  return {
    client,
    conn,
    pending,
    sync,
    lines,
    streaming: streaming?.text ?? null,
    phase,
    reloadTranscript,
    hintsUsed,
    hintsTotal,
    setHintsUsed,
    notice,
    setNotice,
    queue,
    setQueue,
    observation,
  }
}
