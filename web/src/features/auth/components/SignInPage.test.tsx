import { describe, expect, it } from 'vitest'
import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { apiError, json, mockFetch } from '../../../test/fetch'
import { renderAt } from '../../../test/render'
import { SignInPage } from './SignInPage'

const session = {
  user: { id: 'u1', email: 'ada@example.com', is_admin: false },
  profile: { id: 'u1', email: 'ada@example.com', full_name: 'Ada', experience_level: '', target_companies: [], credits: 3, subscription_tier: 'free', created_at: '', updated_at: '' },
}

const routes = [
  { path: '/signin', element: <SignInPage /> },
  { path: '/dashboard', element: <p>dashboard page</p> },
]

function anonymous(extra: Parameters<typeof mockFetch>[0] = {}) {
  return mockFetch({
    'GET /api/auth/session': () => apiError(401, 'unauthenticated', 'sign in'),
    'GET /api/auth/providers': () => json({ providers: [] }),
    ...extra,
  })
}

describe('SignInPage', () => {
  it('validates before calling the server', async () => {
    const { calls } = anonymous()
    renderAt('/signin', routes)
    const user = userEvent.setup()
    await user.click(await screen.findByRole('button', { name: 'Sign in' }))
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('Enter your email address.')
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter your password.')
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true')

    await user.type(screen.getByLabelText('Email'), 'ada@')
    await user.type(screen.getByLabelText('Password'), 'x{Enter}')
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription(/looks incomplete/)
    expect(calls.filter((c) => c.url.pathname === '/api/auth/signin')).toHaveLength(0)
  })

  it.each<{ code: string; status: number; headers: Record<string, string>; want: RegExp }>([
    { code: 'invalid_credentials', status: 401, headers: {}, want: /don't match/ },
    { code: 'rate_limited', status: 429, headers: { 'Retry-After': '30' }, want: /Wait 30 seconds/ },
    // The address's lockout after repeated failures lasts 15 minutes: say minutes, not 900 seconds.
    { code: 'rate_limited', status: 429, headers: { 'Retry-After': '900' }, want: /Wait 15 minutes and try again, or reset your password/ },
    { code: 'email_unverified', status: 403, headers: {}, want: /server words Open it to finish signing up/ },
    { code: 'rate_limited', status: 429, headers: {}, want: /Wait a few minutes/ },
  ])('explains $code', async ({ code, status, headers, want }) => {
    anonymous({ 'POST /api/auth/signin': () => apiError(status, code, 'server words', headers) })
    renderAt('/signin', routes)
    const user = userEvent.setup()
    await user.type(await screen.findByLabelText('Email'), 'ada@example.com')
    await user.type(screen.getByLabelText('Password'), 'password1{Enter}')
    expect(await screen.findByRole('alert')).toHaveTextContent(want)
  })

  it('signs in with Enter and goes to a safe next page only', async () => {
    anonymous({ 'POST /api/auth/signin': () => json(session) })
    renderAt('/signin?next=//evil.example', routes)
    const user = userEvent.setup()
    await user.type(await screen.findByLabelText('Email'), 'ada@example.com')
    await user.type(screen.getByLabelText('Password'), 'password1{Enter}')
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/dashboard'))
    expect(screen.getByText('dashboard page')).toBeInTheDocument()
  })

  it('shows only the OAuth providers the server offers', async () => {
    mockFetch({
      'GET /api/auth/session': () => apiError(401, 'unauthenticated', 'sign in'),
      'GET /api/auth/providers': () => json({ providers: ['github'] }),
    })
    renderAt('/signin?next=/problems', routes)
    const link = await screen.findByRole('link', { name: 'GitHub' })
    expect(link).toHaveAttribute('href', '/api/auth/oauth/github?next=%2Fproblems')
    expect(screen.queryByRole('link', { name: 'Google' })).not.toBeInTheDocument()
  })
})
