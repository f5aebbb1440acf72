import { useState, type FormEvent } from 'react'
import { Link, useSearchParams } from 'react-router'
import { errorMessage, isApiError } from '../../../lib/api'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { Field } from '../../../components/ui/Field'
import { Button } from '../../../components/ui/Button'
import { Alert } from '../../../components/ui/Alert'
import { forgotPassword } from '../api'
import { validateEmail } from '../validation'
import { AuthCard } from './AuthCard'
import { CheckInboxCard } from './CheckInboxCard'

export function ForgotPasswordPage() {
  useDocumentTitle('Reset your password')
  const [params] = useSearchParams()
  const [email, setEmail] = useState(params.get('email') ?? '')
  const [submitted, setSubmitted] = useState(false)
  const [busy, setBusy] = useState(false)
  const [sent, setSent] = useState(false)
  const [formError, setFormError] = useState('')

  if (sent) return <CheckInboxCard email={email.trim()} what="set a new password" />
  const emailError = submitted ? validateEmail(email) : undefined

  async function onSubmit(e: FormEvent) {
    e.preventDefault()
    setSubmitted(true)
    setFormError('')
    if (validateEmail(email)) return
    setBusy(true)
    try {
      await forgotPassword(email.trim())
      setSent(true)
    } catch (err) {
      setFormError(
        isApiError(err, 'mail_not_configured')
          ? 'This server cannot send e-mail, so it cannot reset passwords by mail. Ask the person who runs it.'
          : errorMessage(err),
      )
      setBusy(false)
    }
  }

  return (
    <AuthCard
      title="Reset your password"
      subtitle="We'll mail you a link to choose a new one."
      footer={
        <Link to="/signin" className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          Back to sign in
        </Link>
      }
    >
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Reset your password">
        {formError && <Alert>{formError}</Alert>}
        <Field label="Email" type="email" name="email" autoComplete="email" autoFocus value={email} onChange={(e) => setEmail(e.target.value)} error={emailError} />
        <Button type="submit" loading={busy} className="w-full">
          Send the link
        </Button>
      </form>
    </AuthCard>
  )
}
