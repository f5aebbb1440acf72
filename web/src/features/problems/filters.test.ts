import { describe, expect, it } from 'vitest'
import { EMPTY_FILTERS, filtersToParams, hasActiveFilters, pageCount, parseFilters, updateFilters } from './filters'

describe('parseFilters', () => {
  it.each([
    ['', EMPTY_FILTERS],
    ['difficulty=easy', { ...EMPTY_FILTERS, difficulty: 'easy' }],
    ['difficulty=impossible', EMPTY_FILTERS],
    ['category=Array&company=Google&q=two%20sum&page=3', { ...EMPTY_FILTERS, category: 'Array', company: 'Google', q: 'two sum', page: 3 }],
    ['page=0', EMPTY_FILTERS],
    ['page=-2', EMPTY_FILTERS],
    ['page=abc', EMPTY_FILTERS],
  ])('%s', (qs, want) => {
    expect(parseFilters(new URLSearchParams(qs))).toEqual(want)
  })
})

describe('filtersToParams', () => {
  it('leaves defaults out of the URL', () => {
    expect(filtersToParams(EMPTY_FILTERS).toString()).toBe('')
    expect(filtersToParams({ ...EMPTY_FILTERS, q: '   ', page: 1 }).toString()).toBe('')
  })

  it.each([
    'difficulty=easy',
    'difficulty=hard&category=Graph&company=Meta&q=path&page=2',
    'q=a%26b%3Dc',
  ])('round-trips %s', (qs) => {
    expect(filtersToParams(parseFilters(new URLSearchParams(qs))).toString()).toBe(qs)
  })
})

describe('updateFilters', () => {
  const on3 = { ...EMPTY_FILTERS, difficulty: 'medium' as const, page: 3 }
  it('goes back to page 1 when a filter changes', () => {
    expect(updateFilters(on3, { category: 'Array' })).toEqual({ ...on3, category: 'Array', page: 1 })
    expect(updateFilters(on3, { difficulty: '' }).page).toBe(1)
  })
  it('keeps other filters when paging', () => {
    expect(updateFilters(on3, { page: 4 })).toEqual({ ...on3, page: 4 })
  })
})

describe('helpers', () => {
  it('knows when filters are active', () => {
    expect(hasActiveFilters(EMPTY_FILTERS)).toBe(false)
    expect(hasActiveFilters({ ...EMPTY_FILTERS, page: 5 })).toBe(false)
    expect(hasActiveFilters({ ...EMPTY_FILTERS, company: 'Google' })).toBe(true)
  })
  it.each([
    [0, 20, 1],
    [20, 20, 1],
    [21, 20, 2],
    [5, 0, 5],
  ])('pageCount(%i, %i) = %i', (total, limit, want) => {
    expect(pageCount(total, limit)).toBe(want)
  })
})
