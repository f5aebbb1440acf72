import { useState } from 'react'
import { Link } from 'react-router'
import { errorMessage } from '../../../lib/api'
import { formatDate, plural, titleCase } from '../../../lib/format'
import { useAsync } from '../../../lib/useAsync'
import { Alert } from '../../../components/ui/Alert'
import { Button, buttonClass } from '../../../components/ui/Button'
import { Skeleton } from '../../../components/ui/Spinner'
import { cancelSubscription, getCredits, getPaymentsConfig, getSubscriptions, goTo, portalURL } from '../api'

const TYPE_LABEL: Record<string, string> = { purchase: 'Purchase', usage: 'Interview', refund: 'Refund', bonus: 'Bonus' }

/** The balance, the ledger, and the subscription, on the settings page. */
export function BillingSettings() {
  const data = useAsync(
    async (signal) => {
      const [credits, config, subs] = await Promise.all([getCredits(signal), getPaymentsConfig(signal), getSubscriptions(signal)])
      return { credits, config, subs }
    },
    [],
  )
  const [busy, setBusy] = useState<'portal' | 'cancel' | null>(null)
  const [status, setStatus] = useState<{ tone: 'error' | 'success'; text: string } | null>(null)

  async function openPortal() {
    setBusy('portal')
    setStatus(null)
    try {
      goTo((await portalURL()).url)
    } catch (err) {
      setStatus({ tone: 'error', text: errorMessage(err) })
      setBusy(null)
    }
  }

  async function cancel() {
    setBusy('cancel')
    setStatus(null)
    try {
      await cancelSubscription()
      setStatus({ tone: 'success', text: 'Your subscription ends at the close of the period you paid for.' })
      data.reload()
    } catch (err) {
      setStatus({ tone: 'error', text: errorMessage(err) })
    } finally {
      setBusy(null)
    }
  }

  const live = data.data?.subs.subscriptions.find((s) => s.status === 'active' || s.status === 'past_due')
  return (
    <section aria-labelledby="billing-heading" className="mt-6 rounded-xl border border-zinc-200 p-6 dark:border-zinc-800">
      <h2 id="billing-heading" className="text-lg font-semibold">
        Credits and billing
      </h2>
      {data.error !== undefined && (
        <div className="mt-3">
          <Alert>{errorMessage(data.error)}</Alert>
        </div>
      )}
      {data.loading && !data.data ? (
        <Skeleton className="mt-3 h-20" />
      ) : data.data ? (
        <div className="mt-3 space-y-4 text-sm">
          {status && <Alert tone={status.tone}>{status.text}</Alert>}
          <p data-testid="balance" className="text-zinc-800 dark:text-zinc-200">
            {data.data.credits.unlimited ? (
              'Credits are unlimited on this server.'
            ) : (
              <>
                Balance: <strong>{plural(data.data.credits.balance, 'credit')}</strong>
              </>
            )}
            {' · '}Plan: <strong>{titleCase(data.data.subs.tier)}</strong>
            {live?.cancel_at_period_end && <> (ends {formatDate(live.current_period_end)})</>}
          </p>
          {data.data.config.enabled ? (
            <div className="flex flex-wrap gap-2">
              <Link to="/pricing" className={buttonClass('primary', 'sm')}>
                Buy credits
              </Link>
              <Button variant="secondary" size="sm" onClick={() => void openPortal()} loading={busy === 'portal'}>
                Billing portal
              </Button>
              {live && !live.cancel_at_period_end && (
                <Button variant="ghost" size="sm" onClick={() => void cancel()} loading={busy === 'cancel'}>
                  Cancel subscription
                </Button>
              )}
            </div>
          ) : (
            <p className="text-zinc-600 dark:text-zinc-400">Payments are off on this server; its administrator grants credits.</p>
          )}
          <div>
            <h3 className="font-medium text-zinc-900 dark:text-zinc-100">History</h3>
            {data.data.credits.transactions.length === 0 ? (
              <p className="mt-1 text-zinc-600 dark:text-zinc-400">No credit changes yet.</p>
            ) : (
              <table className="mt-2 w-full text-left" aria-label="Credit history">
                <thead className="text-xs text-zinc-500 dark:text-zinc-400">
                  <tr>
                    <th className="py-1 font-medium">Date</th>
                    <th className="py-1 font-medium">What</th>
                    <th className="py-1 text-right font-medium">Change</th>
                    <th className="py-1 text-right font-medium">Balance</th>
                  </tr>
                </thead>
                <tbody>
                  {data.data.credits.transactions.map((t) => (
                    <tr key={t.id} className="border-t border-zinc-100 dark:border-zinc-800">
                      <td className="py-1.5 pr-2 whitespace-nowrap text-zinc-600 dark:text-zinc-400">{formatDate(t.created_at)}</td>
                      <td className="py-1.5 pr-2">
                        <span className="font-medium">{TYPE_LABEL[t.transaction_type] ?? t.transaction_type}</span>
                        {t.description && <span className="text-zinc-600 dark:text-zinc-400"> · {t.description}</span>}
                      </td>
                      <td className={'py-1.5 text-right tabular-nums ' + (t.amount < 0 ? 'text-red-700 dark:text-red-400' : 'text-emerald-700 dark:text-emerald-400')}>
                        {t.amount > 0 ? '+' + t.amount : t.amount}
                      </td>
                      <td className="py-1.5 text-right tabular-nums">{t.balance_after}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </div>
      ) : null}
    </section>
  )
}
