import { afterEach, describe, expect, it, vi } from 'vitest'
import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { json, mockFetch } from '../../../test/fetch'
import { renderAt } from '../../../test/render'
import * as billingApi from '../api'
import { PricingPage } from './PricingPage'
import { BillingSettings } from './BillingSettings'

const session = {
  user: { id: 'u1', email: 'a@example.com', is_admin: false },
  profile: { id: 'u1', email: 'a@example.com', full_name: 'Ada', experience_level: '', target_companies: [], credits: 3, subscription_tier: 'free', created_at: '', updated_at: '' },
}

const catalogue = {
  enabled: true,
  packs: [
    { name: 'starter', amount_cents: 500, credits: 5, currency: 'usd' },
    { name: 'pro', amount_cents: 1500, credits: 20, currency: 'usd' },
  ],
  plans: [{ tier: 'pro', monthly_credits: 30, amount_cents: 1900, currency: 'usd' }],
}

afterEach(() => vi.restoreAllMocks())

describe('Pricing', () => {
  it('sends a buyer to Stripe Checkout for the pack they chose', async () => {
    const go = vi.spyOn(billingApi, 'goTo').mockImplementation(() => {})
    let sent: unknown
    mockFetch({
      'GET /api/auth/session': () => json(session),
      'GET /api/payments/config': () => json(catalogue),
      'POST /api/payments/checkout': (_u, init) => {
        sent = JSON.parse(String(init.body))
        return json({ sessionId: 'cs_1', url: 'https://checkout.stripe.com/c/cs_1', amount: 1500, credits: 20 })
      },
    })
    renderAt('/pricing', [{ path: '/pricing', element: <PricingPage /> }])
    expect(await screen.findByText('20 interview credits')).toBeInTheDocument()
    expect(screen.getByText('$15')).toBeInTheDocument()
    await userEvent.click(await screen.findByRole('button', { name: 'Buy Pro' }))
    await waitFor(() => expect(go).toHaveBeenCalledWith('https://checkout.stripe.com/c/cs_1'))
    expect(sent).toEqual({ creditPackage: 'pro' })
    expect(screen.getByRole('button', { name: 'Subscribe to Pro' })).toBeInTheDocument()
  })

  it('says payments are off when the server has no Stripe key', async () => {
    mockFetch({
      'GET /api/auth/session': () => json(session),
      'GET /api/payments/config': () => json({ enabled: false, packs: [], plans: [] }),
    })
    renderAt('/pricing', [{ path: '/pricing', element: <PricingPage /> }])
    expect(await screen.findByTestId('payments-off')).toHaveTextContent('Payments are off on this server.')
    expect(screen.queryByRole('button', { name: /Buy/ })).toBeNull()
  })

  it('thanks the buyer back from Checkout', async () => {
    mockFetch({
      'GET /api/auth/session': () => json(session),
      'GET /api/payments/config': () => json(catalogue),
    })
    renderAt('/pricing?checkout=success', [{ path: '/pricing', element: <PricingPage /> }])
    expect(await screen.findByText(/Your payment went through/)).toBeInTheDocument()
  })
})

describe('Credits and billing on the settings page', () => {
  it('shows the balance, the plan and the ledger history', async () => {
    mockFetch({
      'GET /api/auth/session': () => json(session),
      'GET /api/payments/config': () => json(catalogue),
      'GET /api/subscriptions': () => json({ tier: 'pro', subscriptions: [] }),
      'GET /api/users/credits': () =>
        json({
          balance: 7,
          unlimited: false,
          transactions: [
            { id: 't2', amount: -1, transaction_type: 'usage', balance_after: 7, created_at: '2026-01-02T00:00:00Z', description: 'Two Sum' },
            { id: 't1', amount: 5, transaction_type: 'purchase', balance_after: 8, created_at: '2026-01-01T00:00:00Z', description: 'Bought the starter pack: 5 credits' },
          ],
        }),
    })
    renderAt('/settings', [{ path: '/settings', element: <BillingSettings /> }])
    expect(await screen.findByTestId('balance')).toHaveTextContent('Balance: 7 credits · Plan: Pro')
    const rows = screen.getByRole('table', { name: 'Credit history' }).querySelectorAll('tbody tr')
    expect(rows).toHaveLength(2)
    expect(rows[1]).toHaveTextContent('Purchase · Bought the starter pack: 5 credits+58')
    expect(screen.getByRole('link', { name: 'Buy credits' })).toHaveAttribute('href', '/pricing')
  })
})
