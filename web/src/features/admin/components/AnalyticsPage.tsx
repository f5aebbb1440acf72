import { useState } from 'react'
import { errorMessage } from '../../../lib/api'
import { useAsync } from '../../../lib/useAsync'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { Alert } from '../../../components/ui/Alert'
import { Field } from '../../../components/ui/Field'
import { Spinner } from '../../../components/ui/Spinner'
import { getAnalytics } from '../api'
import { cents, lastDays, microUSD, percent } from '../format'
import { DailyChart } from './DailyChart'

const card = 'rounded-xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900/60'

function Tile({ label, value }: { label: string; value: string }) {
  return (
    <div className={card}>
      <div className="text-xs text-zinc-600 dark:text-zinc-400">{label}</div>
      <div className="mt-1 text-xl font-semibold tabular-nums">{value}</div>
    </div>
  )
}

export function AnalyticsPage() {
  useDocumentTitle('Admin · Analytics')
  const [range, setRange] = useState(() => lastDays(30))
  const { data: a, error, loading } = useAsync((signal) => getAnalytics(range.from, range.to, signal), [range.from, range.to])
  const score = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(1))
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end gap-3">
        <Field label="From" type="date" value={range.from} max={range.to} onChange={(e) => e.target.value && setRange({ ...range, from: e.target.value })} />
        <Field label="To" type="date" value={range.to} min={range.from} onChange={(e) => e.target.value && setRange({ ...range, to: e.target.value })} />
        <p className="pb-2 text-xs text-zinc-600 dark:text-zinc-400">Days in UTC, both ends included, at most 366.</p>
        {loading && <Spinner />}
      </div>
      {error ? <Alert>{errorMessage(error)}</Alert> : null}
      {a && (
        <>
          <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
            <Tile label="Interviews" value={String(a.sessions)} />
            <Tile label="Completed" value={percent(a.completion_rate)} />
            <Tile label="Abandoned" value={percent(a.abandonment_rate)} />
            <Tile label="Average score" value={score(a.scores.overall)} />
            <Tile label="Provider cost" value={microUSD(a.cost_micro_usd)} />
            <Tile label="Cost per interview" value={microUSD(a.cost_per_session_micro_usd)} />
            <Tile label="Revenue" value={cents(a.revenue_cents)} />
            <Tile label="Credits bought" value={String(a.credits_purchased)} />
          </div>
          <section className={card}>
            <h2 className="mb-2 text-sm font-semibold">Interviews per day (dark: completed)</h2>
            <DailyChart
              title="Interviews"
              testId="sessions-chart"
              days={a.days.map((d) => ({ date: d.date, value: d.sessions, part: d.completed }))}
              partLabel="completed"
            />
          </section>
          <section className={card}>
            <h2 className="mb-2 text-sm font-semibold">Provider cost per day (models and voice)</h2>
            <DailyChart title="Provider cost" testId="cost-chart" days={a.days.map((d) => ({ date: d.date, value: d.cost_micro_usd }))} format={microUSD} />
          </section>
          <section className={card}>
            <h2 className="mb-2 text-sm font-semibold">Revenue per day</h2>
            <DailyChart title="Revenue" testId="revenue-chart" days={a.days.map((d) => ({ date: d.date, value: d.revenue_cents }))} format={cents} />
          </section>
          <section className={card}>
            <h2 className="mb-2 text-sm font-semibold">Average scores</h2>
            <p className="text-sm">
              {a.scores.evaluations} evaluations · problem solving {score(a.scores.problem_solving)} · code quality {score(a.scores.code_quality)} ·
              communication {score(a.scores.communication)} · efficiency {score(a.scores.efficiency)}
            </p>
          </section>
          <section className={card}>
            <h2 className="mb-2 text-sm font-semibold">Problems</h2>
            {a.problems.length === 0 ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">No interviews in this range.</p>
            ) : (
              <table className="w-full text-left text-sm">
                <thead className="text-xs text-zinc-600 dark:text-zinc-400">
                  <tr>
                    <th className="py-1">Problem</th>
                    <th>Interviews</th>
                    <th>Judged</th>
                    <th>Pass rate</th>
                    <th>Average score</th>
                  </tr>
                </thead>
                <tbody>
                  {a.problems.map((p) => (
                    <tr key={p.slug} className="border-t border-zinc-100 dark:border-zinc-800">
                      <td className="py-1">{p.title}</td>
                      <td className="tabular-nums">{p.sessions}</td>
                      <td className="tabular-nums">{p.judged}</td>
                      <td className="tabular-nums">{p.judged ? percent(p.pass_rate) : '—'}</td>
                      <td className="tabular-nums">{score(p.average_score)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </div>
  )
}
