// Package governance is what the platform does with a person's data over
// its life: the export of everything of theirs, the deletion of their
// account, the retention jobs that prune what is kept too long, and the
// tamper-evident audit chain (chain.go). PII redaction lives in
// governance/redact. See docs/adr/0014-data-governance.md.
package governance

import (
	"context"
	"encoding/json"
	"time"
)

// Row is one database row, column name → value, as the export writes it.
type Row = map[string]any

// UserData is everything stored about one user, table by table (users,
// profiles, sessions, transcripts, code_snapshots, evaluations,
// credit_transactions, voice_usage, payments, audit_log, and any table added
// later that has a user_id or session_id column). Secrets (password and
// token hashes) are left out, and so is every table of the problem library:
// hidden tests and reference solutions are never a user's data.
type UserData struct {
	UserID string
	Email  string
	Tables map[string][]Row
}

// Deletion is what an account deletion did.
type Deletion struct {
	Pseudonym string           // the id under which the deletion's audit entry names the account
	Rows      map[string]int64 // rows deleted (or anonymised, or erased) per table
}

// Mention is a row that still holds one of the searched strings.
type Mention struct {
	Table  string
	Column string
	Count  int64
}

// Store is what governance needs from storage. Every method runs on the
// service path: the service checks who asks.
type Store interface {
	// ExportUser reads everything of the user's.
	ExportUser(ctx context.Context, userID string) (*UserData, error)
	// DeleteUser removes the account and everything of theirs in one
	// transaction, anonymises their payments, blanks their personal fields in
	// the audit log and appends the deletion's own entry (actor none, target
	// the pseudonym, metadata the row counts and reason).
	DeleteUser(ctx context.Context, userID, reason string) (*Deletion, error)
	// PruneTranscripts deletes up to limit transcript rows created before
	// cutoff and reports how many went; repeating it is harmless.
	PruneTranscripts(ctx context.Context, cutoff time.Time, limit int) (int64, error)
	// PruneEvents deletes up to limit outbox rows created before cutoff
	// that no consumer still needs (their deliveries and dead letters go
	// with them) and reports how many went.
	PruneEvents(ctx context.Context, cutoff time.Time, limit int) (int64, error)
	// RecordAudit appends an entry to the audit chain: action by actor
	// ("" for the system) about the target user ("" for none).
	RecordAudit(ctx context.Context, actorID, action, targetUserID, ip string, metadata json.RawMessage) error
	// FindMentions counts, in every column of every table (from the
	// catalog, so tables added later are covered), the rows whose text
	// contains one of needles, ignoring case.
	FindMentions(ctx context.Context, needles []string) ([]Mention, error)
}
