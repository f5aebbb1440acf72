import { describe, expect, it } from 'vitest'
import { render, screen, within } from '@testing-library/react'
import { MemoryRouter } from 'react-router'
import { json, mockFetch } from '../../../test/fetch'
import { renderAt } from '../../../test/render'
import { scoreSeries } from '../progress'
import { point } from '../testdata'
import { DashboardPage } from './DashboardPage'
import { linePath, ScoreTrends } from './ScoreTrends'

const show = (points: Parameters<typeof scoreSeries>[0]) =>
  render(
    <MemoryRouter>
      <ScoreTrends series={scoreSeries(points)} />
    </MemoryRouter>,
  )

describe('linePath', () => {
  const x = (i: number) => i * 10
  const y = (v: number) => 100 - v
  it.each([
    ['a whole line', [50, 60, 70], 'M0,50 L10,40 L20,30'],
    ['a gap starts a new stroke', [50, null, 70, 80], 'M0,50 M20,30 L30,20'],
    ['leading and trailing gaps', [null, 40, null], 'M10,60'],
    ['nothing scored', [null, null], ''],
  ])('%s', (_, values, want) => {
    expect(linePath(values, x, y)).toBe(want)
  })
})

describe('ScoreTrends', () => {
  it('draws nothing before any interview is evaluated', () => {
    const { container } = show([])
    expect(container).toBeEmptyDOMElement()
  })

  it('draws a line per dimension and the overall, with gaps where evidence was thin', () => {
    show([point('a', 1, [40, 50, 30, 60], 45), point('b', 2, [60, 55, null, 70], 62), point('c', 3, [70, 65, 50, 80], 66)])
    const chart = screen.getByRole('img', { name: /^Scores over time\. 3 evaluated interviews\. Latest, Problem c: overall 66; Problem solving 70/ })
    const lines = within(chart).getAllByTestId('trend-line')
    expect(lines.map((l) => l.getAttribute('data-key'))).toEqual(['overall', 'problem_solving', 'code_quality', 'communication', 'efficiency'])
    const comm = lines[3]!
    // Two strokes, no point at the gap: not a drop to zero.
    expect(comm.querySelector('path')!.getAttribute('d')!.match(/M/g)).toHaveLength(2)
    expect(within(comm).getAllByTestId('trend-point')).toHaveLength(2)
    expect(within(lines[1]!).getAllByTestId('trend-point')).toHaveLength(3)
    // The hidden table says so in words.
    const table = screen.getByRole('table', { name: 'Scores by interview' })
    expect(within(table).getAllByRole('row')[2]).toHaveTextContent('insufficient evidence')
    // The legend names all five.
    expect(within(screen.getByRole('list', { name: 'Legend' })).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Overall',
      'Problem solving',
      'Code quality',
      'Communication',
      'Efficiency',
    ])
  })

  it('names the weakest dimension of the last interviews and where to practise it', () => {
    // The first interview's poor communication is older than the last five.
    const recent = [40, 50, 60, 70, 80].map((eff, i) => point(String(i), i + 2, [70, 80, 75, eff]))
    show([point('old', 1, [90, 90, 20, 90]), ...recent])
    expect(screen.getByTestId('weakest-dimension')).toHaveTextContent('Efficiency')
    expect(screen.getByTestId('practise-next')).toHaveTextContent(/averaging 60 over your last 5 interviews/)
    expect(screen.getByRole('link', { name: 'Practise efficiency problems' })).toHaveAttribute('href', '/problems?category=Hash%20Table')
  })

  it('says so when recent interviews had nothing to score', () => {
    show([point('a', 1, [null, null, null, null])])
    expect(screen.queryByTestId('weakest-dimension')).toBeNull()
    expect(screen.getByTestId('practise-next')).toHaveTextContent(/too little to score/)
  })

  it('is on the dashboard, from GET /api/users/progress', async () => {
    const profile = { id: 'u', email: 'a@example.com', full_name: 'Ada', experience_level: '', target_companies: [], credits: 2, subscription_tier: 'free', created_at: '', updated_at: '' }
    mockFetch({
      'GET /api/auth/session': () => json({ user: { id: 'u', email: profile.email, is_admin: false }, profile }),
      'GET /api/users/credits': () => json({ balance: 2, transactions: [] }),
      'GET /api/sessions': () => json({ sessions: [] }),
      'GET /api/users/progress': () => json({ points: [point('a', 1, [80, 40, 70, 90], 69)] }),
    })
    renderAt('/dashboard', [{ path: '/dashboard', element: <DashboardPage /> }])
    expect(await screen.findByTestId('score-trend-chart')).toBeInTheDocument()
    expect(screen.getByTestId('weakest-dimension')).toHaveTextContent('Code quality')
  })
})
