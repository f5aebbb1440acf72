import { describe, expect, it } from 'vitest'
import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { apiError, json, mockFetch } from '../../../test/fetch'
import { renderAt } from '../../../test/render'
import { SignUpPage } from './SignUpPage'

const routes = [
  { path: '/signup', element: <SignUpPage /> },
  { path: '/dashboard', element: <p>dashboard page</p> },
]

function anonymous(extra: Parameters<typeof mockFetch>[0] = {}) {
  return mockFetch({
    'GET /api/auth/session': () => apiError(401, 'unauthenticated', 'sign in'),
    'GET /api/auth/providers': () => json({ providers: [] }),
    ...extra,
  })
}

describe('SignUpPage', () => {
  it('says "check your inbox" when the server mails a link, and sends the invite', async () => {
    const { calls } = anonymous({ 'POST /api/auth/signup': () => json({ status: 'check_inbox' }, 202) })
    renderAt('/signup?invite=abc.def&email=ada%40example.com', routes)
    const user = userEvent.setup()
    await user.type(await screen.findByLabelText('Full name'), 'Ada')
    expect(screen.getByLabelText('Email')).toHaveValue('ada@example.com')
    await user.type(screen.getByLabelText('Password'), 'correct horse{Enter}')
    expect(await screen.findByRole('heading', { name: 'Check your inbox' })).toBeInTheDocument()
    const sent = calls.find((c) => c.url.pathname === '/api/auth/signup')
    expect(JSON.parse(String(sent?.init.body))).toMatchObject({ email: 'ada@example.com', invite: 'abc.def' })
  })

  it('refuses a password of only spaces', async () => {
    anonymous()
    renderAt('/signup', routes)
    const user = userEvent.setup()
    const pw = await screen.findByLabelText('Password')
    await user.type(pw, '          ')
    await user.tab()
    expect(pw).toHaveAccessibleDescription(/only spaces/)
  })

  it('checks the password length inline, after the field is left', async () => {
    anonymous()
    renderAt('/signup', routes)
    const user = userEvent.setup()
    const pw = await screen.findByLabelText('Password')
    await user.type(pw, 'short')
    expect(pw).toHaveAccessibleDescription('At least 8 characters (3 to go).')
    expect(pw).not.toHaveAttribute('aria-invalid')
    await user.tab()
    expect(pw).toHaveAttribute('aria-invalid', 'true')
    expect(pw).toHaveAccessibleDescription(/at least 8 characters \(3 more\)/)
    await user.type(pw, 'enough')
    expect(pw).not.toHaveAttribute('aria-invalid')
  })

  it('offers sign-in when the email is taken', async () => {
    const { calls } = anonymous({ 'POST /api/auth/signup': () => apiError(409, 'email_taken', 'email taken') })
    renderAt('/signup', routes)
    const user = userEvent.setup()
    await user.type(await screen.findByLabelText('Full name'), 'Ada Lovelace')
    await user.type(screen.getByLabelText('Email'), 'ada@example.com')
    await user.type(screen.getByLabelText('Password'), 'analytical{Enter}')
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('That email is already registered. Sign in instead?')
    expect(screen.getByRole('link', { name: 'Sign in instead?' })).toHaveAttribute('href', '/signin?email=ada%40example.com')
    const body = JSON.parse(String(calls.find((c) => c.method === 'POST')!.init.body))
    expect(body).toEqual({ full_name: 'Ada Lovelace', email: 'ada@example.com', password: 'analytical' })
  })

  it('lands on the dashboard after signing up', async () => {
    anonymous({
      'POST /api/auth/signup': () =>
        json({ user: { id: 'u', email: 'a@b.co', is_admin: false }, profile: { id: 'u', email: 'a@b.co', full_name: 'A', experience_level: '', target_companies: [], credits: 3, subscription_tier: 'free', created_at: '', updated_at: '' } }, 201),
    })
    renderAt('/signup', routes)
    const user = userEvent.setup()
    await user.type(await screen.findByLabelText('Full name'), 'A')
    await user.type(screen.getByLabelText('Email'), 'a@b.co')
    await user.type(screen.getByLabelText('Password'), '12345678{Enter}')
    await waitFor(() => expect(screen.getByText('dashboard page')).toBeInTheDocument())
  })
})
