import type { Example } from '../lib/types'

/** JSON as a candidate would type it: compact, one line. */
function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v)
  return JSON.stringify(v) ?? String(v)
}

export function ExampleBlock({ example, n }: { example: Example; n: number }) {
  const input = example.input && typeof example.input === 'object' ? Object.entries(example.input) : []
  return (
    <figure data-testid="example" className="rounded-xl border border-zinc-200 dark:border-zinc-800">
      <figcaption className="border-b border-zinc-200 px-4 py-2 text-sm font-semibold dark:border-zinc-800">Example {n}</figcaption>
      <dl className="space-y-2 px-4 py-3 font-mono text-[13px] leading-6">
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
