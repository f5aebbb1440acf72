// A bar per day, drawn like the dashboard's progress charts
// (features/dashboard/components/ProgressCharts.tsx): inline SVG, no chart
// library, an image with a sentence for screen readers and a tooltip per bar.

// About the card's width at 1280 px, so the labels draw near their CSS size.
const W = 1040
const H = 180
const AXIS = 18

export interface DayValue {
  date: string // YYYY-MM-DD
  value: number
  /** Part of value drawn in a second colour at the bar's foot (completed of sessions). */
  part?: number
}

function label(date: string): string {
  const d = new Date(date + 'T00:00:00Z')
  return d.toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' })
}

export function DailyChart({
  title,
  days,
  format = (v) => String(v),
  partLabel,
  testId,
}: {
  title: string
  days: DayValue[]
  format?: (v: number) => string
  partLabel?: string
  testId?: string
}) {
  const max = Math.max(1e-9, ...days.map((d) => d.value))
  const slot = W / Math.max(days.length, 1)
  const bar = Math.max(2, Math.min(24, slot * 0.7))
  const plot = H - AXIS
  const total = days.reduce((s, d) => s + d.value, 0)
  const peak = days.reduce<DayValue | null>((p, d) => (!p || d.value > p.value ? d : p), null)
  const summary =
    total === 0
      ? `${title}: none in this range.`
      : `${title}: ${format(total)} in ${days.length} days, the most on ${label(peak!.date)} (${format(peak!.value)}).`
  const every = Math.ceil(days.length / 8)
  return (
    <figure className="m-0">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={summary} data-testid={testId}>
        <line x1={0} x2={W} y1={plot + 0.5} y2={plot + 0.5} className="stroke-zinc-300 dark:stroke-zinc-700" />
        {days.map((d, i) => {
          const h = d.value === 0 ? 0 : Math.max(2, (d.value / max) * (plot - 14))
          const ph = d.part && d.value > 0 ? (d.part / d.value) * h : 0
          const x = i * slot + (slot - bar) / 2
          return (
            <g key={d.date} data-testid="day-bar" data-value={d.value}>
              <title>{`${label(d.date)}: ${format(d.value)}${partLabel && d.part !== undefined ? `, ${d.part} ${partLabel}` : ''}`}</title>
              <rect x={x} y={plot - h} width={bar} height={h} rx={2} className="fill-indigo-300 dark:fill-indigo-700" />
              {ph > 0 && <rect x={x} y={plot - ph} width={bar} height={ph} rx={2} className="fill-indigo-600 dark:fill-indigo-400" />}
              {i % every === 0 && (
                <text x={i === 0 ? x : x + bar / 2} y={H - 4} textAnchor={i === 0 ? 'start' : 'middle'} className="fill-zinc-600 text-[11px] dark:fill-zinc-400">
                  {label(d.date)}
                </text>
              )}
            </g>
          )
        })}
      </svg>
      <figcaption className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">{summary}</figcaption>
    </figure>
  )
}
