// What the room keeps in this browser so that a reload restores it: the last
// run and submit results, the console tab, the custom input and an unsent
// chat draft (per session), and the pane sizes (for every session). The
// code itself is the server's (and the realtime client's unsent edits).
import type { Report, TranscriptLine } from './types'

export type ConsoleTab = 'tests' | 'output' | 'input'

export interface RoomState {
  run?: Report
  submit?: Report
  /** Which of the two the console shows. */
  shown: 'run' | 'submit'
  tab: ConsoleTab
  customInput: string
  draft: string
}

export const EMPTY_ROOM: RoomState = { shown: 'run', tab: 'tests', customInput: '', draft: '' }

export interface RoomLayout {
  /** Problem pane width, percent of the window (wide screens). */
  problemPct: number
  /** Conversation pane width, percent of the window (wide screens). */
  chatPct: number
  /** Results console height in px. */
  consolePx: number
}

export const DEFAULT_LAYOUT: RoomLayout = { problemPct: 30, chatPct: 24, consolePx: 240 }

export const LAYOUT_LIMITS = {
  problemPct: [18, 45],
  chatPct: [16, 40],
  consolePx: [120, 560],
} as const satisfies Record<keyof RoomLayout, readonly [number, number]>

const roomKey = (id: string) => `mockroom-room:${id}`
const LAYOUT_KEY = 'mockroom-room-layout'

function read(key: string): unknown {
  try {
    const raw = localStorage.getItem(key)
    return raw ? (JSON.parse(raw) as unknown) : null
  } catch {
    return null
  }
}

function write(key: string, v: unknown) {
  try {
    localStorage.setItem(key, JSON.stringify(v))
  } catch {
    // Full or private storage: the room works, a reload just forgets.
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isReport = (v: unknown): v is Report => isObj(v) && (v.mode === 'run' || v.mode === 'submit') && typeof v.status === 'string'

/** The session's saved room state; anything malformed falls back to the default. */
export function loadRoom(id: string): RoomState {
  const v = read(roomKey(id))
  if (!isObj(v)) return { ...EMPTY_ROOM }
  return {
    run: isReport(v.run) ? v.run : undefined,
    submit: isReport(v.submit) ? v.submit : undefined,
    shown: v.shown === 'submit' ? 'submit' : 'run',
    tab: v.tab === 'output' || v.tab === 'input' ? v.tab : 'tests',
    customInput: typeof v.customInput === 'string' ? v.customInput : '',
    draft: typeof v.draft === 'string' ? v.draft : '',
  }
}

export function saveRoom(id: string, s: RoomState) {
  write(roomKey(id), s)
}

/** Forgets a session's room state (it has ended). */
export function clearRoom(id: string) {
  try {
    localStorage.removeItem(roomKey(id))
  } catch {
    // nothing to forget
  }
}

const clamp = (v: number, [lo, hi]: readonly [number, number]) => Math.min(hi, Math.max(lo, v))

export function loadLayout(): RoomLayout {
  const v = read(LAYOUT_KEY)
  const out = { ...DEFAULT_LAYOUT }
  if (!isObj(v)) return out
  for (const k of Object.keys(DEFAULT_LAYOUT) as (keyof RoomLayout)[]) {
    const n = v[k]
    if (typeof n === 'number' && Number.isFinite(n)) out[k] = clamp(n, LAYOUT_LIMITS[k])
  }
  return out
}

export function saveLayout(l: RoomLayout) {
  write(LAYOUT_KEY, l)
}

/**
 * Merges conversation lines by id and orders them by the server's sequence.
 * A line without one (an older server) keeps its place after the numbered ones.
 */
export function mergeLines(a: TranscriptLine[], b: TranscriptLine[]): TranscriptLine[] {
  const byId = new Map<string, TranscriptLine>()
  for (const l of [...a, ...b]) byId.set(l.id, { ...byId.get(l.id), ...l })
  const seq = (l: TranscriptLine) => (l.seq && l.seq > 0 ? l.seq : Number.MAX_SAFE_INTEGER)
  return [...byId.values()].sort((x, y) => seq(x) - seq(y) || x.timestamp_ms - y.timestamp_ms)
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

/** Interviewer text being streamed into the room: a typing bubble. */
export interface Streaming {
  replyTo: string
  text: string
}

/**
 * The typing bubble after one interviewer.message frame: deltas append
 * (a new reply starts a new bubble), a final frame clears it; the finished
 * line then arrives as a transcript line, which clears it too.
 */
export function applyDelta(cur: Streaming | null, ev: { reply_to?: string; text: string; final: boolean }): Streaming | null {
  if (ev.final) return null
  const replyTo = ev.reply_to ?? ''
  if (!ev.text) return cur
  if (cur && cur.replyTo === replyTo) return { replyTo, text: cur.text + ev.text }
  return { replyTo, text: ev.text }
}

const PHASE_NAMES: Record<string, string> = {
  introduction: 'Introduction',
  clarifying: 'Clarifying questions',
  approach: 'Approach',
  coding: 'Coding',
  testing: 'Testing',
  complexity: 'Complexity',
  wrap_up: 'Wrap-up',
}

/**
 * The interview's current phase, from the latest interviewer line that
 * names one (realtime lines carry `phase`, lines read over REST carry it in
 * their metadata); null before the interviewer has said anything.
 */
export function currentPhase(lines: TranscriptLine[]): string | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i] as TranscriptLine & { metadata?: { phase?: string } }
    const p = l.phase || l.metadata?.phase
    if (l.speaker === 'interviewer' && p) return PHASE_NAMES[p] ?? null
  }
  return null
}
