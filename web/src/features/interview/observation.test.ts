import { describe, expect, it } from 'vitest'
import type { CodeObservation } from '../../lib/protocol.gen'
import { codeHash, observerMarkers, observerStatus } from './observation'

const base: CodeObservation = {
  code_hash: '',
  language: 'python',
  syntax_errors: [],
  warnings: [],
  approach: 'unknown',
  estimated_complexity: '',
  suggest_run: false,
  source: 'offline',
  facts: { lines: 3, max_loop_depth: 0, recursion: false, sorts: false, hash_lookups: false, debug_prints: 0, longest_function_lines: 3, is_starter: false },
}

describe('observerStatus', () => {
  it.each([
    ['nothing yet', null, null],
    ['a syntax error wins', { ...base, syntax_errors: [{ line: 4, message: "SyntaxError: expected ':'" }], suggest_run: true }, { text: 'Syntax error on line 4', complexity: '' }],
    ['several errors', { ...base, syntax_errors: [{ line: 2, message: 'a' }, { line: 5, message: 'b' }] }, { text: 'Syntax error on line 2 (+1 more)', complexity: '' }],
    ['ready to run', { ...base, suggest_run: true, estimated_complexity: 'O(n)' }, { text: 'Looks complete — try running it (Ctrl/Cmd+Enter)', complexity: 'est. O(n)' }],
    ['only an estimate', { ...base, estimated_complexity: 'O(n^2)' }, { text: '', complexity: 'est. O(n^2)' }],
    ['nothing to say', base, null],
  ])('%s', (_, o, want) => {
    expect(observerStatus(o as CodeObservation | null)).toEqual(want)
  })
})

describe('observerMarkers', () => {
  it('keeps the lines the model has, columns from 1', () => {
    expect(
      observerMarkers(
        [
          { line: 0, message: 'harness' },
          { line: 2, column: 5, message: 'x' },
          { line: 3, message: 'y' },
          { line: 9, message: 'past the end' },
        ],
        3,
      ),
    ).toEqual([
      { line: 2, column: 5, message: 'x' },
      { line: 3, column: 1, message: 'y' },
    ])
  })
})

describe('codeHash', () => {
  it('is the server’s sha256 hex', async () => {
    // sha256("abc")
    expect(await codeHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })
})
