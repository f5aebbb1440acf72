import { describe, expect, it } from 'vitest'
import { clock, dollars, evidenceLine, lanes, pollDelay, radarAxes, radarLabel, timeline } from './report'
import { evaluation, lines, snaps, thinEvaluation } from './testdata/report'

describe('radarAxes', () => {
  it('puts each dimension on its axis at its share of the radius, the first pointing up', () => {
    const axes = radarAxes(evaluation.dimensions, 100, 100, 50)
    expect(axes.map((a) => a.key)).toEqual(['problem_solving', 'code_quality', 'communication', 'efficiency'])
    expect(axes[0]!.end).toEqual({ x: 100, y: 50 })
    expect(axes[0]!.point).toEqual({ x: 100, y: 55 }) // 90 of 100
    expect(axes[1]!.point).toEqual({ x: 135, y: 100 }) // 70, to the right
    expect(axes[2]!.point).toEqual({ x: 100, y: 132.5 }) // 65, down
    expect(axes[3]!.point).toEqual({ x: 60, y: 100 }) // 80, to the left
  })

  it('leaves a dimension without a score as a gap, not a zero', () => {
    const axes = radarAxes(thinEvaluation.dimensions, 100, 100, 50)
    expect(axes[2]!.score).toBeNull()
    expect(axes[2]!.point).toBeNull()
    expect(radarLabel(axes)).toBe('Scores by dimension, out of 100: Problem solving 90, Code quality 70, Communication insufficient evidence, Efficiency 80.')
  })

  it.each([
    [-5, 0],
    [140, 100],
  ])('clamps %d to %d', (score, want) => {
    const dims = evaluation.dimensions.map((d) => ({ ...d, score }))
    expect(radarAxes(dims, 0, 0, 10)[0]!.score).toBe(want)
  })
})

describe('evidenceLine', () => {
  it.each([
    ['a transcript line by its seq', { kind: 'transcript' as const, t_ms: 0, ref: '3' }, 3],
    ['a seq that is not there, by time instead', { kind: 'transcript' as const, t_ms: 31_000, ref: '99' }, 2],
    ['a run, by the last line said before it', { kind: 'run' as const, t_ms: 300_000, ref: '0' }, 4],
    ['a moment exactly on a line', { kind: 'snapshot' as const, t_ms: 95_000 }, 3],
    ['a moment before every line, the first line', { kind: 'run' as const, t_ms: 0 }, 1],
  ])('finds %s', (_, ev, want) => {
    expect(evidenceLine(ev, lines)).toBe(want)
  })

  it('finds nothing in an empty conversation', () => {
    expect(evidenceLine({ kind: 'transcript', t_ms: 0, ref: '1' }, [])).toBeNull()
  })
})

describe('timeline', () => {
  it('holds runs with verdicts, hints, key moments and the end, in order', () => {
    const m = timeline(snaps, lines, evaluation, 720_000)
    expect(m.map((x) => [x.t, x.kind])).toEqual([
      [95_000, 'strength'],
      [200_000, 'hint'],
      [300_000, 'run'],
      [300_000, 'improvement'],
      [650_000, 'submit'],
      [720_000, 'end'],
    ])
    expect(m.find((x) => x.kind === 'run')!.label).toBe('Run: Wrong answer, 1/3 tests')
    expect(m.find((x) => x.kind === 'run')!.verdict).toBe('wrong_answer')
    expect(m.find((x) => x.kind === 'hint')!.label).toBe('Hint 1 of 3')
  })

  it('without an evaluation or anything run has only the end', () => {
    expect(timeline([], [], undefined, 60_000)).toEqual([{ t: 60_000, kind: 'end', label: 'Interview ended' }])
  })
})

describe('money, time and polling', () => {
  it.each([
    [0, '$0.00'],
    [4_200, '$0.0042'],
    [1_270_000, '$1.27'],
  ])('%d micro-dollars is %s', (micro, want) => expect(dollars(micro)).toBe(want))

  it.each([
    [0, '0:00'],
    [95_000, '1:35'],
    [3_720_000, '62:00'],
  ])('%d ms is %s', (ms, want) => expect(clock(ms)).toBe(want))

  it('polls every 2 s at first, backing off to at most 15 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map(pollDelay)).toEqual([2000, 3000, 4500, 6750, 10125, 15000, 15000, 15000])
  })
})

describe('lanes', () => {
  it.each([
    ['far apart, all on the track', [0, 10, 20], [0, 0, 0]],
    ['two at once, one above the other', [10, 10, 50], [0, 1, 0]],
    ['a cluster climbs, then comes back down', [10, 11, 12, 20], [0, 1, 2, 0]],
    ['a free lower lane is reused', [10, 11, 14, 14.5], [0, 1, 0, 1]],
  ])('%s', (_, positions, want) => {
    expect(lanes(positions, 3)).toEqual(want)
  })
})
