// Package interview holds interview sessions: their lifecycle, the code a
// candidate writes and the conversation. (The live parts arrive with the
// realtime server; the types and storage are here from the start.)
package interview

import (
	"context"
	"encoding/json"
	"time"
)

// Session statuses (seed: sessions.status).
const (
	StatusScheduled = "scheduled"
	StatusActive    = "active"
	StatusCompleted = "completed"
	StatusAbandoned = "abandoned"
)

// Languages a session may use.
var Languages = []string{"python", "javascript", "typescript", "java", "go", "cpp"}

// Session is one interview (seed: sessions).
type Session struct {
	ID                 string          `json:"id"`
	UserID             string          `json:"-"`
	ProblemID          string          `json:"problem_id"`
	Status             string          `json:"status"`
	DifficultyOverride string          `json:"difficulty_override,omitempty"`
	Language           string          `json:"language"`
	DurationMinutes    int             `json:"duration_minutes"`
	StartedAt          *time.Time      `json:"started_at,omitempty"`
	EndedAt            *time.Time      `json:"ended_at,omitempty"`
	DurationSeconds    int             `json:"duration_seconds"`
	HintsUsed          int             `json:"hints_used"`
	TestCasesPassed    int             `json:"test_cases_passed"`
	TestCasesTotal     int             `json:"test_cases_total"`
	CreditsConsumed    int             `json:"credits_consumed"`
	Metadata           json.RawMessage `json:"-"`
	CreatedAt          time.Time       `json:"created_at"`
	UpdatedAt          time.Time       `json:"updated_at"`
}

// SessionSummary is a session as listed on the dashboard.
type SessionSummary struct {
	Session
	ProblemSlug       string `json:"problem_slug"`
	ProblemTitle      string `json:"problem_title"`
	ProblemDifficulty string `json:"problem_difficulty"`
}

// Transcript is one line of the conversation (seed: transcripts).
type Transcript struct {
	ID          string          `json:"id"`
	SessionID   string          `json:"session_id"`
	Speaker     string          `json:"speaker"` // interviewer | candidate | system
	Content     string          `json:"content"`
	TimestampMS int64           `json:"timestamp_ms"`
	Metadata    json.RawMessage `json:"metadata,omitempty"`
	CreatedAt   time.Time       `json:"created_at"`
}

// Snapshot is a stored copy of the candidate's code (seed: code_snapshots).
type Snapshot struct {
	ID               string          `json:"id"`
	SessionID        string          `json:"session_id"`
	Code             string          `json:"code"`
	Language         string          `json:"language"`
	TimestampMS      int64           `json:"timestamp_ms"`
	Type             string          `json:"snapshot_type"` // auto | manual | execution | final
	ObserverAnalysis json.RawMessage `json:"observer_analysis,omitempty"`
	ExecutionResult  json.RawMessage `json:"execution_result,omitempty"`
	CreatedAt        time.Time       `json:"created_at"`
}

// Store is what the interview service needs from storage. More methods
// (start with a credit, snapshots, transcripts) arrive with the live interview.
type Store interface {
	// CreateSession inserts s as given (ID set by the caller). The credit-taking
	// start arrives with the live interview; this is the plain insert.
	CreateSession(ctx context.Context, s *Session) error
	// ListSessions returns the user's sessions, newest first.
	ListSessions(ctx context.Context, userID string, limit int) ([]SessionSummary, error)
	// Session returns the session if it belongs to userID, else KindNotFound.
	Session(ctx context.Context, userID, id string) (*Session, error)
}
