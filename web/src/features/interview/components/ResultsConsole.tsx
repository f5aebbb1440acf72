import { useId, useState, type ReactNode } from 'react'
import { Spinner } from '../../../components/ui/Spinner'
import type { Report, TestResult, Verdict } from '../types'

const VERDICT_LABEL: Record<Verdict, string> = {
  accepted: 'Accepted',
  wrong_answer: 'Wrong answer',
  time_limit: 'Time limit',
  memory_limit: 'Memory limit',
  output_limit: 'Output limit',
  runtime_error: 'Runtime error',
  compile_error: 'Compile error',
  not_run: 'Not run',
  ran: 'Ran',
  internal_error: 'Internal error',
}

export function verdictLabel(v: string): string {
  return VERDICT_LABEL[v as Verdict] ?? v
}

function verdictClass(v: string): string {
  if (v === 'accepted' || v === 'ran') return 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300'
  if (v === 'not_run') return 'bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300'
  if (v === 'time_limit' || v === 'memory_limit' || v === 'output_limit') return 'bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300'
  return 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300'
}

export function VerdictBadge({ verdict }: { verdict: string }) {
  return (
    <span data-testid="verdict" data-verdict={verdict} className={`inline-flex rounded-md px-2 py-0.5 text-xs font-semibold ${verdictClass(verdict)}`}>
      {verdictLabel(verdict)}
    </span>
  )
}

function json(v: unknown): string {
  if (v === undefined) return ''
  try {
    return JSON.stringify(v)
  } catch {
    return String(v)
  }
}

/** Parameters as the problem's examples show them: nums = [2,7], target = 9. */
export function showInput(v: unknown): string {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const entries = Object.entries(v)
    if (entries.length > 0) return entries.map(([k, x]) => `${k} = ${json(x)}`).join(', ')
  }
  return json(v)
}

export function ms(n: number): string {
  if (n < 1) return '<1 ms'
  return n >= 100 ? `${Math.round(n)} ms` : `${Math.round(n * 10) / 10} ms`
}

function mem(kb: number): string {
  return kb >= 1024 ? `${(kb / 1024).toFixed(1)} MB` : `${kb} KB`
}

function Pre({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <div className="text-xs font-medium text-zinc-600 dark:text-zinc-400">{label}</div>
      <pre className="mt-0.5 max-h-40 overflow-auto rounded-md bg-zinc-100 px-2 py-1 font-mono text-xs whitespace-pre-wrap break-all dark:bg-zinc-900">
        {children}
      </pre>
    </div>
  )
}

function TestRow({ t, defaultOpen }: { t: TestResult; defaultOpen?: boolean }) {
  // Failures open by themselves; passes and tests that never ran stay short.
  const [open, setOpen] = useState(defaultOpen ?? (t.verdict !== 'accepted' && t.verdict !== 'not_run' && t.verdict !== 'ran'))
  const detailId = useId()
  const name = t.custom ? 'Custom input' : t.name || `Test ${t.index + 1}`
  return (
    <li data-testid="test-result" className="rounded-lg border border-zinc-200 dark:border-zinc-800">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={detailId}
        onClick={() => setOpen((o) => !o)}
        className="flex w-full items-center gap-3 px-3 py-1.5 text-left text-sm"
      >
        <span className="min-w-0 flex-1 truncate font-medium">{name}</span>
        <VerdictBadge verdict={t.verdict} />
        <span className="w-20 text-right text-xs text-zinc-600 tabular-nums dark:text-zinc-400" title="CPU time of this test">
          {t.verdict === 'not_run' || t.cpu_time_ms === undefined ? '' : `CPU ${ms(t.cpu_time_ms)}`}
        </span>
        <span className="w-16 text-right text-xs text-zinc-600 tabular-nums dark:text-zinc-400">{t.memory_kb ? mem(t.memory_kb) : ''}</span>
      </button>
      {open && (
        <div id={detailId} className="space-y-2 border-t border-zinc-200 px-3 py-2 dark:border-zinc-800">
          <Pre label="Input">{showInput(t.input)}</Pre>
          {t.expected !== undefined && <Pre label="Expected">{json(t.expected)}</Pre>}
          {t.got !== undefined && <Pre label={t.custom ? 'Output' : 'Got'}>{json(t.got)}</Pre>}
          {t.error && <Pre label="Error">{t.error}</Pre>}
          {t.trace && <Pre label="Trace">{t.trace}</Pre>}
          {t.stdout && <Pre label="stdout">{t.stdout}</Pre>}
          {t.stderr && <Pre label="stderr">{t.stderr}</Pre>}
        </div>
      )}
    </li>
  )
}

export function HiddenSummary({ hidden }: { hidden: NonNullable<Report['hidden']> }) {
  const counts = Object.entries(hidden.verdicts ?? {}).filter(([, n]) => (n ?? 0) > 0)
  const all = hidden.total > 0 && hidden.passed === hidden.total
  return (
    <div
      data-testid="hidden-summary"
      className={
        'rounded-lg border px-3 py-2 text-sm ' +
        (all ? 'border-emerald-200 bg-emerald-50 dark:border-emerald-900 dark:bg-emerald-950/40' : 'border-zinc-200 dark:border-zinc-800')
      }
    >
      <span className="font-medium">
        Hidden tests: {hidden.passed}/{hidden.total} passed
      </span>
      <p className="mt-0.5 text-zinc-700 dark:text-zinc-300">
        {all
          ? 'Every hidden test passes. Talk the interviewer through your complexity, or end the interview when you are ready.'
          : "Hidden tests stay hidden, as in a real interview: think about edge cases the examples don't cover (empty input, duplicates, limits)."}
      </p>
      {counts.length > 0 && (
        <ul className="mt-1 flex flex-wrap gap-2" aria-label="Hidden tests by verdict">
          {counts.map(([v, n]) => (
            <li key={v} className="flex items-center gap-1 text-xs">
              <VerdictBadge verdict={v} /> × {n}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

type Tab = 'tests' | 'output' | 'input'

/** The result of a run on the custom input, shown under the box it was typed in. */
function CustomResult({ report }: { report: Report }) {
  const custom = (report.tests ?? []).filter((t) => t.custom)
  if (report.mode !== 'run' || (custom.length === 0 && !report.compile_error && !report.error)) return null
  return (
    <div data-testid="custom-result" className="mt-3 space-y-1.5" aria-label="Result for your input">
      <p className="flex items-center gap-2 text-xs font-medium text-zinc-600 dark:text-zinc-400">
        Last run on this input: <VerdictBadge verdict={report.status} />
      </p>
      {report.compile_error && <pre className="rounded-md bg-red-50 px-2 py-1 font-mono text-xs whitespace-pre-wrap dark:bg-red-950/50">{report.compile_error.message}</pre>}
      {report.error && <p className="text-xs text-red-700 dark:text-red-300">{report.error}</p>}
      {custom.length > 0 && (
        <ul className="space-y-1.5">
          {custom.map((t) => (
            <TestRow key={t.index} t={t} defaultOpen />
          ))}
        </ul>
      )}
    </div>
  )
}

interface ConsoleProps {
  report: Report | null
  running: 'run' | 'submit' | null
  /** "Preparing environment…" while the first run of a session compiles. */
  firstRun: boolean
  /** Where the running Run/Submit waits for the judge (execution_queued); null once it runs. */
  queue?: { ahead: number } | null
  /** Rate limit or another refusal of the last Run/Submit. */
  notice?: ReactNode
  customInput: string
  onCustomInput: (v: string) => void
  customInputError?: string
  onJump?: (line: number, column: number) => void
  /** The selected tab, when the room keeps it (a reload restores it). */
  tab?: Tab
  onTab?: (t: Tab) => void
  /** Shown beside the summary: switches between the last run and the last submit. */
  reportSwitch?: ReactNode
}

/** "Waiting for the judge — 2 runs ahead of you". */
export function queueText(ahead: number): string {
  if (ahead <= 0) return 'Waiting for the judge — you are next'
  return `Waiting for the judge — ${ahead} ${ahead === 1 ? 'run' : 'runs'} ahead of you`
}

export function ResultsConsole({
  report,
  running,
  firstRun,
  queue,
  notice,
  customInput,
  onCustomInput,
  customInputError,
  onJump,
  tab: tabProp,
  onTab,
  reportSwitch,
}: ConsoleProps) {
  const [ownTab, setOwnTab] = useState<Tab>('tests')
  const tab = tabProp ?? ownTab
  const setTab = (t: Tab) => (onTab ? onTab(t) : setOwnTab(t))
  const base = useId()
  const tabs: [Tab, string][] = [
    ['tests', 'Tests'],
    ['output', 'Output'],
    ['input', 'Custom input'],
  ]
  const tests = report?.tests ?? []
  const output = tests.filter((t) => t.stdout || t.stderr)

  return (
    <section aria-label="Results" className="flex h-full min-h-0 flex-col">
      <div role="tablist" aria-label="Console" className="flex shrink-0 flex-wrap items-center gap-1 border-b border-zinc-200 px-2 dark:border-zinc-800">
        {tabs.map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`${base}-${id}`}
            aria-selected={tab === id}
            aria-controls={`${base}-${id}-panel`}
            onClick={() => setTab(id)}
            className={
              'border-b-2 px-3 py-1.5 text-sm font-medium ' +
              (tab === id ? 'border-indigo-600 text-zinc-900 dark:border-indigo-400 dark:text-zinc-50' : 'border-transparent text-zinc-600 dark:text-zinc-400')
            }
          >
            {label}
          </button>
        ))}
        {reportSwitch}
        {report && !running && (
          <span data-testid="report-summary" className="ml-auto flex min-w-0 flex-wrap items-center gap-x-2 pr-1 text-xs text-zinc-600 dark:text-zinc-400">
            <span className="font-medium">{report.mode === 'submit' ? 'Submit' : 'Run'}:</span>
            <VerdictBadge verdict={report.status} />
            <span data-testid="passed-count" className="tabular-nums">
              {report.passed}/{report.total} passed
            </span>
            {report.cpu_time_ms > 0 && (
              <span data-testid="cpu-time" className="tabular-nums" title="CPU time of the whole run, start-up included, as the sandbox measured it">
                · CPU {ms(report.cpu_time_ms)}
              </span>
            )}
            {report.memory_kb > 0 && (
              <span className="tabular-nums" title="Peak memory of the whole run">
                · {mem(report.memory_kb)}
              </span>
            )}
          </span>
        )}
      </div>
      <div className="min-h-0 flex-1 overflow-auto p-3" aria-live="polite" aria-busy={running !== null}>
        {notice && <div className="mb-2">{notice}</div>}
        {tab === 'input' ? (
          <div role="tabpanel" id={`${base}-input-panel`} aria-labelledby={`${base}-input`}>
            <label htmlFor={`${base}-stdin`} className="text-sm font-medium">
              Custom input for Run <span className="font-normal text-zinc-600 dark:text-zinc-400">(a JSON object of the function's parameters)</span>
            </label>
            <textarea
              id={`${base}-stdin`}
              value={customInput}
              onChange={(e) => onCustomInput(e.target.value)}
              rows={4}
              spellCheck={false}
              placeholder='{"nums": [2, 7, 11, 15], "target": 9}'
              aria-invalid={customInputError ? true : undefined}
              aria-describedby={customInputError ? `${base}-stdin-err` : undefined}
              className="mt-1 w-full rounded-lg border border-zinc-300 bg-white px-2 py-1 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-950"
            />
            {customInputError && (
              <p id={`${base}-stdin-err`} className="text-xs text-red-700 dark:text-red-300">
                {customInputError}
              </p>
            )}
            {running === 'run' ? (
              <p role="status" className="mt-3 flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
                <Spinner className="size-4" label="" />
                Running your input…
              </p>
            ) : (
              report && <CustomResult report={report} />
            )}
          </div>
        ) : running ? (
          <p role="status" className="flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
            <Spinner className="size-4" label="" />
            {queue ? (
              <span data-testid="queue-position">{queueText(queue.ahead)}</span>
            ) : firstRun ? (
              'Preparing environment…'
            ) : running === 'submit' ? (
              'Running every test…'
            ) : (
              'Running the examples…'
            )}
          </p>
        ) : !report ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Run your code against the examples (Ctrl+Enter), or Submit it to every test (Ctrl+Shift+Enter).
          </p>
        ) : (
          <div role="tabpanel" id={`${base}-${tab}-panel`} aria-labelledby={`${base}-${tab}`} className="space-y-2">
            {report.compile_error && (
              <div data-testid="compile-error" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm dark:border-red-900 dark:bg-red-950/50">
                <p className="font-semibold text-red-800 dark:text-red-200">
                  Compile error
                  {report.compile_error.line ? (
                    <>
                      {' '}
                      at{' '}
                      <button
                        type="button"
                        className="font-mono underline"
                        onClick={() => onJump?.(report.compile_error!.line!, report.compile_error!.column ?? 1)}
                        aria-label={`Go to line ${report.compile_error.line}, column ${report.compile_error.column ?? 1}`}
                      >
                        line {report.compile_error.line}:{report.compile_error.column ?? 1}
                      </button>
                    </>
                  ) : null}
                </p>
                <pre className="mt-1 font-mono text-xs whitespace-pre-wrap">{report.compile_error.message}</pre>
                {report.compile_error.output && report.compile_error.output !== report.compile_error.message && (
                  <details className="mt-1 text-xs">
                    <summary>Full compiler output</summary>
                    <pre className="font-mono whitespace-pre-wrap">{report.compile_error.output}</pre>
                  </details>
                )}
              </div>
            )}
            {report.error && (
              <div className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm dark:border-red-900 dark:bg-red-950/50">
                <p className="text-red-800 dark:text-red-200">{report.error}</p>
                {report.trace && <pre className="mt-1 font-mono text-xs whitespace-pre-wrap">{report.trace}</pre>}
              </div>
            )}
            {tab === 'tests' ? (
              <>
                {tests.length > 0 && (
                  <ul className="space-y-1.5" aria-label="Visible tests">
                    {tests.map((t) => (
                      <TestRow key={`${t.index}-${t.custom ? 'c' : ''}`} t={t} />
                    ))}
                  </ul>
                )}
                {report.hidden && <HiddenSummary hidden={report.hidden} />}
              </>
            ) : output.length === 0 ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">Your code printed nothing.</p>
            ) : (
              output.map((t) => (
                <div key={t.index} className="space-y-1">
                  <div className="text-xs font-semibold">{t.custom ? 'Custom input' : t.name || `Test ${t.index + 1}`}</div>
                  {t.stdout && <Pre label="stdout">{t.stdout}</Pre>}
                  {t.stderr && <Pre label="stderr">{t.stderr}</Pre>}
                </div>
              ))
            )}
          </div>
        )}
      </div>
    </section>
  )
}
