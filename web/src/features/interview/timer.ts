// The room's clock: the server owns the time; the browser only counts down
// between timer frames, corrected for the difference between the two clocks.

export interface ClockSync {
  /** When the interview ends, in server unix ms. */
  endsAt: number
  /** server clock minus local clock, in ms. */
  offset: number
}

/** A timer reading taken at local time localNow. */
export function syncClock(reading: { remaining_ms: number; server_time: number }, localNow: number): ClockSync {
  return { endsAt: reading.server_time + reading.remaining_ms, offset: reading.server_time - localNow }
}

/** Milliseconds left at local time localNow, never below zero. */
export function remainingAt(sync: ClockSync, localNow: number): number {
  return Math.max(0, sync.endsAt - (localNow + sync.offset))
}

/** mm:ss, rounding up so the clock reads 00:00 only when time is really up. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const m = Math.floor(total / 60)
  const s = total % 60
  return `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`
}

export type ClockTone = 'normal' | 'warning' | 'critical'

export function clockTone(ms: number): ClockTone {
  if (ms < 60_000) return 'critical'
  if (ms < 5 * 60_000) return 'warning'
  return 'normal'
}

/** What a screen reader hears when the clock crosses 5 minutes or 1 minute. */
export function clockAnnouncement(prevMs: number | null, ms: number): string | null {
  if (prevMs === null) return null
  if (prevMs > 60_000 && ms <= 60_000 && ms > 0) return '1 minute left'
  if (prevMs > 5 * 60_000 && ms <= 5 * 60_000) return '5 minutes left'
  return null
}
