import { describe, expect, it, vi } from 'vitest'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { ThemeToggle } from './ThemeToggle'
import { THEME_KEY } from '../lib/theme'

function prefersDark(dark: boolean) {
  vi.spyOn(window, 'matchMedia').mockImplementation(
    (query: string) =>
      ({
        matches: dark && query.includes('dark'),
        media: query,
        addEventListener: () => {},
        removeEventListener: () => {},
      }) as unknown as MediaQueryList,
  )
}

describe('ThemeToggle', () => {
  it.each([
    { os: 'light', stored: null, want: 'light' },
    { os: 'dark', stored: null, want: 'dark' },
    { os: 'dark', stored: 'light', want: 'light' },
    { os: 'light', stored: 'dark', want: 'dark' },
    { os: 'light', stored: 'purple', want: 'light' },
  ])('starts in $want when the OS is $os and the stored pick is $stored', ({ os, stored, want }) => {
    prefersDark(os === 'dark')
    if (stored) localStorage.setItem(THEME_KEY, stored)
    render(<ThemeToggle />)
    expect(document.documentElement.classList.contains('dark')).toBe(want === 'dark')
    const other = want === 'dark' ? 'light' : 'dark'
    expect(screen.getByRole('button', { name: `Switch to ${other} theme` })).toBeInTheDocument()
  })

  it('toggles the class and remembers the pick', async () => {
    prefersDark(false)
    render(<ThemeToggle />)
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Switch to dark theme' }))
    expect(document.documentElement.classList.contains('dark')).toBe(true)
    expect(localStorage.getItem(THEME_KEY)).toBe('dark')
    await user.click(screen.getByRole('button', { name: 'Switch to light theme' }))
    expect(document.documentElement.classList.contains('dark')).toBe(false)
    expect(localStorage.getItem(THEME_KEY)).toBe('light')
  })
})
