import { describe, expect, it } from 'vitest'
import { clockAnnouncement, clockTone, formatClock, remainingAt, syncClock } from './timer'

describe('formatClock', () => {
  it.each([
    [0, '00:00'],
    [-5000, '00:00'],
    [1, '00:01'],
    [59_001, '01:00'],
    [60_000, '01:00'],
    [61_000, '01:01'],
    [30 * 60_000, '30:00'],
    [60 * 60_000, '60:00'],
  ])('%d ms reads %s', (ms, want) => {
    expect(formatClock(ms)).toBe(want)
  })
})

describe('clockTone', () => {
  it.each([
    [10 * 60_000, 'normal'],
    [5 * 60_000, 'normal'],
    [5 * 60_000 - 1, 'warning'],
    [60_000, 'warning'],
    [59_999, 'critical'],
    [0, 'critical'],
  ])('%d ms is %s', (ms, want) => {
    expect(clockTone(ms)).toBe(want)
  })
})

describe('clock drift', () => {
  it('counts down from the server reading whatever the local clock says', () => {
    // The laptop's clock is 10 minutes ahead of the server's.
    const serverNow = 1_700_000_000_000
    const localNow = serverNow + 10 * 60_000
    const sync = syncClock({ remaining_ms: 120_000, server_time: serverNow }, localNow)
    expect(remainingAt(sync, localNow)).toBe(120_000)
    expect(remainingAt(sync, localNow + 30_000)).toBe(90_000)
    expect(remainingAt(sync, localNow + 500_000)).toBe(0)
  })

  it('a later reading replaces the estimate', () => {
    const a = syncClock({ remaining_ms: 60_000, server_time: 1000 }, 5000)
    const b = syncClock({ remaining_ms: 50_000, server_time: 12_000 }, 16_500) // the server says 1 s more went by
    expect(remainingAt(a, 16_500)).toBe(48_500)
    expect(remainingAt(b, 16_500)).toBe(50_000)
  })
})

describe('clockAnnouncement', () => {
  it.each([
    [null, 4 * 60_000, null],
    [5 * 60_000 + 1000, 5 * 60_000 - 200, '5 minutes left'],
    [5 * 60_000 - 1000, 4 * 60_000, null],
    [61_000, 59_000, '1 minute left'],
    [30_000, 25_000, null],
    [61_000, 0, null],
  ])('%s → %s: %s', (prev, ms, want) => {
    expect(clockAnnouncement(prev, ms)).toBe(want)
  })
})
