// Small pieces of the interview room: the clock, the connection pill, the
// conversation, the shortcuts popover and the pane splitters.
import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react'
import { Keyboard, Mic, Send, Wifi, WifiOff, X } from 'lucide-react'
import type { Connection } from '../../../lib/realtime'
import { MAX_CHAT_CHARS } from '../../../lib/protocol.gen'
import { clockAnnouncement, clockTone, formatClock, remainingAt, type ClockSync } from '../timer'
import type { TranscriptLine } from '../types'

/**
 * The clock ticks here, on its own: nothing else in the room re-renders
 * twice a second. onTimeUp runs once when it reaches zero.
 */
export function LiveClock({ sync, onTimeUp }: { sync: ClockSync; onTimeUp?: () => void }) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 500)
    return () => clearInterval(t)
  }, [])
  const remaining = remainingAt(sync, now)
  const up = remaining <= 0
  const cb = useRef(onTimeUp)
  cb.current = onTimeUp
  useEffect(() => {
    if (up) cb.current?.()
  }, [up])
  return <Clock remainingMs={remaining} />
}

export function Clock({ remainingMs }: { remainingMs: number | null }) {
  const prev = useRef<number | null>(null)
  const [said, setSaid] = useState('')
  useEffect(() => {
    if (remainingMs === null) return
    const a = clockAnnouncement(prev.current, remainingMs)
    if (a) setSaid(a)
    prev.current = remainingMs
  }, [remainingMs])
  const tone = remainingMs === null ? 'normal' : clockTone(remainingMs)
  const cls =
    tone === 'critical'
      ? 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300'
      : tone === 'warning'
        ? 'bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300'
        : 'bg-zinc-100 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-100'
  return (
    <>
      <span data-testid="clock" data-tone={tone} role="timer" aria-label="Time left" className={`rounded-md px-2 py-1 font-mono text-sm font-semibold tabular-nums ${cls}`}>
        {remainingMs === null ? '--:--' : formatClock(remainingMs)}
      </span>
      <span className="sr-only" aria-live="assertive">
        {said}
      </span>
    </>
  )
}

export function connectionText(c: Connection): string {
  switch (c.state) {
    case 'connected':
      return 'Connected'
    case 'connecting':
      return 'Connecting…'
    case 'reconnecting':
      return `Reconnecting… (attempt ${c.attempt}/${c.max})`
    case 'offline':
      return 'Offline — saving via REST'
    case 'ended':
      return 'Interview ended'
    case 'closed':
      return 'Closed'
  }
}

export function ConnectionPill({ conn, pending, onRetry }: { conn: Connection; pending: number; onRetry: () => void }) {
  const ok = conn.state === 'connected'
  const cls = ok
    ? 'bg-emerald-50 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300'
    : conn.state === 'offline'
      ? 'bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-300'
      : 'bg-amber-50 text-amber-800 dark:bg-amber-950 dark:text-amber-300'
  const Icon = ok ? Wifi : WifiOff
  return (
    <span className="flex items-center gap-1">
      <span
        data-testid="connection"
        data-state={conn.state}
        role="status"
        title={connectionText(conn)}
        className={`inline-flex items-center gap-1 rounded-full px-2.5 py-1 text-xs font-medium whitespace-nowrap ${cls}`}
      >
        <Icon className="size-3.5" aria-hidden="true" />
        {/* Narrow screens keep the icon and the save state; the words are in the title. */}
        <span className="sr-only sm:not-sr-only">{connectionText(conn)}</span>
        <span data-testid="save-state" className="font-normal opacity-80">
          {pending > 0 ? ' · saving…' : ' · saved'}
        </span>
      </span>
      {conn.state === 'offline' && (
        <button type="button" onClick={onRetry} className="rounded px-1 text-xs underline" aria-label="Try to reconnect now">
          Retry
        </button>
      )}
    </span>
  )
}

/**
 * Says, in words, what a lost connection means for the candidate's work:
 * the pill alone is easy to miss while typing.
 */
export function ConnectionBanner({ conn, pending, onRetry }: { conn: Connection; pending: number; onRetry: () => void }) {
  if (conn.state !== 'reconnecting' && conn.state !== 'offline') return null
  const offline = conn.state === 'offline'
  const kept = pending > 0 ? 'your latest edits are kept in this browser and sent as soon as the connection is back.' : 'everything you wrote so far is saved.'
  return (
    <div
      data-testid="connection-banner"
      role="status"
      className={
        'flex items-center gap-2 border-b px-3 py-1.5 text-sm ' +
        (offline
          ? 'border-red-200 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950/60 dark:text-red-200'
          : 'border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950/60 dark:text-amber-200')
      }
    >
      <WifiOff className="size-4 shrink-0" aria-hidden="true" />
      <span className="min-w-0">
        <span className="font-semibold">{offline ? 'You are offline.' : 'Connection lost — reconnecting.'}</span> Keep coding: {kept}
        {offline && ' The interview clock keeps running on the server.'}
      </span>
      {offline && (
        <button type="button" onClick={onRetry} className="ml-auto shrink-0 rounded font-semibold underline">
          Reconnect now
        </button>
      )}
    </div>
  )
}

const SHORTCUTS: [string, string][] = [
  ['Ctrl / ⌘ + Enter', 'Run the examples'],
  ['Ctrl / ⌘ + Shift + Enter', 'Submit (asks first)'],
  ['M (outside the editor)', 'Mute or unmute the microphone (voice)'],
  ['Hold Ctrl + Space', 'Push to talk (voice, when chosen)'],
  ['?', 'Show or hide this list'],
  ['Escape', 'Close a dialog or this list'],
  ['F1 (in the editor)', "Monaco's command palette"],
]

export function ShortcutsButton({ open, setOpen }: { open: boolean; setOpen: (o: boolean) => void }) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!open) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false)
    }
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false)
    }
    document.addEventListener('keydown', onKey)
    document.addEventListener('mousedown', onDown)
    return () => {
      document.removeEventListener('keydown', onKey)
      document.removeEventListener('mousedown', onDown)
    }
  }, [open, setOpen])
  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        aria-label="Keyboard shortcuts"
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => setOpen(!open)}
        className="inline-flex size-8 items-center justify-center rounded-lg text-sm font-semibold text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
      >
        ?
      </button>
      {open && (
        <div role="dialog" aria-label="Keyboard shortcuts" className="absolute top-10 right-0 z-40 w-[26rem] rounded-xl border border-zinc-200 bg-white p-4 text-sm shadow-lg dark:border-zinc-800 dark:bg-zinc-900">
          <div className="flex items-center justify-between">
            <h2 className="flex items-center gap-2 font-semibold">
              <Keyboard className="size-4" aria-hidden="true" /> Keyboard shortcuts
            </h2>
            <button type="button" aria-label="Close shortcuts" onClick={() => setOpen(false)} className="rounded p-1 hover:bg-zinc-100 dark:hover:bg-zinc-800">
              <X className="size-4" aria-hidden="true" />
            </button>
          </div>
          <dl className="mt-3 space-y-1.5">
            {SHORTCUTS.map(([k, v]) => (
              <div key={k} className="flex justify-between gap-3">
                <dt>
                  <kbd className="rounded border border-zinc-300 px-1.5 py-0.5 font-mono text-xs whitespace-nowrap dark:border-zinc-700">{k}</kbd>
                </dt>
                <dd className="text-zinc-600 dark:text-zinc-400">{v}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </div>
  )
}

const SPEAKER: Record<string, string> = { interviewer: 'Interviewer', candidate: 'You', system: 'mockroom' }

/** Whether a line was said aloud: the socket's entry says so, a line read over REST in its metadata. */
export function spoken(l: TranscriptLine): boolean {
  const meta = (l as TranscriptLine & { metadata?: { voice?: boolean } | null }).metadata
  return l.voice === true || meta?.voice === true
}

/** The conversation; the unsent draft is the room's, so a reload keeps it. */
export function Conversation({
  lines,
  onSend,
  disabled,
  draft: text,
  onDraft: setText,
  streaming,
  phase,
}: {
  lines: TranscriptLine[]
  onSend: (text: string) => void
  disabled?: boolean
  draft: string
  onDraft: (text: string) => void
  /** The interviewer's reply as it streams in (a typing bubble). */
  streaming?: string | null
  /** The interview's current phase, shown discreetly. */
  phase?: string | null
}) {
  const end = useRef<HTMLLIElement>(null)
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' })
  }, [lines.length, streaming])
  const send = () => {
    const t = text.trim()
    if (!t) return
    onSend(t)
    setText('')
  }
  return (
    <div className="flex h-full min-h-0 flex-col">
      {phase && (
        <p data-testid="interview-phase" className="shrink-0 px-4 pt-2 text-xs text-zinc-500 dark:text-zinc-400">
          Phase: {phase}
        </p>
      )}
      <ol aria-label="Conversation" aria-live="polite" className="min-h-0 flex-1 space-y-3 overflow-auto p-4">
        {lines.length === 0 && <li className="text-sm text-zinc-600 dark:text-zinc-400">The interviewer's messages and your hints appear here.</li>}
        {lines.map((l) => (
          <li key={l.id} data-testid="transcript-line" data-speaker={l.speaker} data-seq={l.seq} data-voice={spoken(l) ? 'true' : undefined} className={l.speaker === 'candidate' ? 'ml-8' : 'mr-8'}>
            <div className="flex items-center gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">
              {SPEAKER[l.speaker] ?? l.speaker}
              {spoken(l) && (
                <span data-testid="spoken" title="Spoken" className="inline-flex">
                  <Mic className="size-3" aria-hidden="true" />
                  <span className="sr-only">(spoken)</span>
                </span>
              )}
            </div>
            <p
              className={
                'mt-0.5 rounded-lg px-3 py-2 text-sm whitespace-pre-wrap ' +
                (l.speaker === 'candidate' ? 'bg-indigo-50 dark:bg-indigo-950/60' : 'bg-zinc-100 dark:bg-zinc-800/70')
              }
            >
              {l.content}
            </p>
          </li>
        ))}
        {streaming && (
          <li data-testid="interviewer-typing" className="mr-8">
            <div className="text-xs font-medium text-zinc-600 dark:text-zinc-400">Interviewer is typing…</div>
            <p aria-live="polite" className="mt-0.5 rounded-lg bg-zinc-100 px-3 py-2 text-sm whitespace-pre-wrap opacity-80 dark:bg-zinc-800/70">
              {streaming}
            </p>
          </li>
        )}
        <li ref={end} aria-hidden="true" />
      </ol>
      <form
        className="flex shrink-0 gap-2 border-t border-zinc-200 p-3 dark:border-zinc-800"
        onSubmit={(e) => {
          e.preventDefault()
          send()
        }}
      >
        <label htmlFor="chat-input" className="sr-only">
          Message the interviewer
        </label>
        <textarea
          id="chat-input"
          rows={2}
          value={text}
          maxLength={MAX_CHAT_CHARS}
          disabled={disabled}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.metaKey) {
              e.preventDefault()
              send()
            }
          }}
          placeholder="Think out loud, ask a question… (Enter sends)"
          className="min-w-0 flex-1 resize-none rounded-lg border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950"
        />
        <button
          type="submit"
          aria-label="Send message"
          disabled={disabled || !text.trim()}
          className="inline-flex size-9 items-center justify-center self-end rounded-lg bg-indigo-600 text-white disabled:opacity-50"
        >
          <Send className="size-4" aria-hidden="true" />
        </button>
      </form>
    </div>
  )
}

/** A draggable, keyboard-operable divider between two panes. */
export function Splitter({
  orientation,
  label,
  value,
  min,
  max,
  onChange,
  toValue,
  className = '',
  invert = false,
}: {
  orientation: 'vertical' | 'horizontal'
  className?: string
  /** The pane it sizes is after it (to the right or below): the arrow keys swap. */
  invert?: boolean
  label: string
  value: number
  min: number
  max: number
  onChange: (v: number) => void
  /** Maps a pointer position to a value. */
  toValue: (e: PointerEvent) => number
}) {
  const clamp = (v: number) => Math.min(max, Math.max(min, v))
  const onPointerDown = (e: ReactPointerEvent) => {
    e.preventDefault()
    const move = (ev: PointerEvent) => {
      const v = toValue(ev)
      if (Number.isFinite(v)) onChange(clamp(v))
    }
    const up = () => {
      window.removeEventListener('pointermove', move)
      window.removeEventListener('pointerup', up)
      document.body.style.userSelect = ''
    }
    document.body.style.userSelect = 'none'
    window.addEventListener('pointermove', move)
    window.addEventListener('pointerup', up)
  }
  const onKeyDown = (e: ReactKeyboardEvent) => {
    const step = (max - min) / 20
    let dec = orientation === 'vertical' ? 'ArrowLeft' : 'ArrowUp'
    let inc = orientation === 'vertical' ? 'ArrowRight' : 'ArrowDown'
    if (invert) [dec, inc] = [inc, dec]
    if (e.key === dec) onChange(clamp(value - step))
    else if (e.key === inc) onChange(clamp(value + step))
    else return
    e.preventDefault()
  }
  return (
    <div
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-orientation={orientation}
      aria-valuenow={Math.round(value)}
      aria-valuemin={min}
      aria-valuemax={max}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      className={
        'shrink-0 bg-zinc-200 hover:bg-indigo-400 focus-visible:bg-indigo-500 dark:bg-zinc-800 ' +
        (orientation === 'vertical' ? 'w-1 cursor-col-resize ' : 'h-1 cursor-row-resize ') +
        className
      }
    />
  )
}
