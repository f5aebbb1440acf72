import { describe, expect, it, vi } from 'vitest'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { Connection } from '../../../lib/realtime'
import { ConnectionBanner, Conversation } from './RoomParts'

describe('ConnectionBanner', () => {
  it.each<{ conn: Connection; pending: number; want: RegExp | null; retry: boolean }>([
    { conn: { state: 'connected' }, pending: 0, want: null, retry: false },
    { conn: { state: 'connecting' }, pending: 0, want: null, retry: false },
    { conn: { state: 'reconnecting', attempt: 2, max: 5 }, pending: 1, want: /Connection lost — reconnecting\. Keep coding: your latest edits are kept in this browser/, retry: false },
    { conn: { state: 'reconnecting', attempt: 1, max: 5 }, pending: 0, want: /Keep coding: everything you wrote so far is saved\./, retry: false },
    { conn: { state: 'offline' }, pending: 3, want: /You are offline\..*The interview clock keeps running on the server\./, retry: true },
  ])('$conn.state with $pending unsaved', async ({ conn, pending, want, retry }) => {
    const onRetry = vi.fn()
    render(<ConnectionBanner conn={conn} pending={pending} onRetry={onRetry} />)
    const banner = screen.queryByTestId('connection-banner')
    if (!want) {
      expect(banner).toBeNull()
      return
    }
    expect(banner).toHaveTextContent(want)
    expect(banner).toHaveAttribute('role', 'status')
    const button = screen.queryByRole('button', { name: 'Reconnect now' })
    expect(button !== null).toBe(retry)
    if (button) {
      await userEvent.setup().click(button)
      expect(onRetry).toHaveBeenCalledOnce()
    }
  })
})

describe('Conversation while the interviewer streams', () => {
  const lines = [{ id: 'a', seq: 1, speaker: 'interviewer', content: 'Hi, shall we start?', timestamp_ms: 0, phase: 'introduction' }]
  it.each([
    { name: 'no stream, no bubble', streaming: null, phase: null, bubble: null, shownPhase: null },
    { name: 'the streamed text in a polite bubble', streaming: 'Good question: yes,', phase: 'Clarifying questions', bubble: 'Good question: yes,', shownPhase: 'Phase: Clarifying questions' },
  ])('$name', ({ streaming, phase, bubble, shownPhase }) => {
    render(<Conversation lines={lines} streaming={streaming} phase={phase} onSend={() => {}} draft="" onDraft={() => {}} />)
    const typing = screen.queryByTestId('interviewer-typing')
    if (bubble === null) {
      expect(typing).toBeNull()
    } else {
      expect(typing).toHaveTextContent(bubble)
      expect(typing?.querySelector('[aria-live="polite"]')).toHaveTextContent(bubble)
    }
    const p = screen.queryByTestId('interview-phase')
    if (shownPhase === null) expect(p).toBeNull()
    else expect(p).toHaveTextContent(shownPhase)
    expect(screen.getAllByTestId('transcript-line')).toHaveLength(1)
  })
})

describe('Conversation marks spoken lines', () => {
  it('with a mic icon, from the socket entry or the REST metadata', () => {
    const lines = [
      { id: 'a', seq: 1, speaker: 'interviewer', content: 'Typed hello', timestamp_ms: 0 },
      { id: 'b', seq: 2, speaker: 'candidate', content: 'Said aloud', timestamp_ms: 1, voice: true },
      { id: 'c', seq: 3, speaker: 'interviewer', content: 'Said back', timestamp_ms: 2, metadata: { voice: true } },
    ]
    render(<Conversation lines={lines} onSend={() => {}} draft="" onDraft={() => {}} />)
    const got = screen.getAllByTestId('transcript-line').map((li) => [li.textContent, li.getAttribute('data-voice')])
    expect(got).toEqual([
      ['InterviewerTyped hello', null],
      ['You(spoken)Said aloud', 'true'],
      ['Interviewer(spoken)Said back', 'true'],
    ])
  })
})
