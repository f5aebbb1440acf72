// The candidate's standing by pattern: for each interview pattern of the library,
// a bar of solved and tried problems out of all of them, linking to the
// library filtered to that pattern. Colour is doubled by text ("2 of 5
// solved"), so the bars never carry meaning alone.
import { Link } from 'react-router'
import { Shapes } from 'lucide-react'
import type { PatternStanding } from '../patterns'

const card = 'rounded-xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900/60'

export function PatternProgress({ standings }: { standings: PatternStanding[] }) {
  if (standings.length === 0) return null
  return (
    <section aria-labelledby="patterns-heading" className={`${card} mt-8`}>
      <h2 id="patterns-heading" className="flex items-center gap-2 text-lg font-semibold">
        <Shapes aria-hidden className="h-5 w-5" />
        By pattern
      </h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        What you have solved in each pattern of the library. Pick a pattern to practise it.
      </p>
      <ul className="mt-4 grid gap-3 sm:grid-cols-2">
        {standings.map((s) => {
          const solvedPct = (s.solved / s.total) * 100
          const triedPct = (s.attempted / s.total) * 100
          const text = `${s.solved} of ${s.total} solved${s.attempted ? `, ${s.attempted} tried` : ''}`
          return (
            <li key={s.pattern} data-testid="pattern">
              <Link
                to={`/problems?pattern=${encodeURIComponent(s.pattern)}`}
                className="block rounded-lg p-2 hover:bg-zinc-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600 dark:hover:bg-zinc-800/60"
                aria-label={`${s.pattern}: ${text}. Practise ${s.pattern} problems`}
              >
                <div className="flex items-baseline justify-between gap-2 text-sm">
                  <span className="font-medium">{s.pattern}</span>
                  <span className="tabular-nums text-zinc-600 dark:text-zinc-400">{text}</span>
                </div>
                <div aria-hidden className="mt-1.5 flex h-2 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800">
                  <div className="bg-emerald-600 dark:bg-emerald-400" style={{ width: `${solvedPct}%` }} />
                  <div className="bg-amber-500 dark:bg-amber-400" style={{ width: `${triedPct}%` }} />
                </div>
              </Link>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
