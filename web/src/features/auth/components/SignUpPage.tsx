import { useState, type FormEvent } from 'react'
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router'
import { isApiError, errorMessage } from '../../../lib/api'
import { safeNext, useAuth } from '../../../lib/auth'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { Field } from '../../../components/ui/Field'
import { Button } from '../../../components/ui/Button'
import { Alert } from '../../../components/ui/Alert'
import { isCheckInbox, signUp } from '../api'
import { MIN_PASSWORD, validateSignUp } from '../validation'
import { AuthCard } from './AuthCard'
import { OAuthButtons } from './OAuthButtons'
import { CheckInboxCard } from './CheckInboxCard'

type Key = 'full_name' | 'email' | 'password'

export function SignUpPage() {
  useDocumentTitle('Create your account')
  const auth = useAuth()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const next = safeNext(params.get('next'))
  // An invite link (mockroom invite EMAIL) carries the token and its address.
  const invite = params.get('invite') ?? ''
  const [values, setValues] = useState({ full_name: '', email: params.get('email') ?? '', password: '' })
  const [sentTo, setSentTo] = useState('')
  // Errors show for a field once the person has left it, or after a submit.
  const [touched, setTouched] = useState<Partial<Record<Key, boolean>>>({})
  const [submitted, setSubmitted] = useState(false)
  const [busy, setBusy] = useState(false)
  const [formError, setFormError] = useState<React.ReactNode>(null)

  if (auth.status === 'authenticated') return <Navigate to={next} replace />
  if (sentTo) return <CheckInboxCard email={sentTo} what="confirm your address and finish signing up" />

  const all = validateSignUp(values)
  const shown = (k: Key) => (submitted || touched[k] ? all[k] : undefined)
  const set = (k: Key) => (e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [k]: e.target.value }))
  const blur = (k: Key) => () => setTouched((t) => ({ ...t, [k]: true }))

  async function onSubmit(e: FormEvent) {
    e.preventDefault()
    setSubmitted(true)
    setFormError(null)
    if (Object.keys(all).length > 0) return
    setBusy(true)
    try {
      const res = await signUp({ full_name: values.full_name.trim(), email: values.email.trim(), password: values.password, invite: invite || undefined })
      if (isCheckInbox(res)) {
        setSentTo(values.email.trim())
        return
      }
      auth.setSession(res)
      navigate(next, { replace: true })
    } catch (err) {
      if (isApiError(err, 'email_taken')) {
        setFormError(
          <>
            That email is already registered.{' '}
            <Link to={`/signin?email=${encodeURIComponent(values.email.trim())}`} className="font-semibold underline">
              Sign in instead?
            </Link>
          </>,
        )
      } else if (isApiError(err, 'invite_required') || isApiError(err, 'signups_closed')) {
        setFormError(`${err.message} If you already have an account, sign in instead.`)
      } else if (isApiError(err, 'rate_limited')) {
        setFormError(`Too many attempts. Wait ${err.retryAfter ? `${err.retryAfter} seconds` : 'a minute'} and try again.`)
      } else {
        setFormError(errorMessage(err))
      }
      setBusy(false)
    }
  }

  const pwLeft = Math.max(0, MIN_PASSWORD - values.password.length)

  return (
    <AuthCard
      title="Create your account"
      subtitle="Three free mock interviews, no card needed."
      footer={
        <>
          Already have an account?{' '}
          <Link to="/signin" className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
            Sign in
          </Link>
        </>
      }
    >
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Create your account">
        {formError && <Alert>{formError}</Alert>}
        <Field
          label="Full name"
          name="full_name"
          autoComplete="name"
          autoFocus
          value={values.full_name}
          onChange={set('full_name')}
          onBlur={blur('full_name')}
          error={shown('full_name')}
        />
        <Field
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          value={values.email}
          onChange={set('email')}
          onBlur={blur('email')}
          error={shown('email')}
        />
        <Field
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          value={values.password}
          onChange={set('password')}
          onBlur={blur('password')}
          error={shown('password')}
          hint={pwLeft > 0 ? `At least ${MIN_PASSWORD} characters (${pwLeft} to go).` : 'Looks good.'}
        />
        <Button type="submit" loading={busy} className="w-full">
          Create account
        </Button>
      </form>
      <OAuthButtons next={next} />
    </AuthCard>
  )
}
