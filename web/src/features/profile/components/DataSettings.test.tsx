import { afterEach, describe, expect, it, vi } from 'vitest'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { DataSettings } from './DataSettings'

const refresh = vi.fn(async () => {})
const navigate = vi.fn()
let user = { id: 'u1', email: 'ada@example.com', is_admin: false, email_verified: true, has_password: true }

vi.mock('../../../lib/auth', () => ({ useAuth: () => ({ user, refresh }) }))
vi.mock('react-router', () => ({ useNavigate: () => navigate }))

function stubFetch(status: number, body = '') {
  const f = vi.fn(async () => new Response(body || null, { status, headers: { 'Content-Type': 'application/json' } }))
  vi.stubGlobal('fetch', f)
  return f
}

afterEach(() => {
  vi.unstubAllGlobals()
  vi.clearAllMocks()
})

describe('DataSettings', () => {
  it('deletes the account with the password, then signs out', async () => {
    const f = stubFetch(204)
    render(<DataSettings />)
    await userEvent.click(screen.getByRole('button', { name: 'Delete my account' }))
    expect(screen.getByRole('dialog')).toHaveTextContent('This cannot be undone')
    const confirm = screen.getByRole('button', { name: 'Delete my account for good' })
    expect(confirm).toBeDisabled()
    await userEvent.type(screen.getByLabelText('Your password'), 'correct horse')
    await userEvent.click(confirm)
    expect(f).toHaveBeenCalledWith('/api/users/data', expect.objectContaining({ method: 'DELETE', body: JSON.stringify({ password: 'correct horse' }) }))
    expect(refresh).toHaveBeenCalled()
    expect(navigate).toHaveBeenCalledWith('/', { replace: true })
  })

  it('says so when the password is wrong, and stays', async () => {
    stubFetch(400, JSON.stringify({ error: { code: 'wrong_password', message: 'the password is not correct' } }))
    render(<DataSettings />)
    await userEvent.click(screen.getByRole('button', { name: 'Delete my account' }))
    await userEvent.type(screen.getByLabelText('Your password'), 'nope')
    await userEvent.click(screen.getByRole('button', { name: 'Delete my account for good' }))
    expect(await screen.findByText('The password is not correct.')).toBeInTheDocument()
    expect(navigate).not.toHaveBeenCalled()
  })

  it('asks an account without a password for its e-mail typed out', async () => {
    user = { ...user, has_password: false }
    const f = stubFetch(204)
    render(<DataSettings />)
    await userEvent.click(screen.getByRole('button', { name: 'Delete my account' }))
    const confirm = screen.getByRole('button', { name: 'Delete my account for good' })
    await userEvent.type(screen.getByLabelText('Type ada@example.com to confirm'), 'ada@example.co')
    expect(confirm).toBeDisabled()
    await userEvent.type(screen.getByLabelText('Type ada@example.com to confirm'), 'm')
    await userEvent.click(confirm)
    expect(f).toHaveBeenCalledWith('/api/users/data', expect.objectContaining({ body: JSON.stringify({ confirm_email: 'ada@example.com' }) }))
  })
})
