import { useEffect, useRef, useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { errorMessage } from '../../../lib/api'
import { useAuth } from '../../../lib/auth'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { Alert } from '../../../components/ui/Alert'
import { Spinner } from '../../../components/ui/Spinner'
import { verifyEmail } from '../api'
import { AuthCard } from './AuthCard'

/** The landing page of the verification link: uses the token once, then signs in. */
export function VerifyEmailPage() {
  useDocumentTitle('Confirming your address')
  const [params] = useSearchParams()
  const token = params.get('token') ?? ''
  const auth = useAuth()
  const navigate = useNavigate()
  const [error, setError] = useState('')
  const once = useRef(false) // the token is single-use: never send it twice (StrictMode runs effects twice)

  useEffect(() => {
    if (once.current) return
    once.current = true
    if (!token) {
      setError('This link has no token. Open the link from the mail again.')
      return
    }
    verifyEmail(token)
      .then((s) => {
        auth.setSession(s)
        navigate('/dashboard', { replace: true })
      })
      .catch((err) => setError(errorMessage(err)))
  }, [token, auth, navigate])

  return (
    <AuthCard
      title="Confirming your address"
      subtitle="One moment."
      footer={
        <Link to="/signin" className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          Back to sign in
        </Link>
      }
    >
      {error ? (
        <Alert>
          {error} Signing in sends a fresh link while the address is unconfirmed.
        </Alert>
      ) : (
        <div className="flex justify-center">
          <Spinner label="Confirming" />
        </div>
      )}
    </AuthCard>
  )
}
