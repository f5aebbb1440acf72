import { describe, expect, it } from 'vitest'
import { cents, folderFiles, lastDays, linesToList, listToLines, microUSD, parseJSON, percent } from './format'

describe('admin format', () => {
  it('formats money and rates', () => {
    expect(microUSD(0)).toBe('$0.00')
    expect(microUSD(3000)).toBe('$0.0030')
    expect(microUSD(12_340_000)).toBe('$12.34')
    expect(cents(1999)).toBe('$19.99')
    expect(percent(0.3333)).toBe('33.3%')
    expect(percent(1)).toBe('100.0%')
  })

  it('computes the default range in UTC', () => {
    expect(lastDays(30, new Date('2026-03-10T23:30:00Z'))).toEqual({ from: '2026-02-09', to: '2026-03-10' })
    expect(lastDays(1, new Date('2026-03-10T00:00:00Z'))).toEqual({ from: '2026-03-10', to: '2026-03-10' })
  })

  it('edits lists as lines', () => {
    expect(linesToList(' a \n\n b\n')).toEqual(['a', 'b'])
    expect(listToLines(['a', 'b'])).toBe('a\nb')
    expect(listToLines(null)).toBe('')
  })

  it('parses JSON with the field named', () => {
    expect(parseJSON('signature', '{"function":"f"}')).toEqual({ ok: true, value: { function: 'f' } })
    const bad = parseJSON('signature', '{')
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.error).toMatch(/^signature: not valid JSON/)
  })

  it('reads a picked folder', () => {
    const got = folderFiles([
      { path: 'two-sum/problem.json', text: '{}' },
      { path: 'two-sum/solutions/solution.py', text: 'x' },
      { path: 'stray', text: '' },
    ])
    expect(got).toEqual({ slug: 'two-sum', files: { 'problem.json': '{}', 'solutions/solution.py': 'x' } })
  })
})
