// Shapes of the JSON API (transport/httpapi). Keep in step with the Go structs.

export type Difficulty = 'easy' | 'medium' | 'hard'
export const DIFFICULTIES: readonly Difficulty[] = ['easy', 'medium', 'hard']

export type ExperienceLevel = '' | 'junior' | 'mid' | 'senior' | 'staff'
export const EXPERIENCE_LEVELS: readonly Exclude<ExperienceLevel, ''>[] = ['junior', 'mid', 'senior', 'staff']

export interface User {
  id: string
  email: string
  is_admin: boolean
  /** The owner proved the address (a mailed link, a reset, or a provider). */
  email_verified: boolean
}

export interface Profile {
  id: string
  email: string
  full_name: string
  experience_level: ExperienceLevel
  target_companies: string[]
  credits: number
  subscription_tier: string
  created_at: string
  updated_at: string
}

export interface SessionInfo {
  user: User
  profile: Profile
}

export interface ProfilePatch {
  full_name?: string
  experience_level?: ExperienceLevel
  target_companies?: string[]
}

export type TransactionType = 'purchase' | 'usage' | 'refund' | 'bonus'

export interface CreditTransaction {
  id: string
  amount: number
  transaction_type: TransactionType
  reference_id?: string
  description?: string
  balance_after: number
  created_at: string
}

export interface Credits {
  balance: number
  transactions: CreditTransaction[]
  /** The server runs with CREDITS=unlimited: starting takes no credit. */
  unlimited?: boolean
}

export interface ProblemSummary {
  id: string
  slug: string
  title: string
  difficulty: Difficulty
  categories: string[]
  companies: string[]
  /** Percent of everyone's submits that passed every test; absent before the first. */
  acceptance_rate?: number
  submissions?: number
  /** Signed in: your standing on it. */
  progress?: 'solved' | 'attempted'
}

export interface ProblemPage {
  problems: ProblemSummary[]
  total: number
  page: number
  limit: number
}

export interface Facets {
  categories: string[]
  companies: string[]
}

export interface Example {
  input: Record<string, unknown>
  expected_output: unknown
  explanation?: string
}

export interface ProblemDetail {
  id: string
  slug: string
  title: string
  description: string
  difficulty: Difficulty
  categories: string[]
  companies: string[]
  starter_code: Record<string, string>
  languages: string[]
  examples: Example[]
  hint_count: number
}

export type InterviewStatus = 'pending' | 'active' | 'paused' | 'completed' | 'abandoned' | string

export interface InterviewSession {
  id: string
  problem_id: string
  problem_slug: string
  problem_title: string
  problem_difficulty: Difficulty
  status: InterviewStatus
  language: string
  duration_minutes: number
  started_at?: string
  ended_at?: string
  duration_seconds: number
  hints_used: number
  test_cases_passed: number
  test_cases_total: number
  created_at: string
}
