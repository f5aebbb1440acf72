package sqlcore

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/governance"
)

var _ governance.Store = (*Core)(nil)

// columnLister is implemented by both dialects: a query listing (table,
// column) of every table from the engine's catalog.
type columnLister interface {
	ColumnsQuery() string
}

// catalog maps each table to its columns, read from the engine's catalog so
// that the export, the deletion and the check after it cover tables added
// by later migrations.
func (c *Core) catalog(ctx context.Context, tx *Tx) (map[string][]string, error) {
	l, ok := c.D.(columnLister)
	if !ok {
		return nil, fmt.Errorf("sqlcore: the dialect cannot list its catalog")
	}
	rows, err := tx.Query(ctx, l.ColumnsQuery())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var t, col string
		if err := rows.Scan(&t, &col); err != nil {
			return nil, err
		}
		out[t] = append(out[t], col)
	}
	return out, rows.Err()
}

func has(cols []string, name string) bool {
	for _, c := range cols {
		if c == name {
			return true
		}
	}
	return false
}

func sortedTables(cat map[string][]string) []string {
	names := make([]string, 0, len(cat))
	for t := range cat {
		names = append(names, t)
	}
	sort.Strings(names)
	return names
}

// quoteIdent quotes a catalog name for SQL. Names come from the catalog,
// never from a request.
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// Tables and columns the export leaves out: secrets (hashes of passwords and
// tokens, which are credentials, not the user's data), the bus's plumbing,
// and bookkeeping rows that hold nothing of the user's.
var (
	exportSkipTables = map[string]bool{
		"email_tokens": true, "first_admin": true, "events_outbox": true, "event_deliveries": true,
		"event_dead_letters": true, "idempotency_keys": true, "goose_db_version": true, "audit_log": true,
		"payments_anonymised": true,
	}
	exportSkipColumns = map[string]bool{"password_hash": true, "token_hash": true, "verifier_hash": true}
	// Kept out of the generic deletion: the admin seat is re-pointed, not
	// freed (freeing it would hand admin to the next sign-up).
	deleteSkipTables = map[string]bool{"first_admin": true, "audit_log": true, "payments_anonymised": true}
)

// noUser takes the admin seat of a deleted first account.
const noUser = "00000000-0000-0000-0000-000000000000"

func (c *Core) sessionIDs(ctx context.Context, tx *Tx, userID string) ([]string, error) {
	rows, err := tx.Query(ctx, `SELECT id FROM sessions WHERE user_id = ? ORDER BY created_at, id`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, strings.ToLower(id))
	}
	return ids, rows.Err()
}

// ownerWhere is the condition that picks the user's rows of a table, or ""
// when the table holds nothing of theirs.
func ownerWhere(table string, cols []string, userID string, sessions []string) (string, []any) {
	switch {
	case table == "users" || table == "profiles":
		return "id = ?", []any{userID}
	case has(cols, "user_id"):
		return "user_id = ?", []any{userID}
	case has(cols, "session_id") && len(sessions) > 0:
		in, args := inList(sessions)
		return "session_id IN " + in, args
	}
	return "", nil
}

// ExportUser implements governance.Store.
func (c *Core) ExportUser(ctx context.Context, userID string) (*governance.UserData, error) {
	const op = "storage.ExportUser"
	id, ok := normID(userID)
	if !ok {
		return nil, mockroom.Wrap(op, mockroom.Errorf(mockroom.KindNotFound, "not_found", "no such user"))
	}
	if foreign(ctx, id) {
		// A user request exports only its own account.
		return nil, mockroom.Wrap(op, mockroom.Errorf(mockroom.KindNotFound, "not_found", "no such user"))
	}
	ctx = mockroom.AsService(ctx)
	data := &governance.UserData{UserID: id, Tables: map[string][]governance.Row{}}
	err := c.Read(ctx, func(tx *Tx) error {
		if err := tx.QueryRow(ctx, `SELECT email FROM users WHERE id = ?`, id).Scan(&data.Email); err != nil {
			return err
		}
		cat, err := c.catalog(ctx, tx)
		if err != nil {
			return err
		}
		sessions, err := c.sessionIDs(ctx, tx, id)
		if err != nil {
			return err
		}
		for _, t := range sortedTables(cat) {
			if exportSkipTables[t] {
				continue
			}
			where, args := ownerWhere(t, cat[t], id, sessions)
			if where == "" {
				continue
			}
			var cols []string
			for _, col := range cat[t] {
				if !exportSkipColumns[col] {
					cols = append(cols, col)
				}
			}
			order := ""
			if has(cols, "created_at") {
				order = " ORDER BY created_at"
			}
			rows, err := c.selectRows(ctx, tx, `SELECT `+quoteList(cols)+` FROM `+quoteIdent(t)+` WHERE `+where+order, cols, args...)
			if err != nil {
				return fmt.Errorf("export %s: %w", t, err)
			}
			data.Tables[t] = rows
		}
		// The audit entries that name them, without the chain's plumbing.
		cols := []string{"id", "seq", "action", "target_type", "target_id", "metadata", "ip", "created_at", "hash"}
		rows, err := c.selectRows(ctx, tx, `SELECT `+quoteList(cols)+` FROM audit_log WHERE actor_user_id = ? OR target_id = ? ORDER BY seq`, cols, id, id)
		if err != nil {
			return err
		}
		data.Tables["audit_log"] = rows
		return nil
	})
	if isNoRows(err) {
		return nil, mockroom.Wrap(op, mockroom.Errorf(mockroom.KindNotFound, "not_found", "no such user"))
	}
	if err != nil {
		return nil, c.fail(op, err)
	}
	return data, nil
}

func quoteList(cols []string) string {
	q := make([]string, len(cols))
	for i, c := range cols {
		q[i] = quoteIdent(c)
	}
	return strings.Join(q, ", ")
}

// selectRows reads rows as column → value, with values made JSON-friendly:
// bytes become text, and text that is a JSON object or array is kept as JSON.
func (c *Core) selectRows(ctx context.Context, tx *Tx, q string, cols []string, args ...any) ([]governance.Row, error) {
	rows, err := tx.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []governance.Row{}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		r := governance.Row{}
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			if s, ok := v.(string); ok && len(s) > 1 && (s[0] == '{' || s[0] == '[') && json.Valid([]byte(s)) {
				v = json.RawMessage(s)
			}
			if t, ok := v.(time.Time); ok {
				v = t.UTC()
			}
			r[cols[i]] = v
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// DeleteUser implements governance.Store.
func (c *Core) DeleteUser(ctx context.Context, userID, reason string) (*governance.Deletion, error) {
	const op = "storage.DeleteUser"
	id, ok := normID(userID)
	if !ok {
		return nil, mockroom.Wrap(op, mockroom.Errorf(mockroom.KindNotFound, "not_found", "no such user"))
	}
	if foreign(ctx, id) {
		return nil, mockroom.Wrap(op, forbidden())
	}
	ctx = mockroom.AsService(ctx)
	d := &governance.Deletion{Pseudonym: governance.Pseudonym(id), Rows: map[string]int64{}}
	err := c.Write(ctx, func(tx *Tx) error {
		var email string
		if err := tx.QueryRow(ctx, `SELECT email FROM users WHERE id = ?`+c.D.LockRow(), id).Scan(&email); err != nil {
			return err
		}
		cat, err := c.catalog(ctx, tx)
		if err != nil {
			return err
		}
		sessions, err := c.sessionIDs(ctx, tx, id)
		if err != nil {
			return err
		}
		count := func(table string, res interface{ RowsAffected() (int64, error) }) {
			if n, _ := res.RowsAffected(); n > 0 {
				d.Rows[table] += n
			}
		}
		exec := func(table, q string, args ...any) error {
			res, err := tx.Exec(ctx, q, args...)
			if err != nil {
				return fmt.Errorf("delete from %s: %w", table, err)
			}
			count(table, res)
			return nil
		}
		if _, ok := cat["payments"]; ok {
			if err := c.anonymisePayments(ctx, tx, id, d); err != nil {
				return err
			}
		}
		// Events that name the user or one of their sessions (the envelope
		// carries both); their deliveries and dead letters cascade.
		for _, needle := range append([]string{id}, sessions...) {
			if err := exec("events_outbox", `DELETE FROM events_outbox WHERE CAST(payload AS TEXT) LIKE ? OR key LIKE ?`,
				"%"+needle+"%", "%"+needle+"%"); err != nil {
				return err
			}
		}
		if _, ok := cat["idempotency_keys"]; ok {
			if err := exec("idempotency_keys", `DELETE FROM idempotency_keys WHERE key LIKE ? OR scope LIKE ? OR CAST(response AS TEXT) LIKE ?`,
				"%"+id+"%", "%"+id+"%", "%"+id+"%"); err != nil {
				return err
			}
		}
		// Invites addressed to them carry no user id.
		if err := exec("email_tokens", `DELETE FROM email_tokens WHERE user_id = ? OR email = ?`, id, email); err != nil {
			return err
		}
		if err := exec("first_admin", `UPDATE first_admin SET user_id = ? WHERE user_id = ?`, noUser, id); err != nil {
			return err
		}
		// Children first: rows by session, then rows by user, then the
		// account itself. Foreign keys cascade most of this already; the
		// explicit deletes also cover tables without one.
		for _, pass := range []func(t string, cols []string) (string, []any){
			func(t string, cols []string) (string, []any) {
				if has(cols, "session_id") && !has(cols, "user_id") && len(sessions) > 0 {
					in, args := inList(sessions)
					return "session_id IN " + in, args
				}
				return "", nil
			},
			func(t string, cols []string) (string, []any) {
				if has(cols, "user_id") && t != "sessions" {
					return "user_id = ?", []any{id}
				}
				return "", nil
			},
			func(t string, _ []string) (string, []any) {
				if t == "sessions" {
					return "user_id = ?", []any{id}
				}
				return "", nil
			},
		} {
			for _, t := range sortedTables(cat) {
				if deleteSkipTables[t] {
					continue
				}
				if where, args := pass(t, cat[t]); where != "" {
					if err := exec(t, `DELETE FROM `+quoteIdent(t)+` WHERE `+where, args...); err != nil {
						return err
					}
				}
			}
		}
		if err := exec("profiles", `DELETE FROM profiles WHERE id = ?`, id); err != nil {
			return err
		}
		if err := exec("users", `DELETE FROM users WHERE id = ?`, id); err != nil {
			return err
		}
		erased, err := c.eraseAuditSubject(ctx, tx, id, email)
		if err != nil {
			return err
		}
		if erased > 0 {
			d.Rows["audit_log (fields erased)"] = erased
		}
		meta, err := json.Marshal(map[string]any{"reason": reason, "rows": d.Rows})
		if err != nil {
			return err
		}
		meta, _ = canonicalJSON(meta)
		e := &AuditEntry{ID: mockroom.NewID(), Action: "user.delete", TargetType: "user", TargetID: d.Pseudonym,
			Metadata: meta, CreatedAt: c.now()}
		return c.appendAuditTx(ctx, tx, e, nil)
	})
	if isNoRows(err) {
		return nil, mockroom.Wrap(op, mockroom.Errorf(mockroom.KindNotFound, "not_found", "no such user"))
	}
	if err != nil {
		return nil, c.fail(op, err)
	}
	return d, nil
}

// anonymisePayments keeps, for the books, what the law asks of a deleted
// account's payments: amount, currency, credits, status and date, with no
// user id, customer id or metadata; the payments rows themselves are then
// deleted with the rest. This is the hook for payment records: a payments
// table that gains columns worth keeping copies them here, and cancelling
// the Stripe subscription happens before this, in the governance service's
// BeforeDelete hook (it needs the network, which a transaction must not wait on).
func (c *Core) anonymisePayments(ctx context.Context, tx *Tx, userID string, d *governance.Deletion) error {
	res, err := tx.Exec(ctx, `INSERT INTO payments_anonymised
			(id, stripe_payment_intent_id, amount_cents, currency, credits_purchased, status, paid_at, anonymised_at)
		SELECT id, stripe_payment_intent_id, amount_cents, currency, credits_purchased, status, created_at, ?
		FROM payments WHERE user_id = ?`, c.D.Time(c.now()), userID)
	if err != nil {
		return fmt.Errorf("anonymise payments: %w", err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		d.Rows["payments_anonymised"] = n
	}
	return nil
}

// PruneTranscripts implements governance.Store. Deletes by id in bounded
// batches, so several instances running it at once only share the work.
func (c *Core) PruneTranscripts(ctx context.Context, cutoff time.Time, limit int) (int64, error) {
	const op = "storage.PruneTranscripts"
	limit = clampLimit(limit, 1000, 10000)
	var n int64
	err := c.Write(mockroom.AsService(ctx), func(tx *Tx) error {
		res, err := tx.Exec(ctx, `DELETE FROM transcripts WHERE id IN
			(SELECT id FROM transcripts WHERE created_at < ? ORDER BY created_at LIMIT ?)`, c.D.Time(cutoff), limit)
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		return nil
	})
	return n, c.fail(op, err)
}

// PruneEvents implements governance.Store. An event goes once it is older
// than cutoff, no consumer group holds an unfinished delivery of it, and the
// Redis relay is not in the middle of publishing it.
func (c *Core) PruneEvents(ctx context.Context, cutoff time.Time, limit int) (int64, error) {
	const op = "storage.PruneEvents"
	limit = clampLimit(limit, 1000, 10000)
	var n int64
	err := c.Write(mockroom.AsService(ctx), func(tx *Tx) error {
		res, err := tx.Exec(ctx, `DELETE FROM events_outbox WHERE id IN
			(SELECT o.id FROM events_outbox o WHERE o.created_at < ?
				AND NOT (o.published_at IS NULL AND o.relay_leased_until IS NOT NULL)
				AND NOT EXISTS (SELECT 1 FROM event_deliveries d WHERE d.event_id = o.id AND d.done_at IS NULL AND d.dead_at IS NULL)
			ORDER BY o.id LIMIT ?)`, c.D.Time(cutoff), limit)
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		return nil
	})
	return n, c.fail(op, err)
}

// FindMentions implements governance.Store.
func (c *Core) FindMentions(ctx context.Context, needles []string) ([]governance.Mention, error) {
	const op = "storage.FindMentions"
	if mockroom.ActorFrom(ctx).Role == mockroom.RoleUser {
		return nil, mockroom.Wrap(op, forbidden())
	}
	var out []governance.Mention
	err := c.Read(ctx, func(tx *Tx) error {
		cat, err := c.catalog(ctx, tx)
		if err != nil {
			return err
		}
		for _, t := range sortedTables(cat) {
			for _, col := range cat[t] {
				var conds []string
				var args []any
				for _, n := range needles {
					if n == "" {
						continue
					}
					conds = append(conds, `lower(CAST(`+quoteIdent(col)+` AS TEXT)) LIKE ?`)
					args = append(args, "%"+strings.ToLower(n)+"%")
				}
				if len(conds) == 0 {
					return nil
				}
				var k int64
				q := `SELECT COUNT(*) FROM ` + quoteIdent(t) + ` WHERE ` + strings.Join(conds, " OR ")
				if err := tx.QueryRow(ctx, q, args...).Scan(&k); err != nil {
					return fmt.Errorf("%s.%s: %w", t, col, err)
				}
				if k > 0 {
					out = append(out, governance.Mention{Table: t, Column: col, Count: k})
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, c.fail(op, err)
	}
	return out, nil
}

// RecordAudit implements governance.Store.
func (c *Core) RecordAudit(ctx context.Context, actorID, action, targetUserID, ip string, metadata json.RawMessage) error {
	e := AuditEntry{ActorUserID: actorID, Action: action, IP: ip, Metadata: metadata}
	if targetUserID != "" {
		e.TargetType, e.TargetID = "user", strings.ToLower(targetUserID)
	}
	return c.AppendAudit(ctx, e)
}
