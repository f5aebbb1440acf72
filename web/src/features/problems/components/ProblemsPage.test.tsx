import { describe, expect, it } from 'vitest'
import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { apiError, json, mockFetch } from '../../../test/fetch'
import { renderAt } from '../../../test/render'
import type { ProblemSummary } from '../../../lib/types'
import { ProblemsPage } from './ProblemsPage'

const all: ProblemSummary[] = [
  { id: '1', slug: 'two-sum', title: 'Two Sum', difficulty: 'easy', pattern: 'Arrays & Hashing', categories: ['Array', 'Hash Table'], companies: ['Google'], submissions: 0 },
  { id: '2', slug: 'lru-cache', title: 'LRU Cache', difficulty: 'medium', pattern: 'Design', categories: ['Design'], companies: [], submissions: 0 },
  { id: '3', slug: 'median', title: 'Median of Two Sorted Arrays', difficulty: 'hard', pattern: 'Binary Search', categories: ['Array'], companies: [], submissions: 0 },
]

// A tiny in-test server that filters like the real one does.
function library() {
  return mockFetch({
    'GET /api/auth/session': () => apiError(401, 'unauthenticated', 'sign in'),
    'GET /api/problems/facets': () =>
      json({ patterns: ['Arrays & Hashing', 'Binary Search', 'Design'], categories: ['Array', 'Design', 'Hash Table'], companies: ['Google'] }),
    'GET /api/problems': (url) => {
      const d = url.searchParams.get('difficulty')
      const pat = url.searchParams.get('pattern')
      const q = url.searchParams.get('q')?.toLowerCase()
      const list = all.filter((p) => (!d || p.difficulty === d) && (!pat || p.pattern === pat) && (!q || p.title.toLowerCase().includes(q)))
      return json({ problems: list, total: list.length, page: 1, limit: 20 })
    },
  })
}

const routes = [
  { path: '/problems', element: <ProblemsPage /> },
  { path: '/problems/:slug', element: <p>detail page</p> },
]

describe('ProblemsPage', () => {
  it('lists problems with difficulty as text', async () => {
    library()
    renderAt('/problems', routes)
    const rows = await screen.findAllByTestId('problem-row')
    expect(rows).toHaveLength(3)
    expect(within(rows[0]!).getByText('Easy')).toBeInTheDocument()
    expect(within(rows[2]!).getByText('Hard')).toBeInTheDocument()
    expect(screen.getByText('3 problems')).toBeInTheDocument()
  })

  it('puts the difficulty filter in the URL and asks the server for it', async () => {
    const { calls } = library()
    renderAt('/problems?page=2', routes)
    const user = userEvent.setup()
    await user.click(await screen.findByRole('radio', { name: 'Easy' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/problems?difficulty=easy'))
    await waitFor(() => expect(screen.getAllByTestId('problem-row')).toHaveLength(1))
    expect(screen.getByRole('radio', { name: 'Easy' })).toHaveAttribute('aria-checked', 'true')
    const last = calls.filter((c) => c.url.pathname === '/api/problems').at(-1)!
    expect(last.url.searchParams.get('difficulty')).toBe('easy')
    expect(last.url.searchParams.get('page')).toBe('1')
  })

  it('filters by pattern from the select and from a problem\'s pattern tag', async () => {
    const { calls } = library()
    renderAt('/problems', routes)
    const user = userEvent.setup()
    await screen.findAllByTestId('problem-row')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Pattern' }), 'Design')
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/problems?pattern=Design'))
    await waitFor(() => expect(screen.getAllByTestId('problem-row')).toHaveLength(1))
    expect(calls.filter((c) => c.url.pathname === '/api/problems').at(-1)!.url.searchParams.get('pattern')).toBe('Design')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Pattern' }), '')
    await waitFor(() => expect(screen.getAllByTestId('problem-row')).toHaveLength(3))
    await user.click(screen.getByRole('button', { name: 'Show Binary Search problems' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/problems?pattern=Binary+Search'))
    await waitFor(() => expect(screen.getAllByTestId('problem-row')).toHaveLength(1))
  })

  it('reads filters from a shared URL', async () => {
    const { calls } = library()
    renderAt('/problems?difficulty=hard&category=Array', routes)
    await waitFor(() => expect(screen.getAllByTestId('problem-row')).toHaveLength(1))
    expect(screen.getByRole('radio', { name: 'Hard' })).toHaveAttribute('aria-checked', 'true')
    const first = calls.find((c) => c.url.pathname === '/api/problems')!
    expect(first.url.searchParams.get('category')).toBe('Array')
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Category' })).toHaveValue('Array'))
  })

  it('debounces the search into the URL and focuses it with /', async () => {
    library()
    renderAt('/problems', routes)
    const user = userEvent.setup()
    await screen.findAllByTestId('problem-row')
    await user.keyboard('/')
    const box = screen.getByRole('searchbox', { name: 'Search problems' })
    expect(box).toHaveFocus()
    await user.keyboard('lru')
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/problems$/)
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/problems?q=lru'))
    await waitFor(() => expect(screen.getAllByTestId('problem-row')).toHaveLength(1))
  })

  it('keeps typing intact across a debounced pause', async () => {
    library()
    renderAt('/problems', routes)
    const user = userEvent.setup()
    const box = await screen.findByRole('searchbox', { name: 'Search problems' })
    await user.type(box, 'two ')
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/problems?q=two'))
    await new Promise((r) => setTimeout(r, 50))
    await user.type(box, 'sum')
    expect(box).toHaveValue('two sum')
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/problems?q=two+sum'))
  })

  it('offers to clear filters when nothing matches', async () => {
    library()
    renderAt('/problems?q=zzz', routes)
    expect(await screen.findByText('No problems match “zzz”')).toBeInTheDocument()
    expect(screen.getByText(/Try a shorter word/)).toBeInTheDocument()
    const user = userEvent.setup()
    await act(() => user.click(screen.getByRole('button', { name: 'Clear filters' })))
    await waitFor(() => expect(screen.getAllByTestId('problem-row')).toHaveLength(3))
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/problems$/)
    // The box follows the URL when it changes underneath it, as Back does.
    expect(screen.getByRole('searchbox', { name: 'Search problems' })).toHaveValue('')
  })

  it('says what to do when the server fails', async () => {
    mockFetch({
      'GET /api/auth/session': () => apiError(401, 'unauthenticated', 'sign in'),
      'GET /api/problems/facets': () => json({ patterns: [], categories: [], companies: [] }),
      'GET /api/problems': () => new Response('oops', { status: 500 }),
    })
    renderAt('/problems', routes)
    expect(await screen.findByRole('alert')).toHaveTextContent(/Try again/)
  })
})
