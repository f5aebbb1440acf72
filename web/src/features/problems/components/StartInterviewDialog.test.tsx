import { afterEach, describe, expect, it } from 'vitest'
import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { apiError, json, mockFetch } from '../../../test/fetch'
import { renderAt } from '../../../test/render'
import type { ProblemDetail } from '../../../lib/types'
import { ProblemDetailPage } from './ProblemDetailPage'
import { LANGUAGE_KEY, defaultLanguage } from './StartInterviewDialog'

const twoSum: ProblemDetail = {
  id: 'p1',
  slug: 'two-sum',
  pattern: 'Arrays & Hashing',
  title: 'Two Sum',
  description: 'Find two numbers.',
  difficulty: 'easy',
  categories: ['Array'],
  companies: [],
  starter_code: { python: 'class Solution:\n    pass\n', go: 'package main\n' },
  languages: ['python', 'go'],
  examples: [],
  hint_count: 3,
  submissions: 0,
}

const session = {
  user: { id: 'u1', email: 'a@example.com', is_admin: false },
  profile: { id: 'u1', email: 'a@example.com', full_name: 'Ada', experience_level: '', target_companies: [], credits: 3, subscription_tier: 'free', created_at: '', updated_at: '' },
}

const routes = [
  { path: '/problems/:slug', element: <ProblemDetailPage /> },
  { path: '/interview/:id', element: <p>the room</p> },
]

function server(
  start: (body: Record<string, unknown>) => Response,
  credits: Record<string, unknown> = { balance: 3, transactions: [] },
  payments: Record<string, unknown> = { enabled: false, packs: [], plans: [] },
) {
  return mockFetch({
    'GET /api/payments/config': () => json(payments),
    'GET /api/auth/session': () => json(session),
    'GET /api/problems/two-sum': () => json(twoSum),
    'GET /api/users/credits': () => json(credits),
    'POST /api/sessions/start': (_u, init) => start(JSON.parse(String(init.body)) as Record<string, unknown>),
  })
}

describe('Start interview', () => {
  it('asks for language and length, shows the cost, starts and opens the room', async () => {
    let sent: Record<string, unknown> = {}
    server((b) => {
      sent = b
      return json({ id: 's42', status: 'active', language: b.language, duration_minutes: b.duration_minutes }, 201)
    })
    renderAt('/problems/two-sum', routes)
    await userEvent.click(await screen.findByRole('button', { name: 'Start interview' }))
    const dialog = await screen.findByRole('dialog', { name: 'Start: Two Sum' })
    expect(await screen.findByText('Uses 1 of your 3 credits.')).toBeInTheDocument()
    // Focus moves into the dialog, onto the language picker.
    expect(screen.getByLabelText('Language')).toHaveFocus()
    await userEvent.selectOptions(screen.getByLabelText('Language'), 'go')
    await userEvent.click(screen.getByRole('radio', { name: '30 min' }))
    const buttons = dialog.querySelectorAll('button')
    await userEvent.click([...buttons].find((b) => b.textContent === 'Start interview')!)
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/interview/s42'))
    expect(sent).toEqual({ problem_id: 'p1', language: 'go', duration_minutes: 30 })
  })

  it('explains running out of credits, and Escape closes the dialog', async () => {
    server(() => apiError(402, 'insufficient_credits', 'no credits'))
    renderAt('/problems/two-sum', routes)
    await userEvent.click(await screen.findByRole('button', { name: 'Start interview' }))
    const dialog = await screen.findByRole('dialog')
    const buttons = dialog.querySelectorAll('button')
    await userEvent.click([...buttons].find((b) => b.textContent === 'Start interview')!)
    const alert = await screen.findByTestId('no-credits')
    expect(alert).toHaveTextContent('You have no interview credits left.')
    expect(alert).toHaveTextContent('mockroom credits grant a@example.com 5')
    await userEvent.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(screen.getByRole('button', { name: 'Start interview' })).toHaveFocus()
  })
})

describe('Start interview with 0 or unlimited credits', () => {
  it('with 0 credits says so and what to do next, with no start button', async () => {
    server(() => json({}, 500), { balance: 0, transactions: [] })
    renderAt('/problems/two-sum', routes)
    await userEvent.click(await screen.findByRole('button', { name: 'Start interview' }))
    const dialog = await screen.findByRole('dialog')
    expect(await screen.findByTestId('no-credits')).toHaveTextContent(/no interview credits left.*mockroom credits grant a@example\.com 5.*CREDITS=unlimited/)
    expect([...dialog.querySelectorAll('button')].some((b) => b.textContent === 'Start interview')).toBe(false)
    expect(screen.getByRole('link', { name: 'Go to your dashboard' })).toHaveAttribute('href', '/dashboard')
  })

  it('with payments on, points to the pricing page to buy credits', async () => {
    server(() => json({}, 500), { balance: 0, transactions: [] }, { enabled: true, packs: [{ name: 'starter', amount_cents: 500, credits: 5, currency: 'usd' }], plans: [] })
    renderAt('/problems/two-sum', routes)
    await userEvent.click(await screen.findByRole('button', { name: 'Start interview' }))
    await waitFor(() => expect(screen.getByRole('link', { name: 'Buy credits' })).toHaveAttribute('href', '/pricing'))
    expect(screen.getByTestId('no-credits')).toHaveTextContent(/no interview credits left.*pricing page/)
    expect(screen.getByTestId('no-credits')).not.toHaveTextContent('mockroom credits grant')
  })

  it('on an unlimited server says credits are not counted', async () => {
    server(() => json({ id: 's1' }, 201), { balance: 0, transactions: [], unlimited: true })
    renderAt('/problems/two-sum', routes)
    await userEvent.click(await screen.findByRole('button', { name: 'Start interview' }))
    expect(await screen.findByText('Credits are unlimited on this server.')).toBeInTheDocument()
    expect(screen.queryByTestId('no-credits')).toBeNull()
  })
})

describe('defaultLanguage', () => {
  afterEach(() => localStorage.removeItem(LANGUAGE_KEY))
  it.each<[string, string | null, string[], string]>([
    ['Python before an alphabetical first', null, ['cpp', 'go', 'python'], 'python'],
    ['the last pick when offered', 'go', ['cpp', 'go', 'python'], 'go'],
    ['not a last pick this problem lacks', 'rust', ['cpp', 'python'], 'python'],
    ['the first when there is no Python', null, ['cpp', 'java'], 'cpp'],
  ])('%s', (_, stored, languages, want) => {
    if (stored) localStorage.setItem(LANGUAGE_KEY, stored)
    expect(defaultLanguage(languages)).toBe(want)
  })
})
