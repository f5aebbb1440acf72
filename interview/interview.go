// Package interview holds interview sessions: their lifecycle, the code a
// candidate writes and the conversation. (The live parts arrive with the
// realtime server; the types and storage are here from the start.)
package interview

import (
	"context"
	"encoding/json"
	"time"

	"github.com/mockroom/mockroom/events"
	"github.com/mockroom/mockroom/judge"
)

// Session statuses (seed: sessions.status).
const (
	StatusScheduled = "scheduled"
	StatusActive    = "active"
	StatusCompleted = "completed"
	StatusAbandoned = "abandoned"
)

// Languages a session may use: the judge's.
var Languages = judge.LanguageNames()

// Session is one interview (seed: sessions).
type Session struct {
	ID                 string          `json:"id"`
	UserID             string          `json:"-"`
	ProblemID          string          `json:"problem_id"`
	Status             string          `json:"status" enum:"scheduled,active,completed,abandoned"`
	DifficultyOverride string          `json:"difficulty_override,omitempty" enum:"easy,medium,hard"`
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
	ProblemDifficulty string `json:"problem_difficulty" enum:"easy,medium,hard"`
}

// Transcript is one line of the conversation (seed: transcripts).
type Transcript struct {
	ID          string          `json:"id"`
	SessionID   string          `json:"session_id"`
	Seq         int64           `json:"seq"` // the line's place in the conversation, 1, 2, 3... (assigned by the store)
	Speaker     string          `json:"speaker" enum:"interviewer,candidate,system"`
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
	Type             string          `json:"snapshot_type" enum:"auto,manual,execution,final"`
	ObserverAnalysis json.RawMessage `json:"observer_analysis,omitempty"`
	ExecutionResult  json.RawMessage `json:"execution_result,omitempty"`
	// Efficiency is the efficiency probe's result (efficiency.Measurement) on
	// an accepted submit, written after the verdict.
	Efficiency json.RawMessage `json:"efficiency,omitempty"`
	CreatedAt  time.Time       `json:"created_at"`
}

// Snapshot types (seed: code_snapshots.snapshot_type).
const (
	SnapshotAuto      = "auto"
	SnapshotManual    = "manual"
	SnapshotExecution = "execution"
	SnapshotFinal     = "final"
)

// Speakers (seed: transcripts.speaker).
const (
	SpeakerInterviewer = "interviewer"
	SpeakerCandidate   = "candidate"
	SpeakerSystem      = "system"
)

// Live is the hot, always-current state of a session's editor: the last
// code the candidate sent and the last client sequence number made durable.
type Live struct {
	SessionID string    `json:"session_id"`
	Code      string    `json:"code"`
	Language  string    `json:"language"`
	Seq       int64     `json:"seq"` // last client event seq applied (0 = none)
	UpdatedAt time.Time `json:"updated_at"`
}

// Methods taking a client seq apply the change only when seq > Live.Seq and
// report applied=false otherwise, so a client that re-sends after a
// reconnect never applies anything twice.

// Store is what the interview service needs from storage.
type Store interface {
	// CreateSession inserts s as given (ID set by the caller), no credit taken.
	CreateSession(ctx context.Context, s *Session) error
	// StartSession atomically: refuses when the user already has maxActive
	// active sessions (KindConflict, "too_many_sessions"), takes cost credits
	// (1, or 0 on a server with unlimited credits: a usage transaction
	// referencing the session; KindPaymentRequired, "insufficient_credits"
	// when the balance is too low), inserts s (status active) with its Live
	// row holding starter code, and writes ev to the outbox.
	StartSession(ctx context.Context, s *Session, starterCode string, maxActive, cost int, ev events.Event) error
	// ListSessions returns the user's sessions, newest first.
	ListSessions(ctx context.Context, userID string, limit int) ([]SessionSummary, error)
	// Session returns the session if it belongs to userID, else KindNotFound.
	Session(ctx context.Context, userID, id string) (*Session, error)
	// SessionByID is the service path (timers, workers): no owner check.
	SessionByID(ctx context.Context, id string) (*Session, error)
	// ActiveSessions lists every active session (service path), for the
	// timer and the abandonment sweep.
	ActiveSessions(ctx context.Context) ([]Session, error)
	// UpdateSession writes the mutable fields of an active or ended session:
	// language, hints_used, test_cases_passed, test_cases_total, metadata.
	UpdateSession(ctx context.Context, s *Session) error
	// SetTestResults writes only test_cases_passed and test_cases_total, and
	// SetInterviewerState only metadata, each in one statement: writers of
	// the two never undo each other's change.
	SetTestResults(ctx context.Context, sessionID string, passed, total int) error
	SetInterviewerState(ctx context.Context, sessionID string, metadata json.RawMessage) error
	// EndSession moves an active session to status (completed or abandoned),
	// sets ended_at and duration_seconds, stores final as a "final" snapshot
	// (when not nil) and writes ev, in one transaction. Ending a session that
	// is no longer active returns it unchanged with ended=false.
	EndSession(ctx context.Context, id, status string, endedAt time.Time, final *Snapshot, ev events.Event) (s *Session, ended bool, err error)

	// Live returns the session's live editor state.
	Live(ctx context.Context, sessionID string) (*Live, error)
	// SaveCode makes code the live code when seq > Live.Seq (seq 0 means
	// "no client sequence": always applied, seq unchanged) and writes ev (a
	// code.edited event) in the same transaction. applied=false means the
	// seq was already durable.
	SaveCode(ctx context.Context, sessionID, code, language string, seq int64, at time.Time, ev *events.Event) (applied bool, err error)
	// SwitchLanguage moves an active session to the language to, in one
	// transaction: code (the candidate's current code; nil means the live
	// code) is kept as the code of the language being left and, unless it is
	// that language's starter, as a manual snapshot; the live code becomes
	// what the candidate last wrote in to, else starters[to]. Switching to
	// the current language stores code and changes nothing else.
	SwitchLanguage(ctx context.Context, sessionID, to string, code *string, starters map[string]string, at time.Time) (*Session, *Live, error)
	// AddTranscript appends t, giving it the session's next Seq; with seq > 0 it applies only when seq > Live.Seq
	// and advances Live.Seq in the same transaction.
	// With maxLines > 0 it refuses (KindConflict, "conversation_full") when
	// the session already holds maxLines lines; a seq already durable still
	// reports applied=false.
	AddTranscript(ctx context.Context, t *Transcript, seq int64, maxLines int) (applied bool, err error)
	// Transcripts lists the conversation in Seq order.
	Transcripts(ctx context.Context, sessionID string) ([]Transcript, error)
	// RecentTranscripts lists the latest n lines of the conversation, oldest first.
	RecentTranscripts(ctx context.Context, sessionID string, n int) ([]Transcript, error)
	// UseHint increments hints_used (at most max) and advances Live.Seq when
	// seq > 0, writing ev, in one transaction; it returns the new count.
	// At max it returns KindConflict "no_more_hints".
	UseHint(ctx context.Context, sessionID string, max int, seq int64, ev events.Event) (hintsUsed int, applied bool, err error)
	// AddSnapshot stores a code snapshot; ev (optional) goes to the outbox in
	// the same transaction (code.executed for execution snapshots).
	AddSnapshot(ctx context.Context, s *Snapshot, ev *events.Event) error
	// SetSnapshotEfficiency stores the efficiency probe's result on an
	// execution snapshot of the session (a service's write, after the
	// verdict); an unknown snapshot is not found.
	SetSnapshotEfficiency(ctx context.Context, sessionID, snapshotID string, result json.RawMessage) error
	// Snapshots lists the session's snapshots, oldest first.
	Snapshots(ctx context.Context, sessionID string) ([]Snapshot, error)

	// SubmitStats counts submits per problem id across every candidate
	// (service path: aggregate numbers only).
	SubmitStats(ctx context.Context) (map[string]SubmitStats, error)
	// Progress is the user's standing on each problem they have tried:
	// ProgressSolved once a submit passed every test, else ProgressAttempted.
	Progress(ctx context.Context, userID string) (map[string]string, error)
}

// SubmitStats are a problem's submits: how many, and how many passed every test.
type SubmitStats struct {
	Submits  int
	Accepted int
}

// A candidate's standing on a problem (Store.Progress).
const (
	ProgressSolved    = "solved"
	ProgressAttempted = "attempted"
)
