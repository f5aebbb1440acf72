import { describe, expect, it, vi } from 'vitest'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { VoicePanel, type VoicePanelProps } from './VoicePanel'
import { VOICE_OFF, type VoiceUI } from './voiceState'

function setup(state: Partial<VoiceUI>, extra: Partial<VoicePanelProps> = {}) {
  const props: VoicePanelProps = {
    state: { ...VOICE_OFF, ...state },
    stats: { playedMs: 0, bargeInMs: null, bargeIns: 0 },
    talking: false,
    onStart: vi.fn(),
    onConfirm: vi.fn(),
    onCancel: vi.fn(),
    onStop: vi.fn(),
    onMute: vi.fn(),
    onPushToTalk: vi.fn(),
    onTalk: vi.fn(),
    subscribeLevel: vi.fn(() => () => {}),
    ...extra,
  }
  render(<VoicePanel {...props} />)
  return { props, panel: screen.getByTestId('voice-panel'), user: userEvent.setup() }
}

const live: Partial<VoiceUI> = { status: 'live', inputRate: 24000, outputRate: 24000 }

describe('VoicePanel', () => {
  it.each<{ name: string; state: Partial<VoiceUI>; talking?: boolean; text: string; mic: string; pressed: boolean }>([
    { name: 'off', state: {}, text: 'Voice off', mic: 'Start voice interview', pressed: false },
    { name: 'asking the browser', state: { status: 'requesting' }, text: 'Waiting for the microphone…', mic: 'Start voice interview', pressed: false },
    { name: 'connecting', state: { status: 'connecting' }, text: 'Connecting voice…', mic: 'Stop voice', pressed: true },
    { name: 'reconnecting', state: { status: 'reconnecting' }, text: 'Reconnecting voice…', mic: 'Stop voice', pressed: true },
    { name: 'live', state: live, text: 'Live · listening', mic: 'Stop voice', pressed: true },
    { name: 'live and muted', state: { ...live, muted: true }, text: 'Live · muted', mic: 'Stop voice', pressed: true },
    { name: 'push to talk, not held', state: { ...live, pushToTalk: true }, text: 'Live · hold to talk', mic: 'Stop voice', pressed: true },
    { name: 'push to talk, held', state: { ...live, pushToTalk: true }, talking: true, text: 'Live · listening', mic: 'Stop voice', pressed: true },
  ])('$name', ({ state, talking, text, mic, pressed }) => {
    const { panel } = setup(state, { talking: !!talking })
    expect(panel).toHaveAttribute('data-voice-status', state.status ?? 'off')
    expect(screen.getByTestId('voice-status-text')).toHaveTextContent(text)
    expect(screen.getByRole('button', { name: mic })).toHaveAttribute('aria-pressed', String(pressed))
  })

  it('explains the microphone before the browser asks, and goes on or backs out', async () => {
    const { props, user } = setup({ status: 'explain' })
    expect(screen.getByRole('group')).toHaveTextContent('mockroom needs your microphone to hear you; audio goes only to this interview and is not recorded.')
    expect(screen.getByRole('button', { name: 'Continue' })).toHaveFocus()
    await user.click(screen.getByRole('button', { name: 'Continue' }))
    expect(props.onConfirm).toHaveBeenCalledOnce()
    await user.click(screen.getByRole('button', { name: 'Not now' }))
    expect(props.onCancel).toHaveBeenCalledOnce()
  })

  it('a refused microphone says what to do next, and offers another try', async () => {
    const { props, user } = setup({ status: 'denied', reason: 'denied', message: 'Microphone access is blocked for this site. Allow it…' })
    expect(screen.getByRole('alert')).toHaveTextContent('Microphone access is blocked')
    await user.click(screen.getByRole('button', { name: 'Try voice again' }))
    expect(props.onStart).toHaveBeenCalledOnce()
  })

  it('switched to text: the calm message, the fallback mark, and Try voice again', async () => {
    const { panel, props, user } = setup({ status: 'off', reason: 'provider_failed', message: 'Voice stopped: the speech service is unavailable.', fallback: true })
    expect(panel).toHaveAttribute('data-fallback', 'true')
    expect(screen.getByTestId('voice-message')).toHaveTextContent('Voice stopped: the speech service is unavailable.')
    await user.click(screen.getByRole('button', { name: 'Try voice again' }))
    expect(props.onStart).toHaveBeenCalledOnce()
  })

  it.each(['voice_unavailable', 'voice_limit'])('no Try voice again after %s', (reason) => {
    setup({ status: 'off', reason, message: 'Not now.', minutesLeft: 0 })
    expect(screen.queryByRole('button', { name: 'Try voice again' })).toBeNull()
  })

  it('shows the minutes left while on, and at the limit', () => {
    setup({ ...live, minutesLeft: 12 })
    expect(screen.getByTestId('voice-minutes')).toHaveTextContent('12 voice minutes left this month')
  })

  it('hides the minutes without a limit', () => {
    setup({ ...live, minutesLeft: -1 })
    expect(screen.queryByTestId('voice-minutes')).toBeNull()
  })

  it('live: mute (with its key), the level meter, who speaks, and the data attributes', async () => {
    const { panel, props, user } = setup({ ...live, interviewerSpeaking: true }, { stats: { playedMs: 1234, bargeInMs: 42, bargeIns: 1 } })
    expect(panel).toHaveAttribute('data-played-ms', '1234')
    expect(panel).toHaveAttribute('data-bargein-ms', '42')
    expect(panel).toHaveAttribute('data-speaking', 'true')
    expect(screen.getByTestId('interviewer-speaking')).toHaveTextContent('Interviewer speaking')
    expect(screen.getByRole('meter', { name: 'Microphone level' })).toBeInTheDocument()
    expect(props.subscribeLevel).toHaveBeenCalled()
    const mute = screen.getByRole('button', { name: 'Mute microphone' })
    expect(mute).toHaveAttribute('aria-keyshortcuts', 'M')
    await user.click(mute)
    expect(props.onMute).toHaveBeenCalledWith(true)
    await user.click(screen.getByRole('button', { name: 'Stop voice' }))
    expect(props.onStop).toHaveBeenCalledOnce()
  })

  it('the level meter follows the microphone', () => {
    let push: (l: number) => void = () => {}
    setup(live, {
      subscribeLevel: (f) => {
        push = f
        return () => {}
      },
    })
    const meter = screen.getByRole('meter', { name: 'Microphone level' })
    push(0.1) // -20 dBFS
    expect(meter).toHaveAttribute('aria-valuenow', '67')
    push(0)
    expect(meter).toHaveAttribute('aria-valuenow', '0')
  })

  it('push to talk: the option, and a button to hold (pointer or Space)', async () => {
    const { props, user } = setup({ ...live, pushToTalk: true })
    const hold = screen.getByRole('button', { name: 'Hold to talk' })
    expect(hold).toHaveAttribute('aria-keyshortcuts', 'Control+Space')
    hold.focus()
    await user.keyboard('[Space>]')
    expect(props.onTalk).toHaveBeenLastCalledWith(true)
    await user.keyboard('[/Space]')
    expect(props.onTalk).toHaveBeenLastCalledWith(false)
    await user.click(screen.getByRole('checkbox', { name: 'Push to talk' }))
    expect(props.onPushToTalk).toHaveBeenCalledWith(false)
  })

  it('nothing to hold without push to talk, and nothing live while off', () => {
    setup({})
    expect(screen.queryByRole('button', { name: 'Hold to talk' })).toBeNull()
    expect(screen.queryByRole('meter')).toBeNull()
    expect(screen.queryByRole('button', { name: /mute/i })).toBeNull()
  })
})
