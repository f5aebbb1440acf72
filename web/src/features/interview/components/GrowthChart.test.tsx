import { describe, expect, it } from 'vitest'
import { render, screen } from '@testing-library/react'
import type { Measurement } from '../../../lib/api.gen'
import { bound, GrowthChart, layout } from './GrowthChart'

const quadratic: Measurement = {
  language: 'go',
  class: 'n^2',
  optimum: 'n',
  verdict: 'worse',
  slope: 1.98,
  confidence: 0.97,
  points: [
    { n: 1000, ms: 1 },
    { n: 2000, ms: 4 },
    { n: 4000, ms: 16 },
    { n: 8000, ms: 63 },
    { n: 16000, ms: 250 },
  ],
  summary: 'your solution grew as n^1.98 between n = 1,000 and 16,000, closest to O(n²); the optimum is O(n)',
  cost_ms: 900,
  measured_at: '2026-11-30T12:00:00Z',
}

describe('GrowthChart', () => {
  it('draws the points with the sentence as its text alternative', () => {
    render(<GrowthChart measurement={quadratic} />)
    expect(screen.getByTestId('efficiency-summary')).toHaveTextContent('Your solution grew as n^1.98 between n = 1,000 and 16,000, closest to O(n²); the optimum is O(n).')
    expect(screen.getByTestId('efficiency-verdict')).toHaveTextContent('Grows faster than the optimum: O(n²)')
    const chart = screen.getByRole('img', { name: /CPU time against input size n.*grew as n\^1\.98/ })
    expect(chart.querySelectorAll('[data-testid="growth-point"]')).toHaveLength(5)
    expect(screen.getByRole('table', { name: 'CPU time per input size' })).toHaveTextContent('16,000250 ms')
  })

  it('says so when the growth could not be measured, with no chart', () => {
    render(
      <GrowthChart
        measurement={{ ...quadratic, class: 'unmeasured', verdict: 'unknown', points: [], summary: "your solution's growth could not be measured: too fast" }}
      />,
    )
    expect(screen.getByTestId('efficiency-verdict')).toHaveTextContent('Not measured')
    expect(screen.queryByRole('img')).toBeNull()
  })

  it('lays points out log-log: equal ratios, equal steps', () => {
    const p = layout(quadratic.points.slice(0, 3).map((q) => ({ n: q.n, ms: q.n * q.n })))
    expect(p[1]!.x - p[0]!.x).toBeCloseTo(p[2]!.x - p[1]!.x, 0)
    expect(p[0]!.y - p[1]!.y).toBeCloseTo(p[1]!.y - p[2]!.y, 0)
    expect(bound('n log n')).toBe('O(n log n)')
  })
})
