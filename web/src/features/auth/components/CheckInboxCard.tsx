import { Link } from 'react-router'
import { AuthCard } from './AuthCard'

/** "Check your inbox": the one answer whether or not the address has an account. */
export function CheckInboxCard({ email, what }: { email: string; what: string }) {
  return (
    <AuthCard
      title="Check your inbox"
      subtitle={
        <>
          If <strong>{email}</strong> can receive mail from us, a link is on its way to {what}.
        </>
      }
      footer={
        <Link to="/signin" className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          Back to sign in
        </Link>
      }
    >
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        The link works once and expires soon. Nothing arrived after a few minutes? Look in your spam folder, then ask again.
      </p>
    </AuthCard>
  )
}
