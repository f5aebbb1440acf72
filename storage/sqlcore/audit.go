package sqlcore

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/mockroom/mockroom"
)

// AuditEntry is one row of the append-only audit log: admin access, policy
// changes, deletions. ActorUserID is empty for the system itself. It is
// defined here, beside the queries, and re-exported as storage.AuditEntry.
type AuditEntry struct {
	ID          string          `json:"id"`
	ActorUserID string          `json:"actor_user_id,omitempty"`
	Action      string          `json:"action"` // e.g. "user.delete", "admin.grant_credits"
	TargetType  string          `json:"target_type,omitempty"`
	TargetID    string          `json:"target_id,omitempty"`
	Metadata    json.RawMessage `json:"metadata,omitempty"`
	IP          string          `json:"ip,omitempty"`
	CreatedAt   time.Time       `json:"created_at"`
}

// AppendAudit adds e to the log; an empty ID or CreatedAt is filled in.
func (c *Core) AppendAudit(ctx context.Context, e AuditEntry) error {
	const op = "storage.AppendAudit"
	if strings.TrimSpace(e.Action) == "" {
		return mockroom.Wrap(op, invalid("invalid_audit", "an audit entry needs an action"))
	}
	if len(e.Metadata) > 0 && !json.Valid(e.Metadata) {
		return mockroom.Wrap(op, invalid("invalid_audit", "audit metadata must be JSON"))
	}
	var actor any
	if e.ActorUserID != "" {
		id, ok := normID(e.ActorUserID)
		if !ok {
			return mockroom.Wrap(op, invalid("invalid_id", "the actor id is not valid"))
		}
		e.ActorUserID, actor = id, id
	}
	if actor != nil && foreign(ctx, e.ActorUserID) {
		// A user request records only its own actions.
		return mockroom.Wrap(op, forbidden())
	}
	if e.ID == "" {
		e.ID = mockroom.NewID()
	}
	if e.CreatedAt.IsZero() {
		e.CreatedAt = c.now()
	}
	e.CreatedAt = TS(e.CreatedAt)
	err := c.Write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO audit_log (id, actor_user_id, action, target_type, target_id, metadata, ip, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			e.ID, actor, e.Action, nullText(e.TargetType), nullText(e.TargetID), c.D.JSON(e.Metadata), nullText(e.IP), c.D.Time(e.CreatedAt))
		return err
	})
	return c.fail(op, err)
}

// AuditLog lists entries newest first (limit defaults to 100, at most 1000).
// Only the service path reads it: an admin handler checks IsAdmin and then
// calls with mockroom.AsService.
func (c *Core) AuditLog(ctx context.Context, limit int) ([]AuditEntry, error) {
	const op = "storage.AuditLog"
	if mockroom.ActorFrom(ctx).Role == mockroom.RoleUser {
		return nil, mockroom.Wrap(op, forbidden())
	}
	limit = clampLimit(limit, 100, 1000)
	out := []AuditEntry{}
	err := c.Read(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, `SELECT id, actor_user_id, action, target_type, target_id, metadata, ip, created_at
			FROM audit_log ORDER BY created_at DESC, id DESC LIMIT ?`, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e AuditEntry
			if err := rows.Scan(&e.ID, textCol{&e.ActorUserID}, &e.Action, textCol{&e.TargetType}, textCol{&e.TargetID},
				jsonCol{&e.Metadata}, textCol{&e.IP}, timeCol{&e.CreatedAt}); err != nil {
				return err
			}
			out = append(out, e)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, c.fail(op, err)
	}
	return out, nil
}
