// The code observer's findings as the room shows them: syntax errors as
// editor markers, and one quiet status line. Never a line of the
// conversation: the observer does not interrupt.
import type { CodeObservation, CodeSyntaxError } from '../../lib/protocol.gen'

/** The status line under a finding: errors first, then the run suggestion, then the complexity estimate. */
export function observerStatus(o: CodeObservation | null): { text: string; complexity: string } | null {
  if (!o) return null
  const complexity = o.estimated_complexity ? `est. ${o.estimated_complexity}` : ''
  const errs = o.syntax_errors ?? []
  const first = errs[0]
  if (first) {
    const more = errs.length > 1 ? ` (+${errs.length - 1} more)` : ''
    return { text: `Syntax error on line ${first.line}${more}`, complexity }
  }
  if (o.suggest_run) return { text: 'Looks complete — try running it (Ctrl/Cmd+Enter)', complexity }
  if (!complexity) return null
  return { text: '', complexity }
}

/** The markers for one finding, clipped to the model's lines. */
export function observerMarkers(errs: CodeSyntaxError[], lineCount: number): { line: number; column: number; message: string }[] {
  return errs
    .filter((e) => e.line >= 1 && e.line <= lineCount)
    .map((e) => ({ line: e.line, column: Math.max(1, e.column ?? 1), message: e.message }))
}

/** sha256 of text, hex, as the server keys findings; null where the browser has no WebCrypto (plain HTTP off localhost). */
export async function codeHash(text: string): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle
  if (!subtle) return null
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}
