import { describe, expect, it, vi } from 'vitest'
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { ResultsConsole } from './ResultsConsole'
import type { Report } from '../types'

function show(report: Report | null, extra: Partial<Parameters<typeof ResultsConsole>[0]> = {}) {
  const onJump = vi.fn()
  render(<ResultsConsole report={report} running={null} firstRun={false} customInput="" onCustomInput={() => {}} onJump={onJump} {...extra} />)
  return { onJump }
}

const wrong: Report = {
  mode: 'submit',
  language: 'python',
  status: 'wrong_answer',
  passed: 1,
  total: 44,
  tests: [
    { index: 0, name: 'Example 1', verdict: 'accepted', cpu_time_ms: 1.24, memory_kb: 9000, input: { nums: [2, 7], target: 9 }, expected: [0, 1], got: [0, 1] },
    {
      index: 1,
      name: 'Example 2',
      verdict: 'wrong_answer',
      cpu_time_ms: 2,
      memory_kb: 9100,
      input: { nums: [3, 2, 4], target: 6 },
      expected: [1, 2],
      got: [0, 0],
      stdout: 'debug line\n',
    },
  ],
  hidden: { passed: 40, total: 42, verdicts: { accepted: 40, time_limit: 2 }, first_failure: 'time_limit' },
  cpu_time_ms: 812,
  memory_kb: 20480,
}

describe('ResultsConsole', () => {
  it('says where a queued run waits for the judge instead of only spinning', () => {
    const { rerender } = render(<ResultsConsole report={null} running="run" firstRun={false} queue={{ ahead: 2 }} customInput="" onCustomInput={() => {}} />)
    expect(screen.getByRole('status')).toHaveTextContent('Waiting for the judge — 2 runs ahead of you')
    rerender(<ResultsConsole report={null} running="run" firstRun={false} queue={{ ahead: 1 }} customInput="" onCustomInput={() => {}} />)
    expect(screen.getByTestId('queue-position')).toHaveTextContent('Waiting for the judge — 1 run ahead of you')
    rerender(<ResultsConsole report={null} running="run" firstRun={false} queue={{ ahead: 0 }} customInput="" onCustomInput={() => {}} />)
    expect(screen.getByTestId('queue-position')).toHaveTextContent('Waiting for the judge — you are next')
    // Admitted: the run's own progress again.
    rerender(<ResultsConsole report={null} running="run" firstRun={false} queue={null} customInput="" onCustomInput={() => {}} />)
    expect(screen.queryByTestId('queue-position')).toBeNull()
    expect(screen.getByRole('status')).toHaveTextContent('Running the examples…')
  })

  it('shows a verdict per test, expected vs got for a failing one, and hidden tests only as counts', async () => {
    show(wrong)
    expect(screen.getByTestId('report-summary')).toHaveTextContent('Wrong answer')
    expect(screen.getByTestId('passed-count')).toHaveTextContent('1/44 passed')
    const rows = screen.getAllByTestId('test-result')
    expect(rows.map((r) => within(r).getByTestId('verdict').textContent)).toEqual(['Accepted', 'Wrong answer'])
    expect(rows[0]).toHaveTextContent('CPU 1.2 ms')
    expect(screen.getByTestId('cpu-time')).toHaveTextContent('CPU 812 ms')
    expect(rows[0]).toHaveTextContent('8.8 MB')
    // The failing test is open by default; the passing one is not.
    expect(within(rows[1]!).getByText('Expected')).toBeInTheDocument()
    expect(rows[1]).toHaveTextContent('[1,2]')
    expect(rows[1]).toHaveTextContent('[0,0]')
    expect(within(rows[0]!).queryByText('Expected')).toBeNull()
    await userEvent.click(within(rows[0]!).getByRole('button'))
    expect(within(rows[0]!).getByText('Expected')).toBeInTheDocument()

    const hidden = screen.getByTestId('hidden-summary')
    expect(hidden).toHaveTextContent('Hidden tests: 40/42 passed')
    expect(within(hidden).getAllByTestId('verdict').map((b) => b.textContent)).toEqual(['Accepted', 'Time limit'])

    await userEvent.click(screen.getByRole('tab', { name: 'Output' }))
    expect(screen.getByText('debug line', { exact: false })).toBeInTheDocument()
  })

  it('turns a compile error position into a jump to the editor line', async () => {
    const { onJump } = show({
      mode: 'run',
      language: 'java',
      status: 'compile_error',
      passed: 0,
      total: 2,
      compile_error: { message: "';' expected", line: 7, column: 19 },
      tests: [],
      cpu_time_ms: 0,
      memory_kb: 0,
    })
    expect(screen.getByTestId('compile-error')).toHaveTextContent("';' expected")
    await userEvent.click(screen.getByRole('button', { name: 'Go to line 7, column 19' }))
    expect(onJump).toHaveBeenCalledWith(7, 19)
  })

  it('says what is happening while code runs, the first time and after', () => {
    const { rerender } = render(<ResultsConsole report={null} running="run" firstRun customInput="" onCustomInput={() => {}} />)
    expect(screen.getByRole('status')).toHaveTextContent('Preparing environment…')
    rerender(<ResultsConsole report={null} running="submit" firstRun={false} customInput="" onCustomInput={() => {}} />)
    expect(screen.getByRole('status')).toHaveTextContent('Running every test…')
  })

  it('edits the custom input and shows its error', async () => {
    const onCustomInput = vi.fn()
    render(<ResultsConsole report={null} running={null} firstRun={false} customInput="{" onCustomInput={onCustomInput} customInputError="Custom input must be a JSON object." />)
    await userEvent.click(screen.getByRole('tab', { name: 'Custom input' }))
    const box = screen.getByLabelText(/Custom input for Run/)
    expect(box).toHaveAttribute('aria-invalid', 'true')
    expect(screen.getByText('Custom input must be a JSON object.')).toBeInTheDocument()
    await userEvent.type(box, 'x')
    expect(onCustomInput).toHaveBeenCalledWith('{x')
  })
})

describe('ResultsConsole details', () => {
  it('shows inputs as the examples do and sub-millisecond times as <1 ms', async () => {
    show({ ...wrong, hidden: undefined, tests: [{ ...wrong.tests![1]!, cpu_time_ms: 0.4 }] })
    expect(screen.getByText('nums = [3,2,4], target = 6')).toBeInTheDocument()
    expect(screen.getByText('CPU <1 ms')).toBeInTheDocument()
  })

  it('shows no per-test time where the report has none (a submit)', () => {
    show({ ...wrong, tests: [{ index: 0, name: 'Example 1', verdict: 'accepted', input: { a: 1 } }] })
    expect(screen.getByTestId('test-result')).not.toHaveTextContent('ms')
  })

  it('keeps tests that never ran folded under a compile error', () => {
    show({
      ...wrong,
      status: 'compile_error',
      compile_error: { message: "SyntaxError: expected ':'", line: 2, column: 35 },
      hidden: undefined,
      tests: [{ index: 0, name: 'Example 1', verdict: 'not_run', input: { a: 1 } }],
    })
    expect(screen.getByTestId('compile-error')).toHaveTextContent('line 2:35')
    expect(screen.getByRole('button', { name: /Example 1/ })).toHaveAttribute('aria-expanded', 'false')
  })

  it.each([
    [{ passed: 10, total: 10, verdicts: { accepted: 10 } }, /Every hidden test passes/],
    [{ passed: 8, total: 10, verdicts: { accepted: 8, wrong_answer: 2 } }, /think about edge cases/],
  ])('says what the hidden tests mean next (%#)', (hidden, want) => {
    show({ ...wrong, hidden })
    expect(screen.getByTestId('hidden-summary')).toHaveTextContent(want)
  })
})
