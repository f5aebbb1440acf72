import { api } from '../../lib/api'
import type { Checkout, CreditsBody, PaymentsBody, PaymentsConfigBody, SubscriptionsBody, UrlBody } from '../../lib/api.gen'

/** Whether this server takes payments, and what it sells. Public. */
export const getPaymentsConfig = (signal?: AbortSignal) => api.get<PaymentsConfigBody>('/api/payments/config', undefined, signal)

/** Starts Stripe Checkout for a credit pack; send the browser to url. */
export const checkoutPack = (creditPackage: string) => api.post<Checkout>('/api/payments/checkout', { creditPackage })

/** Starts Stripe Checkout for a subscription tier. */
export const subscribe = (tier: string) => api.post<Checkout>('/api/subscriptions/create', { tier })

export const cancelSubscription = () => api.post<unknown>('/api/subscriptions/cancel')

export const portalURL = () => api.get<UrlBody>('/api/subscriptions/portal')

export const getSubscriptions = (signal?: AbortSignal) => api.get<SubscriptionsBody>('/api/subscriptions', undefined, signal)

export const getPayments = (signal?: AbortSignal) => api.get<PaymentsBody>('/api/payments', undefined, signal)

export const getCredits = (signal?: AbortSignal) => api.get<CreditsBody>('/api/users/credits', undefined, signal)

/** Money as the page shows it: $5, $14.99. */
export function formatMoney(cents: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency: currency.toUpperCase(),
      minimumFractionDigits: cents % 100 === 0 ? 0 : 2,
    }).format(cents / 100)
  } catch {
    return `${(cents / 100).toFixed(2)} ${currency.toUpperCase()}`
  }
}

/** Sends the browser to a Stripe-hosted page. */
export function goTo(url: string) {
  window.location.assign(url)
}
