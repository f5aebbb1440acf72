// Package admin is the operator's side of the product: finding users,
// granting them credits, suspending them, the usage and revenue numbers,
// and the store of problems authored in the browser (the authoring rules,
// which need the judge, live in admin/authoring). Every caller has already
// checked that the actor is an admin; storage runs these on the service
// path. See docs/adr/0015-admin-console.md.
package admin

import (
	"context"
	"encoding/json"
	"time"

	"github.com/mockroom/mockroom/billing"
)

// UserSummary is one row of the user search.
type UserSummary struct {
	ID          string     `json:"id"`
	Email       string     `json:"email"`
	FullName    string     `json:"full_name"`
	IsAdmin     bool       `json:"is_admin"`
	Credits     int        `json:"credits"`
	Tier        string     `json:"subscription_tier"`
	Sessions    int        `json:"sessions"` // interviews, any status
	SuspendedAt *time.Time `json:"suspended_at,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
}

// UserSession is one interview in a user's detail.
type UserSession struct {
	ID           string     `json:"id"`
	ProblemSlug  string     `json:"problem_slug"`
	ProblemTitle string     `json:"problem_title"`
	Status       string     `json:"status"`
	Language     string     `json:"language"`
	TestsPassed  int        `json:"test_cases_passed"`
	TestsTotal   int        `json:"test_cases_total"`
	OverallScore *float64   `json:"overall_score,omitempty"`
	CreatedAt    time.Time  `json:"created_at"`
	EndedAt      *time.Time `json:"ended_at,omitempty"`
}

// LedgerRow is a credit transaction with the admin who made it, if any.
type LedgerRow struct {
	billing.CreditTransaction
	ActorUserID string `json:"actor_user_id,omitempty"`
	ActorEmail  string `json:"actor_email,omitempty"` // the granting admin's address, while they have an account
}

// UserDetail is what the console shows about one user.
type UserDetail struct {
	User     UserSummary   `json:"user"`
	Sessions []UserSession `json:"sessions"` // newest first, at most 100
	Ledger   []LedgerRow   `json:"ledger"`   // newest first, at most 100
}

// Range is a half-open interval of days [From, To) in UTC.
type Range struct {
	From, To time.Time
}

// AnalyticsDay is one day's numbers.
type AnalyticsDay struct {
	Date       string `json:"date"` // YYYY-MM-DD, UTC
	Sessions   int    `json:"sessions"`
	Completed  int    `json:"completed"`
	Abandoned  int    `json:"abandoned"`
	CostMicro  int64  `json:"cost_micro_usd"`    // model calls and voice
	Revenue    int64  `json:"revenue_cents"`     // succeeded payments
	Purchased  int    `json:"credits_purchased"` // ledger rows of type purchase
	ModelCalls int    `json:"model_calls"`
}

// ProblemStats are one problem's numbers over the range.
type ProblemStats struct {
	Slug         string   `json:"slug"`
	Title        string   `json:"title"`
	Sessions     int      `json:"sessions"`
	Judged       int      `json:"judged"` // sessions whose hidden tests ran
	Passed       int      `json:"passed"` // of those, every test passed
	PassRate     float64  `json:"pass_rate"`
	AverageScore *float64 `json:"average_score,omitempty"`
}

// AverageScores are average evaluation scores (0-100) over the range.
type AverageScores struct {
	Evaluations    int      `json:"evaluations"`
	Overall        *float64 `json:"overall,omitempty"`
	ProblemSolving *float64 `json:"problem_solving,omitempty"`
	CodeQuality    *float64 `json:"code_quality,omitempty"`
	Communication  *float64 `json:"communication,omitempty"`
	Efficiency     *float64 `json:"efficiency,omitempty"`
}

// Analytics are the numbers of GET /api/admin/analytics. Sessions are
// counted by the day they were created; costs, revenue and purchases by
// the day they happened.
type Analytics struct {
	From           string         `json:"from"` // YYYY-MM-DD, inclusive
	To             string         `json:"to"`   // YYYY-MM-DD, inclusive
	Days           []AnalyticsDay `json:"days"` // every day of the range, zeros included
	Sessions       int            `json:"sessions"`
	Completed      int            `json:"completed"`
	Abandoned      int            `json:"abandoned"`
	CompletionRate float64        `json:"completion_rate"`  // completed / sessions
	AbandonRate    float64        `json:"abandonment_rate"` // abandoned / sessions
	CostMicro      int64          `json:"cost_micro_usd"`
	CostPerSession int64          `json:"cost_per_session_micro_usd"` // cost of the range's sessions / their number
	RevenueCents   int64          `json:"revenue_cents"`
	Purchased      int            `json:"credits_purchased"`
	Scores         AverageScores  `json:"scores"`
	Problems       []ProblemStats `json:"problems"` // most sessions first
}

// Authored problem statuses.
const (
	StatusDraft     = "draft"
	StatusPublished = "published"
)

// AuthoredProblem is a problem written or edited in the console, kept as
// the files of the problems/ format (path relative to the problem's folder
// → content), so that export and import are exact.
type AuthoredProblem struct {
	Slug          string            `json:"slug"`
	Files         map[string]string `json:"files"`
	ContentHash   string            `json:"content_hash"`
	Status        string            `json:"status"`
	PublishedHash string            `json:"published_hash,omitempty"` // the content published last
	// PublishedFiles are the files published last: what candidates get,
	// while Files may hold later, unpublished edits.
	PublishedFiles map[string]string `json:"published_files,omitempty"`
	Checks         json.RawMessage   `json:"checks,omitempty"` // the last validation
	UpdatedBy      string            `json:"updated_by,omitempty"`
	CreatedAt      time.Time         `json:"created_at"`
	UpdatedAt      time.Time         `json:"updated_at"`
	PublishedAt    *time.Time        `json:"published_at,omitempty"`
}

// Store is what the console needs from storage beyond the other ports.
type Store interface {
	// SearchUsers matches query against e-mail and name, case-insensitively
	// ("" lists everyone), newest first, and returns the total.
	SearchUsers(ctx context.Context, query string, limit, offset int) ([]UserSummary, int, error)
	UserDetail(ctx context.Context, userID string) (*UserDetail, error)
	// GrantCredits adds amount (> 0) to the ledger as a bonus row that
	// names actorID as the admin who granted it.
	GrantCredits(ctx context.Context, actorID, userID string, amount int, reason string) (*LedgerRow, error)
	// SetSuspended suspends (revoking every session) or reinstates a user.
	SetSuspended(ctx context.Context, userID string, suspended bool) error
	// SetAdmin grants or revokes the admin flag.
	SetAdmin(ctx context.Context, userID string, isAdmin bool) error
	Analytics(ctx context.Context, r Range) (*Analytics, error)

	SaveAuthoredProblem(ctx context.Context, p *AuthoredProblem) error
	AuthoredProblem(ctx context.Context, slug string) (*AuthoredProblem, error)
	ListAuthoredProblems(ctx context.Context) ([]AuthoredProblem, error)
}
