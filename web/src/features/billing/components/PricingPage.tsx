import { useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { CreditCard, Sparkles } from 'lucide-react'
import { errorMessage } from '../../../lib/api'
import { useAuth } from '../../../lib/auth'
import { plural, titleCase } from '../../../lib/format'
import { useAsync } from '../../../lib/useAsync'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { Page } from '../../../components/Layout'
import { Alert } from '../../../components/ui/Alert'
import { Button, buttonClass } from '../../../components/ui/Button'
import { PageSpinner } from '../../../components/ui/Spinner'
import { checkoutPack, formatMoney, getPaymentsConfig, goTo, subscribe } from '../api'

/** Credit packs and subscription plans, bought on Stripe's hosted Checkout page. */
export function PricingPage() {
  useDocumentTitle('Pricing')
  const { status } = useAuth()
  const [params] = useSearchParams()
  const config = useAsync((signal) => getPaymentsConfig(signal), [])
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)

  async function buy(key: string, start: () => Promise<{ url: string }>) {
    setBusy(key)
    setError(null)
    try {
      goTo((await start()).url)
    } catch (err) {
      setError(err)
      setBusy(null)
    }
  }

  const returned = params.get('checkout') ?? params.get('subscription')
  if (config.loading) return <PageSpinner />
  const cfg = config.data

  return (
    <Page>
      <div className="mx-auto max-w-4xl">
        <h1 className="text-2xl font-semibold tracking-tight">Pricing</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Each interview takes one credit. Buy a pack once, or subscribe for credits every month.</p>
        <div className="mt-4 space-y-3">
          {returned === 'success' && (
            <Alert tone="success">Thank you! Your payment went through; your credits appear in a moment on your settings page.</Alert>
          )}
          {returned === 'cancel' && <Alert tone="warning">Checkout was cancelled. Nothing was charged.</Alert>}
          {config.error !== undefined && <Alert>{errorMessage(config.error)}</Alert>}
          {error !== null && <Alert>{errorMessage(error)}</Alert>}
        </div>
        {cfg && !cfg.enabled ? (
          <div data-testid="payments-off" className="mt-6 rounded-xl border border-zinc-200 p-6 text-sm dark:border-zinc-800">
            <p className="font-medium text-zinc-900 dark:text-zinc-100">Payments are off on this server.</p>
            <p className="mt-2 text-zinc-700 dark:text-zinc-300">
              Nothing is for sale here: the administrator of this server grants credits (with <code className="font-mono">mockroom credits grant</code> or the
              admin console), or turns credits off altogether.
            </p>
          </div>
        ) : cfg ? (
          <>
            <h2 className="mt-8 text-lg font-semibold">Credit packs</h2>
            <ul className="mt-3 grid gap-4 sm:grid-cols-3">
              {cfg.packs.map((p) => (
                <li key={p.name} className="flex flex-col rounded-xl border border-zinc-200 p-5 dark:border-zinc-800">
                  <div className="flex items-center gap-2 text-sm font-medium text-zinc-600 dark:text-zinc-400">
                    <CreditCard className="size-4" aria-hidden="true" />
                    {titleCase(p.name)}
                  </div>
                  <p className="mt-2 text-2xl font-semibold">{formatMoney(p.amount_cents, p.currency)}</p>
                  <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">{plural(p.credits, 'interview credit')}</p>
                  <div className="mt-4 flex-1" />
                  {status === 'authenticated' ? (
                    <Button onClick={() => void buy('pack:' + p.name, () => checkoutPack(p.name))} loading={busy === 'pack:' + p.name} disabled={busy !== null}>
                      Buy {titleCase(p.name)}
                    </Button>
                  ) : (
                    <Link to="/signin" className={buttonClass('secondary', 'md')}>
                      Sign in to buy
                    </Link>
                  )}
                </li>
              ))}
            </ul>
            {cfg.plans.length > 0 && (
              <>
                <h2 className="mt-10 text-lg font-semibold">Subscriptions</h2>
                <ul className="mt-3 grid gap-4 sm:grid-cols-2">
                  {cfg.plans.map((p) => (
                    <li key={p.tier} className="flex flex-col rounded-xl border border-zinc-200 p-5 dark:border-zinc-800">
                      <div className="flex items-center gap-2 text-sm font-medium text-zinc-600 dark:text-zinc-400">
                        <Sparkles className="size-4" aria-hidden="true" />
                        {titleCase(p.tier)}
                      </div>
                      <p className="mt-2 text-2xl font-semibold">
                        {formatMoney(p.amount_cents, p.currency)}
                        <span className="text-sm font-normal text-zinc-600 dark:text-zinc-400"> / month</span>
                      </p>
                      <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
                        {plural(p.monthly_credits, 'credit')} every month, and voice on the premium model. Cancel any time.
                      </p>
                      <div className="mt-4 flex-1" />
                      {status === 'authenticated' ? (
                        <Button onClick={() => void buy('plan:' + p.tier, () => subscribe(p.tier))} loading={busy === 'plan:' + p.tier} disabled={busy !== null}>
                          Subscribe to {titleCase(p.tier)}
                        </Button>
                      ) : (
                        <Link to="/signin" className={buttonClass('secondary', 'md')}>
                          Sign in to subscribe
                        </Link>
                      )}
                    </li>
                  ))}
                </ul>
              </>
            )}
            <p className="mt-6 text-xs text-zinc-500 dark:text-zinc-400">Payments are handled by Stripe; your card details never reach this server.</p>
          </>
        ) : null}
      </div>
    </Page>
  )
}
