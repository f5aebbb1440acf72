// When a spoken interview should give way to text: a conversation with a
// round trip over 800 ms for 30 s is worse than typing. The room pings the
// socket every 2 s while voice is live and feeds each round trip here; a
// ping still unanswered counts as slow too. Pure, with the clock passed in.

export const PING_EVERY_MS = 2_000
export const SLOW_RTT_MS = 800
export const SLOW_FOR_MS = 30_000

export interface LatencyVerdict {
  /** The typical round trip of the slow stretch, rounded to 10 ms. */
  rttMs: number
}

export class LatencyRule {
  private slowSince: number | null = null
  private slow: number[] = []

  constructor(
    readonly thresholdMs = SLOW_RTT_MS,
    readonly windowMs = SLOW_FOR_MS,
  ) {}

  /** A round trip of rttMs measured at `at` (ms, any monotonic clock). */
  sample(at: number, rttMs: number) {
    if (rttMs <= this.thresholdMs) {
      this.reset()
      return
    }
    if (this.slowSince === null) this.slowSince = at - rttMs
    this.slow.push(rttMs)
    // The median only needs the recent ones.
    if (this.slow.length > 64) this.slow.splice(0, this.slow.length - 64)
  }

  reset() {
    this.slowSince = null
    this.slow = []
  }

  /** Non-null once every sample for the last windowMs was over the threshold. */
  check(now: number): LatencyVerdict | null {
    if (this.slowSince === null || now - this.slowSince < this.windowMs || this.slow.length === 0) return null
    const s = [...this.slow].sort((a, b) => a - b)
    const mid = s.length >> 1
    const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
    return { rttMs: Math.round(median / 10) * 10 }
  }
}

/** What the room says when the rule switches it to text. */
export function slowMessage(v: LatencyVerdict, thresholdMs = SLOW_RTT_MS, windowMs = SLOW_FOR_MS): string {
  return `Voice paused: the connection's round trip is ~${v.rttMs} ms (over ${thresholdMs} ms for ${Math.round(windowMs / 1000)} s). Switched to text; try again when it improves.`
}

/**
 * Round trips of session.ping frames: send() numbers a ping, pong() times
 * its answer, overdue() is how long the oldest unanswered one has waited.
 */
export class PingTimer {
  private next = 1
  private sent = new Map<number, number>()

  send(now: number): number {
    const seq = this.next++
    this.sent.set(seq, now)
    // Pings a dropped socket never answered must not pile up.
    if (this.sent.size > 32) this.sent.delete(this.sent.keys().next().value!)
    return seq
  }

  /** The round trip of ping seq, or null for a pong nobody waits for. */
  pong(seq: number, now: number): number | null {
    const at = this.sent.get(seq)
    if (at === undefined) return null
    // Older pings were answered in order or lost: either way they are done.
    for (const k of [...this.sent.keys()]) if (k <= seq) this.sent.delete(k)
    return now - at
  }

  overdue(now: number): number {
    const first = this.sent.values().next()
    return first.done ? 0 : now - first.value
  }

  clear() {
    this.sent.clear()
  }
}
