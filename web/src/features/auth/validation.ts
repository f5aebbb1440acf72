export const MIN_PASSWORD = 8

export type FieldErrors<K extends string> = Partial<Record<K, string>>

// A deliberately loose check: the server is the judge; this only catches typos early.
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function validateEmail(email: string): string | undefined {
  if (!email.trim()) return 'Enter your email address.'
  if (!EMAIL_RE.test(email.trim())) return 'That email looks incomplete, e.g. ada@example.com.'
  return undefined
}

/** The server's password rule: 8 characters at least, and not all spaces. */
export function validatePassword(password: string): string | undefined {
  if (password.length < MIN_PASSWORD) {
    return password
      ? `Use at least ${MIN_PASSWORD} characters (${MIN_PASSWORD - password.length} more).`
      : `Choose a password of at least ${MIN_PASSWORD} characters.`
  }
  if (!password.trim()) return 'A password of only spaces is too easy to guess.'
  return undefined
}

export function validateSignUp(v: { full_name: string; email: string; password: string }) {
  const e: FieldErrors<'full_name' | 'email' | 'password'> = {}
  if (!v.full_name.trim()) e.full_name = 'Enter your name, so the interviewer knows what to call you.'
  const em = validateEmail(v.email)
  if (em) e.email = em
  const pw = validatePassword(v.password)
  if (pw) e.password = pw
  return e
}

export function validateSignIn(v: { email: string; password: string }) {
  const e: FieldErrors<'email' | 'password'> = {}
  const em = validateEmail(v.email)
  if (em) e.email = em
  if (!v.password) e.password = 'Enter your password.'
  return e
}
