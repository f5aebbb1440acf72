import { useState, type FormEvent } from 'react'
import { useNavigate } from 'react-router'
import { errorMessage, isApiError } from '../../../lib/api'
import { useAuth } from '../../../lib/auth'
import { Alert } from '../../../components/ui/Alert'
import { Button } from '../../../components/ui/Button'
import { Dialog } from '../../../components/ui/Dialog'
import { Field } from '../../../components/ui/Field'
import { deleteMyAccount, downloadMyData } from '../api'

/** "Download my data" and "Delete my account", at the end of the settings page. */
export function DataSettings() {
  return (
    <div className="mt-10 space-y-10">
      <DownloadData />
      <DeleteAccount />
    </div>
  )
}

function DownloadData() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  async function onClick() {
    setBusy(true)
    setError('')
    try {
      await downloadMyData()
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="space-y-3" aria-label="Your data">
      <h2 className="text-lg font-semibold">Your data</h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Download everything mockroom keeps about you: your profile, interviews, transcripts, code, evaluations and credit history, as JSON files
        with a readable report for each interview. Transcripts are kept for 90 days unless the server says otherwise.
      </p>
      {error && <Alert>{error}</Alert>}
      <Button variant="secondary" loading={busy} onClick={onClick}>
        Download my data
      </Button>
    </section>
  )
}

function DeleteAccount() {
  const auth = useAuth()
  const navigate = useNavigate()
  const [open, setOpen] = useState(false)
  const [secret, setSecret] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const hasPassword = auth.user?.has_password ?? true
  const email = auth.user?.email ?? ''
  const ready = hasPassword ? secret.length > 0 : secret.trim().toLowerCase() === email

  function close() {
    if (busy) return
    setOpen(false)
    setSecret('')
    setError('')
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault()
    if (!ready) return
    setBusy(true)
    setError('')
    try {
      await deleteMyAccount(hasPassword ? { password: secret } : { confirm_email: secret.trim() })
      await auth.refresh() // the account and its sessions are gone: the app turns signed-out
      navigate('/', { replace: true })
    } catch (err) {
      setBusy(false)
      setError(
        isApiError(err, 'wrong_password')
          ? 'The password is not correct.'
          : isApiError(err, 'confirmation_mismatch')
            ? 'That is not your account’s e-mail address.'
            : errorMessage(err),
      )
    }
  }

  return (
    <section className="space-y-3" aria-label="Delete account">
      <h2 className="text-lg font-semibold text-red-700 dark:text-red-400">Delete my account</h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Deletes your account and everything in it, at once and for good. Download your data first if you want to keep it.
      </p>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete my account
      </Button>
      <Dialog open={open} title="Delete your account?" onClose={close}>
        <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Confirm account deletion">
          <Alert tone="warning">
            This cannot be undone. Your profile, interviews, transcripts, code, evaluations, credits and sign-ins are deleted now; payment records are
            kept only without your name, as the law requires. You will be signed out everywhere.
          </Alert>
          {hasPassword ? (
            <Field
              label="Your password"
              type="password"
              name="password"
              autoComplete="current-password"
              value={secret}
              onChange={(e) => setSecret(e.target.value)}
              data-autofocus
            />
          ) : (
            <Field
              label={`Type ${email} to confirm`}
              type="email"
              name="confirm_email"
              autoComplete="off"
              value={secret}
              onChange={(e) => setSecret(e.target.value)}
              data-autofocus
            />
          )}
          {error && <Alert>{error}</Alert>}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={close} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" loading={busy} disabled={!ready}>
              Delete my account for good
            </Button>
          </div>
        </form>
      </Dialog>
    </section>
  )
}
