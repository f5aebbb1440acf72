// The voice panel's state: what the candidate chose (start, mute, push to
// talk), what the browser said (the microphone permission) and what the
// server says (voice.state, voice.activity, voice errors). A pure reducer,
// so every transition is a unit test.
import type { VoiceActivity, VoiceState } from '../../../lib/protocol.gen'

export type VoiceStatus =
  | 'off' // no voice; the chat is the interview
  | 'explain' // the permission explainer, before the browser asks
  | 'requesting' // the browser's microphone prompt is open
  | 'denied' // the microphone was refused or is missing
  | 'connecting'
  | 'live'
  | 'reconnecting'

export interface VoiceUI {
  status: VoiceStatus
  /** The candidate's choice: hold a button (or Ctrl+Space) to talk. */
  pushToTalk: boolean
  muted: boolean
  /** Rates of the live connection (0 until live). */
  inputRate: number
  outputRate: number
  provider: string
  /** Why voice is off (voice.state reason, or a local one: "slow_network", "denied"). */
  reason: string | null
  /** A calm sentence for the candidate: off reasons, errors, the fallback. */
  message: string | null
  /** Voice gave way to text (the server's fallback, or the latency rule). */
  fallback: boolean
  /** Voice minutes left this month; -1 without a limit. */
  minutesLeft: number
  candidateSpeaking: boolean
  /** The interviewer's voice is playing (the page's playback, not the server's word). */
  interviewerSpeaking: boolean
  /** The last answer's start, after the candidate stopped speaking (server measure). */
  answerLatencyMs: number | null
}

export const VOICE_OFF: VoiceUI = {
  status: 'off',
  pushToTalk: false,
  muted: false,
  inputRate: 0,
  outputRate: 0,
  provider: '',
  reason: null,
  message: null,
  fallback: false,
  minutesLeft: -1,
  candidateSpeaking: false,
  interviewerSpeaking: false,
  answerLatencyMs: null,
}

export type VoiceAction =
  | { type: 'explain' }
  | { type: 'request' }
  | { type: 'cancel' }
  | { type: 'denied'; message: string }
  | { type: 'mic-ready' }
  | { type: 'server'; state: VoiceState }
  | { type: 'activity'; activity: VoiceActivity }
  | { type: 'speaking'; on: boolean }
  | { type: 'mute'; muted?: boolean }
  | { type: 'push-to-talk'; on: boolean }
  | { type: 'error'; code: string; message: string }
  | { type: 'slow'; message: string }
  | { type: 'stop' }

/** Before the server has a call: the page's own steps. */
const LOCAL = new Set<VoiceStatus>(['explain', 'requesting', 'denied'])

/** Voice is wanted: the microphone is (being) opened and the server asked. */
export const isOn = (s: VoiceStatus) => s === 'connecting' || s === 'live' || s === 'reconnecting'

const quiet = { candidateSpeaking: false, interviewerSpeaking: false }

export function voiceReducer(s: VoiceUI, a: VoiceAction): VoiceUI {
  switch (a.type) {
    case 'explain':
      return { ...s, status: 'explain', message: null, reason: null, fallback: false }
    case 'request':
      return { ...s, status: 'requesting', message: null, reason: null, fallback: false }
    case 'cancel':
      return LOCAL.has(s.status) ? { ...s, status: 'off', message: null, reason: null } : s
    case 'denied':
      return { ...s, ...quiet, status: 'denied', reason: 'denied', message: a.message }
    case 'mic-ready':
      return { ...s, status: 'connecting', message: null, reason: null, fallback: false }
    case 'server': {
      const v = a.state
      const minutesLeft = typeof v.minutes_left === 'number' ? v.minutes_left : s.minutesLeft
      if (v.status === 'off') {
        // A late "off" of an earlier call must not cancel the steps of a new start.
        if (LOCAL.has(s.status)) return { ...s, minutesLeft }
        // Already off here (the candidate stopped, or the latency rule did):
        // the server's confirmation keeps the page's reason and sentence.
        const local = s.status === 'off' && s.reason !== null
        return {
          ...s,
          ...quiet,
          status: 'off',
          reason: local ? s.reason : (v.reason ?? null),
          message: local && s.message ? s.message : v.message || null,
          fallback: local ? s.fallback || !!v.fallback : !!v.fallback,
          minutesLeft,
        }
      }
      if (v.status !== 'connecting' && v.status !== 'live' && v.status !== 'reconnecting') return s
      // Voice the candidate turned off stays off until they start it again.
      if (s.status === 'off' || LOCAL.has(s.status)) return { ...s, minutesLeft }
      return {
        ...s,
        status: v.status,
        provider: v.provider ?? s.provider,
        inputRate: v.input_rate || s.inputRate,
        outputRate: v.output_rate || s.outputRate,
        reason: null,
        message: null,
        fallback: false,
        minutesLeft,
        ...(v.status === 'live' ? {} : quiet),
      }
    }
    case 'activity': {
      const { speaker, state } = a.activity
      if (speaker === 'candidate') return { ...s, candidateSpeaking: state === 'started' }
      if (speaker === 'interviewer' && state === 'started' && a.activity.latency_ms) return { ...s, answerLatencyMs: a.activity.latency_ms }
      return s
    }
    case 'speaking':
      return s.interviewerSpeaking === a.on ? s : { ...s, interviewerSpeaking: a.on }
    case 'mute':
      return { ...s, muted: a.muted ?? !s.muted }
    case 'push-to-talk':
      return { ...s, pushToTalk: a.on }
    case 'error':
      switch (a.code) {
        case 'voice_unavailable':
        case 'voice_limit':
        case 'voice_busy':
          return { ...s, ...quiet, status: 'off', reason: a.code, message: a.message, fallback: false }
        case 'voice_not_started':
          // The server holds no call for this room (it ended while we were away).
          return isOn(s.status) ? { ...s, ...quiet, status: 'off', reason: a.code, message: a.message } : s
        default:
          return { ...s, message: a.message }
      }
    case 'slow':
      return { ...s, ...quiet, status: 'off', reason: 'slow_network', message: a.message, fallback: true }
    case 'stop':
      return { ...s, ...quiet, status: 'off', reason: 'stopped', message: null, fallback: false }
  }
}
