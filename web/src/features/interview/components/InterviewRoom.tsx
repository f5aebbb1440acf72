import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import Markdown from 'react-markdown'
import remarkGfm from 'remark-gfm'
import { Flag, Lightbulb, Play, Send } from 'lucide-react'
import { errorMessage, isApiError } from '../../../lib/api'
import { RealtimeClient, type Connection } from '../../../lib/realtime'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { languageName } from '../../../lib/format'
import { Alert } from '../../../components/ui/Alert'
import { Button } from '../../../components/ui/Button'
import { ConfirmDialog } from '../../../components/ui/Dialog'
import { DifficultyBadge } from '../../../components/ui/DifficultyBadge'
import { ExampleBlock } from '../../../components/ExampleBlock'
import { Logo } from '../../../components/Logo'
import { ThemeToggle } from '../../../components/ThemeToggle'
import { NotFound } from '../../../components/NotFound'
import { PageSpinner } from '../../../components/ui/Spinner'
import { endSession, execute, getSessionView, getTranscript, postChat, realtimeToken, saveCode, switchLanguage, takeHint } from '../api'
import { remainingAt, syncClock, type ClockSync } from '../timer'
import type { Report, SessionView, TranscriptLine } from '../types'
import { CodeEditor, type EditorHandle } from './CodeEditor'
import { ResultsConsole } from './ResultsConsole'
import { Clock, ConnectionBanner, ConnectionPill, Conversation, ShortcutsButton, Splitter } from './RoomParts'

function mergeLines(a: TranscriptLine[], b: TranscriptLine[]): TranscriptLine[] {
  const byId = new Map<string, TranscriptLine>()
  for (const l of [...a, ...b]) byId.set(l.id, l)
  return [...byId.values()].sort((x, y) => x.timestamp_ms - y.timestamp_ms || x.id.localeCompare(y.id))
}

/** Parses the custom-input box: empty means none. */
export function parseCustomInput(text: string): { value?: Record<string, unknown>; error?: string } {
  if (!text.trim()) return {}
  try {
    const v = JSON.parse(text) as unknown
    if (v && typeof v === 'object' && !Array.isArray(v)) return { value: v as Record<string, unknown> }
  } catch {
    // fall through
  }
  return { error: 'Custom input must be a JSON object of the parameters, e.g. {"nums": [1, 2], "target": 3}.' }
}

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

function Room({ view }: { view: SessionView }) {
  const id = view.session.id
  const p = view.problem
  const navigate = useNavigate()
  useDocumentTitle(`${p.title} — interview`)

  const editor = useRef<EditorHandle | null>(null)
  const [language, setLanguage] = useState(view.language || view.session.language)
  const langRef = useRef(language)
  langRef.current = language
  const [conn, setConn] = useState<Connection>({ state: 'connecting' })
  const [pending, setPending] = useState(0)
  const [sync, setSync] = useState<ClockSync>(() =>
    syncClock({ remaining_ms: view.remaining_ms, server_time: Date.parse(view.server_time) || Date.now() }, Date.now()),
  )
  const [now, setNow] = useState(() => Date.now())
  const [lines, setLines] = useState<TranscriptLine[]>([])
  const [hintsUsed, setHintsUsed] = useState(view.session.hints_used)
  const [hintsTotal, setHintsTotal] = useState(view.hints_total)
  const [report, setReport] = useState<Report | null>(null)
  const [running, setRunning] = useState<'run' | 'submit' | null>(null)
  const [queue, setQueue] = useState<{ ahead: number } | null>(null)
  const [ranOnce, setRanOnce] = useState(false)
  const [retryAt, setRetryAt] = useState<number | null>(null)
  const [retryWhy, setRetryWhy] = useState('rate_limited')
  const [runError, setRunError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [customInput, setCustomInput] = useState('')
  const [customError, setCustomError] = useState<string | undefined>()
  const [confirm, setConfirm] = useState<Pending>(null)
  const [busy, setBusy] = useState(false)
  const [leftTab, setLeftTab] = useState<'problem' | 'conversation'>('problem')
  const [shortcuts, setShortcuts] = useState(false)
  const [leftPct, setLeftPct] = useState(34)
  const [consolePx, setConsolePx] = useState(240)
  const body = useRef<HTMLDivElement>(null)
  const center = useRef<HTMLDivElement>(null)
  const endedRef = useRef(false)

  const toSummary = useCallback(() => {
    if (endedRef.current) return
    endedRef.current = true
    navigate(`/sessions/${encodeURIComponent(id)}`, { replace: true })
  }, [id, navigate])

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

  // A reload restores edits the server had not acknowledged yet.
  const initialCode = useMemo(() => {
    const unsaved = client.unsavedCode(view.last_acked_seq)
    if (unsaved && unsaved.language === language) return unsaved.code
    return view.code
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client])

  useEffect(() => {
    client.setHandlers({
      connection: setConn,
      pending: setPending,
      timer: (t) => setSync(syncClock(t, Date.now())),
      state: (s) => {
        setHintsUsed(s.hints_used)
        setHintsTotal(s.hints_total)
      },
      transcript: (e) => addLines([e]),
      execution: (e) => setReport(e.report as Report),
      queued: (e) => setQueue(e.running ? null : { ahead: e.ahead }),
      ended: () => toSummary(),
      error: (e) => setNotice(e.message),
    })
    client.start(view.last_acked_seq)
    const onUnload = () => client.flush()
    window.addEventListener('beforeunload', onUnload)
    return () => {
      window.removeEventListener('beforeunload', onUnload)
      client.close()
    }
  }, [client, view.last_acked_seq, addLines, toSummary])

  useEffect(() => {
    const ctrl = new AbortController()
    getTranscript(id, ctrl.signal).then(addLines, () => {})
    return () => ctrl.abort()
  }, [id, addLines])

  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 500)
    return () => clearInterval(t)
  }, [])
  const remaining = remainingAt(sync, now)

  // Time is up: the server ends the interview; check in case its word was lost.
  useEffect(() => {
    if (remaining > 0) return
    const t = setTimeout(() => {
      getSessionView(id).then((v) => v.session.status !== 'active' && toSummary(), () => {})
    }, 8000)
    return () => clearTimeout(t)
  }, [remaining > 0, id, toSummary]) // eslint-disable-line react-hooks/exhaustive-deps

  const retryIn = retryAt === null ? 0 : Math.max(0, Math.ceil((retryAt - now) / 1000))
  useEffect(() => {
    if (retryAt !== null && retryIn === 0) setRetryAt(null)
  }, [retryAt, retryIn])

  const onEdit = useCallback(
    (code: string) => {
      client.editCode(code, langRef.current)
    },
    [client],
  )

  const runCode = useCallback(
    async (mode: 'run' | 'submit') => {
      if (running || !editor.current) return
      if (retryAt !== null && retryIn > 0) return
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
      setQueue(null)
      setRunError(null)
      try {
        const r = await execute(id, { code: editor.current.getValue(), language: langRef.current, mode, ...(stdin ? { stdin } : {}) })
        setReport(r)
        if (r.compile_error?.line) editor.current?.jumpTo(r.compile_error.line, r.compile_error.column ?? 1, r.compile_error.message)
      } catch (err) {
        if (isApiError(err, 'rate_limited') || isApiError(err, 'judge_busy')) {
          setRetryAt(Date.now() + (err.retryAfter ?? 20) * 1000)
          setRetryWhy(err.code)
        } else if (isApiError(err, 'session_ended')) toSummary()
        else setRunError(errorMessage(err))
      } finally {
        setRunning(null)
        setQueue(null)
        setRanOnce(true)
      }
    },
    [running, retryAt, retryIn, customInput, client, id, toSummary],
  )

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
        setHintsUsed(h.hints_used)
        setConfirm(null)
        setLeftTab('conversation')
        addLines(await getTranscript(id).catch(() => []))
      } else {
        const to = what.language
        // Save what is on screen first: the server keeps it as a snapshot, then resets to the starter.
        if (editor.current) await saveCode(id, editor.current.getValue(), langRef.current)
        client.dropCode()
        await switchLanguage(id, to)
        setLanguage(to)
        langRef.current = to
        editor.current?.setValue(p.starter_code[to] ?? '')
        editor.current?.clearMarkers()
        setReport(null)
        setConfirm(null)
      }
    } catch (err) {
      setConfirm(null)
      if (isApiError(err, 'session_ended')) toSummary()
      else setNotice(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  const sendChat = (text: string) => client.sendChat(text)

  const runNotice =
    retryAt !== null && retryIn > 0 ? (
      <Alert tone="warning">
        <span data-testid="rate-limited">
          {retryWhy === 'judge_busy' ? 'The judge is busy with other runs.' : "You've reached the run limit."} Run and Submit are back in{' '}
          <span className="font-semibold tabular-nums">{retryIn} s</span> — keep coding meanwhile; your edits are saved.
        </span>
      </Alert>
    ) : runError ? (
      <Alert>{runError}</Alert>
    ) : null

  const languages = view.languages.length ? view.languages : p.languages
  const tabCls = (on: boolean) =>
    'border-b-2 px-3 py-2 text-sm font-medium ' +
    (on ? 'border-indigo-600 text-zinc-900 dark:border-indigo-400 dark:text-zinc-50' : 'border-transparent text-zinc-600 dark:text-zinc-400')

  return (
    <div className="flex h-screen flex-col overflow-hidden">
      <header className="flex h-14 shrink-0 items-center gap-3 border-b border-zinc-200 px-3 dark:border-zinc-800">
        <Link to="/dashboard" aria-label="mockroom dashboard" className="rounded-md">
          <Logo />
        </Link>
        <h1 className="min-w-0 truncate text-base font-semibold">{p.title}</h1>
        <DifficultyBadge difficulty={p.difficulty} />
        <Clock remainingMs={remaining} />
        <ConnectionPill conn={conn} pending={pending} onRetry={() => client.connectNow()} />
        <div className="ml-auto flex items-center gap-2">
          <Button
            variant="ghost"
            size="sm"
            onClick={() => setConfirm('hint')}
            disabled={hintsTotal === 0 || hintsUsed >= hintsTotal}
            aria-label={`Hint, ${hintsUsed} of ${hintsTotal} used`}
          >
            <Lightbulb className="size-4" aria-hidden="true" />
            Hint <span className="tabular-nums">{hintsUsed} of {hintsTotal}</span>
          </Button>
          <Button
            variant="secondary"
            size="sm"
            onClick={() => void runCode('run')}
            loading={running === 'run'}
            disabled={running !== null || (retryAt !== null && retryIn > 0)}
            aria-keyshortcuts="Control+Enter Meta+Enter"
            title="Run the examples (Ctrl/⌘+Enter)"
          >
            {running !== 'run' && <Play className="size-4" aria-hidden="true" />}
            Run
            {retryIn > 0 && <span className="tabular-nums">({retryIn} s)</span>}
          </Button>
          <Button
            size="sm"
            onClick={askSubmit}
            loading={running === 'submit'}
            disabled={running !== null || (retryAt !== null && retryIn > 0)}
            aria-keyshortcuts="Control+Shift+Enter Meta+Shift+Enter"
            title="Submit to every test (Ctrl/⌘+Shift+Enter)"
          >
            {running !== 'submit' && <Send className="size-4" aria-hidden="true" />}
            Submit
          </Button>
          <Button variant="danger" size="sm" onClick={() => setConfirm('end')}>
            <Flag className="size-4" aria-hidden="true" />
            End interview
          </Button>
          <ThemeToggle />
          <ShortcutsButton open={shortcuts} setOpen={setShortcuts} />
        </div>
      </header>

      <ConnectionBanner conn={conn} pending={pending} onRetry={() => client.connectNow()} />

      {notice && (
        <div className="shrink-0 px-3 pt-2">
          <div role="status" className="flex items-center justify-between gap-3 rounded-lg border border-amber-200 bg-amber-50 px-3 py-1.5 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/60 dark:text-amber-200">
            <span>{notice}</span>
            <button type="button" className="text-xs underline" onClick={() => setNotice(null)}>
              Dismiss
            </button>
          </div>
        </div>
      )}

      <div ref={body} className="flex min-h-0 flex-1">
        <aside aria-label="Problem and conversation" style={{ width: `${leftPct}%` }} className="flex min-w-0 flex-col">
          <div role="tablist" aria-label="Left pane" className="flex shrink-0 border-b border-zinc-200 px-2 dark:border-zinc-800">
            <button type="button" role="tab" aria-selected={leftTab === 'problem'} onClick={() => setLeftTab('problem')} className={tabCls(leftTab === 'problem')}>
              Problem
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={leftTab === 'conversation'}
              onClick={() => setLeftTab('conversation')}
              className={tabCls(leftTab === 'conversation')}
            >
              Conversation{lines.length > 0 ? ` (${lines.length})` : ''}
            </button>
          </div>
          <div role="tabpanel" className="min-h-0 flex-1">
            {leftTab === 'problem' ? (
              <div className="h-full overflow-auto p-4">
                <div className="markdown">
                  <Markdown remarkPlugins={[remarkGfm]}>{p.description}</Markdown>
                </div>
                {p.examples.length > 0 && (
                  <section aria-label="Examples" className="mt-6 space-y-3">
                    {p.examples.map((ex, i) => (
                      <ExampleBlock key={i} example={ex} n={i + 1} />
                    ))}
                  </section>
                )}
              </div>
            ) : (
              <Conversation lines={lines} onSend={sendChat} />
            )}
          </div>
        </aside>

        <Splitter
          orientation="vertical"
          label="Resize the problem pane"
          value={leftPct}
          min={20}
          max={60}
          onChange={setLeftPct}
          toValue={(e) => {
            const r = body.current?.getBoundingClientRect()
            return r ? ((e.clientX - r.left) / r.width) * 100 : leftPct
          }}
        />

        <div ref={center} className="flex min-w-0 flex-1 flex-col">
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
          </div>
          <div className="min-h-0 flex-1">
            <CodeEditor
              initialValue={initialCode}
              language={language}
              ariaLabel={`Code editor, ${languageName(language)}`}
              onChange={onEdit}
              onReady={(h) => (editor.current = h)}
              onRun={() => void runCode('run')}
              onSubmit={askSubmit}
            />
          </div>
          <Splitter
            orientation="horizontal"
            label="Resize the results console"
            value={consolePx}
            min={120}
            max={520}
            onChange={setConsolePx}
            toValue={(e) => {
              const r = center.current?.getBoundingClientRect()
              return r ? r.bottom - e.clientY : consolePx
            }}
          />
          <div style={{ height: consolePx }} className="shrink-0">
            <ResultsConsole
              report={report}
              running={running}
              queue={queue}
              firstRun={!ranOnce}
              notice={runNotice}
              customInput={customInput}
              onCustomInput={(v) => {
                setCustomInput(v)
                setCustomError(undefined)
              }}
              customInputError={customError}
              onJump={(l, c) => editor.current?.jumpTo(l, c, report?.compile_error?.message)}
            />
          </div>
        </div>
      </div>

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
        Hints count in your evaluation. This will be hint {Math.min(hintsUsed + 1, hintsTotal)} of {hintsTotal}; it appears in the conversation.
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm !== null && typeof confirm === 'object'}
        title={`Switch to ${typeof confirm === 'object' && confirm ? languageName(confirm.language) : ''}?`}
        confirmLabel="Switch language"
        onConfirm={() => void doConfirm()}
        onCancel={() => setConfirm(null)}
        busy={busy}
      >
        The editor resets to the starter code for that language. Your current code is kept as a snapshot on the server.
      </ConfirmDialog>
    </div>
  )
}
