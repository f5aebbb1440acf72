// The interview room's WebSocket client: sequence-numbered frames kept in an
// outbox until the server acknowledges them as durable, resume after every
// reconnect, exponential backoff, and a REST fallback when the socket stays
// down. The outbox and the counter live in localStorage per session, so a
// reload or a crash never loses an edit. docs/realtime-protocol.md has the
// protocol; protocol.gen.ts its types.
import {
  CLOSE_SERVER_RESTART,
  CLOSE_SESSION_ENDED,
  CLOSE_UNAUTHORIZED,
  MAX_AUDIO_FRAME_BYTES,
  MAX_CODE_BYTES,
  MAX_MESSAGE_BYTES,
  SUBPROTOCOL,
  type ChatMessage,
  type CodeEdit,
  type Control,
  type CodeObservation,
  type ExecutionQueued,
  type ExecutionResult,
  type HintRequest,
  type InterviewerMessage,
  type Pong,
  type ResponseCancel,
  type ServerEvent,
  type SessionEnded,
  type SessionState,
  type TranscriptEntry,
  type VoiceActivity,
  type VoiceStart,
  type VoiceState,
} from './protocol.gen'

/** Delays before reconnect attempts 1..5; after the last one the REST fallback takes over. */
export const BACKOFF_MS: readonly number[] = [500, 1000, 2000, 4000, 8000]
/** While on the REST fallback, how often the socket is tried again. */
export const BACKGROUND_RETRY_MS = 30_000
/** While on the REST fallback, how often the timer is polled. */
export const POLL_MS = 5_000
/** Editor changes are sent as full text at most this often. */
export const EDIT_DEBOUNCE_MS = 300

export type Connection =
  | { state: 'connecting' }
  | { state: 'connected' }
  | { state: 'reconnecting'; attempt: number; max: number }
  | { state: 'offline' }
  | { state: 'ended' }
  | { state: 'closed' }

/** The client frames that carry a seq and wait for an ack. */
export type Outgoing = CodeEdit | ChatMessage | HintRequest

export interface TimerReading {
  remaining_ms: number
  server_time: number // unix ms
  ends_at: number // unix ms
}

export interface PollResult extends TimerReading {
  status: string
}

/** The voice frames: sent at once when the socket is up, never queued, never acked. */
export type VoiceFrame = VoiceStart | Control | ResponseCancel

/** Error codes about voice: the voice panel shows them, not the room's notice. */
export const VOICE_ERROR_CODES: ReadonlySet<string> = new Set(['voice_unavailable', 'voice_not_started', 'voice_busy', 'audio_frame_too_large', 'voice_limit'])

/** Microphone frames wait in the socket's buffer at most this much (about a second); more is dropped, not delayed. */
export const MAX_AUDIO_BACKLOG_BYTES = 48_000

/** The subset of the browser WebSocket the client uses (a fake in unit tests). */
export interface SocketLike {
  readonly readyState: number
  /** Bytes queued by send() and not yet on the network (absent in fakes). */
  readonly bufferedAmount?: number
  binaryType?: string
  send(data: string | ArrayBuffer): void
  close(code?: number, reason?: string): void
  onopen: ((ev: Event) => void) | null
  onmessage: ((ev: MessageEvent) => void) | null
  onclose: ((ev: CloseEvent) => void) | null
  onerror: ((ev: Event) => void) | null
}

export type SocketFactory = (url: string, protocols: string[]) => SocketLike

export interface RealtimeDeps {
  sessionId: string
  /** A fresh one-time token for every (re)connect: POST /api/realtime/token. */
  token: () => Promise<{ token: string; ws_url: string }>
  /** REST fallback: POST /api/sessions/{id}/code. */
  saveCode: (code: string, language: string) => Promise<void>
  /** REST fallback: POST /api/sessions/{id}/chat. */
  chat: (text: string) => Promise<void>
  /** REST fallback: GET /api/sessions/{id}, reduced to the clock and status. */
  poll: () => Promise<PollResult>
  socket?: SocketFactory
  storage?: Storage | null
  backoffMs?: readonly number[]
  backgroundRetryMs?: number
  pollMs?: number
  debounceMs?: number
}

export interface RealtimeHandlers {
  connection?: (c: Connection) => void
  state?: (s: SessionState) => void
  timer?: (t: TimerReading) => void
  transcript?: (e: TranscriptEntry) => void
  /** Interviewer text while it is produced: deltas, then a final frame with no text. */
  interviewer?: (e: InterviewerMessage) => void
  execution?: (e: ExecutionResult) => void
  /** A run or submit waits for the judge: how many are ahead, or that it runs now. */
  queued?: (e: ExecutionQueued) => void
  /** The code observer's finding on the code the candidate paused on: editor markers and a quiet note. */
  observation?: (o: CodeObservation) => void
  ended?: (e: { reason: string }) => void
  /** A calm message for the person; seq names the refused frame when there was one. */
  error?: (e: { code: string; message: string; seq?: number }) => void
  /** How many frames wait for an ack (0 = everything is saved). */
  pending?: (n: number) => void
}

/** The spoken interview's frames (useVoice sets them; the room's handlers stay). */
export interface VoiceHandlers {
  state?: (s: VoiceState) => void
  activity?: (a: VoiceActivity) => void
  /** Interviewer voice: PCM16 LE mono at voice.state's output_rate. */
  audio?: (pcm: ArrayBuffer) => void
  pong?: (p: Pong) => void
  /** An error about voice (VOICE_ERROR_CODES); the room's error handler does not see it. */
  error?: (e: { code: string; message: string }) => void
  /** The socket is up again and resumed (a voice call waits for its room to come back). */
  resumed?: () => void
}

interface Persisted {
  seq: number
  outbox: Outgoing[]
}

// Refusals that a re-send cannot fix: the frame is dropped from the outbox.
const FINAL_ERRORS = new Set([
  'code_too_large',
  'message_too_long',
  'invalid_payload',
  'invalid_field',
  'language_mismatch',
  'no_more_hints',
  'voice_unavailable',
  'invalid_event_type',
  'invalid_text',
  'invalid_seq',
  'conversation_full',
])

const OPEN = 1

export const storageKey = (sessionId: string) => `mockroom.rt.${sessionId}`

export function byteLength(s: string): number {
  return new TextEncoder().encode(s).length
}

function defaultStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}

/**
 * The socket on the page's own host, keeping the server's path. The server
 * builds wsUrl from its configured BASE_URL; a person who opened the app by
 * another name (127.0.0.1 instead of localhost, a LAN address) would
 * otherwise be refused by the CSP (connect-src 'self') and never connect.
 */
export function sameOriginSocketURL(wsUrl: string, here: { protocol: string; host: string } | null = globalThis.location ?? null): string {
  if (!here?.host || !/^https?:$/.test(here.protocol)) return wsUrl
  let u: URL
  try {
    u = new URL(wsUrl, `${here.protocol}//${here.host}`)
  } catch {
    return wsUrl
  }
  return `${here.protocol === 'https:' ? 'wss' : 'ws'}://${here.host}${u.pathname}${u.search}`
}

const defaultSocket: SocketFactory = (url, protocols) => new WebSocket(url, protocols) as unknown as SocketLike

/** Whether a message event's data is a binary frame (interviewer audio). */
const isBinary = (d: unknown): d is ArrayBuffer => d instanceof ArrayBuffer || Object.prototype.toString.call(d) === '[object ArrayBuffer]'

export class RealtimeClient {
  private readonly deps: Required<Omit<RealtimeDeps, 'storage'>> & { storage: Storage | null }
  private on: RealtimeHandlers
  private voice: VoiceHandlers = {}
  private seq = 0
  private lastAcked = 0
  private outbox: Outgoing[] = []
  private ws: SocketLike | null = null
  private conn: Connection = { state: 'connecting' }
  private resumed = false
  private attempts = 0
  private retriedUnauthorized = false
  private stopped = false
  private generation = 0
  private retryTimer: ReturnType<typeof setTimeout> | undefined
  private pollTimer: ReturnType<typeof setInterval> | undefined
  private editTimer: ReturnType<typeof setTimeout> | undefined
  private pendingEdit: { code: string; language: string } | null = null
  private restSaving = false
  private restSavedSeq = 0
  private onOnline = () => {
    if (this.conn.state === 'offline') this.connectNow()
  }

  constructor(deps: RealtimeDeps, handlers: RealtimeHandlers = {}) {
    this.deps = {
      socket: defaultSocket,
      backoffMs: BACKOFF_MS,
      backgroundRetryMs: BACKGROUND_RETRY_MS,
      pollMs: POLL_MS,
      debounceMs: EDIT_DEBOUNCE_MS,
      ...deps,
      storage: deps.storage === undefined ? defaultStorage() : deps.storage,
    }
    this.on = handlers
    this.load()
  }

  // ---- public API ----

  /** The newest edit the server has not acknowledged, if any: a reload restores it over the server's code. */
  unsavedCode(serverLastAcked: number): { code: string; language: string } | null {
    for (let i = this.outbox.length - 1; i >= 0; i--) {
      const f = this.outbox[i]!
      if (f.type === 'code_edit' && f.seq > serverLastAcked) return { code: f.code, language: f.language }
    }
    return null
  }

  /** Replaces the event handlers (a React effect sets them once the room is mounted). */
  setHandlers(h: RealtimeHandlers) {
    this.on = h
  }

  /** Replaces the voice handlers ({} to stop listening). */
  setVoiceHandlers(h: VoiceHandlers) {
    this.voice = h
  }

  /** Sends a voice frame now; false when the socket is not up (nothing is kept for later). */
  sendVoice(frame: VoiceFrame): boolean {
    if (!this.isLive()) return false
    try {
      this.ws!.send(JSON.stringify(frame))
      return true
    } catch {
      return false
    }
  }

  /** Sends one microphone frame (PCM16 LE); false when it was dropped (socket down or backed up). */
  sendAudio(pcm: ArrayBuffer): boolean {
    if (!this.isLive() || pcm.byteLength > MAX_AUDIO_FRAME_BYTES || (this.ws!.bufferedAmount ?? 0) > MAX_AUDIO_BACKLOG_BYTES) return false
    try {
      this.ws!.send(pcm)
      return true
    } catch {
      return false
    }
  }

  /** Opens the socket; serverLastAcked comes from GET /api/sessions/{id}. */
  start(serverLastAcked: number) {
    this.stopped = false
    this.acknowledge(serverLastAcked)
    if (typeof window !== 'undefined') window.addEventListener('online', this.onOnline)
    this.connectNow()
  }

  /** Stops everything; frames not yet acknowledged stay in localStorage. */
  close() {
    this.flush()
    this.stopped = true
    this.clearTimers()
    if (typeof window !== 'undefined') window.removeEventListener('online', this.onOnline)
    const ws = this.ws
    this.ws = null
    if (ws) {
      ws.onclose = null
      ws.onmessage = null
      ws.close(1000, 'room closed')
    }
    if (this.conn.state !== 'ended') this.setConn({ state: 'closed' })
  }

  get connection(): Connection {
    return this.conn
  }

  get pending(): number {
    return this.outbox.length + (this.pendingEdit ? 1 : 0)
  }

  /** The full editor text, debounced. */
  editCode(code: string, language: string) {
    this.pendingEdit = { code, language }
    clearTimeout(this.editTimer)
    this.editTimer = setTimeout(() => this.flush(), this.deps.debounceMs)
    this.on.pending?.(this.pending)
  }

  /** Sends a debounced edit at once (before Run, Submit, End, unload). */
  flush() {
    clearTimeout(this.editTimer)
    this.editTimer = undefined
    const e = this.pendingEdit
    if (!e) return
    this.pendingEdit = null
    if (byteLength(e.code) > MAX_CODE_BYTES) {
      this.on.error?.({ code: 'code_too_large', message: 'Your code is larger than 50 KiB, so it is not being saved. Trim it to keep saving.' })
      this.on.pending?.(this.pending)
      return
    }
    this.enqueue({ type: 'code_edit', seq: 0, language: e.language, code: e.code })
  }

  /** Forgets edits not yet saved (after a language switch reset the code on the server). */
  dropCode() {
    clearTimeout(this.editTimer)
    this.pendingEdit = null
    this.outbox = this.outbox.filter((f) => f.type !== 'code_edit')
    this.persist()
  }

  sendChat(text: string) {
    this.enqueue({ type: 'chat_message', seq: 0, text })
  }

  requestHint() {
    this.enqueue({ type: 'hint_request', seq: 0 })
  }

  /** Tries the socket now (the "Reconnect" button, the browser's online event). */
  connectNow() {
    if (this.stopped || this.conn.state === 'ended') return
    clearTimeout(this.retryTimer)
    void this.connect()
  }

  // ---- outbox ----

  private load() {
    try {
      const raw = this.deps.storage?.getItem(storageKey(this.deps.sessionId))
      if (!raw) return
      const p = JSON.parse(raw) as Persisted
      if (typeof p.seq === 'number' && p.seq >= 0) this.seq = p.seq
      if (Array.isArray(p.outbox)) this.outbox = p.outbox.filter((f) => f && typeof f.seq === 'number' && typeof f.type === 'string')
    } catch {
      // A damaged entry is dropped; the server's copy stands.
    }
  }

  private persist() {
    try {
      const key = storageKey(this.deps.sessionId)
      if (this.outbox.length === 0 && this.seq === 0) this.deps.storage?.removeItem(key)
      else this.deps.storage?.setItem(key, JSON.stringify({ seq: this.seq, outbox: this.outbox } satisfies Persisted))
    } catch {
      // Storage full or blocked: the socket still carries the frames.
    }
    this.on.pending?.(this.pending)
  }

  private enqueue(frame: Outgoing) {
    this.seq += 1
    frame.seq = this.seq
    // The newest code_edit carries the full text, so older unsent ones are redundant.
    if (frame.type === 'code_edit') this.outbox = this.outbox.filter((f) => f.type !== 'code_edit')
    this.outbox.push(frame)
    this.persist()
    if (this.isLive()) this.sendFrame(frame)
    else if (this.conn.state === 'offline') void this.restFlush()
  }

  /** Frames up to seq are durable: drop them. */
  private acknowledge(seq: number) {
    if (seq > this.lastAcked) this.lastAcked = seq
    if (this.seq < this.lastAcked) this.seq = this.lastAcked
    const before = this.outbox.length
    this.outbox = this.outbox.filter((f) => f.seq > this.lastAcked)
    if (before !== this.outbox.length || this.outbox.length === 0) this.persist()
  }

  private isLive() {
    return this.ws !== null && this.resumed && this.ws.readyState === OPEN
  }

  private sendFrame(frame: Outgoing | { type: 'resume'; last_acked_seq: number }) {
    const data = JSON.stringify(frame)
    if (byteLength(data) > MAX_MESSAGE_BYTES) {
      // The server would close the socket (1009); refuse here instead.
      if ('seq' in frame) this.outbox = this.outbox.filter((f) => f.seq !== frame.seq)
      this.persist()
      this.on.error?.({ code: 'too_large', message: 'That is too large to send (64 KiB at most).' })
      return
    }
    try {
      this.ws?.send(data)
    } catch {
      // The close handler takes it from here; the frame stays in the outbox.
    }
  }

  // ---- socket ----

  private setConn(c: Connection) {
    this.conn = c
    this.on.connection?.(c)
  }

  private async connect() {
    const gen = ++this.generation
    if (this.ws) {
      const old = this.ws
      this.ws = null
      old.onclose = null
      old.onmessage = null
      old.close(1000, 'reconnecting')
    }
    this.resumed = false
    if (this.conn.state === 'connected' || this.conn.state === 'closed') this.setConn({ state: 'connecting' })
    let t: { token: string; ws_url: string }
    try {
      t = await this.deps.token()
    } catch (err) {
      if (gen !== this.generation || this.stopped) return
      const code = (err as { code?: string }).code
      if (code === 'session_ended') {
        this.end('already_ended')
        return
      }
      this.failed()
      return
    }
    if (gen !== this.generation || this.stopped) return
    let ws: SocketLike
    try {
      ws = this.deps.socket(sameOriginSocketURL(t.ws_url), [SUBPROTOCOL, t.token])
    } catch {
      this.failed()
      return
    }
    this.ws = ws
    ws.binaryType = 'arraybuffer'
    ws.onopen = () => this.sendFrame({ type: 'resume', last_acked_seq: this.lastAcked })
    ws.onmessage = (ev) => this.receive(ev.data)
    ws.onerror = () => {}
    ws.onclose = (ev) => {
      if (this.ws !== ws) return
      this.ws = null
      this.closed(ev.code)
    }
  }

  private closed(code: number) {
    const wasLive = this.resumed
    this.resumed = false
    if (this.stopped || this.conn.state === 'ended') return
    if (code === CLOSE_SESSION_ENDED) {
      this.end('ended')
      return
    }
    if (code === CLOSE_UNAUTHORIZED && !this.retriedUnauthorized) {
      // A token problem (expired while waiting, used twice): one fresh try.
      this.retriedUnauthorized = true
      void this.connect()
      return
    }
    if (code === 1009) {
      this.on.error?.({ code: 'too_large', message: 'The server refused a message that was too large; reconnecting.' })
    }
    if (wasLive || code === CLOSE_SERVER_RESTART) this.attempts = 0
    this.failed()
  }

  /** An attempt failed or a live socket dropped: back off, or fall back to REST. */
  private failed() {
    if (this.stopped || this.conn.state === 'ended') return
    if (this.conn.state === 'offline') {
      this.retryTimer = setTimeout(() => this.connectNow(), this.deps.backgroundRetryMs)
      return
    }
    const max = this.deps.backoffMs.length
    if (this.attempts >= max) {
      this.goOffline()
      return
    }
    const delay = this.deps.backoffMs[this.attempts]!
    this.attempts += 1
    this.setConn({ state: 'reconnecting', attempt: this.attempts, max })
    clearTimeout(this.retryTimer)
    this.retryTimer = setTimeout(() => void this.connect(), delay)
  }

  private goOffline() {
    this.setConn({ state: 'offline' })
    void this.restFlush()
    void this.pollOnce()
    clearInterval(this.pollTimer)
    this.pollTimer = setInterval(() => void this.pollOnce(), this.deps.pollMs)
    clearTimeout(this.retryTimer)
    this.retryTimer = setTimeout(() => this.connectNow(), this.deps.backgroundRetryMs)
  }

  private async pollOnce() {
    try {
      const p = await this.deps.poll()
      if (this.stopped || this.conn.state !== 'offline') return
      this.on.timer?.(p)
      if (p.status !== 'active') this.end('ended')
    } catch {
      // Still offline; the pill already says so.
    }
  }

  /** On the REST fallback: save the newest code, post waiting chat lines. */
  private async restFlush() {
    if (this.restSaving) return
    this.restSaving = true
    try {
      while (this.conn.state === 'offline' && !this.stopped) {
        const code = [...this.outbox].reverse().find((f): f is CodeEdit => f.type === 'code_edit')
        const chat = this.outbox.find((f): f is ChatMessage => f.type === 'chat_message')
        if (chat) {
          await this.deps.chat(chat.text)
          // Posted over REST: it must not be re-sent when the socket returns.
          this.outbox = this.outbox.filter((f) => f !== chat)
          this.persist()
          continue
        }
        if (code && code.seq > this.restSavedSeq) {
          await this.deps.saveCode(code.code, code.language)
          // Kept in the outbox: the socket re-sends the same text once it is back, which is harmless.
          this.restSavedSeq = code.seq
          continue
        }
        break
      }
    } catch (err) {
      const e = err as { code?: string; message?: string }
      if (e.code && e.code !== 'network' && FINAL_ERRORS.has(e.code)) {
        this.on.error?.({ code: e.code, message: e.message ?? 'That was refused.' })
      }
    } finally {
      this.restSaving = false
    }
  }

  private receive(data: unknown) {
    if (isBinary(data)) {
      this.voice.audio?.(data)
      return
    }
    let ev: ServerEvent
    try {
      ev = JSON.parse(String(data)) as ServerEvent
    } catch {
      return
    }
    switch (ev.type) {
      case 'session_state':
        this.resumed = true
        this.attempts = 0
        this.retriedUnauthorized = false
        clearInterval(this.pollTimer)
        clearTimeout(this.retryTimer)
        this.acknowledge(ev.last_acked_seq)
        this.setConn({ state: 'connected' })
        this.on.state?.(ev)
        this.on.timer?.(ev)
        // Re-send, in order, whatever the server has not made durable.
        for (const f of this.outbox) this.sendFrame(f)
        this.voice.resumed?.()
        break
      case 'ack':
        this.acknowledge(ev.seq)
        break
      case 'timer':
        this.on.timer?.(ev)
        break
      case 'transcript':
        this.on.transcript?.(ev.entry)
        break
      case 'interviewer.message':
        this.on.interviewer?.(ev)
        break
      case 'execution_result':
        this.on.execution?.(ev)
        break
      case 'execution_queued':
        this.on.queued?.(ev)
        break
      case 'observation':
        this.on.observation?.(ev.analysis)
        break
      case 'voice.state':
        this.voice.state?.(ev)
        break
      case 'voice.activity':
        this.voice.activity?.(ev)
        break
      case 'session.pong':
        this.voice.pong?.(ev)
        break
      case 'session_ended':
        this.end((ev as SessionEnded).reason)
        break
      case 'error': {
        if (ev.seq && FINAL_ERRORS.has(ev.code)) {
          this.outbox = this.outbox.filter((f) => f.seq !== ev.seq)
          this.persist()
        }
        if (ev.code === 'rate_limited') {
          // The server dropped a frame without reading it: re-send what waits, a little later.
          clearTimeout(this.retryTimer)
          this.retryTimer = setTimeout(() => {
            if (this.isLive()) for (const f of this.outbox) this.sendFrame(f)
          }, 1000)
        }
        if (VOICE_ERROR_CODES.has(ev.code) && this.voice.error) this.voice.error({ code: ev.code, message: ev.message })
        else this.on.error?.({ code: ev.code, message: ev.message, ...(ev.seq ? { seq: ev.seq } : {}) })
        break
      }
      default:
        break
    }
  }

  private end(reason: string) {
    if (this.conn.state === 'ended') return
    this.clearTimers()
    this.setConn({ state: 'ended' })
    // Nothing more can be saved; keep the browser's storage tidy.
    this.outbox = []
    this.pendingEdit = null
    try {
      this.deps.storage?.removeItem(storageKey(this.deps.sessionId))
    } catch {
      // ignore
    }
    this.on.ended?.({ reason })
  }

  private clearTimers() {
    clearTimeout(this.retryTimer)
    clearInterval(this.pollTimer)
    clearTimeout(this.editTimer)
  }
}
