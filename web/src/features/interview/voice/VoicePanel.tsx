// The voice panel above the conversation: the microphone button, what
// voice is doing, the input level, who speaks, mute, push to talk, the
// permission explainer, and the calm sentences when voice stops. It shows
// state only (useVoice has the logic), so every state is a component test.
// The data attributes are for the browser test and for support.
import { useEffect, useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react'
import { Mic, MicOff, Volume2 } from 'lucide-react'
import { isOn, type VoiceUI } from './voiceState'
import type { VoiceStats } from './useVoice'

export interface VoicePanelProps {
  state: VoiceUI
  stats: VoiceStats
  /** Push to talk is held. */
  talking: boolean
  onStart: () => void
  onConfirm: () => void
  onCancel: () => void
  onStop: () => void
  onMute: (muted: boolean) => void
  onPushToTalk: (on: boolean) => void
  onTalk: (down: boolean) => void
  /** The microphone's level, 50 times a second; returns the unsubscribe. */
  subscribeLevel: (f: (level: number) => void) => () => void
}

export const EXPLAINER = 'mockroom needs your microphone to hear you; audio goes only to this interview and is not recorded.'

export function statusText(s: VoiceUI, talking: boolean): string {
  switch (s.status) {
    case 'off':
    case 'denied':
      return 'Voice off'
    case 'explain':
    case 'requesting':
      return 'Waiting for the microphone…'
    case 'connecting':
      return 'Connecting voice…'
    case 'reconnecting':
      return 'Reconnecting voice…'
    case 'live':
      if (s.muted) return 'Live · muted'
      if (s.pushToTalk) return talking ? 'Live · listening' : 'Live · hold to talk'
      return 'Live · listening'
  }
}

/** Reasons after which trying again cannot help right now. */
const FINAL = new Set(['voice_unavailable', 'voice_limit', 'session_ended'])

const pill = 'inline-flex h-9 shrink-0 items-center gap-1.5 rounded-full px-3 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500'
const quiet = 'border border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800'

export function VoicePanel(p: VoicePanelProps) {
  const { state: s, stats } = p
  const on = isOn(s.status)
  const live = s.status === 'live'
  const ptt = (
    <label className="ml-auto inline-flex shrink-0 items-center gap-1.5 text-xs text-zinc-700 dark:text-zinc-300">
      <input type="checkbox" checked={s.pushToTalk} onChange={(e) => p.onPushToTalk(e.target.checked)} className="size-4 accent-indigo-600" />
      Push to talk
    </label>
  )
  const retry = !on && s.status !== 'explain' && s.status !== 'requesting' && !!s.message && !FINAL.has(s.reason ?? '')
  return (
    <section
      aria-label="Voice"
      data-testid="voice-panel"
      data-voice-status={s.status}
      data-played-ms={stats.playedMs}
      data-bargein-ms={stats.bargeInMs ?? ''}
      data-bargeins={stats.bargeIns}
      data-speaking={s.interviewerSpeaking ? 'true' : 'false'}
      data-fallback={s.fallback ? 'true' : 'false'}
      className="shrink-0 space-y-2 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800"
    >
      <div className="flex items-center gap-2">
        <button
          type="button"
          aria-pressed={on}
          aria-label={on ? 'Stop voice' : 'Start voice interview'}
          onClick={on ? p.onStop : s.status === 'explain' ? p.onCancel : p.onStart}
          disabled={s.status === 'requesting'}
          className={
            pill +
            ' disabled:opacity-60 ' +
            (on ? 'bg-indigo-600 text-white hover:bg-indigo-700 dark:bg-indigo-500 dark:hover:bg-indigo-400' : quiet)
          }
        >
          <Mic className="size-4" aria-hidden="true" />
          <span aria-hidden="true">{on ? 'Stop voice' : 'Voice'}</span>
        </button>
        <span role="status" data-testid="voice-status-text" className="min-w-0 flex-1 truncate text-xs text-zinc-600 dark:text-zinc-400">
          {statusText(s, p.talking)}
        </span>
        {!on && ptt}
        {on && (
          <button
            type="button"
            aria-pressed={s.muted}
            aria-label={s.muted ? 'Unmute microphone' : 'Mute microphone'}
            aria-keyshortcuts="M"
            title={s.muted ? 'Unmute (M)' : 'Mute (M)'}
            onClick={() => p.onMute(!s.muted)}
            className={pill + ' size-9 justify-center px-0 ' + (s.muted ? 'bg-red-600 text-white hover:bg-red-700' : quiet)}
          >
            {s.muted ? <MicOff className="size-4" aria-hidden="true" /> : <Mic className="size-4" aria-hidden="true" />}
          </button>
        )}
      </div>

      {on && (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <LevelMeter subscribe={p.subscribeLevel} muted={s.muted || (s.pushToTalk && !p.talking)} />
          {s.interviewerSpeaking && (
            <span data-testid="interviewer-speaking" className="inline-flex items-center gap-1 text-xs font-medium text-indigo-700 dark:text-indigo-300">
              <Volume2 className="size-4 motion-safe:animate-pulse" aria-hidden="true" />
              Interviewer speaking
            </span>
          )}
          {ptt}
        </div>
      )}

      {live && s.pushToTalk && <HoldToTalk talking={p.talking} disabled={s.muted} onTalk={p.onTalk} />}

      {s.status === 'explain' && (
        <div role="group" aria-labelledby="voice-explainer" className="rounded-lg border border-indigo-200 bg-indigo-50 p-3 text-sm text-indigo-950 dark:border-indigo-900 dark:bg-indigo-950/50 dark:text-indigo-100">
          <p id="voice-explainer">
            <span className="font-semibold">Talk with your interviewer.</span> {EXPLAINER} Your browser asks for permission next.
          </p>
          <div className="mt-2 flex gap-2">
            <button
              type="button"
              autoFocus
              onClick={p.onConfirm}
              className="rounded-lg bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 dark:bg-indigo-500"
            >
              Continue
            </button>
            <button type="button" onClick={p.onCancel} className="rounded-lg px-3 py-1.5 text-sm text-indigo-900 underline dark:text-indigo-200">
              Not now
            </button>
          </div>
        </div>
      )}

      {(s.status === 'off' || s.status === 'denied') && s.message && (
        <div
          data-testid="voice-message"
          role={s.status === 'denied' ? 'alert' : 'status'}
          className={
            'flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border px-3 py-2 text-sm ' +
            (s.status === 'denied'
              ? 'border-red-200 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950/60 dark:text-red-200'
              : 'border-zinc-200 bg-zinc-50 text-zinc-800 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-200')
          }
        >
          <span className="min-w-0 flex-1">{s.message}</span>
          {retry && (
            <button type="button" onClick={p.onStart} className="shrink-0 font-semibold underline">
              Try voice again
            </button>
          )}
        </div>
      )}

      {s.minutesLeft >= 0 && (on || s.reason === 'voice_limit') && (
        <p data-testid="voice-minutes" className="text-xs text-zinc-600 dark:text-zinc-400">
          {s.minutesLeft === 1 ? '1 voice minute' : `${s.minutesLeft} voice minutes`} left this month
        </p>
      )}
    </section>
  )
}

/** Hold to talk with the pointer, or Space/Enter while it has focus; Ctrl+Space works anywhere. */
function HoldToTalk({ talking, disabled, onTalk }: { talking: boolean; disabled: boolean; onTalk: (down: boolean) => void }) {
  const key = (down: boolean) => (e: ReactKeyboardEvent) => {
    if (e.key !== ' ' && e.key !== 'Enter') return
    e.preventDefault()
    if (down && e.repeat) return
    onTalk(down)
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        aria-pressed={talking}
        aria-keyshortcuts="Control+Space"
        disabled={disabled}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture?.(e.pointerId)
          onTalk(true)
        }}
        onPointerUp={() => onTalk(false)}
        onPointerCancel={() => onTalk(false)}
        onKeyDown={key(true)}
        onKeyUp={key(false)}
        onContextMenu={(e) => e.preventDefault()}
        className={
          'h-10 flex-1 rounded-lg px-4 text-sm font-semibold select-none touch-none disabled:opacity-60 sm:flex-none ' +
          (talking ? 'bg-emerald-600 text-white' : 'border border-zinc-300 bg-white text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100')
        }
      >
        {talking ? 'Talking… release to send' : 'Hold to talk'}
      </button>
      <span className="text-xs text-zinc-600 dark:text-zinc-400">
        or hold <kbd className="rounded border border-zinc-300 px-1 font-mono dark:border-zinc-700">Ctrl</kbd>+<kbd className="rounded border border-zinc-300 px-1 font-mono dark:border-zinc-700">Space</kbd>
      </span>
    </div>
  )
}

/** The input level, drawn outside React: 50 updates a second would re-render the room. */
function LevelMeter({ subscribe, muted }: { subscribe: VoicePanelProps['subscribeLevel']; muted: boolean }) {
  const bar = useRef<HTMLSpanElement>(null)
  const meter = useRef<HTMLSpanElement>(null)
  useEffect(
    () =>
      subscribe((level) => {
        // -60 dBFS (silence) to 0 dBFS (full scale).
        const pct = level > 0 ? Math.max(0, Math.min(100, ((20 * Math.log10(level) + 60) / 60) * 100)) : 0
        if (bar.current) bar.current.style.width = `${pct}%`
        meter.current?.setAttribute('aria-valuenow', String(Math.round(pct)))
      }),
    [subscribe],
  )
  return (
    <span
      ref={meter}
      role="meter"
      aria-label="Microphone level"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={0}
      data-testid="voice-level"
      className={'relative inline-block h-2 w-16 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700 ' + (muted ? 'opacity-40' : '')}
    >
      <span ref={bar} className="absolute inset-y-0 left-0 w-0 rounded-full bg-emerald-500 transition-[width] duration-75" />
    </span>
  )
}
