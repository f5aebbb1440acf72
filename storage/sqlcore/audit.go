package sqlcore

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/governance"
)

// AuditEntry is one row of the append-only, hash-chained audit log: admin
// access, policy changes, credit grants, deletions. ActorUserID is empty for
// the system itself. It is defined here, beside the queries, and re-exported
// as storage.AuditEntry. Seq, PrevHash and Hash are set by AppendAudit.
type AuditEntry struct {
	ID          string          `json:"id"`
	Seq         int64           `json:"seq"`
	ActorUserID string          `json:"actor_user_id,omitempty"`
	Action      string          `json:"action"` // e.g. "user.delete", "admin.grant_credits"
	TargetType  string          `json:"target_type,omitempty"`
	TargetID    string          `json:"target_id,omitempty"`
	Metadata    json.RawMessage `json:"metadata,omitempty"`
	IP          string          `json:"ip,omitempty"`
	CreatedAt   time.Time       `json:"created_at"`
	PrevHash    string          `json:"prev_hash"`
	Hash        string          `json:"hash"`
}

// advisoryLocker is implemented by dialects whose writers run concurrently
// (PostgreSQL): the statement serialises appends to the chain for the rest
// of the transaction. SQLite has a single writer connection already.
type advisoryLocker interface {
	AdvisoryLock(key int64) string
}

// auditChainLock is the advisory-lock key of the audit chain's head.
const auditChainLock = 0x6d6f636b61756469 // "mockaudi"

// canonicalJSON re-encodes metadata the same way whatever the engine hands
// back (PostgreSQL's jsonb reorders keys and drops spaces), so its digest is
// stable: keys sorted, numbers kept as written.
func canonicalJSON(b []byte) ([]byte, error) {
	if len(b) == 0 {
		return nil, nil
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	if v == nil {
		return nil, nil
	}
	return json.Marshal(v)
}

func chainFields(e *AuditEntry) governance.ChainFields {
	return governance.ChainFields{
		Seq:            e.Seq,
		ID:             e.ID,
		Action:         e.Action,
		TargetType:     e.TargetType,
		CreatedAt:      TS(e.CreatedAt).Format(TimeLayout),
		ActorDigest:    governance.FieldDigest(e.ID, "actor", e.ActorUserID),
		TargetDigest:   governance.FieldDigest(e.ID, "target", e.TargetID),
		MetadataDigest: governance.FieldDigest(e.ID, "metadata", string(e.Metadata)),
		IPDigest:       governance.FieldDigest(e.ID, "ip", e.IP),
		PrevHash:       e.PrevHash,
	}
}

// AppendAudit adds e at the head of the chain; an empty ID or CreatedAt is
// filled in. There is no update or delete of entries anywhere in the code;
// EraseAuditSubject only blanks personal fields, which the chain allows.
func (c *Core) AppendAudit(ctx context.Context, e AuditEntry) error {
	const op = "storage.AppendAudit"
	_, err := c.appendAudit(ctx, e)
	return c.fail(op, err)
}

func (c *Core) appendAudit(ctx context.Context, e AuditEntry) (*AuditEntry, error) {
	if strings.TrimSpace(e.Action) == "" {
		return nil, invalid("invalid_audit", "an audit entry needs an action")
	}
	if len(e.Metadata) > 0 && !json.Valid(e.Metadata) {
		return nil, invalid("invalid_audit", "audit metadata must be JSON")
	}
	meta, err := canonicalJSON(e.Metadata)
	if err != nil {
		return nil, invalid("invalid_audit", "audit metadata must be JSON")
	}
	e.Metadata = meta
	var actor any
	if e.ActorUserID != "" {
		id, ok := normID(e.ActorUserID)
		if !ok {
			return nil, invalid("invalid_id", "the actor id is not valid")
		}
		e.ActorUserID, actor = id, id
	}
	if actor != nil && foreign(ctx, e.ActorUserID) {
		// A user request records only its own actions.
		return nil, forbidden()
	}
	if e.ID == "" {
		e.ID = mockroom.NewID()
	}
	if e.CreatedAt.IsZero() {
		e.CreatedAt = c.now()
	}
	e.CreatedAt = TS(e.CreatedAt)
	// The chain's head is read on the service path: a user request may not
	// read the log (row-level security), and the actor was checked above.
	err = c.Write(mockroom.AsService(ctx), func(tx *Tx) error {
		return c.appendAuditTx(ctx, tx, &e, actor)
	})
	if err != nil {
		return nil, err
	}
	return &e, nil
}

// appendAuditTx links e to the head of the chain and inserts it inside tx,
// so that another write (a deletion) and its audit entry commit together.
func (c *Core) appendAuditTx(ctx context.Context, tx *Tx, e *AuditEntry, actor any) error {
	if l, ok := c.D.(advisoryLocker); ok {
		if _, err := tx.Exec(ctx, l.AdvisoryLock(auditChainLock)); err != nil {
			return err
		}
	}
	var seq int64
	var prev string
	err := tx.QueryRow(ctx, `SELECT seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1`).Scan(&seq, &prev)
	if err != nil && !isNoRows(err) {
		return err
	}
	e.Seq, e.PrevHash = seq+1, prev
	f := chainFields(e)
	e.Hash = f.Hash()
	_, err = tx.Exec(ctx, `INSERT INTO audit_log (id, seq, actor_user_id, action, target_type, target_id, metadata, ip, created_at,
			actor_digest, target_digest, metadata_digest, ip_digest, prev_hash, hash)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.ID, e.Seq, actor, e.Action, nullText(e.TargetType), nullText(e.TargetID), c.D.JSON(e.Metadata), nullText(e.IP), c.D.Time(e.CreatedAt),
		f.ActorDigest, f.TargetDigest, f.MetadataDigest, f.IPDigest, e.PrevHash, e.Hash)
	return err
}

const auditColumns = `id, seq, actor_user_id, action, target_type, target_id, metadata, ip, created_at,
	actor_digest, target_digest, metadata_digest, ip_digest, prev_hash, hash`

type auditRow struct {
	AuditEntry
	digests [4]string // actor, target, metadata, ip as stored
	hasSeq  bool
}

func scanAudit(rows interface{ Scan(...any) error }) (auditRow, error) {
	var r auditRow
	var seq *int64
	var prev, hash *string
	var d [4]*string
	err := rows.Scan(&r.ID, &seq, textCol{&r.ActorUserID}, &r.Action, textCol{&r.TargetType}, textCol{&r.TargetID},
		jsonCol{&r.Metadata}, textCol{&r.IP}, timeCol{&r.CreatedAt}, &d[0], &d[1], &d[2], &d[3], &prev, &hash)
	if seq != nil {
		r.Seq, r.hasSeq = *seq, true
	}
	if prev != nil {
		r.PrevHash = *prev
	}
	if hash != nil {
		r.Hash = *hash
	}
	for i, p := range d {
		if p != nil {
			r.digests[i] = *p
		}
	}
	return r, err
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
	var out []AuditEntry
	err := c.Read(ctx, func(tx *Tx) (err error) {
		out, err = queryAll(ctx, tx, scanAuditEntry, `SELECT `+auditColumns+` FROM audit_log ORDER BY (seq IS NULL), seq DESC, created_at DESC, id DESC LIMIT ?`, limit)
		return err
	})
	if err != nil {
		return nil, c.fail(op, err)
	}
	return out, nil
}

// AuditAbout lists, oldest first, the entries whose actor or target is the
// user (for their data export). It runs on the service path: the caller has
// checked that userID is the signed-in user.
func (c *Core) AuditAbout(ctx context.Context, userID string) ([]AuditEntry, error) {
	const op = "storage.AuditAbout"
	id, ok := normID(userID)
	if !ok {
		return nil, mockroom.Wrap(op, invalid("invalid_id", "the user id is not valid"))
	}
	if foreign(ctx, id) {
		return nil, mockroom.Wrap(op, forbidden())
	}
	var out []AuditEntry
	err := c.Read(mockroom.AsService(ctx), func(tx *Tx) (err error) {
		out, err = queryAll(ctx, tx, scanAuditEntry, `SELECT `+auditColumns+` FROM audit_log WHERE actor_user_id = ? OR target_id = ? ORDER BY seq, created_at, id`, id, id)
		return err
	})
	if err != nil {
		return nil, c.fail(op, err)
	}
	return out, nil
}

// AuditVerification is what VerifyAudit found.
type AuditVerification struct {
	Entries int    `json:"entries"` // chained entries checked
	Erased  int    `json:"erased"`  // personal fields blanked by account deletions
	Legacy  int    `json:"legacy"`  // entries written before the chain existed
	OK      bool   `json:"ok"`
	BadSeq  int64  `json:"bad_seq,omitempty"`
	BadID   string `json:"bad_id,omitempty"`
	Problem string `json:"problem,omitempty"`
}

// VerifyAudit walks the chain from its first entry and stops at the first
// entry that does not hold: a gap in the sequence (a deleted row), a
// prev_hash that is not the previous hash, a field that does not match its
// digest, or a hash that is not the hash of the fields.
func (c *Core) VerifyAudit(ctx context.Context) (AuditVerification, error) {
	const op = "storage.VerifyAudit"
	var v AuditVerification
	if mockroom.ActorFrom(ctx).Role == mockroom.RoleUser {
		return v, mockroom.Wrap(op, forbidden())
	}
	err := c.Read(ctx, func(tx *Tx) error {
		// Entries from before the chain (no seq) come first on both engines.
		var lastLegacy *auditRow
		rows, err := tx.Query(ctx, `SELECT `+auditColumns+` FROM audit_log ORDER BY (seq IS NOT NULL), seq, created_at, id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		var prev string
		var want int64 = 1
		for rows.Next() {
			r, err := scanAudit(rows)
			if err != nil {
				return err
			}
			if !r.hasSeq {
				if lastLegacy == nil || r.CreatedAt.After(lastLegacy.CreatedAt) {
					lastLegacy = &r
				}
				v.Legacy++
				continue
			}
			if want == 1 && lastLegacy != nil && lastLegacy.CreatedAt.After(r.CreatedAt) {
				// Only rows older than the chain may lack a place in it.
				v.BadID, v.Problem = lastLegacy.ID, "an entry outside the chain was added after the chain began"
				return nil
			}
			fail := func(p string) { v.BadSeq, v.BadID, v.Problem = r.Seq, r.ID, p }
			if r.Seq != want {
				fail(fmt.Sprintf("expected entry %d: an entry is missing or out of place", want))
				return nil
			}
			if r.PrevHash != prev {
				fail("prev_hash is not the hash of the entry before it")
				return nil
			}
			f := chainFields(&r.AuditEntry)
			meta, err := canonicalJSON(r.Metadata)
			if err != nil {
				fail("metadata is not JSON")
				return nil
			}
			r.Metadata = meta
			f.MetadataDigest = governance.FieldDigest(r.ID, "metadata", string(meta))
			got := [4]string{f.ActorDigest, f.TargetDigest, f.MetadataDigest, f.IPDigest}
			names := [4]string{"actor_user_id", "target_id", "metadata", "ip"}
			for i := range got {
				switch {
				case got[i] == r.digests[i]:
				case got[i] == "" && r.digests[i] != "":
					v.Erased++ // blanked by an erasure: the digest still counts
				default:
					fail(names[i] + " does not match its digest: the entry was changed")
					return nil
				}
			}
			f.ActorDigest, f.TargetDigest, f.MetadataDigest, f.IPDigest = r.digests[0], r.digests[1], r.digests[2], r.digests[3]
			if f.Hash() != r.Hash {
				fail("hash does not match the entry's fields: the entry was changed")
				return nil
			}
			prev, want = r.Hash, want+1
			v.Entries++
		}
		return rows.Err()
	})
	if err != nil {
		return v, c.fail(op, err)
	}
	v.OK = v.Problem == ""
	return v, nil
}

// eraseAuditSubject blanks, inside tx, the personal fields that name the
// user (their id or email) in existing entries. The digests and hashes stay,
// so the chain still verifies; this is the only change to an entry the code
// makes, and PostgreSQL's trigger allows nothing else.
func (c *Core) eraseAuditSubject(ctx context.Context, tx *Tx, userID, email string) (int64, error) {
	var n int64
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`UPDATE audit_log SET ip = NULL WHERE actor_user_id = ? AND ip IS NOT NULL`, []any{userID}},
		{`UPDATE audit_log SET actor_user_id = NULL WHERE actor_user_id = ?`, []any{userID}},
		{`UPDATE audit_log SET target_id = NULL WHERE lower(target_id) IN (?, ?)`, []any{userID, email}},
		{`UPDATE audit_log SET metadata = NULL WHERE ` + c.textOf("metadata") + ` LIKE ? OR lower(` + c.textOf("metadata") + `) LIKE ?`,
			[]any{"%" + userID + "%", "%" + likeEscape(email) + "%"}},
	} {
		res, err := tx.Exec(ctx, q.sql, q.args...)
		if err != nil {
			return n, err
		}
		k, _ := res.RowsAffected()
		n += k
	}
	return n, nil
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// textOf is a column cast to text on either engine.
func (c *Core) textOf(col string) string { return "CAST(" + col + " AS TEXT)" }

// likeEscape makes s a literal in a LIKE pattern without an ESCAPE clause:
// an address's '_' matches itself (and any one character), which only
// widens what is erased.
func likeEscape(s string) string { return strings.ReplaceAll(s, "%", "_") }

// scanAuditEntry is scanAudit for queryAll.
func scanAuditEntry(row interface{ Scan(...any) error }) (*AuditEntry, error) {
	r, err := scanAudit(row)
	return &r.AuditEntry, err
}
