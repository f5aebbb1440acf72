import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { ExampleBlock, designCalls } from './ExampleBlock'
import type { Example } from '../lib/types'

describe('designCalls', () => {
  it('pairs each call with its result', () => {
    expect(designCalls({ operations: ['MinStack', 'push', 'getMin'], arguments: [[], [-2], []] }, [null, null, -2])).toEqual([
      ['MinStack()', null],
      ['push(-2)', null],
      ['getMin()', -2],
    ])
  })
  it('leaves other inputs alone', () => {
    expect(designCalls({ nums: [1], target: 2 }, [0])).toBeNull()
    expect(designCalls({ operations: ['A'], arguments: [] }, [null])).toBeNull()
  })
})

describe('ExampleBlock', () => {
  it('renders a design example as calls', () => {
    const ex = { input: { operations: ['LRUCache', 'put', 'get'], arguments: [[2], [1, 10], [1]] }, expected_output: [null, null, 10] } as unknown as Example
    render(<ExampleBlock example={ex} n={1} />)
    expect(screen.getByTestId('design-calls').textContent).toBe('LRUCache(2)put(1, 10)get(1) → 10')
  })
})
