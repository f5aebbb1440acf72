export const MIN_PASSWORD = 8

export type FieldErrors<K extends string> = Partial<Record<K, string>>

// A deliberately loose check: the server is the judge; this only catches typos early.
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function validateEmail(email: string): string | undefined {
  if (!email.trim()) return 'Enter your email address.'
  if (!EMAIL_RE.test(email.trim())) return 'That email looks incomplete, e.g. ada@example.com.'
  return undefined
}

export function validateSignUp(v: { full_name: string; email: string; password: string }) {
  const e: FieldErrors<'full_name' | 'email' | 'password'> = {}
  if (!v.full_name.trim()) e.full_name = 'Enter your name, so the interviewer knows what to call you.'
  const em = validateEmail(v.email)
  if (em) e.email = em
  if (v.password.length < MIN_PASSWORD) {
    e.password = v.password
      ? `Use at least ${MIN_PASSWORD} characters (${MIN_PASSWORD - v.password.length} more).`
      : `Choose a password of at least ${MIN_PASSWORD} characters.`
  }
  return e
}

export function validateSignIn(v: { email: string; password: string }) {
  const e: FieldErrors<'email' | 'password'> = {}
  const em = validateEmail(v.email)
  if (em) e.email = em
  if (!v.password) e.password = 'Enter your password.'
  return e
}
