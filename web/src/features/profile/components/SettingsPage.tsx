import { useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import { ArrowLeft } from 'lucide-react'
import { useAuth } from '../../../lib/auth'
import { useAsync } from '../../../lib/useAsync'
import { errorMessage } from '../../../lib/api'
import { useDocumentTitle } from '../../../lib/useDocumentTitle'
import { titleCase } from '../../../lib/format'
import { EXPERIENCE_LEVELS, type ExperienceLevel, type Profile } from '../../../lib/types'
import { Page } from '../../../components/Layout'
import { Alert } from '../../../components/ui/Alert'
import { Button } from '../../../components/ui/Button'
import { Field, inputClass } from '../../../components/ui/Field'
import { companySuggestions, updateProfile } from '../api'
import { TagInput } from './TagInput'
import { DataSettings } from './DataSettings'
import { SecuritySettings } from './SecuritySettings'
import { BillingSettings } from '../../billing/components/BillingSettings'

export function SettingsPage() {
  useDocumentTitle('Profile')
  const { profile, setProfile } = useAuth()
  // RequireAuth guarantees a profile; the form keys on its id to reset if it changes.
  return profile ? <ProfileForm key={profile.id} profile={profile} onSaved={setProfile} /> : null
}

function ProfileForm({ profile, onSaved }: { profile: Profile; onSaved: (p: Profile) => void }) {
  const [fullName, setFullName] = useState(profile.full_name)
  const [level, setLevel] = useState<ExperienceLevel>(profile.experience_level)
  const [companies, setCompanies] = useState<string[]>(profile.target_companies ?? [])
  const [busy, setBusy] = useState(false)
  const [status, setStatus] = useState<{ tone: 'error' | 'success'; text: string } | null>(null)
  const suggestions = useAsync((signal) => companySuggestions(signal), [])

  const nameError = fullName.trim() ? undefined : 'Enter your name.'

  async function onSubmit(e: FormEvent) {
    e.preventDefault()
    setStatus(null)
    if (nameError) return
    setBusy(true)
    try {
      const saved = await updateProfile({ full_name: fullName.trim(), experience_level: level, target_companies: companies })
      onSaved(saved)
      setStatus({ tone: 'success', text: 'Saved. Your next interview will use these details.' })
    } catch (err) {
      setStatus({ tone: 'error', text: errorMessage(err) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Page>
      <div className="mx-auto max-w-xl">
        <Link to="/dashboard" className="inline-flex items-center gap-1 rounded text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
          <ArrowLeft className="size-4" aria-hidden="true" />
          Dashboard
        </Link>
        <h1 className="mt-4 text-2xl font-semibold tracking-tight">Your profile</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">The interviewer tailors its questions to your level and goals.</p>

        <form onSubmit={onSubmit} noValidate aria-label="Profile" className="mt-6 space-y-5 rounded-xl border border-zinc-200 p-6 dark:border-zinc-800">
          {status && <Alert tone={status.tone}>{status.text}</Alert>}
          <Field label="Full name" name="full_name" autoComplete="name" value={fullName} onChange={(e) => setFullName(e.target.value)} error={nameError} />
          <Field label="Email" name="email" value={profile.email} readOnly disabled hint="Your sign-in email can't be changed here." />
          <div>
            <label htmlFor="experience" className="mb-1.5 block text-sm font-medium text-zinc-800 dark:text-zinc-200">
              Experience level
            </label>
            <select id="experience" value={level} onChange={(e) => setLevel(e.target.value as ExperienceLevel)} className={inputClass}>
              <option value="">Prefer not to say</option>
              {EXPERIENCE_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {titleCase(l)}
                </option>
              ))}
            </select>
          </div>
          <TagInput label="Target companies" value={companies} onChange={setCompanies} suggestions={suggestions.data} placeholder="e.g. Google" />
          <div className="flex justify-end">
            <Button type="submit" loading={busy}>
              Save profile
            </Button>
          </div>
        </form>
        <BillingSettings />
        <SecuritySettings />
        <DataSettings />
      </div>
    </Page>
  )
}
