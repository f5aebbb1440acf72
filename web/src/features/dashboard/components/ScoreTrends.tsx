// The candidate's scores over time: an SVG line per dimension plus the
// overall score (no chart library), and the weakest dimension with what to
// practise next. A dimension without a score in an interview (insufficient
// evidence) breaks its line there: a gap, never a drop to zero. The chart is
// an image with a sentence for screen readers and a hidden table of values.
import { Link } from 'react-router'
import { Target } from 'lucide-react'
import { DIMENSIONS, type DimensionKey } from '../../../lib/dimensions'
import { describeSeries, weakestDimension, type ScorePoint } from '../progress'

const card = 'rounded-xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900/60'
const W = 560
const H = 200
const GUTTER = 30 // the 0–100 labels
const PAD = 10
const AXIS = 18

type Line = DimensionKey | 'overall'

// Colour and dash, so the lines part without colour too.
const STYLE: Record<Line, { stroke: string; swatch: string; dash?: string; width: number }> = {
  overall: { stroke: 'stroke-zinc-900 dark:stroke-zinc-100', swatch: 'bg-zinc-900 dark:bg-zinc-100', width: 3 },
  problem_solving: { stroke: 'stroke-indigo-600 dark:stroke-indigo-400', swatch: 'bg-indigo-600 dark:bg-indigo-400', width: 2 },
  code_quality: { stroke: 'stroke-emerald-600 dark:stroke-emerald-400', swatch: 'bg-emerald-600 dark:bg-emerald-400', dash: '6 3', width: 2 },
  communication: { stroke: 'stroke-amber-600 dark:stroke-amber-400', swatch: 'bg-amber-600 dark:bg-amber-400', dash: '2 3', width: 2 },
  efficiency: { stroke: 'stroke-rose-600 dark:stroke-rose-400', swatch: 'bg-rose-600 dark:bg-rose-400', dash: '8 3 2 3', width: 2 },
}

const LINES: { key: Line; label: string }[] = [{ key: 'overall', label: 'Overall' }, ...DIMENSIONS.map((d) => ({ key: d.key as Line, label: d.label }))]

function valueOf(p: ScorePoint, key: Line): number | null {
  return key === 'overall' ? p.overall : p.scores[key]
}

/** The path of one line: a new "M" after every gap, so a missing score is never drawn through. */
export function linePath(values: (number | null)[], x: (i: number) => number, y: (v: number) => number): string {
  let d = ''
  let pen = false
  values.forEach((v, i) => {
    if (v === null) {
      pen = false
      return
    }
    d += `${pen ? 'L' : 'M'}${x(i)},${y(v)} `
    pen = true
  })
  return d.trim()
}

function shortDate(d: Date): string {
  return d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })
}

export function ScoreTrendChart({ series }: { series: ScorePoint[] }) {
  const plot = H - AXIS
  const n = series.length
  const x = (i: number) => (n === 1 ? (GUTTER + W) / 2 : Math.round((GUTTER + PAD + (i * (W - GUTTER - 2 * PAD)) / (n - 1)) * 10) / 10)
  const y = (v: number) => Math.round((plot - (v / 100) * (plot - 8)) * 10) / 10
  const summary = describeSeries(series)
  return (
    <figure className="m-0">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={`Scores over time. ${summary}`} data-testid="score-trend-chart">
        {[0, 50, 100].map((g) => (
          <g key={g}>
            <line x1={GUTTER} x2={W} y1={y(g) + 0.5} y2={y(g) + 0.5} strokeDasharray={g === 0 ? undefined : '3 3'} className="stroke-zinc-200 dark:stroke-zinc-800" />
            <text x={0} y={y(g) + 4} className="fill-zinc-600 text-[11px] tabular-nums dark:fill-zinc-400">
              {g}
            </text>
          </g>
        ))}
        {LINES.map(({ key, label }) => {
          const s = STYLE[key]
          const values = series.map((p) => valueOf(p, key))
          return (
            <g key={key} data-testid="trend-line" data-key={key}>
              <path d={linePath(values, x, y)} fill="none" strokeWidth={s.width} strokeDasharray={s.dash} strokeLinejoin="round" strokeLinecap="round" className={s.stroke} />
              {values.map((v, i) =>
                v === null ? null : (
                  <circle key={i} cx={x(i)} cy={y(v)} r={key === 'overall' ? 3.5 : 2.5} data-testid="trend-point" className={`${s.stroke} fill-white dark:fill-zinc-900`} strokeWidth={2}>
                    <title>{`${series[i]!.title}, ${shortDate(series[i]!.at)}: ${label} ${Math.round(v)}`}</title>
                  </circle>
                ),
              )}
            </g>
          )
        })}
        {n > 0 && (
          <>
            <text x={x(0)} y={H - 3} textAnchor={n === 1 ? 'middle' : 'start'} className="fill-zinc-600 text-[11px] dark:fill-zinc-400">
              {shortDate(series[0]!.at)}
            </text>
            {n > 1 && (
              <text x={W} y={H - 3} textAnchor="end" className="fill-zinc-600 text-[11px] dark:fill-zinc-400">
                Latest
              </text>
            )}
          </>
        )}
      </svg>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-700 dark:text-zinc-300" aria-label="Legend">
        {LINES.map(({ key, label }) => (
          <li key={key} className="flex items-center gap-1.5">
            <span aria-hidden="true" className={`block h-1 w-4 rounded-full ${STYLE[key].swatch}`} />
            {label}
          </li>
        ))}
      </ul>
      <figcaption className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">{summary} Gaps are interviews with too little evidence to score.</figcaption>
      {/* In a div: a table ignores sr-only's 1px width and would widen a phone's page. */}
      <div className="sr-only">
        <table>
          <caption>Scores by interview</caption>
          <thead>
            <tr>
              <th scope="col">Interview</th>
              {LINES.map((l) => (
                <th key={l.key} scope="col">
                  {l.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {series.map((p) => (
              <tr key={p.id}>
                <th scope="row">{`${p.title}, ${shortDate(p.at)}`}</th>
                {LINES.map((l) => {
                  const v = valueOf(p, l.key)
                  return <td key={l.key}>{v === null ? 'insufficient evidence' : Math.round(v)}</td>
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  )
}

const LAST = 5

/** Scores over time and what to practise next; nothing until an interview has been evaluated. */
export function ScoreTrends({ series }: { series: ScorePoint[] }) {
  if (series.length === 0) return null
  const weak = weakestDimension(series, LAST)
  const counted = Math.min(LAST, series.length)
  return (
    <section aria-labelledby="scores-heading" className="mt-8">
      <h2 id="scores-heading" className="text-lg font-semibold">
        Your scores
      </h2>
      <div className="mt-3 grid gap-6 lg:grid-cols-3">
        <div className={`${card} min-w-0 lg:col-span-2`}>
          <h3 className="text-sm font-medium text-zinc-600 dark:text-zinc-400">Scores over time, by dimension</h3>
          <div className="mt-3">
            <ScoreTrendChart series={series} />
          </div>
        </div>
        <div className={card} data-testid="practise-next">
          <h3 className="flex items-center gap-2 text-sm font-medium text-zinc-600 dark:text-zinc-400">
            <Target className="size-4" aria-hidden="true" />
            What to practise next
          </h3>
          {weak ? (
            <>
              <p className="mt-2">
                Your weakest area is <strong data-testid="weakest-dimension">{weak.dimension.label}</strong>, averaging{' '}
                <span className="tabular-nums">{Math.round(weak.average)}</span> over your last{' '}
                {counted === 1 ? 'interview' : `${counted} interviews`}.
              </p>
              <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">{weak.dimension.practice}</p>
              <Link to={weak.dimension.library} className="mt-3 inline-block text-sm font-medium text-indigo-700 underline dark:text-indigo-300">
                Practise {weak.dimension.label.toLowerCase()} problems
              </Link>
            </>
          ) : (
            <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
              Your recent interviews had too little to score. Talk through your approach and run your code, and this will point at what to work on.
            </p>
          )}
        </div>
      </div>
    </section>
  )
}
