import { useCallback, useEffect, useRef, useState, type CSSProperties } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { errorMessage, isApiError } from '../../../lib/api'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { languageName } from '../../../lib/format'
import { Alert } from '../../../components/ui/Alert'
import { ConfirmDialog } from '../../../components/ui/Dialog'
import { DifficultyBadge } from '../../../components/ui/DifficultyBadge'
import { Logo } from '../../../components/Logo'
import { ThemeToggle } from '../../../components/ThemeToggle'
import { NotFound } from '../../../components/NotFound'
import { PageSpinner } from '../../../components/ui/Spinner'
import { endSession, getSessionView, saveCode, switchLanguage, takeHint } from '../api'
import { useExecution } from '../hooks/useExecution'
import { useRoomLayout, useRoomState } from '../hooks/useRoomState'
import { useRoomRealtime } from '../hooks/useRoomRealtime'
import { clearRoom, LAYOUT_LIMITS } from '../roomState'
import { codeHash, observerStatus } from '../observation'
import type { CodeObservation } from '../../../lib/protocol.gen'
import type { Report, SessionView } from '../types'
import { CodeEditor, type EditorHandle } from './CodeEditor'
import { ProblemPane } from './ProblemPane'
import { ResultsConsole } from './ResultsConsole'
import { RoomActions } from './RoomActions'
import { RunNotice } from './RunNotice'
import { ConnectionBanner, ConnectionPill, Conversation, LiveClock, ShortcutsButton, Splitter } from './RoomParts'
import { VoiceControl } from '../voice/VoiceControl'

export { parseCustomInput } from '../roomState'

/** Loads the session, then hands over to the room; ended sessions go to their summary. */
export function InterviewRoom() {
  const { id = '' } = useParams()
  const navigate = useNavigate()
  const [view, setView] = useState<SessionView | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [nonce, setNonce] = useState(0)

  useEffect(() => {
    const ctrl = new AbortController()
    setError(null)
    getSessionView(id, ctrl.signal).then(
      (v) => {
        if (v.session.status !== 'active') navigate(`/sessions/${encodeURIComponent(id)}`, { replace: true })
        else setView(v)
      },
      (err: unknown) => {
        if (!ctrl.signal.aborted) setError(err)
      },
    )
    return () => ctrl.abort()
  }, [id, navigate, nonce])

  if (isApiError(error, 'not_found')) return <NotFound what="interview" />
  if (error)
    return (
      <div className="mx-auto max-w-md p-8">
        <Alert>
          {errorMessage(error)}{' '}
          <button type="button" className="font-semibold underline" onClick={() => setNonce((n) => n + 1)}>
            Try again
          </button>
        </Alert>
      </div>
    )
  if (!view) return <PageSpinner label="Opening the interview room" />
  return <Room key={view.session.id} view={view} />
}

type Pending = null | 'submit' | 'end' | 'hint' | { language: string }

/**
 * The room: the problem, the editor with its results, and the conversation
 * side by side on a wide screen (panes resizable and remembered), stacked
 * with the actions in a bottom bar on a narrow one.
 */
function Room({ view }: { view: SessionView }) {
  const id = view.session.id
  const p = view.problem
  const navigate = useNavigate()
  useDocumentTitle(`${p.title} — interview`)

  const editor = useRef<EditorHandle | null>(null)
  const [language, setLanguage] = useState(view.language || view.session.language)
  const langRef = useRef(language)
  langRef.current = language
  const [room, updateRoom] = useRoomState(id)
  const [layout, setLayout] = useRoomLayout()
  const [confirm, setConfirm] = useState<Pending>(null)
  const [busy, setBusy] = useState(false)
  const [shortcuts, setShortcuts] = useState(false)
  const body = useRef<HTMLDivElement>(null)
  const center = useRef<HTMLDivElement>(null)
  const endedRef = useRef(false)

  const toSummary = useCallback(() => {
    if (endedRef.current) return
    endedRef.current = true
    clearRoom(id)
    navigate(`/sessions/${encodeURIComponent(id)}`, { replace: true })
  }, [id, navigate])

  const showReport = useCallback((r: Report) => updateRoom({ [r.mode]: r, shown: r.mode }), [updateRoom])
  const live = useRoomRealtime(view, { onExecution: showReport, onEnded: toSummary })
  const { client } = live
  const { setQueue } = live
  const clearQueue = useCallback(() => setQueue(null), [setQueue])
  // The observer's latest finding, shown only while it is about the code in
  // the editor (the candidate may have typed on since it was made).
  const [observed, setObserved] = useState<CodeObservation | null>(null)
  useEffect(() => {
    const o = live.observation
    if (!o) return
    let current = true
    void codeHash(editor.current?.getValue() ?? '').then((h) => {
      if (current) setObserved(h === null || h === o.code_hash ? o : null)
    })
    return () => {
      current = false
    }
  }, [live.observation])
  const status = observerStatus(observed)
  const exec = useExecution({
    id,
    client,
    editor,
    language: langRef,
    customInput: room.customInput,
    onReport: showReport,
    onEnded: toSummary,
    onQueueReset: clearQueue,
  })

  // A reload restores edits the server had not acknowledged yet.
  const [initialCode] = useState(() => {
    const unsaved = client.unsavedCode(view.last_acked_seq)
    if (unsaved && unsaved.language === language) return unsaved.code
    return view.code
  })

  // Time is up: the server ends the interview; check in case its word was lost.
  const [timeUp, setTimeUp] = useState(false)
  useEffect(() => {
    if (!timeUp) return
    const t = setTimeout(() => {
      getSessionView(id).then((v) => v.session.status !== 'active' && toSummary(), () => {})
    }, 8000)
    return () => clearTimeout(t)
  }, [timeUp, id, toSummary])

  const onEdit = useCallback((code: string) => client.editCode(code, langRef.current), [client])
  const { runCode, running } = exec
  const askSubmit = useCallback(() => {
    if (!running) setConfirm('submit')
  }, [running])

  // Shortcuts outside the editor (the editor binds the same keys itself).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault()
        if (e.shiftKey) askSubmit()
        else void runCode('run')
        return
      }
      const t = e.target as HTMLElement | null
      const typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))
      if (e.key === '?' && !typing && !confirm) {
        e.preventDefault()
        setShortcuts((s) => !s)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [askSubmit, runCode, confirm])

  async function switchTo(to: string) {
    const from = langRef.current
    const code = editor.current?.getValue()
    // The editor's text travels with the switch and is kept in the same
    // transaction; queued edits of the old language must not follow it.
    client.dropCode()
    try {
      const v = await switchLanguage(id, to, code)
      setLanguage(v.language)
      langRef.current = v.language
      editor.current?.setValue(v.code)
      editor.current?.clearMarkers()
    } catch (err) {
      if (code !== undefined) client.editCode(code, from) // nothing was switched: keep saving what is on screen
      throw err
    }
  }

  async function doConfirm() {
    const what = confirm
    if (!what) return
    setBusy(true)
    try {
      if (what === 'submit') {
        setConfirm(null)
        await runCode('submit')
      } else if (what === 'end') {
        client.flush()
        // The final snapshot is taken from the server's copy: make it the editor's.
        if (editor.current) await saveCode(id, editor.current.getValue(), langRef.current).catch(() => {})
        await endSession(id)
        client.close()
        setConfirm(null)
        toSummary()
      } else if (what === 'hint') {
        const h = await takeHint(id)
        live.setHintsUsed(h.hints_used)
        setConfirm(null)
        await live.reloadTranscript()
      } else {
        await switchTo(what.language)
        setConfirm(null)
      }
    } catch (err) {
      setConfirm(null)
      if (isApiError(err, 'session_ended')) toSummary()
      else live.setNotice(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  const runNotice =
    exec.retryIn > 0 || exec.runError ? (
      <RunNotice retryIn={exec.retryIn} retryWhy={exec.retryWhy} retrying={exec.retrying} runError={exec.runError} onCancel={exec.cancelRetry} />
    ) : null

  const languages = view.languages.length ? view.languages : p.languages
  const report = (room.shown === 'submit' ? room.submit : room.run) ?? room.run ?? room.submit ?? null
  const reportSwitch =
    room.run && room.submit && !running ? (
      <div role="group" aria-label="Show the last run or the last submit" className="ml-2 inline-flex rounded-md border border-zinc-300 text-xs dark:border-zinc-700">
        {(['run', 'submit'] as const).map((m) => (
          <button
            key={m}
            type="button"
            aria-pressed={report?.mode === m}
            onClick={() => updateRoom({ shown: m })}
            className={'px-2 py-0.5 ' + (report?.mode === m ? 'bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900' : 'text-zinc-600 dark:text-zinc-400')}
          >
            Last {m}
          </button>
        ))}
      </div>
    ) : null

  const actions = (
    <RoomActions
      hintsUsed={live.hintsUsed}
      hintsTotal={live.hintsTotal}
      running={running}
      retryIn={exec.retryIn}
      onHint={() => setConfirm('hint')}
      onRun={() => void runCode('run')}
      onSubmit={askSubmit}
      onEnd={() => setConfirm('end')}
    />
  )
  const sizes = {
    '--problem-w': `${layout.problemPct}%`,
    '--chat-w': `${layout.chatPct}%`,
    '--console-h': `${layout.consolePx}px`,
  } as CSSProperties
  const pct = (e: PointerEvent, fromRight = false) => {
    const r = body.current?.getBoundingClientRect()
    if (!r) return NaN
    return ((fromRight ? r.right - e.clientX : e.clientX - r.left) / r.width) * 100
  }

  return (
    <div className="flex h-dvh flex-col overflow-hidden">
      <header className="flex h-14 shrink-0 items-center gap-2 border-b border-zinc-200 px-3 dark:border-zinc-800">
        <Link to="/dashboard" aria-label="mockroom dashboard" className="shrink-0 rounded-md">
          <Logo />
        </Link>
        <h1 className="min-w-0 truncate text-base font-semibold">{p.title}</h1>
        <span className="hidden shrink-0 sm:inline-flex">
          <DifficultyBadge difficulty={p.difficulty} />
        </span>
        <LiveClock sync={live.sync} onTimeUp={() => setTimeUp(true)} />
        <ConnectionPill conn={live.conn} pending={live.pending} onRetry={() => client.connectNow()} />
        <div className="ml-auto flex shrink-0 items-center gap-2">
          <div className="hidden items-center gap-2 lg:flex">{actions}</div>
          <ThemeToggle />
          <span className="hidden sm:block">
            <ShortcutsButton open={shortcuts} setOpen={setShortcuts} />
          </span>
        </div>
      </header>

      <ConnectionBanner conn={live.conn} pending={live.pending} onRetry={() => client.connectNow()} />

      {live.notice && (
        <div className="shrink-0 px-3 pt-2">
          <div
            role="status"
            className="flex items-center justify-between gap-3 rounded-lg border border-amber-200 bg-amber-50 px-3 py-1.5 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/60 dark:text-amber-200"
          >
            <span>{live.notice}</span>
            <button type="button" className="text-xs underline" onClick={() => live.setNotice(null)}>
              Dismiss
            </button>
          </div>
        </div>
      )}

      <div ref={body} style={sizes} className="flex min-h-0 flex-1 flex-col overflow-y-auto lg:flex-row lg:overflow-hidden">
        <section
          aria-label="Problem"
          className="order-2 shrink-0 border-b border-zinc-200 lg:order-1 lg:w-(--problem-w) lg:min-w-0 lg:overflow-auto lg:border-b-0 dark:border-zinc-800"
        >
          <ProblemPane problem={p} />
        </section>

        <Splitter
          orientation="vertical"
          className="order-2 hidden lg:block"
          label="Resize the problem pane"
          value={layout.problemPct}
          min={LAYOUT_LIMITS.problemPct[0]}
          max={LAYOUT_LIMITS.problemPct[1]}
          onChange={(v) => setLayout({ problemPct: v })}
          toValue={(e) => pct(e)}
        />

        <div ref={center} className="order-3 flex shrink-0 flex-col lg:min-h-0 lg:min-w-0 lg:flex-1 lg:shrink">
          <div className="flex shrink-0 items-center gap-2 border-b border-zinc-200 px-3 py-1.5 dark:border-zinc-800">
            <label htmlFor="room-language" className="text-sm text-zinc-600 dark:text-zinc-400">
              Language
            </label>
            <select
              id="room-language"
              value={language}
              onChange={(e) => {
                if (e.target.value !== language) setConfirm({ language: e.target.value })
              }}
              className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
            >
              {languages.map((l) => (
                <option key={l} value={l}>
                  {languageName(l)}
                </option>
              ))}
            </select>
            {status && (
              <p aria-live="polite" data-testid="observer-status" className="ml-auto truncate text-xs text-zinc-500 dark:text-zinc-400">
                {status.text}
                {status.text && status.complexity ? ' · ' : ''}
                {status.complexity && <span className="font-mono">{status.complexity}</span>}
              </p>
            )}
          </div>
          <div className="h-[55dvh] min-h-64 lg:h-auto lg:min-h-0 lg:flex-1">
            <CodeEditor
              initialValue={initialCode}
              language={language}
              ariaLabel={`Code editor, ${languageName(language)}`}
              onChange={onEdit}
              onReady={(h) => (editor.current = h)}
              onRun={() => void runCode('run')}
              onSubmit={askSubmit}
              observerErrors={observed?.syntax_errors}
            />
          </div>
          <Splitter
            orientation="horizontal"
            className="hidden lg:block"
            label="Resize the results console"
            value={layout.consolePx}
            min={LAYOUT_LIMITS.consolePx[0]}
            max={LAYOUT_LIMITS.consolePx[1]}
            onChange={(v) => setLayout({ consolePx: v })}
            toValue={(e) => {
              const r = center.current?.getBoundingClientRect()
              return r ? r.bottom - e.clientY : NaN
            }}
            invert
          />
          <div className="h-80 shrink-0 border-t border-zinc-200 lg:h-(--console-h) lg:border-t-0 dark:border-zinc-800">
            <ResultsConsole
              report={report}
              running={running}
              queue={live.queue}
              firstRun={!exec.ranOnce}
              notice={runNotice}
              customInput={room.customInput}
              onCustomInput={(v) => {
                updateRoom({ customInput: v })
                exec.clearCustomError()
              }}
              customInputError={exec.customError}
              onJump={(l, c) => editor.current?.jumpTo(l, c, report?.compile_error?.message)}
              tab={room.tab}
              onTab={(t) => updateRoom({ tab: t })}
              reportSwitch={reportSwitch}
            />
          </div>
        </div>

        <Splitter
          orientation="vertical"
          className="order-4 hidden lg:block"
          label="Resize the conversation pane"
          value={layout.chatPct}
          min={LAYOUT_LIMITS.chatPct[0]}
          max={LAYOUT_LIMITS.chatPct[1]}
          onChange={(v) => setLayout({ chatPct: v })}
          toValue={(e) => pct(e, true)}
          invert
        />

        {/* The conversation is always in view: first on a narrow screen, the right-hand pane on a wide one. */}
        <aside
          aria-label="Interviewer"
          className="order-1 flex h-[45dvh] min-h-56 shrink-0 flex-col border-b border-zinc-200 lg:order-5 lg:h-auto lg:min-h-0 lg:w-(--chat-w) lg:min-w-0 lg:border-b-0 dark:border-zinc-800"
        >
          <h2 className="shrink-0 border-b border-zinc-200 px-4 py-2 text-sm font-semibold dark:border-zinc-800">Conversation</h2>
          <VoiceControl client={client} />
          <div className="min-h-0 flex-1">
            <Conversation
              lines={live.lines}
              streaming={live.streaming}
              phase={live.phase}
              onSend={(t) => client.sendChat(t)}
              draft={room.draft}
              onDraft={(d) => updateRoom({ draft: d })}
            />
          </div>
        </aside>
      </div>

      <nav aria-label="Interview actions" className="flex shrink-0 items-center justify-between gap-1 border-t border-zinc-200 bg-white px-2 py-2 lg:hidden dark:border-zinc-800 dark:bg-zinc-950">
        {actions}
      </nav>

      <ConfirmDialog
        open={confirm === 'submit'}
        title="Submit your solution?"
        confirmLabel="Submit"
        onConfirm={() => void doConfirm()}
        onCancel={() => setConfirm(null)}
        busy={busy}
      >
        Your code runs against every test, hidden ones included. You can keep working and submit again.
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === 'end'}
        title="End the interview?"
        confirmLabel="End interview"
        danger
        onConfirm={() => void doConfirm()}
        onCancel={() => setConfirm(null)}
        busy={busy}
      >
        Your code is saved as it is now and the interview closes. You can't come back to edit it.
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === 'hint'}
        title="Take a hint?"
        confirmLabel="Show hint"
        onConfirm={() => void doConfirm()}
        onCancel={() => setConfirm(null)}
        busy={busy}
      >
        Hints count in your evaluation. This will be hint {Math.min(live.hintsUsed + 1, live.hintsTotal)} of {live.hintsTotal}; it appears in the conversation.
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm !== null && typeof confirm === 'object'}
        title={`Switch to ${typeof confirm === 'object' && confirm ? languageName(confirm.language) : ''}?`}
        confirmLabel="Switch language"
        onConfirm={() => void doConfirm()}
        onCancel={() => setConfirm(null)}
        busy={busy}
      >
        Your {languageName(language)} code is kept: switching back brings it back. The editor shows what you last wrote in{' '}
        {typeof confirm === 'object' && confirm ? languageName(confirm.language) : 'that language'}, or its starter code.
      </ConfirmDialog>
    </div>
  )
}
