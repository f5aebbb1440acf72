import { describe, expect, it, vi } from 'vitest'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { Connection } from '../../../lib/realtime'
import { ConnectionBanner } from './RoomParts'

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
