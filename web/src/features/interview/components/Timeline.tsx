// The session on one horizontal track: a marker per run, submit, hint and key
// moment, placed by time. Each marker is a button (reachable with Tab) whose
// tooltip shows on hover and on focus; pressing it jumps to that moment of
// the transcript. The same moments are listed below the track in words.
import { useState } from 'react'
import { clock, lanes, type Moment, type MomentKind } from '../report'

const MARK: Record<MomentKind, string> = {
  run: 'bg-sky-500 dark:bg-sky-400',
  submit: 'bg-indigo-600 dark:bg-indigo-400',
  hint: 'bg-amber-500 dark:bg-amber-400',
  strength: 'bg-emerald-600 dark:bg-emerald-400',
  improvement: 'bg-rose-600 dark:bg-rose-400',
  end: 'bg-zinc-500 dark:bg-zinc-400',
}

const LANE = 18

const NAMES: Record<MomentKind, string> = {
  run: 'Run',
  submit: 'Submit',
  hint: 'Hint',
  strength: 'Strength',
  improvement: 'To improve',
  end: 'End',
}

// A failed run or submit is a ring, so the verdict does not rest on colour alone.
const HOLLOW: Partial<Record<MomentKind, string>> = {
  run: 'border-2 border-sky-500 dark:border-sky-400',
  submit: 'border-2 border-indigo-600 dark:border-indigo-400',
}

function dot(m: Moment): string {
  const failed = (m.kind === 'run' || m.kind === 'submit') && m.verdict !== 'accepted' && m.verdict !== 'ran'
  return failed ? `rounded-full ${HOLLOW[m.kind]}` : `rounded-full ${MARK[m.kind]}`
}

export function Timeline({ moments, durationMs, onSelect }: { moments: Moment[]; durationMs: number; onSelect: (m: Moment) => void }) {
  const [open, setOpen] = useState<number | null>(null)
  const span = Math.max(durationMs, ...moments.map((m) => m.t), 1)
  const kinds = [...new Set(moments.map((m) => m.kind))]
  // Markers within 3 % of the track of each other stack upwards, 18 px a lane.
  const lane = lanes(moments.map((m) => (m.t / span) * 100), 3)
  const above = Math.max(0, ...lane) * LANE
  return (
    <div data-testid="timeline">
      <div className="relative mx-2 mt-8 mb-6 h-6" style={{ marginTop: 32 + above }} role="group" aria-label={`Session timeline, ${moments.length} moments over ${clock(span)}`}>
        <div className="absolute inset-x-0 top-1/2 h-1 -translate-y-1/2 rounded-full bg-zinc-200 dark:bg-zinc-800" aria-hidden="true" />
        {moments.map((m, i) => {
          const left = (m.t / span) * 100
          return (
            <button
              key={`${m.kind}-${m.t}-${i}`}
              type="button"
              data-testid="timeline-marker"
              data-kind={m.kind}
              aria-label={`${clock(m.t)} ${m.label}`}
              onClick={() => onSelect(m)}
              onMouseEnter={() => setOpen(i)}
              onMouseLeave={() => setOpen((o) => (o === i ? null : o))}
              onFocus={() => setOpen(i)}
              onBlur={() => setOpen((o) => (o === i ? null : o))}
              className="group absolute top-1/2 flex size-6 -translate-x-1/2 -translate-y-1/2 items-center justify-center rounded-full focus-visible:outline-2 focus-visible:outline-indigo-600"
              style={{ left: `${left}%`, marginTop: -lane[i]! * LANE }}
            >
              <span aria-hidden="true" data-failed={dot(m).includes('border') || undefined} className={`block size-3 ${dot(m)}`} />
              {open === i && (
                <span
                  role="tooltip"
                  className={`pointer-events-none absolute bottom-full z-10 mb-2 w-max max-w-[14rem] rounded-md bg-zinc-900 px-2 py-1 text-left text-xs text-white shadow-lg dark:bg-zinc-100 dark:text-zinc-900 ${
                    left < 25 ? 'left-0' : left > 75 ? 'right-0' : 'left-1/2 -translate-x-1/2'
                  }`}
                >
                  <span className="font-semibold tabular-nums">{clock(m.t)}</span> {m.label}
                </span>
              )}
            </button>
          )
        })}
      </div>
      <div className="flex justify-between text-xs text-zinc-600 tabular-nums dark:text-zinc-400" aria-hidden="true">
        <span>0:00</span>
        <span>{clock(span)}</span>
      </div>
      {kinds.length > 0 && (
        <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400" aria-label="Legend">
          {kinds.map((k) => (
            <li key={k} className="flex items-center gap-1.5">
              <span aria-hidden="true" className={`block size-2.5 rounded-full ${MARK[k]}`} />
              {NAMES[k]}
            </li>
          ))}
        </ul>
      )}
      <ol className="mt-3 max-h-56 space-y-1 overflow-auto text-sm" aria-label="Moments">
        {moments.map((m, i) => (
          <li key={`${m.kind}-${m.t}-${i}`} className="flex gap-2">
            <span className="w-12 shrink-0 text-zinc-600 tabular-nums dark:text-zinc-400">{clock(m.t)}</span>
            <span className="min-w-0">{m.label}</span>
          </li>
        ))}
      </ol>
    </div>
  )
}
