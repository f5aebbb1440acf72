import { useEffect, useId, useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { errorMessage, isApiError } from '../../../lib/api'
import { useAuth } from '../../../lib/auth'
import { languageName, plural } from '../../../lib/format'
import type { ProblemDetail } from '../../../lib/types'
import { Alert } from '../../../components/ui/Alert'
import { Button, buttonClass } from '../../../components/ui/Button'
import { Dialog } from '../../../components/ui/Dialog'
import { getCreditBalance, startSession } from '../api'
import { getPaymentsConfig } from '../../billing/api'

const DURATIONS = [30, 45, 60] as const

export const LANGUAGE_KEY = 'mockroom-language'

/**
 * The language picked last time, else Python, else the first offered: the
 * list is alphabetical, and C++ first surprised most people.
 */
export function defaultLanguage(languages: string[]): string {
  let last: string | null = null
  try {
    last = localStorage.getItem(LANGUAGE_KEY)
  } catch {
    // no storage: no memory
  }
  if (last && languages.includes(last)) return last
  if (languages.includes('python')) return 'python'
  return languages[0] ?? 'python'
}

/** Language and length for a new interview; starting spends one credit. */
export function StartInterviewDialog({ problem, open, onClose }: { problem: ProblemDetail; open: boolean; onClose: () => void }) {
  const navigate = useNavigate()
  const [language, setLanguage] = useState(() => defaultLanguage(problem.languages))
  const [minutes, setMinutes] = useState<number>(45)
  const [credits, setCredits] = useState<{ balance: number; unlimited: boolean } | null>(null)
  // Whether this server sells credits: the way out of an empty balance.
  const [shop, setShop] = useState(false)
  const { profile } = useAuth()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const langId = useId()

  useEffect(() => {
    if (!open) return
    setError(null)
    const ctrl = new AbortController()
    getCreditBalance(ctrl.signal).then(setCredits, () => setCredits(null))
    getPaymentsConfig(ctrl.signal).then(
      (c) => setShop(c.enabled),
      () => setShop(false),
    )
    return () => ctrl.abort()
  }, [open])

  async function start() {
    setBusy(true)
    setError(null)
    try {
      const s = await startSession(problem.id, language, minutes)
      try {
        localStorage.setItem(LANGUAGE_KEY, language)
      } catch {
        // Private mode: the next dialog falls back to Python.
      }
      navigate(`/interview/${encodeURIComponent(s.id)}`)
    } catch (err) {
      setError(err)
      setBusy(false)
    }
  }

  // Out of credits: say so and what to do, instead of a greyed-out button.
  const empty = (credits !== null && !credits.unlimited && credits.balance <= 0) || isApiError(error, 'insufficient_credits')
  const message = empty ? null : isApiError(error, 'too_many_sessions') ? (
    <>
      You have too many interviews open. Finish one from your <Link to="/dashboard" className="underline">dashboard</Link> first.
    </>
  ) : error ? (
    errorMessage(error)
  ) : null

  return (
    <Dialog
      open={open}
      title={`Start: ${problem.title}`}
      onClose={onClose}
      footer={
        empty ? (
          <>
            <Button variant="secondary" onClick={onClose}>
              Close
            </Button>
            {shop ? (
              <Link to="/pricing" className={buttonClass('primary', 'md')}>
                Buy credits
              </Link>
            ) : (
              <Link to="/dashboard" className={buttonClass('primary', 'md')}>
                Go to your dashboard
              </Link>
            )}
          </>
        ) : (
          <>
            <Button variant="secondary" onClick={onClose}>
              Cancel
            </Button>
            <Button onClick={() => void start()} loading={busy}>
              Start interview
            </Button>
          </>
        )
      }
    >
      {empty ? (
        <div data-testid="no-credits" role="alert" className="space-y-3 text-sm">
          <p className="font-medium text-zinc-900 dark:text-zinc-100">You have no interview credits left.</p>
          {shop ? (
            <p className="text-zinc-700 dark:text-zinc-300">
              Each interview takes one credit. Buy a credit pack or subscribe for monthly credits on the{' '}
              <Link to="/pricing" className="underline">
                pricing page
              </Link>
              ; you can still read every problem and review your past interviews meanwhile.
            </p>
          ) : (
          <>
          <p className="text-zinc-700 dark:text-zinc-300">
            Each interview takes one credit. This server has no shop: its administrator can give you more by running
          </p>
          <pre className="overflow-x-auto rounded-lg bg-zinc-100 px-3 py-2 font-mono text-xs dark:bg-zinc-900">
            mockroom credits grant {profile?.email ?? 'you@example.com'} 5
          </pre>
          <p className="text-zinc-700 dark:text-zinc-300">
            or by starting the server with <code className="font-mono">CREDITS=unlimited</code>. Meanwhile you can still read every problem and review your past
            interviews.
          </p>
          </>
          )}
        </div>
      ) : (
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault()
          void start()
        }}
      >
        <div>
          <label htmlFor={langId} className="block text-sm font-medium text-zinc-900 dark:text-zinc-100">
            Language
          </label>
          <select
            id={langId}
            data-autofocus
            value={language}
            onChange={(e) => setLanguage(e.target.value)}
            className="mt-1 w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-950"
          >
            {problem.languages.map((l) => (
              <option key={l} value={l}>
                {languageName(l)}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-zinc-900 dark:text-zinc-100">Length</legend>
          <div className="mt-1 flex gap-2" role="radiogroup" aria-label="Length">
            {DURATIONS.map((d) => (
              <label
                key={d}
                className={
                  'flex cursor-pointer items-center gap-2 rounded-lg border px-3 py-1.5 text-sm ' +
                  (minutes === d ? 'border-indigo-600 bg-indigo-50 dark:border-indigo-400 dark:bg-indigo-950/60' : 'border-zinc-300 dark:border-zinc-700')
                }
              >
                <input type="radio" name="duration" value={d} checked={minutes === d} onChange={() => setMinutes(d)} className="accent-indigo-600" />
                {d} min
              </label>
            ))}
          </div>
        </fieldset>
        <p data-testid="credit-cost" className="text-sm text-zinc-600 dark:text-zinc-400">
          {credits === null
            ? 'Uses 1 credit.'
            : credits.unlimited
              ? 'Credits are unlimited on this server.'
              : `Uses 1 of your ${plural(credits.balance, 'credit')}.`}
        </p>
        {message && <Alert>{message}</Alert>}
        <button type="submit" hidden />
      </form>
      )}
    </Dialog>
  )
}
