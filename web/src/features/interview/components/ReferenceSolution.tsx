// The reference solution and its editorial, offered below the report once
// the interview has ended. Collapsed until asked for: a candidate may want
// to try the problem again first. Nothing is fetched before the click.
import { useState } from 'react'
import Markdown from 'react-markdown'
import remarkGfm from 'remark-gfm'
import { BookOpen } from 'lucide-react'
import { errorMessage, isApiError } from '../../../lib/api'
import type { ReferenceSolution } from '../../../lib/api.gen'
import { languageName } from '../../../lib/format'
import { Alert } from '../../../components/ui/Alert'
import { Button } from '../../../components/ui/Button'
import { Spinner } from '../../../components/ui/Spinner'
import { getSolution } from '../api'
import { CodeView } from './CodeView'

const card = 'rounded-xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900/60'
const muted = 'text-zinc-600 dark:text-zinc-400'

type State = { kind: 'closed' } | { kind: 'loading' } | { kind: 'error'; error: unknown } | { kind: 'open'; solution: ReferenceSolution }

export function ReferenceSolutionSection({ sessionId }: { sessionId: string }) {
  const [state, setState] = useState<State>({ kind: 'closed' })
  const load = () => {
    setState({ kind: 'loading' })
    getSolution(sessionId).then(
      (solution) => setState({ kind: 'open', solution }),
      (error: unknown) => setState({ kind: 'error', error }),
    )
  }
  return (
    <section aria-labelledby="solution-heading" data-testid="reference-solution" data-state={state.kind} className={card}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="solution-heading" className="flex items-center gap-2 font-semibold">
          <BookOpen className="size-5" aria-hidden="true" />
          Reference solution
        </h2>
        {state.kind === 'open' && (
          <Button variant="secondary" size="sm" onClick={() => setState({ kind: 'closed' })}>
            Hide
          </Button>
        )}
      </div>
      {state.kind === 'closed' ? (
        <div className="mt-2 space-y-3">
          <p className={`text-sm ${muted}`}>A reference solution with an editorial: the approach, why it works, its complexity and the common wrong turns. You may want to try the problem again first.</p>
          <Button variant="secondary" onClick={load}>
            Show the reference solution and editorial
          </Button>
        </div>
      ) : state.kind === 'loading' ? (
        <p className={`mt-3 flex items-center gap-3 text-sm ${muted}`}>
          <Spinner className="size-4" label="Loading the reference solution" />
          Loading the reference solution…
        </p>
      ) : state.kind === 'error' ? (
        <div className="mt-3">
          {isApiError(state.error, 'interview_in_progress') ? (
            <p data-testid="solution-not-yet" className={`text-sm ${muted}`}>
              The reference solution opens when the interview ends. Finish or end the interview, then come back here.
            </p>
          ) : (
            <Alert>
              {isApiError(state.error, 'not_found') ? 'This problem has no reference solution on this server.' : `${errorMessage(state.error)} Your report is not affected.`}{' '}
              <button type="button" className="font-semibold underline" onClick={load}>
                Try again
              </button>
            </Alert>
          )}
        </div>
      ) : (
        <SolutionBody solution={state.solution} />
      )}
    </section>
  )
}

function SolutionBody({ solution: s }: { solution: ReferenceSolution }) {
  return (
    <div className="mt-3 space-y-4">
      <p data-testid="solution-complexity" className={`text-sm ${muted}`}>
        Time {s.optimal_time} · Space {s.optimal_space}
      </p>
      {/* react-markdown builds elements, never HTML strings; skipHtml drops raw HTML in the text. */}
      <div className="markdown text-sm" data-testid="editorial">
        <Markdown remarkPlugins={[remarkGfm]} skipHtml>
          {s.editorial}
        </Markdown>
      </div>
      <div>
        <h3 className="text-sm font-semibold">Code in {languageName(s.language)}</h3>
        {s.language !== s.session_language && (
          <p data-testid="solution-fallback" className={`text-sm ${muted}`}>
            There is no reference in {languageName(s.session_language)} for this problem, so it is shown in {languageName(s.language)}.
          </p>
        )}
        <CodeView code={s.code} testId="solution-code" label={`Reference solution in ${languageName(s.language)}`} />
      </div>
    </div>
  )
}
