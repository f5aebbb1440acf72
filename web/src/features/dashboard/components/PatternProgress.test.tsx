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
            { category: 'Hash Table', solved: 2, attempted: 1, total: 5 },
            { category: 'Graph', solved: 0, attempted: 0, total: 3 },
          ]}
        />
      </MemoryRouter>,
    )
    expect(screen.getByRole('heading', { name: 'By pattern' })).toBeInTheDocument()
    const hash = screen.getByRole('link', { name: /Hash Table: 2 of 5 solved, 1 tried/ })
    expect(hash).toHaveAttribute('href', '/problems?category=Hash%20Table')
    expect(screen.getByRole('link', { name: /Graph: 0 of 3 solved\. Practise/ })).toBeInTheDocument()
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
