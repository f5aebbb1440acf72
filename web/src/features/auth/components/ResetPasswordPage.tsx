import { useState, type FormEvent } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { errorMessage } from '../../../lib/api'
import { useAuth } from '../../../lib/auth'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { Field } from '../../../components/ui/Field'
import { Button } from '../../../components/ui/Button'
import { Alert } from '../../../components/ui/Alert'
import { resetPassword } from '../api'
import { validatePassword } from '../validation'
import { AuthCard } from './AuthCard'

/** The landing page of the reset link: a new password signs out every other session. */
export function ResetPasswordPage() {
  useDocumentTitle('Choose a new password')
  const [params] = useSearchParams()
  const token = params.get('token') ?? ''
  const auth = useAuth()
  const navigate = useNavigate()
  const [password, setPassword] = useState('')
  const [submitted, setSubmitted] = useState(false)
  const [busy, setBusy] = useState(false)
  const [formError, setFormError] = useState(token ? '' : 'This link has no token. Open the link from the mail again.')

  const pwError = submitted ? validatePassword(password) : undefined

  async function onSubmit(e: FormEvent) {
    e.preventDefault()
    setSubmitted(true)
    setFormError('')
    if (validatePassword(password) || !token) return
    setBusy(true)
    try {
      auth.setSession(await resetPassword(token, password))
      navigate('/dashboard', { replace: true })
    } catch (err) {
      setFormError(errorMessage(err))
      setBusy(false)
    }
  }

  return (
    <AuthCard
      title="Choose a new password"
      subtitle="This signs you out everywhere else."
      footer={
        <Link to="/forgot-password" className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          Ask for a new link
        </Link>
      }
    >
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Choose a new password">
        {formError && <Alert>{formError}</Alert>}
        <Field
          label="New password"
          type="password"
          name="password"
          autoComplete="new-password"
          autoFocus
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={pwError}
        />
        <Button type="submit" loading={busy} className="w-full">
          Set password and sign in
        </Button>
      </form>
    </AuthCard>
  )
}
