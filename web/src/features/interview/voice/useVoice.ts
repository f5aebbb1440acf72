// The spoken interview in the room: opens the microphone (after the
// explainer), starts and stops voice on the socket, streams microphone
// frames while live (not muted; in push-to-talk mode only while held),
// plays the interviewer, barges in when the candidate speaks over it, and
// gives way to text when the connection is too slow for a conversation.
import { useCallback, useEffect, useReducer, useRef, useState } from 'react'
import type { RealtimeClient } from '../../../lib/realtime'
import { VoiceEngine, MicError, type EngineEvents } from './engine'
import { LatencyRule, PingTimer, PING_EVERY_MS, SLOW_RTT_MS, slowMessage, type LatencyVerdict } from './latency'
import { VOICE_OFF, isOn, voiceReducer } from './voiceState'

/** Microphone loudness (RMS) that counts as the candidate speaking over the interviewer. */
export const BARGE_IN_LEVEL = 0.05
/** How long it must last: three 20 ms frames. */
export const BARGE_IN_MS = 60

export interface VoiceStats {
  /** All the interviewer audio played, ms. */
  playedMs: number
  /** The last barge-in, from its trigger to the playback's stop, ms. */
  bargeInMs: number | null
  bargeIns: number
}

/** What to tell a candidate whose microphone did not open. */
export function micMessage(err: unknown): string {
  const problem = err instanceof MicError ? err.problem : 'other'
  switch (problem) {
    case 'denied':
      return 'Microphone access is blocked for this site. Allow it from the icon at the left of the address bar (or in the browser’s site settings), then press Try voice again. The chat works meanwhile.'
    case 'missing':
      return 'No microphone was found. Connect one or choose it in your system’s sound settings, then press Try voice again. The chat works meanwhile.'
    case 'busy':
      return 'The microphone could not start; another app may be using it. Close that app, then press Try voice again. The chat works meanwhile.'
    case 'unsupported':
      return 'This browser cannot use a microphone here (voice needs a recent browser over HTTPS). The chat works as always.'
    default:
      return 'The microphone could not be opened. Press Try voice again, or keep going in the chat.'
  }
}

const isTyping = (t: EventTarget | null) => {
  const el = t as HTMLElement | null
  return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || !!el.closest?.('.monaco-editor'))
}

export function useVoice(client: RealtimeClient) {
  const [state, dispatch] = useReducer(voiceReducer, VOICE_OFF)
  const stateRef = useRef(state)
  stateRef.current = state
  const [talking, setTalking] = useState(false)
  const [stats, setStats] = useState<VoiceStats>({ playedMs: 0, bargeInMs: null, bargeIns: 0 })
  const engine = useRef<VoiceEngine | null>(null)
  const levels = useRef(new Set<(level: number) => void>())
  // Mutable facts the audio callbacks read without re-rendering.
  const rt = useRef({
    on: false, // voice.start was sent and no off came since
    permission: 'prompt' as PermissionState,
    talking: false,
    serverAnswering: false, // audio of an answer is arriving
    discard: false, // the answer was cut: drop the rest of its audio
    loud: 0, // ms the microphone has been loud while the interviewer speaks
    bargeAt: null as number | null, // performance.now() of the barge-in being carried out
    playedBefore: 0, // ms played by engines already closed
    rule: new LatencyRule(),
    pings: new PingTimer(),
  })

  useEffect(() => {
    let alive = true
    navigator.permissions
      ?.query({ name: 'microphone' as PermissionName })
      .then((p) => {
        if (!alive) return
        rt.current.permission = p.state
        p.onchange = () => (rt.current.permission = p.state)
      })
      .catch(() => {
        // Not every browser can query the microphone: the explainer shows.
      })
    return () => {
      alive = false
    }
  }, [])

  const closeEngine = useCallback(() => {
    const eng = engine.current
    engine.current = null
    if (eng) {
      rt.current.playedBefore += eng.playedMs
      eng.close()
    }
    rt.current.talking = false
    rt.current.serverAnswering = false
    rt.current.discard = false
    rt.current.bargeAt = null
    setTalking(false)
  }, [])

  const bargeIn = useCallback(() => {
    const eng = engine.current
    const r = rt.current
    if (!eng || !eng.speaking || r.bargeAt !== null) return
    r.bargeAt = performance.now()
    const played = eng.stopPlayback()
    r.discard = r.serverAnswering
    r.loud = 0
    client.sendVoice({ type: 'response.cancel', played_ms: played })
  }, [client])

  const events = useRef<EngineEvents>({})
  events.current = {
    frame: (pcm) => {
      const s = stateRef.current
      if (s.status === 'live' && !s.muted && (!s.pushToTalk || rt.current.talking)) client.sendAudio(pcm)
    },
    level: (level) => {
      for (const f of levels.current) f(level)
      const s = stateRef.current
      const r = rt.current
      if (s.status === 'live' && !s.muted && !s.pushToTalk && engine.current?.speaking && level > BARGE_IN_LEVEL) {
        r.loud += 20
        if (r.loud >= BARGE_IN_MS) bargeIn()
      } else r.loud = 0
    },
    speaking: (on) => dispatch({ type: 'speaking', on }),
    flushed: (at) => {
      const r = rt.current
      if (r.bargeAt === null) return
      const ms = Math.max(0, Math.round(at - r.bargeAt))
      r.bargeAt = null
      setStats((st) => ({ ...st, bargeInMs: ms, bargeIns: st.bargeIns + 1 }))
    },
  }

  const openMic = useCallback(() => {
    dispatch({ type: 'request' })
    let eng: VoiceEngine
    try {
      // In the click itself: the browser lets the page play sound after a gesture.
      eng = new VoiceEngine({
        frame: (p) => events.current.frame?.(p),
        level: (l) => events.current.level?.(l),
        speaking: (on) => events.current.speaking?.(on),
        flushed: (at) => events.current.flushed?.(at),
      })
    } catch (err) {
      dispatch({ type: 'denied', message: micMessage(err) })
      return
    }
    closeEngine()
    engine.current = eng
    eng.open().then(
      () => {
        if (engine.current !== eng) return
        const r = rt.current
        r.permission = 'granted'
        r.on = true
        r.rule.reset()
        r.pings.clear()
        eng.setMuted(stateRef.current.muted)
        dispatch({ type: 'mic-ready' })
        client.sendVoice({ type: 'voice.start', push_to_talk: stateRef.current.pushToTalk })
      },
      (err: unknown) => {
        if (engine.current !== eng) return
        closeEngine()
        if (err instanceof MicError && err.problem === 'denied') rt.current.permission = 'denied'
        dispatch({ type: 'denied', message: micMessage(err) })
      },
    )
  }, [client, closeEngine])

  /**
   * The microphone button: the explainer first, unless the browser has
   * decided already (allowed: go; blocked: say how to allow it).
   */
  const start = useCallback(() => {
    if (rt.current.permission !== 'prompt') openMic()
    else dispatch({ type: 'explain' })
  }, [openMic])

  const stop = useCallback(() => {
    if (rt.current.on) client.sendVoice({ type: 'voice.stop' })
    rt.current.on = false
    closeEngine()
    dispatch({ type: 'stop' })
  }, [client, closeEngine])

  const cancel = useCallback(() => dispatch({ type: 'cancel' }), [])

  const slow = useCallback(
    (v: LatencyVerdict) => {
      if (rt.current.on) client.sendVoice({ type: 'voice.stop' })
      rt.current.on = false
      closeEngine()
      dispatch({ type: 'slow', message: slowMessage(v) })
    },
    [client, closeEngine],
  )

  const setMuted = useCallback((muted: boolean) => {
    dispatch({ type: 'mute', muted })
    engine.current?.setMuted(muted)
  }, [])
  const toggleMute = useCallback(() => setMuted(!stateRef.current.muted), [setMuted])

  const setPushToTalk = useCallback(
    (on: boolean) => {
      dispatch({ type: 'push-to-talk', on })
      // The server reconnects the model in the new turn mode.
      if (rt.current.on) client.sendVoice({ type: 'voice.start', push_to_talk: on })
    },
    [client],
  )

  /** Push to talk: down starts talking (cutting the interviewer off), up ends the turn. */
  const talk = useCallback(
    (down: boolean) => {
      const r = rt.current
      const s = stateRef.current
      if (down) {
        if (!s.pushToTalk || s.status !== 'live' || s.muted || r.talking) return
        bargeIn()
        r.talking = true
        setTalking(true)
      } else if (r.talking) {
        r.talking = false
        setTalking(false)
        client.sendVoice({ type: 'input_audio_buffer.commit' })
      }
    },
    [bargeIn, client],
  )

  // The socket's voice frames.
  useEffect(() => {
    client.setVoiceHandlers({
      state: (v) => {
        dispatch({ type: 'server', state: v })
        const r = rt.current
        if (!r.on) return
        if (v.status === 'off') {
          r.on = false
          closeEngine()
          return
        }
        if (v.status === 'live') {
          if (v.input_rate) engine.current?.setInputRate(v.input_rate)
          if (v.output_rate) engine.current?.setOutputRate(v.output_rate)
        } else {
          // Reconnecting to the model: an answer in flight will not finish.
          r.serverAnswering = false
          r.discard = false
        }
      },
      activity: (a) => {
        dispatch({ type: 'activity', activity: a })
        const r = rt.current
        if (a.speaker === 'candidate' && a.state === 'started') bargeIn()
        if (a.speaker === 'interviewer' && (a.state === 'stopped' || a.state === 'interrupted')) {
          if (!r.discard) engine.current?.endAnswer()
          r.serverAnswering = false
          r.discard = false
        }
      },
      audio: (pcm) => {
        const r = rt.current
        const eng = engine.current
        if (!r.on || r.discard || !eng) return
        if (!r.serverAnswering) {
          r.serverAnswering = true
          eng.newAnswer()
        }
        eng.play(pcm)
      },
      pong: (p) => {
        const now = performance.now()
        const rtt = rt.current.pings.pong(p.seq, now)
        if (rtt !== null) rt.current.rule.sample(now, rtt)
      },
      error: (e) => {
        dispatch({ type: 'error', code: e.code, message: e.message })
        const r = rt.current
        const fatal = e.code === 'voice_unavailable' || e.code === 'voice_limit' || e.code === 'voice_busy' || e.code === 'voice_not_started'
        if (fatal && r.on) {
          r.on = false
          closeEngine()
        }
      },
      resumed: () => {
        // The server keeps the call a while for a room that reconnects: take it back.
        if (rt.current.on) client.sendVoice({ type: 'voice.start', push_to_talk: stateRef.current.pushToTalk })
      },
    })
    return () => client.setVoiceHandlers({})
  }, [client, bargeIn, closeEngine])

  // While live: the round trip every 2 s, and the switch to text when it stays slow.
  const live = state.status === 'live'
  useEffect(() => {
    if (!live) return
    const r = rt.current
    r.rule.reset()
    r.pings.clear()
    const ping = () => {
      const now = performance.now()
      const overdue = r.pings.overdue(now)
      if (overdue > SLOW_RTT_MS) r.rule.sample(now, overdue)
      const v = r.rule.check(now)
      if (v) {
        slow(v)
        return
      }
      client.sendVoice({ type: 'session.ping', seq: r.pings.send(now) })
    }
    ping()
    const t = setInterval(ping, PING_EVERY_MS)
    return () => clearInterval(t)
  }, [live, client, slow])

  // The played total for the panel's data attributes, a few times a second.
  const on = isOn(state.status)
  useEffect(() => {
    if (!on) return
    const t = setInterval(() => {
      const ms = rt.current.playedBefore + (engine.current?.playedMs ?? 0)
      setStats((st) => (st.playedMs === ms ? st : { ...st, playedMs: ms }))
    }, 200)
    return () => clearInterval(t)
  }, [on])

  // M mutes (outside the editor and text fields); Ctrl+Space is push to talk.
  useEffect(() => {
    const onDown = (e: KeyboardEvent) => {
      const s = stateRef.current
      if (!isOn(s.status)) return
      if (e.code === 'Space' && e.ctrlKey && s.pushToTalk) {
        // Ahead of the editor, whose Ctrl+Space would open suggestions.
        e.preventDefault()
        e.stopPropagation()
        if (!e.repeat) talk(true)
        return
      }
      if ((e.key === 'm' || e.key === 'M') && !e.ctrlKey && !e.metaKey && !e.altKey && !e.repeat && !isTyping(e.target)) {
        e.preventDefault()
        toggleMute()
      }
    }
    const onUp = (e: KeyboardEvent) => {
      if (rt.current.talking && (e.code === 'Space' || e.key === 'Control')) talk(false)
    }
    const onBlur = () => talk(false)
    window.addEventListener('keydown', onDown, true)
    window.addEventListener('keyup', onUp, true)
    window.addEventListener('blur', onBlur)
    return () => {
      window.removeEventListener('keydown', onDown, true)
      window.removeEventListener('keyup', onUp, true)
      window.removeEventListener('blur', onBlur)
    }
  }, [talk, toggleMute])

  // Leaving the room ends voice and releases the microphone.
  useEffect(
    () => () => {
      if (rt.current.on) client.sendVoice({ type: 'voice.stop' })
      rt.current.on = false
      const eng = engine.current
      engine.current = null
      eng?.close()
    },
    [client],
  )

  const subscribeLevel = useCallback((f: (level: number) => void) => {
    levels.current.add(f)
    return () => {
      levels.current.delete(f)
    }
  }, [])

  return { state, stats, talking, start, confirm: openMic, cancel, stop, setMuted, toggleMute, setPushToTalk, talk, subscribeLevel }
}

export type VoiceControls = ReturnType<typeof useVoice>
