import { describe, expect, it } from 'vitest'
import { patternStandings } from './patterns'

describe('patternStandings', () => {
  it('counts solved, attempted and total per category, practised patterns first', () => {
    const got = patternStandings([
      { categories: ['Array', 'Hash Table'], progress: 'solved' },
      { categories: ['Array', 'Two Pointers'], progress: 'attempted' },
      { categories: ['Array'] },
      { categories: ['Graph'] },
      { categories: ['Graph', 'BFS'] },
      { categories: ['Hash Table'], progress: 'solved' },
    ])
    expect(got).toEqual([
      { category: 'Array', solved: 1, attempted: 1, total: 3 },
      { category: 'Hash Table', solved: 2, attempted: 0, total: 2 },
      { category: 'Two Pointers', solved: 0, attempted: 1, total: 1 },
      { category: 'Graph', solved: 0, attempted: 0, total: 2 },
      { category: 'BFS', solved: 0, attempted: 0, total: 1 },
    ])
  })

  it('is empty for an empty library', () => {
    expect(patternStandings([])).toEqual([])
  })
})
