// The problem editor's form state and its conversion to and from the API's
// Source (the fields of a problems/SLUG/ folder).
import type { Source } from '../../lib/api.gen'
import { compact, linesToList, listToLines, parseJSON, pretty } from './format'

export const LANGUAGES = ['python', 'javascript', 'typescript', 'java', 'go', 'cpp'] as const

// problem.Patterns (problem/problem.go), in study order.
export const PATTERNS = [
  'Arrays & Hashing', 'Two Pointers', 'Sliding Window', 'Prefix Sums', 'Stack', 'Monotonic Stack', 'Queue', 'Linked List',
  'Binary Search', 'Trees', 'Tries', 'Heap', 'Intervals', 'Greedy', 'Backtracking', 'Graphs', 'Topological Sort', 'Union-Find',
  'Shortest Paths', '1-D Dynamic Programming', '2-D Dynamic Programming', 'Bit Manipulation', 'Math', 'Design',
]

export interface TestRow {
  name: string
  input: string // JSON
  output: string // JSON
  example: boolean
  large: boolean
  generated: boolean
  explanation: string
}

export interface Form {
  slug: string
  title: string
  difficulty: string
  pattern: string
  categories: string
  companies: string
  hints: string
  timeComplexity: string
  spaceComplexity: string
  spec: string // JSON: signature, checker, float_tolerance, float_mode, time_limit_ms, time_limits_ms
  clarifications: string // JSON
  pitfalls: string
  edgeCases: string
  followUps: string
  statement: string
  editorial: string
  tests: TestRow[]
  solutions: Record<string, string>
  brute: Record<string, string>
  wrong: string // JSON: name → language → code
}

export const EDITORIAL_TEMPLATE = '## Approach\n\n\n## Why it works\n\n\n## Complexity\n\n\n## Common wrong turns\n\n'

export function blankForm(): Form {
  return {
    slug: '',
    title: '',
    difficulty: 'easy',
    pattern: 'Arrays & Hashing',
    categories: '',
    companies: '',
    hints: '',
    timeComplexity: 'O(n)',
    spaceComplexity: 'O(1)',
    spec: pretty({
      signature: { function: 'solve', params: [{ name: 'nums', type: 'int[]' }], returns: 'int' },
      checker: 'exact',
      time_limits_ms: { python: 2000, javascript: 1000, typescript: 1000, java: 1000, go: 500, cpp: 500 },
    }),
    clarifications: pretty(
      ['input_size', 'duplicates', 'negatives', 'empty', 'output_order'].map((topic) => ({ topic, keywords: [topic.replace('_', ' ')], answer: '' })),
    ),
    pitfalls: '',
    edgeCases: '',
    followUps: '',
    statement: '',
    editorial: EDITORIAL_TEMPLATE,
    tests: [],
    solutions: {},
    brute: {},
    wrong: '{}',
  }
}

export function toForm(s: Source): Form {
  return {
    slug: s.slug,
    title: s.title,
    difficulty: s.difficulty,
    pattern: s.pattern,
    categories: listToLines(s.categories),
    companies: listToLines(s.companies),
    hints: listToLines(s.hints),
    timeComplexity: s.time_complexity,
    spaceComplexity: s.space_complexity,
    spec: pretty({
      signature: s.signature,
      checker: s.checker,
      float_tolerance: s.float_tolerance,
      float_mode: s.float_mode,
      time_limit_ms: s.time_limit_ms,
      time_limits_ms: s.time_limits_ms,
    }),
    clarifications: pretty(s.clarifications),
    pitfalls: listToLines(s.pitfalls),
    edgeCases: listToLines(s.edge_cases),
    followUps: listToLines(s.follow_ups),
    statement: s.statement,
    editorial: s.editorial,
    tests: s.tests.map((t) => ({
      name: t.name,
      input: compact(t.input),
      output: compact(t.output),
      example: !!t.example,
      large: !!t.large,
      generated: !!t.generated,
      explanation: t.explanation ?? '',
    })),
    solutions: { ...s.solutions },
    brute: { ...s.brute },
    wrong: pretty(s.wrong),
  }
}

type Spec = Pick<Source, 'signature' | 'checker' | 'float_tolerance' | 'float_mode' | 'time_limit_ms' | 'time_limits_ms'>

/** The Source of a form, or the first field that does not parse. */
export function fromForm(f: Form): { ok: true; source: Source } | { ok: false; error: string } {
  const spec = parseJSON<Spec>('Signature and limits', f.spec)
  if (!spec.ok) return spec
  const clar = parseJSON<Source['clarifications']>('Clarifications', f.clarifications)
  if (!clar.ok) return clar
  const wrong = parseJSON<Source['wrong']>('Wrong solutions', f.wrong || '{}')
  if (!wrong.ok) return wrong
  const tests: Source['tests'] = []
  for (const [i, t] of f.tests.entries()) {
    const where = `Test ${i + 1} (${t.name || 'unnamed'})`
    const input = parseJSON(`${where} input`, t.input)
    if (!input.ok) return input
    const output = parseJSON(`${where} output`, t.output)
    if (!output.ok) return output
    tests.push({
      name: t.name.trim(),
      input: input.value,
      output: output.value,
      ...(t.example ? { example: true } : {}),
      ...(t.large ? { large: true } : {}),
      ...(t.generated ? { generated: true } : {}),
      ...(t.example && t.explanation.trim() ? { explanation: t.explanation } : {}),
    })
  }
  const nonEmpty = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).filter(([, v]) => v.trim() !== ''))
  return {
    ok: true,
    source: {
      slug: f.slug.trim(),
      title: f.title.trim(),
      difficulty: f.difficulty,
      pattern: f.pattern,
      categories: linesToList(f.categories),
      companies: linesToList(f.companies),
      hints: linesToList(f.hints),
      time_complexity: f.timeComplexity.trim(),
      space_complexity: f.spaceComplexity.trim(),
      ...spec.value,
      clarifications: clar.value ?? [],
      pitfalls: linesToList(f.pitfalls),
      edge_cases: linesToList(f.edgeCases),
      follow_ups: linesToList(f.followUps),
      statement: f.statement,
      editorial: f.editorial,
      tests,
      solutions: nonEmpty(f.solutions),
      brute: nonEmpty(f.brute),
      wrong: wrong.value ?? {},
    },
  }
}
