// Shapes of the JSON API, generated from the Go types (api.gen.ts, `npm run
// gen:api`; docs/adr/0010-http-contract.md). Only client-side lists and names
// live here.
import type { AuthResponse, CreditTransaction, CreditsBody, Profile, ProblemList, ProblemSummary, ProfileUpdate, Session, SessionSummary } from './api.gen'

export type {
  CreditTransaction,
  Example,
  Facets,
  ProblemDetail,
  ProblemSummary,
  Profile,
  User,
} from './api.gen'

export type Difficulty = ProblemSummary['difficulty']
export const DIFFICULTIES: readonly Difficulty[] = ['easy', 'medium', 'hard']

export type ExperienceLevel = Profile['experience_level']
export const EXPERIENCE_LEVELS: readonly Exclude<ExperienceLevel, ''>[] = ['junior', 'mid', 'senior', 'staff']

export type TransactionType = CreditTransaction['transaction_type']
export type InterviewStatus = Session['status']

/** GET /api/auth/session and the sign-in answers. */
export type SessionInfo = AuthResponse
/** PATCH /api/users/profile. */
export type ProfilePatch = ProfileUpdate
/** GET /api/users/credits. */
export type Credits = CreditsBody
/** GET /api/problems. */
export type ProblemPage = ProblemList
/** A session as the dashboard lists it (GET /api/sessions). */
export type InterviewSession = SessionSummary
