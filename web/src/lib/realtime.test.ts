import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { BACKGROUND_RETRY_MS, BACKOFF_MS, RealtimeClient, sameOriginSocketURL, storageKey, type Connection, type RealtimeDeps, type SocketLike } from './realtime'
import { SUBPROTOCOL } from './protocol.gen'

// A stand-in for the browser WebSocket: the test plays the server.
class FakeSocket implements SocketLike {
  readyState = 0
  sent: Record<string, unknown>[] = []
  closedWith: number | undefined
  onopen: ((ev: Event) => void) | null = null
  onmessage: ((ev: MessageEvent) => void) | null = null
  onclose: ((ev: CloseEvent) => void) | null = null
  onerror: ((ev: Event) => void) | null = null
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {}
  binaryType = 'blob'
  bufferedAmount = 0
  binary: ArrayBuffer[] = []
  send(data: string | ArrayBuffer) {
    if (this.readyState !== 1) throw new Error('not open')
    if (typeof data === 'string') this.sent.push(JSON.parse(data) as Record<string, unknown>)
    else this.binary.push(data)
  }
  close(code = 1000) {
    this.closedWith = code
    this.readyState = 3
  }
  // server side
  open() {
    this.readyState = 1
    this.onopen?.(new Event('open'))
  }
  push(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) } as MessageEvent)
  }
  pushBinary(data: ArrayBuffer) {
    this.onmessage?.({ data } as MessageEvent)
  }
  drop(code = 1006) {
    this.readyState = 3
    this.onclose?.({ code } as CloseEvent)
  }
  types() {
    return this.sent.map((f) => f.type)
  }
}

const SID = 's1'

function state(lastAcked: number, extra: Record<string, unknown> = {}) {
  return {
    type: 'session_state',
    session_id: SID,
    status: 'active',
    last_acked_seq: lastAcked,
    code: 'server code',
    language: 'python',
    hints_used: 0,
    hints_total: 3,
    remaining_ms: 60_000,
    server_time: 1_000,
    ends_at: 61_000,
    ...extra,
  }
}

function setup(overrides: Partial<RealtimeDeps> = {}) {
  const sockets: FakeSocket[] = []
  const conns: Connection[] = []
  const errors: string[] = []
  let tokens = 0
  const deps: RealtimeDeps = {
    sessionId: SID,
    token: vi.fn(async () => ({ token: `mrt.t${++tokens}`, ws_url: 'ws://x/ws' })),
    saveCode: vi.fn(async () => {}),
    chat: vi.fn(async () => {}),
    poll: vi.fn(async () => ({ remaining_ms: 50_000, server_time: 2_000, ends_at: 52_000, status: 'active' })),
    socket: (url, protocols) => {
      const s = new FakeSocket(url, protocols)
      sockets.push(s)
      return s
    },
    storage: localStorage,
    ...overrides,
  }
  const client = new RealtimeClient(deps, {
    connection: (c) => conns.push(c),
    error: (e) => errors.push(e.code),
  })
  const last = () => sockets[sockets.length - 1]!
  return { client, deps, sockets, conns, errors, last }
}

/** Lets the token promise resolve and the socket be created. */
const tick = () => vi.advanceTimersByTimeAsync(0)

async function connected(t: ReturnType<typeof setup>, lastAcked = 0) {
  await tick()
  t.last().open()
  t.last().push(state(lastAcked))
}

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('RealtimeClient', () => {
  it('offers the subprotocol and a fresh token, and resumes right after open', async () => {
    const t = setup()
    t.client.start(4)
    await tick()
    expect(t.last().protocols).toEqual([SUBPROTOCOL, 'mrt.t1'])
    t.last().open()
    expect(t.last().sent).toEqual([{ type: 'resume', last_acked_seq: 4 }])
    t.last().push(state(4))
    expect(t.client.connection).toEqual({ state: 'connected' })
  })

  it('debounces edits, numbers them after the last acked seq, and forgets them once acked', async () => {
    const t = setup()
    t.client.start(7)
    await connected(t, 7)
    t.client.editCode('a', 'python')
    t.client.editCode('ab', 'python')
    await vi.advanceTimersByTimeAsync(299)
    expect(t.last().types()).toEqual(['resume'])
    await vi.advanceTimersByTimeAsync(1)
    expect(t.last().sent[1]).toEqual({ type: 'code_edit', seq: 8, language: 'python', code: 'ab' })
    expect(JSON.parse(localStorage.getItem(storageKey(SID))!).outbox).toHaveLength(1)
    t.last().push({ type: 'ack', seq: 8 })
    expect(t.client.pending).toBe(0)
    expect(JSON.parse(localStorage.getItem(storageKey(SID))!)).toEqual({ seq: 8, outbox: [] })
  })

  it('keeps unacked frames across a reload and re-sends only those after the server last_acked_seq', async () => {
    const a = setup()
    a.client.start(0)
    await connected(a, 0)
    a.client.sendChat('hello') // seq 1
    a.client.editCode('v1', 'python')
    a.client.flush() // seq 2
    a.client.editCode('v2', 'python')
    a.client.flush() // seq 3 replaces seq 2 in the outbox
    a.client.close() // the tab goes away with nothing acked

    const b = setup()
    expect(b.client.unsavedCode(0)).toEqual({ code: 'v2', language: 'python' })
    expect(b.client.unsavedCode(3)).toBeNull()
    b.client.start(0)
    await tick()
    b.last().open()
    // The server made the chat (seq 1) durable before the old tab closed.
    b.last().push(state(1))
    expect(b.last().sent.slice(1)).toEqual([{ type: 'code_edit', seq: 3, language: 'python', code: 'v2' }])
    b.client.editCode('v3', 'python')
    b.client.flush()
    expect(b.last().sent.at(-1)).toMatchObject({ type: 'code_edit', seq: 4, code: 'v3' })
  })

  it('takes the server counter when it is ahead of the stored one', async () => {
    const t = setup()
    t.client.start(0)
    await connected(t, 41) // another tab sent 41 frames
    t.client.sendChat('hi')
    expect(t.last().sent.at(-1)).toEqual({ type: 'chat_message', seq: 42, text: 'hi' })
  })

  it('backs off 0.5, 1, 2, 4, 8 s, then saves and polls over REST and retries the socket every 30 s', async () => {
    const t = setup()
    t.client.start(0)
    await connected(t, 0)
    t.client.editCode('while down', 'python')
    await vi.advanceTimersByTimeAsync(300) // sent, never acked
    t.last().drop()

    for (let i = 0; i < BACKOFF_MS.length; i++) {
      expect(t.client.connection).toEqual({ state: 'reconnecting', attempt: i + 1, max: 5 })
      const before = t.sockets.length
      await vi.advanceTimersByTimeAsync(BACKOFF_MS[i]! - 1)
      expect(t.sockets.length).toBe(before)
      await vi.advanceTimersByTimeAsync(1)
      expect(t.sockets.length).toBe(before + 1)
      t.last().drop()
    }
    expect(t.client.connection).toEqual({ state: 'offline' })
    await tick()
    expect(t.deps.saveCode).toHaveBeenCalledWith('while down', 'python')
    expect(t.deps.poll).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(5000)
    expect(t.deps.poll).toHaveBeenCalledTimes(2)

    // Offline edits go over REST.
    t.client.editCode('still down', 'python')
    await vi.advanceTimersByTimeAsync(300)
    expect(t.deps.saveCode).toHaveBeenLastCalledWith('still down', 'python')

    const sockets = t.sockets.length
    await vi.advanceTimersByTimeAsync(BACKGROUND_RETRY_MS - 5300)
    expect(t.sockets.length).toBe(sockets + 1)
    t.last().open()
    t.last().push(state(0))
    expect(t.client.connection).toEqual({ state: 'connected' })
    // The newest text is re-sent over the socket so the seq catches up.
    expect(t.last().sent.at(-1)).toMatchObject({ type: 'code_edit', code: 'still down' })
    const polls = vi.mocked(t.deps.poll).mock.calls.length
    await vi.advanceTimersByTimeAsync(20_000)
    expect(vi.mocked(t.deps.poll).mock.calls.length).toBe(polls)
  })

  it('starts over from attempt 1 after a reconnect succeeded', async () => {
    const t = setup()
    t.client.start(0)
    await connected(t, 0)
    t.last().drop()
    await vi.advanceTimersByTimeAsync(500)
    t.last().drop()
    expect(t.client.connection).toMatchObject({ attempt: 2 })
    await vi.advanceTimersByTimeAsync(1000)
    t.last().open()
    t.last().push(state(0))
    t.last().drop()
    expect(t.client.connection).toEqual({ state: 'reconnecting', attempt: 1, max: 5 })
  })

  it('counts a failed token request as a failed attempt', async () => {
    const t = setup({ token: vi.fn(async () => Promise.reject(Object.assign(new Error('x'), { code: 'network' }))) })
    t.client.start(0)
    await tick()
    expect(t.client.connection).toEqual({ state: 'reconnecting', attempt: 1, max: 5 })
  })

  it('on 4001 gets a new token and reconnects once at once, then backs off', async () => {
    const t = setup()
    t.client.start(0)
    await tick()
    t.last().drop(4001)
    await tick()
    expect(t.sockets).toHaveLength(2)
    expect(t.last().protocols[1]).toBe('mrt.t2')
    t.last().drop(4001)
    await tick()
    expect(t.sockets).toHaveLength(2)
    expect(t.client.connection).toMatchObject({ state: 'reconnecting', attempt: 1 })
  })

  it('ends on session_ended and on close 4002, and clears the stored outbox', async () => {
    const ended = vi.fn()
    const t = setup()
    const c = new RealtimeClient(t.deps, { ended })
    c.start(0)
    await tick()
    t.last().open()
    t.last().push(state(0))
    c.editCode('x', 'python')
    c.flush()
    t.last().push({ type: 'session_ended', session_id: SID, status: 'completed', reason: 'time_up' })
    t.last().drop(4002)
    expect(ended).toHaveBeenCalledTimes(1)
    expect(ended).toHaveBeenCalledWith({ reason: 'time_up' })
    expect(c.connection).toEqual({ state: 'ended' })
    expect(localStorage.getItem(storageKey(SID))).toBeNull()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(t.sockets).toHaveLength(1) // no reconnects
  })

  it('drops a frame the server refuses for good, keeps one that failed on the server side', async () => {
    const t = setup()
    t.client.start(0)
    await connected(t, 0)
    t.client.sendChat('x'.repeat(10)) // seq 1
    t.client.sendChat('again') // seq 2
    t.last().push({ type: 'error', code: 'message_too_long', message: 'too long', seq: 1 })
    t.last().push({ type: 'error', code: 'internal', message: 'will be re-sent', seq: 2 })
    expect(t.errors).toEqual(['message_too_long', 'internal'])
    expect(t.client.pending).toBe(1)
    t.last().drop(4003) // server restart: reconnect and re-send
    await vi.advanceTimersByTimeAsync(500)
    t.last().open()
    t.last().push(state(0))
    expect(t.last().sent.slice(1)).toEqual([{ type: 'chat_message', seq: 2, text: 'again' }])
  })

  it('refuses code over 50 KiB instead of sending it', async () => {
    const t = setup()
    t.client.start(0)
    await connected(t, 0)
    t.client.editCode('x'.repeat(51 * 1024), 'python')
    t.client.flush()
    expect(t.errors).toEqual(['code_too_large'])
    expect(t.last().types()).toEqual(['resume'])
  })

  it('passes execution_queued frames to the queued handler', async () => {
    const t = setup()
    const queued: unknown[] = []
    t.client.setHandlers({ queued: (e) => queued.push(e) })
    t.client.start(0)
    await connected(t, 0)
    t.last().push({ type: 'execution_queued', mode: 'run', ahead: 2, running: false })
    t.last().push({ type: 'execution_queued', mode: 'run', ahead: 0, running: true })
    expect(queued).toEqual([
      { type: 'execution_queued', mode: 'run', ahead: 2, running: false },
      { type: 'execution_queued', mode: 'run', ahead: 0, running: true },
    ])
  })

  it('passes the observer’s finding to the observation handler', async () => {
    const t = setup()
    const seen: unknown[] = []
    t.client.setHandlers({ observation: (o) => seen.push(o) })
    t.client.start(0)
    await connected(t, 0)
    const analysis = { code_hash: 'ab', syntax_errors: [{ line: 4, message: "SyntaxError: expected ':'" }], suggest_run: false }
    t.last().push({ type: 'observation', analysis })
    expect(seen).toEqual([analysis])
  })

  it('re-sends waiting frames after a rate_limited error', async () => {
    const t = setup()
    t.client.start(0)
    await connected(t, 0)
    t.client.sendChat('one')
    t.last().push({ type: 'error', code: 'rate_limited', message: 'slow down' })
    await vi.advanceTimersByTimeAsync(1000)
    expect(t.last().sent.filter((f) => f.type === 'chat_message')).toHaveLength(2)
  })
})

describe('RealtimeClient voice', () => {
  function voiceSetup() {
    const t = setup()
    const got: { kind: string; v: unknown }[] = []
    const roomErrors: string[] = []
    t.client.setHandlers({ error: (e) => roomErrors.push(e.code) })
    t.client.setVoiceHandlers({
      state: (v) => got.push({ kind: 'state', v }),
      activity: (v) => got.push({ kind: 'activity', v }),
      audio: (v) => got.push({ kind: 'audio', v }),
      pong: (v) => got.push({ kind: 'pong', v }),
      error: (v) => got.push({ kind: 'error', v }),
      resumed: () => got.push({ kind: 'resumed', v: null }),
    })
    return { t, got, roomErrors }
  }

  it('takes binary frames as arraybuffers and hands them, and the voice frames, to the voice handlers', async () => {
    const { t, got } = voiceSetup()
    t.client.start(0)
    await tick()
    expect(t.last().binaryType).toBe('arraybuffer')
    t.last().open()
    t.last().push(state(0))
    const pcm = new Uint8Array([1, 0, 2, 0]).buffer
    t.last().pushBinary(pcm)
    t.last().push({ type: 'voice.state', status: 'live', input_rate: 24000, output_rate: 24000, minutes_left: -1 })
    t.last().push({ type: 'voice.activity', speaker: 'candidate', state: 'started' })
    t.last().push({ type: 'session.pong', seq: 3, server_time: 5 })
    expect(got.map((g) => g.kind)).toEqual(['resumed', 'audio', 'state', 'activity', 'pong'])
    expect(got[1]!.v).toBe(pcm)
  })

  it('routes voice errors to the voice panel and the others to the room', async () => {
    const { t, got, roomErrors } = voiceSetup()
    t.client.start(0)
    await connected(t, 0)
    t.last().push({ type: 'error', code: 'voice_unavailable', message: 'no voice here' })
    t.last().push({ type: 'error', code: 'code_too_large', message: 'trim it' })
    expect(got.filter((g) => g.kind === 'error').map((g) => g.v)).toEqual([{ code: 'voice_unavailable', message: 'no voice here' }])
    expect(roomErrors).toEqual(['code_too_large'])
  })

  it('sends voice frames and audio directly, never through the outbox, and only while the socket is up', async () => {
    const { t } = voiceSetup()
    t.client.start(0)
    expect(t.client.sendVoice({ type: 'voice.start' })).toBe(false)
    expect(t.client.sendAudio(new ArrayBuffer(960))).toBe(false)
    await connected(t, 0)
    expect(t.client.sendVoice({ type: 'voice.start', push_to_talk: true })).toBe(true)
    expect(t.client.sendVoice({ type: 'response.cancel', played_ms: 1200 })).toBe(true)
    expect(t.client.sendAudio(new ArrayBuffer(960))).toBe(true)
    expect(t.last().sent.slice(1)).toEqual([
      { type: 'voice.start', push_to_talk: true },
      { type: 'response.cancel', played_ms: 1200 },
    ])
    expect(t.last().binary.map((b) => b.byteLength)).toEqual([960])
    expect(t.client.pending).toBe(0)
    // Nothing of it comes back after a reconnect.
    t.last().drop()
    await vi.advanceTimersByTimeAsync(BACKOFF_MS[0]!)
    await connected(t, 0)
    expect(t.last().types()).toEqual(['resume'])
  })

  it('drops microphone frames while the socket is backed up rather than delaying them', async () => {
    const { t } = voiceSetup()
    t.client.start(0)
    await connected(t, 0)
    t.last().bufferedAmount = 100_000
    expect(t.client.sendAudio(new ArrayBuffer(960))).toBe(false)
    t.last().bufferedAmount = 0
    expect(t.client.sendAudio(new ArrayBuffer(960))).toBe(true)
  })

  it('refuses a frame over MAX_AUDIO_FRAME_BYTES instead of sending it', async () => {
    const { t } = voiceSetup()
    t.client.start(0)
    await connected(t, 0)
    expect(t.client.sendAudio(new ArrayBuffer(16385))).toBe(false)
    expect(t.last().binary).toHaveLength(0)
  })
})

describe('sameOriginSocketURL', () => {
  it.each([
    ['the server named another host', 'ws://localhost:8080/ws', { protocol: 'http:', host: '127.0.0.1:8080' }, 'ws://127.0.0.1:8080/ws'],
    ['https pages get wss', 'ws://mockroom.internal/ws', { protocol: 'https:', host: 'mock.example.com' }, 'wss://mock.example.com/ws'],
    ['a relative path', '/ws', { protocol: 'http:', host: 'a:1' }, 'ws://a:1/ws'],
    ['no page location (workers)', 'ws://x/ws', null, 'ws://x/ws'],
    ['not a web page', 'ws://x/ws', { protocol: 'file:', host: '' }, 'ws://x/ws'],
  ])('%s', (_, wsUrl, here, want) => {
    expect(sameOriginSocketURL(wsUrl, here)).toBe(want)
  })
})
