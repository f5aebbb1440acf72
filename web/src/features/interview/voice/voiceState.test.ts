import { describe, expect, it } from 'vitest'
import type { VoiceState } from '../../../lib/protocol.gen'
import { VOICE_OFF, voiceReducer, type VoiceAction, type VoiceUI } from './voiceState'

const server = (v: Partial<VoiceState>): VoiceAction => ({ type: 'server', state: { type: 'voice.state', status: 'off', minutes_left: -1, ...v } })
const live = server({ status: 'live', provider: 'openai', input_rate: 24000, output_rate: 24000, minutes_left: 42 })
const run = (actions: VoiceAction[], from: VoiceUI = VOICE_OFF) => actions.reduce(voiceReducer, from)

describe('voiceReducer', () => {
  it.each<{ name: string; actions: VoiceAction[]; want: Partial<VoiceUI> }>([
    { name: 'the explainer comes first', actions: [{ type: 'explain' }], want: { status: 'explain' } },
    { name: 'dismissing the explainer turns voice off', actions: [{ type: 'explain' }, { type: 'cancel' }], want: { status: 'off', message: null } },
    { name: 'the browser asks', actions: [{ type: 'explain' }, { type: 'request' }], want: { status: 'requesting' } },
    {
      name: 'a refused microphone says what to do',
      actions: [{ type: 'request' }, { type: 'denied', message: 'Allow it in the address bar.' }],
      want: { status: 'denied', reason: 'denied', message: 'Allow it in the address bar.' },
    },
    { name: 'microphone open: connecting', actions: [{ type: 'request' }, { type: 'mic-ready' }], want: { status: 'connecting' } },
    {
      name: 'live with the rates and the minutes left',
      actions: [{ type: 'mic-ready' }, server({ status: 'connecting' }), live],
      want: { status: 'live', inputRate: 24000, outputRate: 24000, provider: 'openai', minutesLeft: 42 },
    },
    {
      name: 'reconnecting quiets the speakers',
      actions: [{ type: 'mic-ready' }, live, { type: 'speaking', on: true }, server({ status: 'reconnecting' })],
      want: { status: 'reconnecting', interviewerSpeaking: false },
    },
    {
      name: "the server's fallback switches to text with its sentence",
      actions: [{ type: 'mic-ready' }, live, server({ status: 'off', reason: 'provider_failed', message: 'Voice stopped.', fallback: true })],
      want: { status: 'off', reason: 'provider_failed', message: 'Voice stopped.', fallback: true },
    },
    {
      name: 'the latency rule switches to text; the stop the server confirms keeps its sentence',
      actions: [{ type: 'mic-ready' }, live, { type: 'slow', message: 'Voice paused: slow.' }, server({ status: 'off', reason: 'stopped', message: 'Voice is off.' })],
      want: { status: 'off', reason: 'slow_network', message: 'Voice paused: slow.', fallback: true },
    },
    {
      name: "a stop the candidate asked for shows the server's calm sentence",
      actions: [{ type: 'mic-ready' }, live, { type: 'stop' }, server({ status: 'off', reason: 'stopped', message: 'Voice is off.' })],
      want: { status: 'off', reason: 'stopped', message: 'Voice is off.', fallback: false },
    },
    {
      name: 'a late off of an earlier call does not cancel a new start',
      actions: [{ type: 'stop' }, { type: 'explain' }, server({ status: 'off', reason: 'stopped', minutes_left: 7 })],
      want: { status: 'explain', minutesLeft: 7 },
    },
    {
      name: 'a late live after the candidate stopped keeps voice off',
      actions: [{ type: 'mic-ready' }, { type: 'stop' }, live],
      want: { status: 'off' },
    },
    {
      name: 'the monthly limit',
      actions: [{ type: 'mic-ready' }, server({ status: 'off', reason: 'voice_limit', message: 'You have used this month’s 60 voice minutes.', minutes_left: 0 })],
      want: { status: 'off', reason: 'voice_limit', minutesLeft: 0 },
    },
    {
      name: 'voice_unavailable turns voice off with its message',
      actions: [{ type: 'mic-ready' }, { type: 'error', code: 'voice_unavailable', message: 'voice is not set up on this server; use the chat' }],
      want: { status: 'off', reason: 'voice_unavailable', message: 'voice is not set up on this server; use the chat' },
    },
    {
      name: 'voice_not_started while live: the call is gone',
      actions: [{ type: 'mic-ready' }, live, { type: 'error', code: 'voice_not_started', message: 'voice is off' }],
      want: { status: 'off', reason: 'voice_not_started' },
    },
    {
      name: 'voice_not_started while off changes nothing',
      actions: [{ type: 'error', code: 'voice_not_started', message: 'voice is off' }],
      want: { status: 'off', message: null },
    },
    {
      name: 'other errors only say so',
      actions: [{ type: 'mic-ready' }, live, { type: 'error', code: 'audio_frame_too_large', message: 'too large' }],
      want: { status: 'live', message: 'too large' },
    },
    {
      name: 'who speaks',
      actions: [
        { type: 'mic-ready' },
        live,
        { type: 'activity', activity: { type: 'voice.activity', speaker: 'candidate', state: 'started' } },
        { type: 'activity', activity: { type: 'voice.activity', speaker: 'interviewer', state: 'started', latency_ms: 640 } },
        { type: 'speaking', on: true },
      ],
      want: { candidateSpeaking: true, interviewerSpeaking: true, answerLatencyMs: 640 },
    },
    { name: 'mute toggles, or is set', actions: [{ type: 'mute' }, { type: 'mute' }, { type: 'mute', muted: true }], want: { muted: true } },
    { name: 'push to talk is a choice', actions: [{ type: 'push-to-talk', on: true }], want: { pushToTalk: true } },
  ])('$name', ({ actions, want }) => {
    expect(run(actions)).toMatchObject(want)
  })

  it('ignores a status it does not know', () => {
    const s = run([{ type: 'mic-ready' }, live])
    expect(voiceReducer(s, server({ status: 'sideways' }))).toBe(s)
  })
})
