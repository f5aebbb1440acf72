// The efficiency probe's measurement on the report: how the accepted
// solution's CPU time grew with the input size n, drawn log-log (a straight
// line whose slope is the exponent), with the sentence and a table as its
// text alternative.
import { TrendingUp } from 'lucide-react'
import type { Measurement, Point } from '../../../lib/api.gen'

const card = 'rounded-xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900/60'
const muted = 'text-zinc-600 dark:text-zinc-400'

const W = 320
const H = 160
const GUTTER = 44 // room for the time labels
const AXIS = 20 // room for the n labels
const PAD = 8

/** Writes a class as a bound: "n^2" → "O(n²)". */
export function bound(cls: string): string {
  if (!cls || cls === 'unmeasured') return cls
  return `O(${cls.replace('^2', '²').replace('^3', '³').replace('^n', 'ⁿ')})`
}

export function formatMS(ms: number): string {
  if (ms >= 100) return `${Math.round(ms)} ms`
  if (ms >= 1) return `${ms.toFixed(1)} ms`
  return `${ms.toFixed(2)} ms`
}

const VERDICT: Record<Measurement['verdict'], { text: string; tone: string }> = {
  optimal: { text: 'Grows like the optimum', tone: 'text-emerald-700 dark:text-emerald-300' },
  better: { text: 'Grows like the optimum', tone: 'text-emerald-700 dark:text-emerald-300' },
  worse: { text: 'Grows faster than the optimum', tone: 'text-amber-700 dark:text-amber-300' },
  unknown: { text: 'Not measured', tone: muted },
}

/** Log-log positions of the points inside the chart's plot area. */
export function layout(points: Point[]): { x: number; y: number }[] {
  const lx = points.map((p) => Math.log(p.n))
  const ly = points.map((p) => Math.log(Math.max(p.ms, 1e-6)))
  const [x0, x1] = [Math.min(...lx), Math.max(...lx)]
  const [y0, y1] = [Math.min(...ly), Math.max(...ly)]
  const sx = (v: number) => (x1 === x0 ? (GUTTER + W) / 2 : GUTTER + PAD + ((v - x0) / (x1 - x0)) * (W - GUTTER - 2 * PAD))
  const sy = (v: number) => (y1 === y0 ? (H - AXIS) / 2 : PAD + (1 - (v - y0) / (y1 - y0)) * (H - AXIS - 2 * PAD))
  return points.map((_, i) => ({ x: Math.round(sx(lx[i]!) * 10) / 10, y: Math.round(sy(ly[i]!) * 10) / 10 }))
}

export function GrowthChart({ measurement: m }: { measurement: Measurement }) {
  const v = VERDICT[m.verdict] ?? VERDICT.unknown
  const pts = m.points ?? []
  const pos = layout(pts)
  const measured = m.class !== 'unmeasured' && pts.length > 0
  return (
    <section aria-labelledby="growth-heading" className={card} data-testid="efficiency-probe" data-verdict={m.verdict}>
      <h3 id="growth-heading" className="flex items-center gap-2 font-semibold">
        <TrendingUp className="size-4" aria-hidden="true" />
        Measured efficiency
      </h3>
      <p className={`mt-1 text-xs ${muted}`}>
        Your accepted {m.language} solution, timed by the judge on inputs of growing size (the fastest of several calls at each size).
      </p>
      <p className={`mt-2 text-sm font-medium ${v.tone}`} data-testid="efficiency-verdict">
        {measured ? `${v.text}: ${bound(m.class)}` : v.text}
      </p>
      <p className="mt-1 text-sm" data-testid="efficiency-summary">
        {m.summary.charAt(0).toUpperCase() + m.summary.slice(1)}.
      </p>
      {measured && (
        <figure className="m-0 mt-3">
          <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full max-w-md" role="img" aria-label={`CPU time against input size n, both on log scales. ${m.summary}.`} data-testid="growth-chart">
            <line x1={GUTTER} x2={W} y1={H - AXIS + 0.5} y2={H - AXIS + 0.5} className="stroke-zinc-300 dark:stroke-zinc-700" />
            <line x1={GUTTER + 0.5} x2={GUTTER + 0.5} y1={0} y2={H - AXIS} className="stroke-zinc-300 dark:stroke-zinc-700" />
            <path
              d={pos.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ')}
              fill="none"
              strokeWidth={2}
              strokeLinejoin="round"
              className="stroke-indigo-600 dark:stroke-indigo-400"
            />
            {pos.map((p, i) => (
              <circle key={i} cx={p.x} cy={p.y} r={3} strokeWidth={2} data-testid="growth-point" className="fill-white stroke-indigo-600 dark:fill-zinc-900 dark:stroke-indigo-400">
                <title>{`n = ${pts[i]!.n.toLocaleString('en-US')}: ${formatMS(pts[i]!.ms)}`}</title>
              </circle>
            ))}
            <text x={GUTTER - 4} y={pos[pos.length - 1]!.y + 4} textAnchor="end" className="fill-zinc-600 text-[10px] tabular-nums dark:fill-zinc-400">
              {formatMS(pts[pts.length - 1]!.ms)}
            </text>
            <text x={GUTTER - 4} y={pos[0]!.y + 4} textAnchor="end" className="fill-zinc-600 text-[10px] tabular-nums dark:fill-zinc-400">
              {formatMS(pts[0]!.ms)}
            </text>
            <text x={pos[0]!.x} y={H - 4} textAnchor="start" className="fill-zinc-600 text-[10px] tabular-nums dark:fill-zinc-400">
              {`n = ${pts[0]!.n.toLocaleString('en-US')}`}
            </text>
            <text x={W} y={H - 4} textAnchor="end" className="fill-zinc-600 text-[10px] tabular-nums dark:fill-zinc-400">
              {pts[pts.length - 1]!.n.toLocaleString('en-US')}
            </text>
          </svg>
          <figcaption className="sr-only">
            <table>
              <caption>CPU time per input size</caption>
              <thead>
                <tr>
                  <th scope="col">n</th>
                  <th scope="col">CPU time</th>
                </tr>
              </thead>
              <tbody>
                {pts.map((p) => (
                  <tr key={p.n}>
                    <td>{p.n.toLocaleString('en-US')}</td>
                    <td>{formatMS(p.ms)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </figcaption>
        </figure>
      )}
    </section>
  )
}
