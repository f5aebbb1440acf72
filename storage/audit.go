package storage

import (
	"context"

	"github.com/mockroom/mockroom/storage/sqlcore"
)

// AuditEntry is one row of the append-only, hash-chained audit log (admin
// access, policy changes, credit grants, deletions). The type lives in
// sqlcore, which the engines share, so that this package can import the
// engines without a cycle.
type AuditEntry = sqlcore.AuditEntry

// AuditVerification is the result of walking the chain.
type AuditVerification = sqlcore.AuditVerification

// Auditor writes and reads the audit log. On PostgreSQL a user request may
// only append entries naming itself (or no one) as the actor, and cannot
// read the log. Nothing updates or deletes an entry; an account deletion
// only blanks the personal fields that name the account (see
// docs/adr/0014-data-governance.md).
type Auditor interface {
	AppendAudit(ctx context.Context, e AuditEntry) error
	// AuditLog lists entries newest first.
	AuditLog(ctx context.Context, limit int) ([]AuditEntry, error)
	// AuditAbout lists the entries whose actor or target is the user.
	AuditAbout(ctx context.Context, userID string) ([]AuditEntry, error)
	// VerifyAudit walks the chain and reports the first entry that breaks it.
	VerifyAudit(ctx context.Context) (AuditVerification, error)
}
