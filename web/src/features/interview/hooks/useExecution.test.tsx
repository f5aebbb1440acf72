import { act, fireEvent, render, renderHook, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { apiError, json, mockFetch } from '../../../test/fetch'
import { RunNotice } from '../components/RunNotice'
import type { Report } from '../types'
import { useExecution } from './useExecution'

const report = { mode: 'run', status: 'accepted' } as unknown as Report

/** The room's execution hook over a fetch that answers each execute in turn. */
function setup(answers: (() => Response)[], customInput = '') {
  let n = 0
  const { calls } = mockFetch({
    'POST /api/sessions/s1/execute': () => {
      const answer = answers[Math.min(n, answers.length - 1)]!
      n++
      return answer()
    },
  })
  const editor = { current: { getValue: vi.fn(() => 'print(1)'), clearMarkers: vi.fn(), jumpTo: vi.fn() } }
  const onReport = vi.fn()
  const h = renderHook(() =>
    useExecution({ id: 's1', client: { flush: vi.fn() }, editor, language: { current: 'python' }, customInput, onReport, onEnded: vi.fn() }),
  )
  const bodies = () => calls.map((c) => JSON.parse(String(c.init.body)) as Record<string, unknown>)
  return { h, editor, onReport, bodies }
}

const busy = (secs: string) => () => apiError(429, 'judge_busy', 'the judge is busy', { 'Retry-After': secs })

async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms)
  })
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('useExecution when the judge is busy', () => {
  it('counts down the Retry-After and sends the same execution again with the code of that moment', async () => {
    const t = setup([busy('3'), () => json(report)], '{"n": 2}')
    await act(() => t.h.result.current.runCode('run'))
    expect(t.h.result.current).toMatchObject({ retryIn: 3, retryWhy: 'judge_busy', retrying: 'run', running: null })
    await advance(1000)
    expect(t.h.result.current.retryIn).toBe(2)
    // Run is held while the retry is pending: no second request.
    await act(() => t.h.result.current.runCode('run'))
    expect(t.bodies()).toHaveLength(1)

    t.editor.current.getValue.mockReturnValue('print(2)')
    await advance(2000)
    expect(t.bodies()).toEqual([
      { code: 'print(1)', language: 'python', mode: 'run', stdin: { n: 2 } },
      { code: 'print(2)', language: 'python', mode: 'run', stdin: { n: 2 } },
    ])
    expect(t.onReport).toHaveBeenCalledWith(report)
    expect(t.h.result.current).toMatchObject({ retryIn: 0, retrying: null, runError: null })
  })

  it('keeps waiting while the judge stays busy', async () => {
    const t = setup([busy('2'), busy('4'), () => json(report)])
    await act(() => t.h.result.current.runCode('submit'))
    await advance(2000)
    expect(t.bodies()).toHaveLength(2)
    expect(t.h.result.current).toMatchObject({ retryIn: 4, retrying: 'submit' })
    await advance(4000)
    expect(t.bodies().map((b) => b.mode)).toEqual(['submit', 'submit', 'submit'])
    expect(t.onReport).toHaveBeenCalledTimes(1)
  })

  it('stops on Cancel, and Run works at once again', async () => {
    const t = setup([busy('5'), () => json(report)])
    await act(() => t.h.result.current.runCode('run'))
    act(() => t.h.result.current.cancelRetry())
    expect(t.h.result.current).toMatchObject({ retryIn: 0, retrying: null })
    await advance(10_000)
    expect(t.bodies()).toHaveLength(1)
    await act(() => t.h.result.current.runCode('run'))
    expect(t.bodies()).toHaveLength(2)
    expect(t.onReport).toHaveBeenCalledWith(report)
  })

  it('does not retry by itself over the candidate’s own run limit', async () => {
    const t = setup([() => apiError(429, 'rate_limited', 'slow down', { 'Retry-After': '2' }), () => json(report)])
    await act(() => t.h.result.current.runCode('run'))
    expect(t.h.result.current).toMatchObject({ retryIn: 2, retryWhy: 'rate_limited', retrying: null })
    act(() => t.h.result.current.cancelRetry()) // not a busy judge's wait: nothing to cancel
    expect(t.h.result.current.retryIn).toBe(2)
    await advance(3000)
    expect(t.bodies()).toHaveLength(1)
    expect(t.h.result.current.retryIn).toBe(0)
  })
})

describe('RunNotice', () => {
  it('says the judge is busy with a countdown and a Cancel', () => {
    const onCancel = vi.fn()
    render(<RunNotice retryIn={4} retryWhy="judge_busy" retrying="submit" runError={null} onCancel={onCancel} />)
    expect(screen.getByTestId('judge-busy')).toHaveTextContent('The judge is busy — retrying in 4 s')
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(onCancel).toHaveBeenCalledOnce()
  })

  it('shows the run limit without a Cancel, and errors as errors', () => {
    const { rerender } = render(<RunNotice retryIn={7} retryWhy="rate_limited" retrying={null} runError={null} onCancel={() => {}} />)
    expect(screen.getByTestId('rate-limited')).toHaveTextContent("You've reached the run limit. Run and Submit are back in 7 s")
    expect(screen.queryByRole('button')).toBeNull()
    rerender(<RunNotice retryIn={0} retryWhy="rate_limited" retrying={null} runError="boom" onCancel={() => {}} />)
    expect(screen.getByRole('alert')).toHaveTextContent('boom')
  })
})
