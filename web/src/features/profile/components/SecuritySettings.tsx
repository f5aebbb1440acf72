import { useState, type FormEvent } from 'react'
import { useNavigate } from 'react-router'
import { errorMessage, isApiError } from '../../../lib/api'
import { useAuth } from '../../../lib/auth'
import { Alert } from '../../../components/ui/Alert'
import { Button } from '../../../components/ui/Button'
import { Field } from '../../../components/ui/Field'
import { changePassword, signOutEverywhere } from '../api'

const MIN_PASSWORD = 8

/** Password change and "sign out everywhere", below the profile form. */
export function SecuritySettings() {
  return (
    <div className="mt-10 space-y-10">
      <PasswordForm />
      <SignOutEverywhere />
    </div>
  )
}

function PasswordForm() {
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [busy, setBusy] = useState(false)
  const [status, setStatus] = useState<{ tone: 'error' | 'success'; text: string } | null>(null)
  const nextError = !next ? undefined : next.length < MIN_PASSWORD ? `Use at least ${MIN_PASSWORD} characters.` : !next.trim() ? 'A password of only spaces is too easy to guess.' : undefined

  async function onSubmit(e: FormEvent) {
    e.preventDefault()
    setStatus(null)
    if (!next || nextError) return
    setBusy(true)
    try {
      await changePassword(current, next)
      setCurrent('')
      setNext('')
      setStatus({ tone: 'success', text: 'Password changed. Every other session was signed out.' })
    } catch (err) {
      setStatus({ tone: 'error', text: isApiError(err, 'wrong_password') ? 'The current password is not correct.' : errorMessage(err) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Change password">
      <h2 className="text-lg font-semibold">Password</h2>
      {status && <Alert tone={status.tone}>{status.text}</Alert>}
      <Field
        label="Current password"
        type="password"
        name="current_password"
        autoComplete="current-password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        hint="Leave empty if you only ever signed in with GitHub or Google."
      />
      <Field
        label="New password"
        type="password"
        name="new_password"
        autoComplete="new-password"
        value={next}
        onChange={(e) => setNext(e.target.value)}
        error={nextError}
      />
      <div className="flex justify-end">
        <Button type="submit" loading={busy}>
          Change password
        </Button>
      </div>
    </form>
  )
}

function SignOutEverywhere() {
  const auth = useAuth()
  const navigate = useNavigate()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  async function onClick() {
    setBusy(true)
    setError('')
    try {
      await signOutEverywhere()
      await auth.refresh() // the session is gone: the app turns signed-out
      navigate('/signin', { replace: true })
    } catch (err) {
      setError(errorMessage(err))
      setBusy(false)
    }
  }

  return (
    <section className="space-y-3" aria-label="Sessions">
      <h2 className="text-lg font-semibold">Sessions</h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Signed in on a computer you no longer use? Sign out of every browser and device, this one included.
      </p>
      {error && <Alert>{error}</Alert>}
      <Button variant="secondary" loading={busy} onClick={onClick}>
        Sign out everywhere
      </Button>
    </section>
  )
}
