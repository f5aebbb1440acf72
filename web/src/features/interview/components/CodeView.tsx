/** Code, read-only, with line numbers beside it (kept out of the copyable text). */
export function CodeView({ code, testId = 'final-code', label }: { code: string; testId?: string; label?: string }) {
  const n = Math.max(1, code.split('\n').length)
  return (
    <div className="mt-3 flex max-h-[28rem] overflow-auto rounded-lg bg-zinc-100 font-mono text-[13px] leading-6 dark:bg-zinc-950">
      <div aria-hidden="true" className="sticky left-0 shrink-0 bg-zinc-100 py-4 pr-3 pl-3 text-right text-zinc-600 tabular-nums select-none dark:bg-zinc-950 dark:text-zinc-400">
        {Array.from({ length: n }, (_, i) => (
          <div key={i}>{i + 1}</div>
        ))}
      </div>
      <pre data-testid={testId} aria-label={label} className="min-w-0 flex-1 py-4 pr-4">
        <code>{code}</code>
      </pre>
    </div>
  )
}
