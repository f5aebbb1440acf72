import { afterEach, describe, expect, it, vi } from 'vitest'
import { act, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { ReferenceSolution, View } from '../../../lib/api.gen'
import { apiError, json, mockFetch } from '../../../test/fetch'
import { renderAt } from '../../../test/render'
import { SummaryPage } from './SummaryPage'
import { evaluation, lines, offlineUsage, pending, ready, sessionView, snaps, thinEvaluation } from '../testdata/report'

const profile = { id: 'u', email: 'ada@example.com', full_name: 'Ada', experience_level: '', target_companies: [], credits: 2, subscription_tier: 'free', created_at: '', updated_at: '' }

/** Serves the session s1; the evaluation route answers from the list in turn, the last one for ever after. */
function serve(evaluations: (View | Response)[], solution: () => Response = () => apiError(500, 'internal', 'unexpected')) {
  let n = 0
  const routes = mockFetch({
    'GET /api/sessions/s1/solution': solution,
    'GET /api/auth/session': () => json({ user: { id: 'u', email: profile.email, is_admin: false }, profile }),
    'GET /api/sessions/s1': () => json(sessionView),
    'GET /api/sessions/s1/transcript': () => json({ transcript: lines }),
    'GET /api/sessions/s1/snapshots': () => json({ snapshots: snaps }),
    'GET /api/sessions/s1/evaluation': () => {
      const v = evaluations[Math.min(n++, evaluations.length - 1)]!
      return v instanceof Response ? v : json(v)
    },
  })
  const evalCalls = () => routes.calls.filter((c) => c.url.pathname.endsWith('/evaluation')).length
  return { ...routes, evalCalls }
}

const open = () => renderAt('/sessions/s1', [{ path: '/sessions/:id', element: <SummaryPage /> }])

afterEach(() => {
  vi.useRealTimers()
})

describe('SummaryPage report', () => {
  it('says the report is being written, polls, and shows it when ready, then stops asking', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const net = serve([pending, pending, ready()])
    open()
    expect(await screen.findByText('Your interviewer is writing your report…')).toBeInTheDocument()
    expect(screen.getByRole('progressbar', { name: 'Writing the report' })).toBeInTheDocument()
    expect(screen.getByTestId('evaluation')).toHaveAttribute('data-status', 'pending')
    expect(net.evalCalls()).toBe(1)

    await act(() => vi.advanceTimersByTimeAsync(2000))
    expect(net.evalCalls()).toBe(2)
    expect(screen.queryByTestId('radar-chart')).toBeNull()

    await act(() => vi.advanceTimersByTimeAsync(3000)) // backed off: the second wait is 3 s
    expect(await screen.findByTestId('radar-chart')).toBeInTheDocument()
    expect(screen.getByTestId('evaluation')).toHaveAttribute('data-status', 'ready')
    expect(screen.queryByText('Your interviewer is writing your report…')).toBeNull()

    await act(() => vi.advanceTimersByTimeAsync(60_000))
    expect(net.evalCalls()).toBe(3)
  })

  it('shows the score, the recommendation and a radar whose name lists every value', async () => {
    serve([ready()])
    open()
    const radar = await screen.findByRole('img', { name: /^Scores by dimension/ })
    expect(radar).toHaveAccessibleName('Scores by dimension, out of 100: Problem solving 90, Code quality 70, Communication 65, Efficiency 80.')
    expect(within(radar).getAllByTestId('radar-axis').map((a) => a.getAttribute('data-score'))).toEqual(['90', '70', '65', '80'])
    // The hidden table says the same to those who browse tables.
    const table = screen.getByRole('table', { name: 'Scores by dimension' })
    expect(within(table).getByRole('row', { name: 'Code quality 70' })).toBeInTheDocument()
    expect(screen.getByTestId('overall-score')).toHaveTextContent('77/100')
    expect(screen.getByTestId('recommendation')).toHaveTextContent('Yes')
    // Measured apart from judged.
    expect(within(screen.getByTestId('measured-signals')).getByRole('heading', { name: 'Measured' })).toBeInTheDocument()
    expect(screen.getByRole('heading', { name: 'Assessment' })).toBeInTheDocument()
    expect(within(screen.getByTestId('measured-signals')).getByText('12 of 12 passed (accepted)')).toBeInTheDocument()
    expect(screen.getByTestId('session-cost')).toHaveTextContent('No model calls — offline')
    expect(screen.getByRole('link', { name: 'Export session (JSON)' })).toHaveAttribute('href', '/api/sessions/s1/export')
  })

  it('says insufficient evidence instead of a number, and draws the gap', async () => {
    serve([ready(thinEvaluation)])
    open()
    const radar = await screen.findByRole('img', { name: /^Scores by dimension/ })
    expect(radar.getAttribute('aria-label')).toContain('Communication insufficient evidence')
    expect(within(radar).getAllByTestId('radar-axis')[2]).toHaveAttribute('data-score', 'none')
    expect(screen.getByTestId('overall-score')).toHaveTextContent(/^—$/)
    expect(screen.getByTestId('recommendation')).toHaveTextContent('Insufficient evidence')
    expect(screen.getByTestId('insufficient-note')).toBeInTheDocument()
    const comm = screen.getAllByTestId('dimension').find((d) => d.getAttribute('data-key') === 'communication')!
    expect(comm).toHaveTextContent('Insufficient evidence')
    expect(comm).not.toHaveTextContent(/\d+\/100/)
  })

  it('jumps to and highlights the transcript line an evidence cites', async () => {
    const user = userEvent.setup()
    serve([ready()])
    open()
    const strength = (await screen.findAllByTestId('strengths-item'))[0]!
    await user.click(within(strength).getByRole('button', { name: /Go to 1:35 in the transcript/ }))
    const line = screen.getAllByTestId('summary-transcript-line').find((l) => l.getAttribute('data-seq') === '3')!
    expect(line).toHaveAttribute('data-highlighted', 'true')
    expect(line).toHaveAttribute('aria-current', 'true')
    expect(line).toHaveFocus()
    expect(screen.getAllByTestId('summary-transcript-line').filter((l) => l.hasAttribute('data-highlighted'))).toHaveLength(1)

    // A run's evidence lands on the last line said before it.
    const improvement = screen.getAllByTestId('improvements-item')[0]!
    await user.click(within(improvement).getByRole('button', { name: /Go to 5:00/ }))
    expect(screen.getAllByTestId('summary-transcript-line').find((l) => l.getAttribute('data-seq') === '4')).toHaveAttribute('data-highlighted', 'true')
  })

  it('shows the timeline with a focusable marker per moment whose tooltip and click lead to the transcript', async () => {
    const user = userEvent.setup()
    serve([ready()])
    open()
    const markers = await screen.findAllByTestId('timeline-marker')
    expect(markers.map((m) => m.getAttribute('data-kind'))).toEqual(['strength', 'hint', 'run', 'improvement', 'submit', 'end'])
    act(() => markers[2]!.focus())
    expect(screen.getByRole('tooltip')).toHaveTextContent('5:00 Run: Wrong answer, 1/3 tests')
    await user.keyboard('{Enter}')
    expect(screen.getAllByTestId('summary-transcript-line').find((l) => l.getAttribute('data-seq') === '4')).toHaveAttribute('data-highlighted', 'true')
  })

  it('renders the written report as Markdown without letting HTML through', async () => {
    serve([ready()])
    open()
    const report = await screen.findByTestId('written-report')
    expect(within(report).getByRole('heading', { name: 'Summary' })).toBeInTheDocument()
    expect(report.querySelector('strong')).toHaveTextContent('solid')
    expect(report.querySelector('img, script')).toBeNull()
    expect(report.innerHTML).not.toContain('onerror')
    expect(report.querySelector('a')?.getAttribute('href') ?? '').not.toMatch(/^javascript:/)
  })

  it('shows what a session with model calls cost, per agent', async () => {
    const usage = {
      calls: 3,
      input_tokens: 12_000,
      output_tokens: 900,
      cost_micro_usd: 41_500,
      by_agent: [
        { agent: 'interviewer' as const, provider: 'openai', model: 'gpt-5-mini', calls: 2, input_tokens: 8_000, output_tokens: 600, cost_micro_usd: 1_500, latency_ms_avg: 700 },
        { agent: 'evaluator' as const, provider: 'anthropic', model: 'claude-opus', calls: 1, input_tokens: 4_000, output_tokens: 300, cost_micro_usd: 40_000, latency_ms_avg: 9000 },
      ],
      voice: [
        { provider: 'openai', model: 'gpt-realtime', connected_ms: 600_000, audio_in_ms: 125_000, audio_out_ms: 90_000, input_tokens: 1_250, output_tokens: 1_800, cost_micro_usd: 486_000 },
      ],
      voice_cost_micro_usd: 486_000,
    }
    serve([ready(evaluation, usage)])
    open()
    const cost = await screen.findByTestId('session-cost')
    expect(cost).toHaveTextContent('$0.53') // models $0.0415 + voice $0.486
    expect(cost).toHaveTextContent('3 model calls')
    expect(within(cost).getByRole('row', { name: /openai\/gpt-realtime 10:00 2:05\/1:30 1,250\/1,800 \$0\.49/ })).toBeInTheDocument()
    expect(within(cost).getByRole('row', { name: /Interviewer openai\/gpt-5-mini 2 8,000\/600 \$0\.0015/ })).toBeInTheDocument()
  })

  it('says what to do when the report cannot be read, and tries again', async () => {
    const user = userEvent.setup()
    const net = serve([apiError(503, 'unavailable', 'mockroom is busy.'), ready()])
    open()
    expect(await screen.findByText(/mockroom is busy\. Your code and transcript are safe/)).toBeInTheDocument()
    // The rest of the page is still there.
    expect(screen.getByTestId('final-code')).toHaveTextContent('seen = {}')
    await user.click(screen.getByRole('button', { name: 'Try again' }))
    expect(await screen.findByTestId('radar-chart')).toBeInTheDocument()
    expect(net.evalCalls()).toBe(2)
  })

  it('says when the report is slow to come, and keeps asking at most every 15 s', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const net = serve([pending])
    open()
    expect(await screen.findByText(/This page updates itself when it is ready/)).toBeInTheDocument()
    await act(() => vi.advanceTimersByTimeAsync(95_000))
    expect(screen.getByText(/This is taking longer than usual/)).toBeInTheDocument()
    const before = net.evalCalls()
    await act(() => vi.advanceTimersByTimeAsync(60_000))
    expect(net.evalCalls() - before).toBe(4)
  })

  it('does not poll while the interview is still running', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const net = serve([{ status: 'in_progress', usage: offlineUsage }])
    open()
    expect(await screen.findByText(/The interview is still running/)).toBeInTheDocument()
    await act(() => vi.advanceTimersByTimeAsync(30_000))
    expect(net.evalCalls()).toBe(1)
  })
})

const reference: ReferenceSolution = {
  language: 'python',
  session_language: 'python',
  code: 'class Solution:\n    def twoSum(self, nums, target):\n        seen = {}  # value -> index\n        return []',
  editorial: '## Approach\n\nKeep a **hash map** of the values seen.\n\n## Complexity\n\n- Time: O(n)\n\n<img src=x onerror="alert(1)">',
  optimal_time: 'O(n)',
  optimal_space: 'O(n)',
}

describe('SummaryPage reference solution', () => {
  const solutionCalls = (net: ReturnType<typeof serve>) => net.calls.filter((c) => c.url.pathname.endsWith('/solution')).length
  const show = { name: 'Show the reference solution and editorial' }

  it('stays hidden, and unasked for, until the button is clicked; then renders the editorial and the code', async () => {
    const user = userEvent.setup()
    const net = serve([ready()], () => json(reference))
    open()
    const section = await screen.findByTestId('reference-solution')
    expect(section).toHaveAttribute('data-state', 'closed')
    expect(screen.queryByTestId('solution-code')).toBeNull()
    expect(screen.queryByTestId('editorial')).toBeNull()
    expect(solutionCalls(net)).toBe(0)

    await user.click(within(section).getByRole('button', show))
    const code = await screen.findByTestId('solution-code')
    expect(code).toHaveTextContent('seen = {} # value -> index')
    expect(code).toHaveAccessibleName('Reference solution in Python')
    expect(code.parentElement).toHaveTextContent(/^1234/) // line numbers beside it
    const editorial = screen.getByTestId('editorial')
    expect(within(editorial).getByRole('heading', { name: 'Approach' })).toBeInTheDocument()
    expect(within(editorial).getByText('hash map').tagName).toBe('STRONG')
    expect(editorial.querySelector('img')).toBeNull() // raw HTML never renders
    expect(screen.getByTestId('solution-complexity')).toHaveTextContent('Time O(n) · Space O(n)')
    expect(screen.queryByTestId('solution-fallback')).toBeNull()
    expect(solutionCalls(net)).toBe(1)

    await user.click(within(section).getByRole('button', { name: 'Hide' }))
    expect(screen.queryByTestId('solution-code')).toBeNull()
  })

  it('answers a 409 with a calm message, not an error', async () => {
    const user = userEvent.setup()
    serve([ready()], () => apiError(409, 'interview_in_progress', 'the reference solution opens when the interview ends'))
    open()
    await user.click(await screen.findByRole('button', show))
    expect(await screen.findByTestId('solution-not-yet')).toHaveTextContent('The reference solution opens when the interview ends.')
    expect(within(screen.getByTestId('reference-solution')).queryByRole('alert')).toBeNull()
    expect(screen.queryByTestId('solution-code')).toBeNull()
  })

  it('says which language it shows when the session\'s has no reference', async () => {
    const user = userEvent.setup()
    serve([ready()], () => json({ ...reference, session_language: 'go' }))
    open()
    await user.click(await screen.findByRole('button', show))
    expect(await screen.findByTestId('solution-fallback')).toHaveTextContent('There is no reference in Go for this problem, so it is shown in Python.')
  })

  it('says what to do when the solution cannot be read, and tries again', async () => {
    const user = userEvent.setup()
    let n = 0
    serve([ready()], () => (n++ === 0 ? apiError(503, 'unavailable', 'mockroom is busy.') : json(reference)))
    open()
    await user.click(await screen.findByRole('button', show))
    const section = screen.getByTestId('reference-solution')
    expect(await within(section).findByText(/mockroom is busy\. Your report is not affected\./)).toBeInTheDocument()
    await user.click(within(section).getByRole('button', { name: 'Try again' }))
    expect(await screen.findByTestId('solution-code')).toBeInTheDocument()
  })

  it('is not offered while the interview runs', async () => {
    const routes = mockFetch({
      'GET /api/auth/session': () => json({ user: { id: 'u', email: profile.email, is_admin: false }, profile }),
      'GET /api/sessions/s1': () => json({ ...sessionView, session: { ...sessionView.session, status: 'active' } }),
      'GET /api/sessions/s1/transcript': () => json({ transcript: lines }),
      'GET /api/sessions/s1/snapshots': () => json({ snapshots: snaps }),
      'GET /api/sessions/s1/evaluation': () => json({ status: 'in_progress', usage: offlineUsage }),
    })
    open()
    expect(await screen.findByText(/The interview is still running/)).toBeInTheDocument()
    expect(screen.queryByTestId('reference-solution')).toBeNull()
    expect(routes.calls.some((c) => c.url.pathname.endsWith('/solution'))).toBe(false)
  })
})
