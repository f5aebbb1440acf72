import { describe, expect, it } from 'vitest'
import { patternStandings } from './patterns'

describe('patternStandings', () => {
  it('counts solved, attempted and total per pattern, practised patterns first', () => {
    const got = patternStandings([
      { pattern: 'Arrays & Hashing', categories: ['Array', 'Hash Table'], progress: 'solved' },
      { pattern: 'Two Pointers', categories: ['Array', 'Two Pointers'], progress: 'attempted' },
      { pattern: 'Arrays & Hashing', categories: ['Array'] },
      { pattern: 'Graphs', categories: ['Graph'] },
      { pattern: 'Graphs', categories: ['Graph', 'BFS'] },
      { pattern: 'Arrays & Hashing', categories: ['Hash Table'], progress: 'solved' },
      { pattern: '', categories: ['Legacy'] },
    ])
    expect(got).toEqual([
      { pattern: 'Arrays & Hashing', solved: 2, attempted: 0, total: 3 },
      { pattern: 'Two Pointers', solved: 0, attempted: 1, total: 1 },
      { pattern: 'Graphs', solved: 0, attempted: 0, total: 2 },
      { pattern: 'Legacy', solved: 0, attempted: 0, total: 1 },
    ])
  })

  it('is empty for an empty library', () => {
    expect(patternStandings([])).toEqual([])
  })
})
