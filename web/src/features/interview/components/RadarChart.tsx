// The four dimensions as a radar: an SVG written here (no chart library).
// A dimension without a score is a gap, never a zero: its axis is dashed and
// labelled "n/a", and the shape joins only the scored points. The image has
// an accessible name with every value, and a visually hidden table repeats
// them for screen readers that browse tables.
import type { Evaluation } from '../../../lib/api.gen'
import { radarAxes, radarLabel, scoreText } from '../report'

// Wider than tall: the left and right axes' labels need the room.
const W = 400
const H = 260
const CX = W / 2
const CY = H / 2
const R = 86

export function RadarChart({ dimensions }: { dimensions: Evaluation['dimensions'] }) {
  const axes = radarAxes(dimensions, CX, CY, R)
  const scored = axes.filter((a) => a.point)
  const label = radarLabel(axes)
  return (
    <figure className="m-0">
      <svg viewBox={`0 0 ${W} ${H}`} className="mx-auto h-auto w-full max-w-[26rem]" role="img" aria-label={label} data-testid="radar-chart">
        {[0.25, 0.5, 0.75, 1].map((f) => (
          <polygon
            key={f}
            points={axes.map((a) => `${CX + (a.end.x - CX) * f},${CY + (a.end.y - CY) * f}`).join(' ')}
            fill="none"
            className="stroke-zinc-200 dark:stroke-zinc-800"
          />
        ))}
        {axes.map((a) => (
          <line
            key={a.key}
            x1={CX}
            y1={CY}
            x2={a.end.x}
            y2={a.end.y}
            strokeDasharray={a.score === null ? '3 3' : undefined}
            className="stroke-zinc-300 dark:stroke-zinc-700"
          />
        ))}
        {scored.length >= 3 && (
          <polygon
            data-testid="radar-shape"
            points={scored.map((a) => `${a.point!.x},${a.point!.y}`).join(' ')}
            className="fill-indigo-500/25 stroke-indigo-600 dark:fill-indigo-400/25 dark:stroke-indigo-400"
            strokeWidth={2}
            strokeLinejoin="round"
          />
        )}
        {scored.length === 2 && (
          <line
            data-testid="radar-shape"
            x1={scored[0]!.point!.x}
            y1={scored[0]!.point!.y}
            x2={scored[1]!.point!.x}
            y2={scored[1]!.point!.y}
            strokeWidth={2}
            className="stroke-indigo-600 dark:stroke-indigo-400"
          />
        )}
        {axes.map((a) => {
          // Labels sit just past the axis' end, anchored away from the centre.
          const dx = a.end.x - CX
          const dy = a.end.y - CY
          const lx = CX + dx * 1.12
          // Above the top axis both lines sit over it; elsewhere they start at its end.
          const ly = dy < -1 ? CY + dy * 1.12 - 18 : CY + dy * 1.12 + (dy > 1 ? 12 : 0)
          const anchor = dx > 1 ? 'start' : dx < -1 ? 'end' : 'middle'
          return (
            <g key={a.key} data-testid="radar-axis" data-key={a.key} data-score={a.score ?? 'none'}>
              {a.point && <circle cx={a.point.x} cy={a.point.y} r={4} className="fill-indigo-600 dark:fill-indigo-400" />}
              <text x={lx} y={ly} textAnchor={anchor} className="fill-zinc-700 text-[12px] font-medium dark:fill-zinc-300">
                {a.label}
              </text>
              <text x={lx} y={ly + 14} textAnchor={anchor} className="fill-zinc-600 text-[12px] tabular-nums dark:fill-zinc-400">
                {a.score === null ? 'n/a' : Math.round(a.score)}
              </text>
            </g>
          )
        })}
      </svg>
      {/* In a div: a table ignores sr-only's 1px width and would widen a phone's page. */}
      <div className="sr-only">
        <table>
          <caption>Scores by dimension</caption>
          <thead>
            <tr>
              <th scope="col">Dimension</th>
              <th scope="col">Score out of 100</th>
            </tr>
          </thead>
          <tbody>
            {axes.map((a) => (
              <tr key={a.key}>
                <th scope="row">{a.label}</th>
                <td>{scoreText(a.score)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  )
}
