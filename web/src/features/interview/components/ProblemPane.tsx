import { memo } from 'react'
import Markdown from 'react-markdown'
import remarkGfm from 'remark-gfm'
import { ExampleBlock } from '../../../components/ExampleBlock'
import type { ProblemDetail } from '../../../lib/types'

/**
 * The statement and its examples. Memoised on the problem: the Markdown is
 * parsed once, not on every change elsewhere in the room.
 */
export const ProblemPane = memo(function ProblemPane({ problem }: { problem: ProblemDetail }) {
  return (
    <div className="p-4">
      <div className="markdown">
        <Markdown remarkPlugins={[remarkGfm]}>{problem.description}</Markdown>
      </div>
      {problem.examples.length > 0 && (
        <section aria-label="Examples" className="mt-6 space-y-3">
          {problem.examples.map((ex, i) => (
            <ExampleBlock key={i} example={ex} n={i + 1} />
          ))}
        </section>
      )}
    </div>
  )
})
