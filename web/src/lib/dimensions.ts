// The evaluator's four dimensions as the web app names them: one list shared
// by the report (interview feature) and the progress chart (dashboard), in the
// report order of evaluation.DimensionKeys, with the seed's weights.
import type { Dimension, Evaluation } from './api.gen'

export type DimensionKey = Dimension['key']
export type Recommendation = Evaluation['hiring_recommendation']

export interface DimensionInfo {
  key: DimensionKey
  label: string
  /** What to practise when this dimension is the weakest. */
  practice: string
  /** The library, filtered to problems that exercise it. */
  library: string
}

export const DIMENSIONS: readonly DimensionInfo[] = [
  {
    key: 'problem_solving',
    label: 'Problem solving',
    practice: 'Work more problems end to end: restate the problem, try the examples by hand, then code. Arrays and hash tables are the common ground.',
    library: '/problems?category=Array',
  },
  {
    key: 'code_quality',
    label: 'Code quality',
    practice: 'Write small functions with names that say what they hold, and remove debug prints and dead code before you submit. Easy problems are a good place to polish.',
    library: '/problems?difficulty=easy',
  },
  {
    key: 'communication',
    label: 'Communication',
    practice: 'Think aloud: ask a clarifying question first, say your approach before coding, and walk through a test case at the end.',
    library: '/problems?difficulty=medium',
  },
  {
    key: 'efficiency',
    label: 'Efficiency',
    practice: 'State the time and space complexity of each approach, and look for the hash map or two-pointer pass that turns O(n²) into O(n).',
    library: '/problems?category=Hash%20Table',
  },
]

export function dimensionInfo(key: string): DimensionInfo | undefined {
  return DIMENSIONS.find((d) => d.key === key)
}

export const RECOMMENDATIONS: Record<Recommendation, string> = {
  'strong-yes': 'Strong yes',
  yes: 'Yes',
  maybe: 'Maybe',
  no: 'No',
  'insufficient-evidence': 'Insufficient evidence',
}
