import { describe, expect, it } from 'vitest'
import { render, screen, within } from '@testing-library/react'
import { MemoryRouter } from 'react-router'
import type { InterviewSession } from '../../../lib/types'
import { apiError, json, mockFetch } from '../../../test/fetch'
import { renderAt } from '../../../test/render'
import { ProgressCharts } from './ProgressCharts'
import { DashboardPage } from './DashboardPage'

const now = new Date(2026, 2, 11, 12)

function session(id: string, day: number, passed: number, total: number, status: InterviewSession['status'] = 'completed'): InterviewSession {
  return {
    id,
    problem_id: 'p',
    problem_slug: 'two-sum',
    problem_title: `Problem ${id}`,
    problem_difficulty: 'easy',
    status,
    language: 'python',
    duration_minutes: 30,
    duration_seconds: 900,
    hints_used: 0,
    test_cases_passed: passed,
    test_cases_total: total,
    started_at: new Date(2026, 2, day, 10).toISOString(),
    credits_consumed: 1,
    created_at: new Date(2026, 2, day, 10).toISOString(),
    updated_at: new Date(2026, 2, day, 10).toISOString(),
  }
}

const show = (sessions: InterviewSession[]) =>
  render(
    <MemoryRouter>
      <ProgressCharts sessions={sessions} now={now} />
    </MemoryRouter>,
  )

describe('ProgressCharts', () => {
  it('draws nothing without sessions', () => {
    const { container } = show([])
    expect(container).toBeEmptyDOMElement()
  })

  it('draws a bar per week and per finished interview, each with its numbers', () => {
    show([session('a', 2, 1, 4), session('b', 10, 4, 4), session('c', 11, 0, 3, 'active')])
    const weekly = screen.getByRole('img', { name: /Interviews per week\. 3 interviews in the last 8 weeks, 2 interviews this week\./ })
    const bars = within(weekly).getAllByTestId('week-bar')
    expect(bars).toHaveLength(8)
    expect(bars.map((b) => b.getAttribute('data-count'))).toEqual(['0', '0', '0', '0', '0', '0', '1', '2'])

    const scores = screen.getByRole('img', { name: /Tests passed per interview\. Last 2 interviews: 63% of tests passed/ })
    const sb = within(scores).getAllByTestId('score-bar')
    expect(sb.map((b) => b.getAttribute('data-ratio'))).toEqual(['0.25', '1.00'])
    // The tooltip says which interview and how many tests.
    expect(sb[1]!.querySelector('title')?.textContent).toMatch(/^Problem b, .*: 4 of 4 tests passed$/)
  })

  it('says what to do when no interview has run tests', () => {
    show([session('a', 10, 0, 0)])
    expect(screen.queryByTestId('scores-chart')).toBeNull()
    expect(screen.getByText(/Run or submit your code in an interview/)).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Pick a problem' })).toHaveAttribute('href', '/problems')
  })
})

describe('DashboardPage', () => {
  const profile = {
    id: 'u',
    email: 'ada@example.com',
    full_name: 'Ada Lovelace',
    experience_level: '',
    target_companies: [],
    credits: 2,
    subscription_tier: 'free',
    created_at: '',
    updated_at: '',
  }

  it('shows progress charts from GET /api/sessions', async () => {
    mockFetch({
      'GET /api/auth/session': () => json({ user: { id: 'u', email: profile.email, is_admin: false }, profile }),
      'GET /api/users/credits': () => json({ balance: 2, transactions: [] }),
      'GET /api/sessions': () => json({ sessions: [session('a', 2, 3, 3)] }),
      'GET /api/users/progress': () => json({ points: [] }),
    })
    renderAt('/dashboard', [{ path: '/dashboard', element: <DashboardPage /> }])
    expect(await screen.findByRole('heading', { name: 'Your progress' })).toBeInTheDocument()
    expect(screen.getByTestId('scores-chart')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: /Problem a: see the summary/ })).toBeInTheDocument()
  })

  it('shows no charts to a new candidate, only the way to start', async () => {
    mockFetch({
      'GET /api/auth/session': () => json({ user: { id: 'u', email: profile.email, is_admin: false }, profile }),
      'GET /api/users/credits': () => json({ balance: 3, transactions: [] }),
      'GET /api/sessions': () => json({ sessions: [] }),
      'GET /api/users/progress': () => json({ points: [] }),
    })
    renderAt('/dashboard', [{ path: '/dashboard', element: <DashboardPage /> }])
    expect(await screen.findByText(/No interviews yet/)).toBeInTheDocument()
    expect(screen.queryByRole('heading', { name: 'Your progress' })).toBeNull()
  })

  it('offers Try again when the sessions fail to load', async () => {
    mockFetch({
      'GET /api/auth/session': () => json({ user: { id: 'u', email: profile.email, is_admin: false }, profile }),
      'GET /api/users/credits': () => json({ balance: 3, transactions: [] }),
      'GET /api/sessions': () => apiError(503, 'unavailable', 'try later'),
      'GET /api/users/progress': () => json({ points: [] }),
    })
    renderAt('/dashboard', [{ path: '/dashboard', element: <DashboardPage /> }])
    expect(await screen.findByRole('button', { name: 'Try again' })).toBeInTheDocument()
  })
})
