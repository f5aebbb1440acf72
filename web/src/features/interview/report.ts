// The numbers and links behind the report page, kept apart from the SVG and
// the DOM so they can be tested without a browser: the radar's geometry, the
// transcript line an evidence points at, the session's timeline, money, and
// how often to ask whether the evaluation is ready.
import type { Evaluation, Evidence } from '../../lib/api.gen'
import { DIMENSIONS } from '../../lib/dimensions'
import { executionSummary, type Snapshot, type TranscriptLine } from './types'
import { verdictLabel } from './components/ResultsConsole'

export interface RadarAxis {
  key: string
  label: string
  /** 0–100, or null: insufficient evidence (drawn as a gap, never as 0). */
  score: number | null
  /** Where the axis ends (score 100), and where the score sits on it. */
  end: { x: number; y: number }
  point: { x: number; y: number } | null
}

/** The axes of a radar of the evaluation's dimensions, centred on (cx, cy) with radius r; the first axis points up. */
export function radarAxes(dims: Evaluation['dimensions'], cx: number, cy: number, r: number): RadarAxis[] {
  const n = DIMENSIONS.length
  return DIMENSIONS.map((info, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / n
    const d = dims.find((x) => x.key === info.key)
    const score = d && d.score !== null ? Math.max(0, Math.min(100, d.score)) : null
    const at = (f: number) => ({ x: round(cx + Math.cos(a) * r * f), y: round(cy + Math.sin(a) * r * f) })
    return { key: info.key, label: info.label, score, end: at(1), point: score === null ? null : at(score / 100) }
  })
}

function round(n: number): number {
  return Math.round(n * 100) / 100
}

export function scoreText(score: number | null | undefined): string {
  return score === null || score === undefined ? 'insufficient evidence' : String(Math.round(score))
}

/** The radar's accessible name: every dimension and its value. */
export function radarLabel(axes: RadarAxis[]): string {
  return 'Scores by dimension, out of 100: ' + axes.map((a) => `${a.label} ${scoreText(a.score)}`).join(', ') + '.'
}

/**
 * The transcript line an evidence points at: by its seq when it cites a
 * transcript line, else the last line said at or before its moment (the
 * first line when it comes before every line). Null without a transcript.
 */
export function evidenceLine(ev: Pick<Evidence, 'kind' | 't_ms' | 'ref'>, lines: TranscriptLine[]): number | null {
  if (lines.length === 0) return null
  if (ev.kind === 'transcript' && ev.ref && /^\d+$/.test(ev.ref)) {
    const seq = Number(ev.ref)
    if (lines.some((l) => l.seq === seq)) return seq
  }
  let best: TranscriptLine | undefined
  for (const l of lines) {
    if (l.timestamp_ms <= ev.t_ms && (!best || l.timestamp_ms >= best.timestamp_ms)) best = l
  }
  return (best ?? lines[0]!).seq
}

/** Minutes and seconds from the start: 3:07, 62:00. */
export function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

export type MomentKind = 'run' | 'submit' | 'hint' | 'strength' | 'improvement' | 'end'

export interface Moment {
  t: number
  kind: MomentKind
  label: string
  /** For runs and submits: the verdict, to colour the marker. */
  verdict?: string
}

// The interviewer hands a hint out as a line of its own; the offline text
// starts "Hint 2 of 3:", and a model's own words are asked to keep that start.
const HINT_LINE = /^hint \d+( of \d+)?\b/i

/**
 * The session's timeline, oldest first: every run and submit with its
 * verdict, every hint, the evaluation's key moments (the evidence of its
 * strengths and improvements), and the end.
 */
export function timeline(snaps: Snapshot[], lines: TranscriptLine[], evaluation: Evaluation | undefined, durationMs: number): Moment[] {
  const out: Moment[] = []
  for (const s of snaps) {
    const r = s.snapshot_type === 'execution' ? executionSummary(s) : null
    if (!r) continue
    const mode = r.mode === 'submit' ? 'Submit' : 'Run'
    out.push({ t: s.timestamp_ms, kind: r.mode, verdict: r.status, label: `${mode}: ${verdictLabel(r.status)}, ${r.passed}/${r.total} tests` })
  }
  for (const l of lines) {
    if (l.speaker === 'interviewer' && HINT_LINE.test(l.content.trim())) out.push({ t: l.timestamp_ms, kind: 'hint', label: l.content.trim().split(':')[0]! })
  }
  if (evaluation) {
    const seen = new Set<string>()
    const add = (kind: 'strength' | 'improvement', text: string, evs: Evidence[]) => {
      for (const ev of evs) {
        if (ev.kind === 'signal') continue // a measured total, not a moment
        const k = `${kind}@${ev.t_ms}`
        if (seen.has(k)) continue
        seen.add(k)
        out.push({ t: ev.t_ms, kind, label: `${kind === 'strength' ? 'Strength' : 'To improve'}: ${text}` })
      }
    }
    for (const f of evaluation.strengths) add('strength', f.text, f.evidence)
    for (const f of evaluation.improvements) add('improvement', f.text, f.evidence)
  }
  if (durationMs > 0) out.push({ t: durationMs, kind: 'end', label: 'Interview ended' })
  return out.sort((a, b) => a.t - b.t)
}

/** Dollars from millionths of a dollar: $0.0042 below a cent, $1.27 above. */
export function dollars(micro: number): string {
  const d = micro / 1_000_000
  if (micro > 0 && d < 0.01) return `$${d.toFixed(4)}`
  return `$${d.toFixed(2)}`
}

/**
 * How long to wait before asking again whether the evaluation is ready:
 * 2 s, then half as long again each time, at most 15 s.
 */
export function pollDelay(attempt: number): number {
  return Math.min(15_000, Math.round(2000 * 1.5 ** Math.max(0, attempt)))
}

/**
 * A lane for each marker on the timeline, so markers closer than `gap` (in
 * the same units as the positions, sorted ascending) sit one above the other
 * instead of hiding each other. Lane 0 is the track itself.
 */
export function lanes(positions: number[], gap: number): number[] {
  const lastInLane: number[] = []
  return positions.map((p) => {
    let lane = lastInLane.findIndex((q) => p - q >= gap)
    if (lane === -1) lane = lastInLane.length
    lastInLane[lane] = p
    return lane
  })
}
