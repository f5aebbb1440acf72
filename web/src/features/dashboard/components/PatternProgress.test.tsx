import { describe, expect, it } from 'vitest'
import { render, screen } from '@testing-library/react'
import { MemoryRouter } from 'react-router'
import { PatternProgress } from './PatternProgress'

describe('PatternProgress', () => {
  it('shows each pattern with its counts and links to the library filtered to it', () => {
    render(
      <MemoryRouter>
        <PatternProgress
          standings={[
            { pattern: 'Sliding Window', solved: 2, attempted: 1, total: 5 },
            { pattern: 'Graphs', solved: 0, attempted: 0, total: 3 },
          ]}
        />
      </MemoryRouter>,
    )
    expect(screen.getByRole('heading', { name: 'By pattern' })).toBeInTheDocument()
    const hash = screen.getByRole('link', { name: /Sliding Window: 2 of 5 solved, 1 tried/ })
    expect(hash).toHaveAttribute('href', '/problems?pattern=Sliding%20Window')
    expect(screen.getByRole('link', { name: /Graphs: 0 of 3 solved\. Practise/ })).toBeInTheDocument()
    expect(screen.getAllByTestId('pattern')).toHaveLength(2)
  })

  it('renders nothing without a library', () => {
    const { container } = render(
      <MemoryRouter>
        <PatternProgress standings={[]} />
      </MemoryRouter>,
    )
    expect(container).toBeEmptyDOMElement()
  })
})
