import type { Example } from '../lib/types'

/** JSON as a candidate would type it: compact, one line. */
function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v)
  return JSON.stringify(v) ?? String(v)
}

/**
 * A design problem's input ({operations, arguments}) as the calls it makes,
 * each with its expected result: ["MinStack()", null], ["getMin()", -3].
 * Null for any other input.
 */
export function designCalls(input: unknown, output: unknown): [string, unknown][] | null {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return null
  const { operations, arguments: args, ...rest } = input as Record<string, unknown>
  if (!Array.isArray(operations) || !Array.isArray(args) || Object.keys(rest).length > 0 || operations.length !== args.length) {
    return null
  }
  const results = Array.isArray(output) ? output : []
  return operations.map((op, i) => {
    const a = Array.isArray(args[i]) ? (args[i] as unknown[]) : []
    return [`${String(op)}(${a.map(show).join(', ')})`, results[i] ?? null]
  })
}

export function ExampleBlock({ example, n }: { example: Example; n: number }) {
  const calls = designCalls(example.input, example.expected_output)
  const input = example.input && typeof example.input === 'object' ? Object.entries(example.input) : []
  return (
    <figure data-testid="example" className="rounded-xl border border-zinc-200 dark:border-zinc-800">
      <figcaption className="border-b border-zinc-200 px-4 py-2 text-sm font-semibold dark:border-zinc-800">Example {n}</figcaption>
      <dl className="space-y-2 px-4 py-3 font-mono text-[13px] leading-6">
        {calls ? (
          <div className="flex gap-2">
            <dt className="w-20 shrink-0 font-sans text-sm font-medium text-zinc-600 dark:text-zinc-400">Calls</dt>
            <dd className="min-w-0 break-words">
              <ol data-testid="design-calls">
                {calls.map(([call, result], i) => (
                  <li key={i}>
                    {call}
                    {result !== null && <span className="text-zinc-600 dark:text-zinc-400"> → {show(result)}</span>}
                  </li>
                ))}
              </ol>
            </dd>
          </div>
        ) : (
          <div className="flex gap-2">
            <dt className="w-20 shrink-0 font-sans text-sm font-medium text-zinc-600 dark:text-zinc-400">Input</dt>
            <dd className="min-w-0 break-words">
              {input.length > 0
                ? input.map(([k, v], i) => (
                    <span key={k}>
                      {k} = {show(v)}
                      {i < input.length - 1 ? ', ' : ''}
                    </span>
                  ))
                : show(example.input)}
            </dd>
          </div>
        )}
        <div className="flex gap-2">
          <dt className="w-20 shrink-0 font-sans text-sm font-medium text-zinc-600 dark:text-zinc-400">Output</dt>
          <dd className="min-w-0 break-words">{show(example.expected_output)}</dd>
        </div>
        {example.explanation && (
          <div className="flex gap-2">
            <dt className="w-20 shrink-0 font-sans text-sm font-medium text-zinc-600 dark:text-zinc-400">Why</dt>
            <dd className="min-w-0 font-sans text-sm text-zinc-700 dark:text-zinc-300">{example.explanation}</dd>
          </div>
        )}
      </dl>
    </figure>
  )
}
