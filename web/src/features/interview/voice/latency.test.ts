import { describe, expect, it } from 'vitest'
import { LatencyRule, PingTimer, slowMessage } from './latency'

/** Feeds [at, rtt] samples and returns the verdict at `now`. */
function run(samples: [number, number][], now: number) {
  const r = new LatencyRule()
  for (const [at, ms] of samples) r.sample(at, ms)
  return r.check(now)
}

/** A ping every 2 s from `from` to `to` (ms), each taking rtt(at). */
const every2s = (from: number, to: number, rtt: (at: number) => number): [number, number][] => {
  const out: [number, number][] = []
  for (let at = from; at <= to; at += 2000) out.push([at, rtt(at)])
  return out
}

describe('LatencyRule (800 ms for 30 s)', () => {
  it.each([
    { name: 'no samples', samples: [], now: 60_000, want: null },
    { name: 'fast connection', samples: every2s(0, 60_000, () => 120), now: 60_000, want: null },
    { name: 'slow for 20 s only', samples: every2s(0, 20_000, () => 900), now: 20_500, want: null },
    { name: 'slow for 31 s', samples: every2s(1_000, 31_000, () => 900), now: 31_000, want: { rttMs: 900 } },
    { name: 'exactly 800 is not slow', samples: every2s(0, 40_000, () => 800), now: 40_000, want: null },
    { name: 'one good sample in the window resets', samples: every2s(0, 40_000, (at) => (at === 20_000 ? 200 : 1200)), now: 40_000, want: null },
    { name: 'slow again for 30 s after the good one', samples: every2s(0, 52_000, (at) => (at === 20_000 ? 200 : 1200)), now: 52_000, want: { rttMs: 1200 } },
    { name: 'the median, to 10 ms', samples: every2s(2_000, 32_000, (at) => (at % 4000 ? 1234 : 1666)), now: 32_000, want: { rttMs: 1450 } },
  ])('$name', ({ samples, now, want }) => {
    expect(run(samples, now)).toEqual(want)
  })

  it('counts a slow stretch from when its first slow ping was sent', () => {
    const r = new LatencyRule()
    r.sample(10_000, 5_000) // sent at 5 s
    expect(r.check(34_000)).toBeNull()
    expect(r.check(35_000)).toEqual({ rttMs: 5000 })
  })

  it('forgets everything on reset (voice started again)', () => {
    const r = new LatencyRule()
    for (const [at, ms] of every2s(0, 40_000, () => 1000)) r.sample(at, ms)
    r.reset()
    expect(r.check(40_000)).toBeNull()
  })

  it('takes another threshold and window', () => {
    const r = new LatencyRule(100, 5_000)
    for (const [at, ms] of every2s(0, 6_000, () => 150)) r.sample(at, ms)
    expect(r.check(6_000)).toEqual({ rttMs: 150 })
  })
})

describe('slowMessage', () => {
  it('says what happened, and what to do', () => {
    expect(slowMessage({ rttMs: 1250 })).toBe(
      "Voice paused: the connection's round trip is ~1250 ms (over 800 ms for 30 s). Switched to text; try again when it improves.",
    )
  })
})

describe('PingTimer', () => {
  it('times each pong against its ping, and knows what is overdue', () => {
    const p = new PingTimer()
    const a = p.send(1_000)
    const b = p.send(3_000)
    expect(p.overdue(3_500)).toBe(2_500)
    expect(p.pong(b, 3_400)).toBe(400)
    // The pong of b settles a too: frames come in order.
    expect(p.pong(a, 3_500)).toBeNull()
    expect(p.overdue(9_000)).toBe(0)
    expect(p.pong(99, 9_000)).toBeNull()
  })
  it('does not pile up pings that are never answered', () => {
    const p = new PingTimer()
    for (let i = 0; i < 100; i++) p.send(i * 2_000)
    expect(p.overdue(200_000)).toBeLessThanOrEqual(200_000 - 68 * 2_000)
    p.clear()
    expect(p.overdue(200_000)).toBe(0)
  })
})
