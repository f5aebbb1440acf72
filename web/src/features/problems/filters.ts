// The library's filters live in the URL, so a filtered view can be shared and
// the back button walks through earlier filters. These two functions are the
// whole mapping; defaults are left out of the URL to keep it short.
import { DIFFICULTIES, type Difficulty } from '../../lib/types'

export const PAGE_SIZE = 20

export interface Filters {
  difficulty: Difficulty | ''
  pattern: string
  category: string
  company: string
  q: string
  page: number
}

export const EMPTY_FILTERS: Filters = { difficulty: '', pattern: '', category: '', company: '', q: '', page: 1 }

export function parseFilters(params: URLSearchParams): Filters {
  const d = params.get('difficulty') ?? ''
  const page = Number.parseInt(params.get('page') ?? '', 10)
  return {
    difficulty: (DIFFICULTIES as readonly string[]).includes(d) ? (d as Difficulty) : '',
    pattern: params.get('pattern') ?? '',
    category: params.get('category') ?? '',
    company: params.get('company') ?? '',
    q: params.get('q') ?? '',
    page: Number.isFinite(page) && page >= 1 ? page : 1,
  }
}

export function filtersToParams(f: Filters): URLSearchParams {
  const p = new URLSearchParams()
  if (f.difficulty) p.set('difficulty', f.difficulty)
  if (f.pattern) p.set('pattern', f.pattern)
  if (f.category) p.set('category', f.category)
  if (f.company) p.set('company', f.company)
  if (f.q.trim()) p.set('q', f.q.trim())
  if (f.page > 1) p.set('page', String(f.page))
  return p
}

/** Apply a change; any change other than the page itself starts again at page 1. */
export function updateFilters(f: Filters, change: Partial<Filters>): Filters {
  const next = { ...f, ...change }
  if (!('page' in change)) next.page = 1
  return next
}

export function hasActiveFilters(f: Filters): boolean {
  return Boolean(f.difficulty || f.pattern || f.category || f.company || f.q.trim())
}

export function pageCount(total: number, limit: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, limit)))
}
