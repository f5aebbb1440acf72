import { useId, useState, type KeyboardEvent } from 'react'
import { X } from 'lucide-react'

export const MAX_TAGS = 10

interface Props {
  label: string
  value: string[]
  onChange: (tags: string[]) => void
  suggestions?: string[]
  placeholder?: string
}

/** Enter or comma adds a tag, Backspace on an empty box removes the last. */
export function TagInput({ label, value, onChange, suggestions = [], placeholder }: Props) {
  const id = useId()
  const [draft, setDraft] = useState('')

  function add(raw: string) {
    const t = raw.trim().replace(/,$/, '').trim()
    if (!t || value.length >= MAX_TAGS) return
    if (value.some((v) => v.toLowerCase() === t.toLowerCase())) {
      setDraft('')
      return
    }
    onChange([...value, t])
    setDraft('')
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Enter' || e.key === ',') {
      if (draft.trim()) {
        e.preventDefault()
        add(draft)
      } else if (e.key === ',') {
        e.preventDefault()
      }
    } else if (e.key === 'Backspace' && draft === '' && value.length > 0) {
      onChange(value.slice(0, -1))
    }
  }

  return (
    <div>
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {label}
      </label>
      <div className="flex flex-wrap items-center gap-1.5 rounded-lg border border-zinc-300 bg-white px-2 py-1.5 shadow-sm focus-within:border-indigo-500 focus-within:ring-2 focus-within:ring-indigo-500/30 dark:border-zinc-700 dark:bg-zinc-900">
        <ul className="contents" aria-label={`${label} added`}>
          {value.map((t) => (
            <li key={t} className="inline-flex items-center gap-1 rounded-md bg-indigo-50 py-0.5 pr-1 pl-2 text-sm text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200">
              {t}
              <button
                type="button"
                onClick={() => onChange(value.filter((v) => v !== t))}
                aria-label={`Remove ${t}`}
                className="rounded p-0.5 hover:bg-indigo-100 dark:hover:bg-indigo-900"
              >
                <X className="size-3.5" aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
        <input
          id={id}
          list={`${id}-suggestions`}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => draft.trim() && add(draft)}
          placeholder={value.length >= MAX_TAGS ? `Up to ${MAX_TAGS}` : placeholder}
          disabled={value.length >= MAX_TAGS}
          aria-describedby={`${id}-hint`}
          className="min-w-32 flex-1 bg-transparent px-1 py-1 text-sm outline-none placeholder:text-zinc-400 focus-visible:outline-none dark:placeholder:text-zinc-500"
        />
        <datalist id={`${id}-suggestions`}>
          {suggestions
            .filter((s) => !value.includes(s))
            .map((s) => (
              <option key={s} value={s} />
            ))}
        </datalist>
      </div>
      <p id={`${id}-hint`} className="mt-1.5 text-sm text-zinc-600 dark:text-zinc-400">
        Press Enter after each company. The interviewer uses these to pick a style.
      </p>
    </div>
  )
}
