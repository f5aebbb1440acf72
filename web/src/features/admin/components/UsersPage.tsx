import { useState, type FormEvent } from 'react'
import { errorMessage } from '../../../lib/api'
import type { UserDetail } from '../../../lib/api.gen'
import { useAsync } from '../../../lib/useAsync'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { Alert } from '../../../components/ui/Alert'
import { Button } from '../../../components/ui/Button'
import { Field, inputClass } from '../../../components/ui/Field'
import { Spinner } from '../../../components/ui/Spinner'
import { getUser, grantCredits, searchUsers, setSuspended } from '../api'

const card = 'rounded-xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900/60'

export function UsersPage() {
  useDocumentTitle('Admin · Users')
  const [q, setQ] = useState('')
  const [query, setQuery] = useState('')
  const [selected, setSelected] = useState<string | null>(null)
  const list = useAsync((signal) => searchUsers(query, signal), [query])

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_1.2fr]">
      <section className={card} aria-label="Users">
        <form
          role="search"
          className="mb-4 flex gap-2"
          onSubmit={(e) => {
            e.preventDefault()
            setQuery(q.trim())
          }}
        >
          <label className="sr-only" htmlFor="user-q">
            Search by e-mail or name
          </label>
          <input id="user-q" className={inputClass} placeholder="Search by e-mail or name" value={q} onChange={(e) => setQ(e.target.value)} />
          <Button type="submit" variant="secondary">
            Search
          </Button>
        </form>
        {list.error ? <Alert>{errorMessage(list.error)}</Alert> : null}
        {list.loading && !list.data ? <Spinner /> : null}
        {list.data && (
          <>
            <p className="mb-2 text-xs text-zinc-600 dark:text-zinc-400">{list.data.total} users</p>
            <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {list.data.users.map((u) => (
                <li key={u.id}>
                  <button
                    type="button"
                    onClick={() => setSelected(u.id)}
                    className={
                      'flex w-full items-center justify-between gap-2 px-2 py-2 text-left text-sm hover:bg-zinc-50 dark:hover:bg-zinc-800 ' +
                      (selected === u.id ? 'bg-zinc-100 dark:bg-zinc-800' : '')
                    }
                  >
                    <span className="min-w-0">
                      <span className="block truncate font-medium">{u.email}</span>
                      <span className="block truncate text-xs text-zinc-600 dark:text-zinc-400">
                        {u.full_name || '—'} · {u.sessions} interviews
                        {u.is_admin ? ' · admin' : ''}
                      </span>
                    </span>
                    <span className="shrink-0 text-xs tabular-nums">
                      {u.suspended_at ? <span className="text-red-700 dark:text-red-400">suspended</span> : `${u.credits} credits`}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      {selected ? <UserPanel id={selected} onChanged={list.reload} /> : <p className="text-sm text-zinc-600 dark:text-zinc-400">Pick a user.</p>}
    </div>
  )
}

function UserPanel({ id, onChanged }: { id: string; onChanged: () => void }) {
  const { data, error, loading, reload } = useAsync((signal) => getUser(id, signal), [id])
  const [detail, setDetail] = useState<UserDetail | null>(null)
  const [amount, setAmount] = useState('5')
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [msg, setMsg] = useState<{ tone: 'error' | 'success'; text: string } | null>(null)
  const d = detail?.user.id === id ? detail : data

  async function grant(e: FormEvent) {
    e.preventDefault()
    setBusy(true)
    setMsg(null)
    try {
      const row = await grantCredits(id, Number(amount), reason)
      setMsg({ tone: 'success', text: `Granted ${row.amount} credits; balance now ${row.balance_after}.` })
      setReason('')
      reload()
      onChanged()
    } catch (err) {
      setMsg({ tone: 'error', text: errorMessage(err) })
    } finally {
      setBusy(false)
    }
  }

  async function suspend(on: boolean) {
    setBusy(true)
    setMsg(null)
    try {
      setDetail(await setSuspended(id, on))
      setMsg({ tone: 'success', text: on ? 'Suspended: signed out everywhere, cannot sign in.' : 'The suspension is lifted.' })
      onChanged()
    } catch (err) {
      setMsg({ tone: 'error', text: errorMessage(err) })
    } finally {
      setBusy(false)
    }
  }

  if (error) return <Alert>{errorMessage(error)}</Alert>
  if (loading && !d) return <Spinner />
  if (!d) return null
  const u = d.user
  return (
    <section className={card} aria-label={`User ${u.email}`}>
      <h2 className="text-lg font-semibold">{u.email}</h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {u.full_name || 'No name'} · {u.subscription_tier} · joined {new Date(u.created_at).toLocaleDateString()}
        {u.is_admin ? ' · admin' : ''}
      </p>
      <p className="mt-2 text-sm">
        <strong className="tabular-nums">{u.credits}</strong> credits ·{' '}
        {u.suspended_at ? <span className="text-red-700 dark:text-red-400">suspended since {new Date(u.suspended_at).toLocaleString()}</span> : 'active'}
      </p>
      {msg && (
        <div className="mt-3">
          <Alert tone={msg.tone}>{msg.text}</Alert>
        </div>
      )}
      <form onSubmit={grant} className="mt-4 grid grid-cols-[6rem_1fr_auto] items-end gap-2">
        <Field label="Credits" type="number" min={1} max={10000} value={amount} onChange={(e) => setAmount(e.target.value)} required />
        <Field label="Reason (kept in the ledger)" value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} required />
        <Button type="submit" loading={busy}>
          Grant
        </Button>
      </form>
      <div className="mt-3">
        {u.suspended_at ? (
          <Button variant="secondary" onClick={() => suspend(false)} disabled={busy}>
            Lift suspension
          </Button>
        ) : (
          <Button variant="danger" onClick={() => suspend(true)} disabled={busy}>
            Suspend
          </Button>
        )}
      </div>
      <h3 className="mt-6 text-sm font-semibold">Interviews</h3>
      {d.sessions.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">None yet.</p>
      ) : (
        <table className="mt-2 w-full text-left text-sm">
          <thead className="text-xs text-zinc-600 dark:text-zinc-400">
            <tr>
              <th className="py-1">Problem</th>
              <th>Status</th>
              <th>Tests</th>
              <th>Score</th>
              <th>Started</th>
            </tr>
          </thead>
          <tbody>
            {d.sessions.map((s) => (
              <tr key={s.id} className="border-t border-zinc-100 dark:border-zinc-800">
                <td className="py-1">{s.problem_title}</td>
                <td>{s.status}</td>
                <td className="tabular-nums">
                  {s.test_cases_passed}/{s.test_cases_total}
                </td>
                <td className="tabular-nums">{s.overall_score ?? '—'}</td>
                <td>{new Date(s.created_at).toLocaleDateString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 className="mt-6 text-sm font-semibold">Ledger</h3>
      <table className="mt-2 w-full text-left text-sm">
        <thead className="text-xs text-zinc-600 dark:text-zinc-400">
          <tr>
            <th className="py-1">When</th>
            <th>Type</th>
            <th>Amount</th>
            <th>Balance</th>
            <th>Note</th>
          </tr>
        </thead>
        <tbody>
          {d.ledger.map((t) => (
            <tr key={t.id} className="border-t border-zinc-100 dark:border-zinc-800">
              <td className="py-1">{new Date(t.created_at).toLocaleDateString()}</td>
              <td>{t.transaction_type}</td>
              <td className="tabular-nums">{t.amount > 0 ? `+${t.amount}` : t.amount}</td>
              <td className="tabular-nums">{t.balance_after}</td>
              <td className="max-w-48 truncate" title={t.description ?? ''}>
                {t.description}
                {t.actor_user_id ? ` (granted by ${t.actor_email ?? 'an admin'})` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
