import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, renderHook } from '@testing-library/react'
import { RealtimeClient, type SocketLike } from '../../../lib/realtime'
import type { EngineEvents, MicProblem } from './engine'

// The audio engine is the browser's (getUserMedia, AudioWorklet): a fake
// stands in, and the test plays the microphone and the speakers.
const engines: FakeEngine[] = []
let openFails: MicProblem | null = null

class FakeMicError extends Error {
  constructor(
    readonly problem: MicProblem,
    message: string,
  ) {
    super(message)
  }
}

class FakeEngine {
  calls: string[] = []
  speaking = false
  playedMs = 0
  played = 0 // ms of the current answer stopPlayback reports
  constructor(readonly on: EngineEvents) {
    engines.push(this)
  }
  async open() {
    if (openFails) throw new FakeMicError(openFails, 'no')
  }
  setInputRate(r: number) {
    this.calls.push(`in ${r}`)
  }
  setOutputRate(r: number) {
    this.calls.push(`out ${r}`)
  }
  setMuted(m: boolean) {
    this.calls.push(`muted ${m}`)
  }
  newAnswer() {
    this.calls.push('newAnswer')
  }
  play(pcm: ArrayBuffer) {
    this.calls.push(`play ${pcm.byteLength}`)
  }
  endAnswer() {
    this.calls.push('endAnswer')
  }
  stopPlayback() {
    this.calls.push('stop')
    return this.played
  }
  close() {
    this.calls.push('close')
  }
}

vi.mock('./engine', () => ({ VoiceEngine: FakeEngine, MicError: FakeMicError }))

const { useVoice } = await import('./useVoice')

class FakeSocket implements SocketLike {
  readyState = 0
  binaryType = 'blob'
  sent: Record<string, unknown>[] = []
  binary: ArrayBuffer[] = []
  onopen: ((ev: Event) => void) | null = null
  onmessage: ((ev: MessageEvent) => void) | null = null
  onclose: ((ev: CloseEvent) => void) | null = null
  onerror: ((ev: Event) => void) | null = null
  send(data: string | ArrayBuffer) {
    if (typeof data === 'string') this.sent.push(JSON.parse(data) as Record<string, unknown>)
    else this.binary.push(data)
  }
  close() {
    this.readyState = 3
  }
  push(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) } as MessageEvent)
  }
  voice() {
    return this.sent.filter((f) => f.type !== 'resume' && f.type !== 'session.ping')
  }
}

const sockets: FakeSocket[] = []
const last = () => sockets[sockets.length - 1]!
const sessionState = { type: 'session_state', session_id: 's', status: 'active', last_acked_seq: 0, code: '', language: 'python', hints_used: 0, hints_total: 3, remaining_ms: 1e6, server_time: 0, ends_at: 1e6 }
const live = { type: 'voice.state', status: 'live', provider: 'openai', input_rate: 24000, output_rate: 24000, minutes_left: -1 }
const flush = () => act(() => vi.advanceTimersByTimeAsync(0))

async function setup() {
  const client = new RealtimeClient({
    sessionId: 's',
    token: async () => ({ token: 't', ws_url: 'ws://x/ws' }),
    saveCode: async () => {},
    chat: async () => {},
    poll: async () => ({ remaining_ms: 0, server_time: 0, ends_at: 0, status: 'active' }),
    socket: () => {
      const s = new FakeSocket()
      sockets.push(s)
      return s
    },
    storage: null,
  })
  client.start(0)
  await flush()
  last().readyState = 1
  last().onopen?.(new Event('open'))
  last().push(sessionState)
  const h = renderHook(() => useVoice(client))
  return { client, h }
}

/** Starts voice through the explainer and takes it live. */
async function goLive() {
  const t = await setup()
  act(() => t.h.result.current.start())
  expect(t.h.result.current.state.status).toBe('explain')
  act(() => t.h.result.current.confirm())
  await flush()
  act(() => last().push(live))
  return { ...t, eng: engines[engines.length - 1]! }
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] })
  engines.length = 0
  sockets.length = 0
  openFails = null
})
afterEach(() => {
  vi.useRealTimers()
})

describe('useVoice', () => {
  it('explains, opens the microphone, starts voice, and sends frames only while live and not muted', async () => {
    const { h, eng } = await goLive()
    expect(last().voice()).toEqual([{ type: 'voice.start', push_to_talk: false }])
    expect(h.result.current.state.status).toBe('live')
    expect(eng.calls).toEqual(['muted false', 'in 24000', 'out 24000'])
    act(() => eng.on.frame!(new ArrayBuffer(960)))
    expect(last().binary).toHaveLength(1)
    act(() => h.result.current.setMuted(true))
    act(() => eng.on.frame!(new ArrayBuffer(960)))
    expect(last().binary).toHaveLength(1)
    expect(eng.calls.at(-1)).toBe('muted true')
  })

  it('a refused microphone: the denied state with what to do, and nothing sent', async () => {
    openFails = 'denied'
    const { h } = await setup()
    act(() => h.result.current.start())
    act(() => h.result.current.confirm())
    await flush()
    expect(h.result.current.state.status).toBe('denied')
    expect(h.result.current.state.message).toMatch(/Allow it from the icon at the left of the address bar/)
    expect(engines[0]!.calls).toContain('close')
    expect(last().voice()).toEqual([])
  })

  it('skips the explainer when the browser has blocked the microphone, and says how to allow it', async () => {
    const query = vi.fn(async () => ({ state: 'denied', onchange: null }))
    vi.stubGlobal('navigator', { ...navigator, permissions: { query } })
    openFails = 'denied'
    try {
      const { h } = await setup()
      await flush()
      act(() => h.result.current.start())
      await flush()
      expect(h.result.current.state.status).toBe('denied')
      expect(h.result.current.state.message).toMatch(/Microphone access is blocked/)
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it("barges in when the server hears the candidate over the interviewer, drops the cut answer's rest, and times the stop", async () => {
    const { h, eng } = await goLive()
    act(() => last().onmessage?.({ data: new ArrayBuffer(4800) } as MessageEvent))
    act(() => last().onmessage?.({ data: new ArrayBuffer(4800) } as MessageEvent))
    expect(eng.calls.slice(3)).toEqual(['newAnswer', 'play 4800', 'play 4800'])
    eng.speaking = true
    eng.played = 1234
    act(() => last().push({ type: 'voice.activity', speaker: 'candidate', state: 'started' }))
    expect(last().voice().at(-1)).toEqual({ type: 'response.cancel', played_ms: 1234 })
    vi.advanceTimersByTime(7)
    eng.speaking = false
    act(() => eng.on.flushed!(performance.now()))
    expect(h.result.current.stats.bargeInMs).toBe(7)
    // What was already on its way belongs to the cut answer.
    act(() => last().onmessage?.({ data: new ArrayBuffer(4800) } as MessageEvent))
    expect(eng.calls.at(-1)).toBe('stop')
    act(() => last().push({ type: 'voice.activity', speaker: 'interviewer', state: 'interrupted' }))
    act(() => last().onmessage?.({ data: new ArrayBuffer(960) } as MessageEvent))
    expect(eng.calls.slice(-2)).toEqual(['newAnswer', 'play 960'])
  })

  it.each([
    { name: '60 ms loud over the interviewer barges in', levels: [0.2, 0.2, 0.2], speaking: true, cancels: 1 },
    { name: '40 ms is not enough', levels: [0.2, 0.2, 0.01, 0.2, 0.2], speaking: true, cancels: 0 },
    { name: 'quiet breathing is not speech', levels: [0.02, 0.03, 0.02, 0.04], speaking: true, cancels: 0 },
    { name: 'loud while nobody else speaks is just talking', levels: [0.3, 0.3, 0.3, 0.3], speaking: false, cancels: 0 },
  ])('the local detector: $name', async ({ levels, speaking, cancels }) => {
    const { eng } = await goLive()
    eng.speaking = speaking
    for (const l of levels) act(() => eng.on.level!(l))
    expect(last().voice().filter((f) => f.type === 'response.cancel')).toHaveLength(cancels)
  })

  it('push to talk: frames only while held, the turn committed on release', async () => {
    const { h, eng } = await goLive()
    act(() => h.result.current.setPushToTalk(true))
    expect(last().voice().at(-1)).toEqual({ type: 'voice.start', push_to_talk: true })
    act(() => eng.on.frame!(new ArrayBuffer(960)))
    expect(last().binary).toHaveLength(0)
    act(() => h.result.current.talk(true))
    act(() => eng.on.frame!(new ArrayBuffer(960)))
    expect(last().binary).toHaveLength(1)
    act(() => h.result.current.talk(false))
    expect(last().voice().at(-1)).toEqual({ type: 'input_audio_buffer.commit' })
    act(() => eng.on.frame!(new ArrayBuffer(960)))
    expect(last().binary).toHaveLength(1)
  })

  it('Ctrl+Space is push to talk and M mutes, but not while typing', async () => {
    const { h } = await goLive()
    act(() => h.result.current.setPushToTalk(true))
    act(() => void window.dispatchEvent(new KeyboardEvent('keydown', { code: 'Space', key: ' ', ctrlKey: true })))
    expect(h.result.current.talking).toBe(true)
    act(() => void window.dispatchEvent(new KeyboardEvent('keyup', { code: 'Space', key: ' ' })))
    expect(h.result.current.talking).toBe(false)
    expect(last().voice().at(-1)).toEqual({ type: 'input_audio_buffer.commit' })
    act(() => void window.dispatchEvent(new KeyboardEvent('keydown', { key: 'm' })))
    expect(h.result.current.state.muted).toBe(true)
    const box = document.createElement('textarea')
    document.body.append(box)
    act(() => void box.dispatchEvent(new KeyboardEvent('keydown', { key: 'm', bubbles: true })))
    expect(h.result.current.state.muted).toBe(true)
    box.remove()
  })

  it('switches to text after 30 s of round trips over 800 ms', async () => {
    const { h, eng } = await goLive()
    // The server answers every ping 900 ms late.
    const answer = () => {
      for (const f of last().sent.filter((f) => f.type === 'session.ping' && !(f as { answered?: boolean }).answered)) {
        ;(f as { answered?: boolean }).answered = true
        const seq = f.seq
        setTimeout(() => last().push({ type: 'session.pong', seq, server_time: 0 }), 900)
      }
    }
    for (let i = 0; i < 20 && h.result.current.state.status === 'live'; i++) {
      answer()
      await act(() => vi.advanceTimersByTimeAsync(2000))
    }
    expect(h.result.current.state).toMatchObject({ status: 'off', fallback: true, reason: 'slow_network' })
    expect(h.result.current.state.message).toBe(
      "Voice paused: the connection's round trip is ~900 ms (over 800 ms for 30 s). Switched to text; try again when it improves.",
    )
    expect(last().voice().at(-1)).toEqual({ type: 'voice.stop' })
    expect(eng.calls.at(-1)).toBe('close')
  })

  it('stays on voice while the round trip is fine', async () => {
    const { h } = await goLive()
    for (let i = 0; i < 25; i++) {
      for (const f of last().sent.filter((f) => f.type === 'session.ping' && !(f as { answered?: boolean }).answered)) {
        ;(f as { answered?: boolean }).answered = true
        last().push({ type: 'session.pong', seq: f.seq, server_time: 0 })
      }
      await act(() => vi.advanceTimersByTimeAsync(2000))
    }
    expect(h.result.current.state.status).toBe('live')
    expect(last().sent.filter((f) => f.type === 'session.ping').length).toBeGreaterThanOrEqual(25)
  })

  it("the server's fallback turns voice off and releases the microphone", async () => {
    const { h, eng } = await goLive()
    act(() => last().push({ type: 'voice.state', status: 'off', reason: 'provider_failed', message: 'Voice stopped.', fallback: true, minutes_left: -1 }))
    expect(h.result.current.state).toMatchObject({ status: 'off', fallback: true, message: 'Voice stopped.' })
    expect(eng.calls.at(-1)).toBe('close')
  })

  it('takes its call back after the socket reconnects', async () => {
    const { eng } = await goLive()
    last().readyState = 3
    last().onclose?.({ code: 1006 } as CloseEvent)
    await act(() => vi.advanceTimersByTimeAsync(500))
    last().readyState = 1
    last().onopen?.(new Event('open'))
    last().push(sessionState)
    expect(last().voice()).toEqual([{ type: 'voice.start', push_to_talk: false }])
    expect(eng.calls).not.toContain('close')
  })

  it('stop sends voice.stop and releases the microphone', async () => {
    const { h, eng } = await goLive()
    act(() => h.result.current.stop())
    expect(last().voice().at(-1)).toEqual({ type: 'voice.stop' })
    expect(eng.calls.at(-1)).toBe('close')
    expect(h.result.current.state.status).toBe('off')
  })
})
