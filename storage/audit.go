package storage

import (
	"context"

	"github.com/mockroom/mockroom/storage/sqlcore"
)

// AuditEntry is one row of the append-only audit log (admin access, policy
// changes, deletions). The type lives in sqlcore, which the engines share,
// so that this package can import the engines without a cycle.
type AuditEntry = sqlcore.AuditEntry

// Auditor writes and reads the audit log. On PostgreSQL a user request may
// only append entries naming itself (or no one) as the actor, and cannot
// read the log.
type Auditor interface {
	AppendAudit(ctx context.Context, e AuditEntry) error
	// AuditLog lists entries newest first.
	AuditLog(ctx context.Context, limit int) ([]AuditEntry, error)
}
