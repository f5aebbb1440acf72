import { useState, type FormEvent } from 'react'
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router'
import { isApiError, errorMessage } from '../../../lib/api'
import { safeNext, useAuth } from '../../../lib/auth'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { Field } from '../../../components/ui/Field'
import { Button } from '../../../components/ui/Button'
import { Alert } from '../../../components/ui/Alert'
import { signIn } from '../api'
import { validateSignIn, type FieldErrors } from '../validation'
import { AuthCard } from './AuthCard'
import { OAuthButtons } from './OAuthButtons'

function signInError(err: unknown): string {
  if (isApiError(err, 'email_unverified')) return `${err.message} Open it to finish signing up, then sign in.`
  if (isApiError(err, 'invalid_credentials')) return "That email and password don't match. Check them and try again, or create an account."
  if (isApiError(err, 'rate_limited')) {
    const s = isApiError(err) ? err.retryAfter : undefined
    const wait = !s ? 'a few minutes' : s < 90 ? `${s} seconds` : `${Math.ceil(s / 60)} minutes`
    return `Too many sign-in attempts. Wait ${wait} and try again, or reset your password.`
  }
  return errorMessage(err)
}

export function SignInPage() {
  useDocumentTitle('Sign in')
  const auth = useAuth()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const next = safeNext(params.get('next'))
  const [email, setEmail] = useState(params.get('email') ?? '')
  const [password, setPassword] = useState('')
  const [submitted, setSubmitted] = useState(false)
  const [busy, setBusy] = useState(false)
  const [formError, setFormError] = useState(params.get('error') ? 'Signing in with that provider failed. Try again, or use your email.' : '')

  if (auth.status === 'authenticated') return <Navigate to={next} replace />

  const errors: FieldErrors<'email' | 'password'> = submitted ? validateSignIn({ email, password }) : {}

  async function onSubmit(e: FormEvent) {
    e.preventDefault()
    setSubmitted(true)
    setFormError('')
    if (Object.keys(validateSignIn({ email, password })).length > 0) return
    setBusy(true)
    try {
      auth.setSession(await signIn({ email: email.trim(), password }))
      navigate(next, { replace: true })
    } catch (err) {
      setFormError(signInError(err))
      setBusy(false)
    }
  }

  return (
    <AuthCard
      title="Welcome back"
      subtitle="Sign in to continue practising."
      footer={
        <>
          New to mockroom?{' '}
          <Link to={`/signup${params.get('next') ? `?next=${encodeURIComponent(next)}` : ''}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
            Create an account
          </Link>
        </>
      }
    >
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Sign in">
        {formError && <Alert>{formError}</Alert>}
        <Field
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          autoFocus
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={errors.email}
        />
        <Field
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.password}
        />
        <p className="-mt-2 text-right text-sm">
          <Link
            to={`/forgot-password${email.trim() ? `?email=${encodeURIComponent(email.trim())}` : ''}`}
            className="text-indigo-700 hover:underline dark:text-indigo-300"
          >
            Forgot your password?
          </Link>
        </p>
        <Button type="submit" loading={busy} className="w-full">
          Sign in
        </Button>
      </form>
      <OAuthButtons next={next} />
    </AuthCard>
  )
}
