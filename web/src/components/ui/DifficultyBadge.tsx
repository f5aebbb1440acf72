import type { Difficulty } from '../../lib/types'
import { titleCase } from '../../lib/format'

// Colour plus text, never colour alone; each pair passes WCAG AA.
const styles: Record<Difficulty, string> = {
  easy: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20 dark:bg-emerald-950 dark:text-emerald-300 dark:ring-emerald-400/30',
  medium: 'bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-400/30',
  hard: 'bg-red-50 text-red-800 ring-red-600/20 dark:bg-red-950 dark:text-red-300 dark:ring-red-400/30',
}

export function DifficultyBadge({ difficulty }: { difficulty: Difficulty }) {
  const style = styles[difficulty] ?? styles.medium
  return (
    <span
      data-testid="difficulty-badge"
      data-difficulty={difficulty}
      className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${style}`}
    >
      {titleCase(difficulty)}
    </span>
  )
}
