package sqlcore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/billing"
	"github.com/mockroom/mockroom/events"
	"github.com/mockroom/mockroom/interview"
)

// DefaultMaxActive is the cap StartSession applies when maxActive <= 0
// (ARCHITECTURE.md: 10 concurrent sessions per user).
const DefaultMaxActive = 10

// MaxCodeBytes bounds the code SaveCode and AddSnapshot store (50 KiB).
const MaxCodeBytes = 50 << 10

// StartSession takes a credit and starts s in one transaction. The profile
// row is locked first (PostgreSQL FOR UPDATE; SQLite has one writer), so the
// active-session count and the balance cannot change under it: concurrent
// starts by one user queue behind each other.
func (c *Core) StartSession(ctx context.Context, s *interview.Session, starterCode string, maxActive, cost int, ev events.Event) error {
	const op = "storage.StartSession"
	if maxActive <= 0 {
		maxActive = DefaultMaxActive
	}
	if cost < 0 {
		return mockroom.Wrap(op, invalid("invalid_amount", "an interview cannot cost less than nothing"))
	}
	if err := c.prepSession(ctx, s); err != nil {
		return mockroom.Wrap(op, err)
	}
	if len(starterCode) > MaxCodeBytes {
		return mockroom.Wrap(op, codeTooLarge())
	}
	now := c.now()
	s.Status = interview.StatusActive
	if s.StartedAt == nil {
		s.StartedAt = &now
	}
	s.EndedAt, s.DurationSeconds, s.CreditsConsumed = nil, 0, cost
	err := c.Write(ctx, func(tx *Tx) error {
		var credits int
		err := tx.QueryRow(ctx, `SELECT credits FROM profiles WHERE id = ?`+c.D.LockRow(), s.UserID).Scan(&credits)
		if errors.Is(err, sql.ErrNoRows) {
			return invalid("invalid_reference", "it refers to something that does not exist")
		}
		if err != nil {
			return err
		}
		var active int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM sessions WHERE user_id = ? AND status = 'active'`, s.UserID).Scan(&active); err != nil {
			return err
		}
		if active >= maxActive {
			return mockroom.Errorf(mockroom.KindConflict, "too_many_sessions", "you already have %d active interviews; finish one first", active)
		}
		if cost > 0 {
			if _, err := c.addCredits(ctx, tx, s.UserID, -cost, billing.TxUsage, s.ID, "interview session", now); err != nil {
				return err
			}
		}
		if err := c.insertSession(ctx, tx, s); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO session_live (session_id, code, language, seq, updated_at) VALUES (?, ?, ?, 0, ?)`,
			s.ID, starterCode, s.Language, c.D.Time(now)); err != nil {
			return err
		}
		return c.writeEvent(ctx, tx, ev, s.ID, s.UserID)
	})
	if err != nil {
		return c.sessionFail(op, err)
	}
	c.outbox.fire()
	return nil
}

func codeTooLarge() error {
	return mockroom.Errorf(mockroom.KindInvalid, "code_too_large", "the code is larger than %d KiB", MaxCodeBytes>>10)
}

// ownerFilter confines a signed-in user's request to their own sessions on
// both engines (PostgreSQL's row-level security would as well). The
// service path (timers, workers) and anonymous internal calls see all.
func ownerFilter(ctx context.Context, alias string) (string, []any) {
	a := mockroom.ActorFrom(ctx)
	if a.Role != mockroom.RoleUser {
		return "", nil
	}
	return ` AND ` + alias + `.user_id = ?`, []any{strings.ToLower(a.UserID)}
}

// SessionByID reads a session with no owner argument: the service path.
// A signed-in user's request still sees only their own.
func (c *Core) SessionByID(ctx context.Context, id string) (*interview.Session, error) {
	const op = "storage.SessionByID"
	sid, ok := normID(id)
	if !ok {
		return nil, mockroom.Wrap(op, mockroom.NotFound("session"))
	}
	var s *interview.Session
	err := c.Read(ctx, func(tx *Tx) error {
		var err error
		s, err = c.sessionTx(ctx, tx, sid, false)
		return err
	})
	if err != nil {
		return nil, c.fail(op, err)
	}
	return s, nil
}

// sessionTx reads (and with lock, locks until the transaction ends) one
// session, confined to the caller's own on a user request.
func (c *Core) sessionTx(ctx context.Context, tx *Tx, sid string, lock bool) (*interview.Session, error) {
	own, args := ownerFilter(ctx, "s")
	q := `SELECT ` + sessionCols + ` FROM sessions s WHERE s.id = ?` + own
	if lock {
		q += c.D.LockRow()
	}
	var s interview.Session
	err := tx.QueryRow(ctx, q, append([]any{sid}, args...)...).Scan(sessionDest(&s)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, mockroom.NotFound("session")
	}
	if err != nil {
		return nil, err
	}
	return &s, nil
}

// ActiveSessions lists active sessions, oldest start first.
func (c *Core) ActiveSessions(ctx context.Context) ([]interview.Session, error) {
	const op = "storage.ActiveSessions"
	out := []interview.Session{}
	own, args := ownerFilter(ctx, "s")
	err := c.Read(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, `SELECT `+sessionCols+` FROM sessions s WHERE s.status = 'active'`+own+`
			ORDER BY s.started_at, s.id`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s interview.Session
			if err := rows.Scan(sessionDest(&s)...); err != nil {
				return err
			}
			out = append(out, s)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, c.fail(op, err)
	}
	return out, nil
}

// UpdateSession writes the mutable fields of s and refreshes s from the row.
func (c *Core) UpdateSession(ctx context.Context, s *interview.Session) error {
	const op = "storage.UpdateSession"
	if s == nil {
		return mockroom.Wrap(op, invalid("invalid_session", "a session is required"))
	}
	sid, ok := normID(s.ID)
	if !ok {
		return mockroom.Wrap(op, mockroom.NotFound("session"))
	}
	err := c.Write(ctx, func(tx *Tx) error {
		if _, err := c.sessionTx(ctx, tx, sid, true); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE sessions SET language = ?, hints_used = ?, test_cases_passed = ?, test_cases_total = ?,
				metadata = ?, updated_at = ? WHERE id = ?`,
			s.Language, s.HintsUsed, s.TestCasesPassed, s.TestCasesTotal, c.D.JSON(s.Metadata), c.D.Time(c.now()), sid); err != nil {
			return err
		}
		got, err := c.sessionTx(ctx, tx, sid, false)
		if err != nil {
			return err
		}
		*s = *got
		return nil
	})
	return c.fail(op, err)
}

// SetTestResults writes only the latest submit's counts, so a concurrent
// write of the interviewer's state cannot undo it (nor it that).
func (c *Core) SetTestResults(ctx context.Context, sessionID string, passed, total int) error {
	return c.setSessionColumns(ctx, "storage.SetTestResults", sessionID, `test_cases_passed = ?, test_cases_total = ?`, passed, total)
}

// SetInterviewerState writes only the session's metadata (the interviewer's state).
func (c *Core) SetInterviewerState(ctx context.Context, sessionID string, metadata json.RawMessage) error {
	return c.setSessionColumns(ctx, "storage.SetInterviewerState", sessionID, `metadata = ?`, c.D.JSON(metadata))
}

// setSessionColumns updates the named columns of one session in a single
// statement (no read-modify-write), confined to its owner on a user request.
func (c *Core) setSessionColumns(ctx context.Context, op, sessionID, set string, args ...any) error {
	sid, ok := normID(sessionID)
	if !ok {
		return mockroom.Wrap(op, mockroom.NotFound("session"))
	}
	err := c.Write(ctx, func(tx *Tx) error {
		if _, err := c.sessionTx(ctx, tx, sid, true); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE sessions SET `+set+`, updated_at = ? WHERE id = ?`, append(args, c.D.Time(c.now()), sid)...)
		return err
	})
	return c.fail(op, err)
}

// EndSession ends an active session once; later calls change nothing.
func (c *Core) EndSession(ctx context.Context, id, status string, endedAt time.Time, final *interview.Snapshot, ev events.Event) (*interview.Session, bool, error) {
	const op = "storage.EndSession"
	if status != interview.StatusCompleted && status != interview.StatusAbandoned {
		return nil, false, mockroom.Wrap(op, invalid("invalid_status", "a session ends as completed or abandoned"))
	}
	sid, ok := normID(id)
	if !ok {
		return nil, false, mockroom.Wrap(op, mockroom.NotFound("session"))
	}
	if endedAt.IsZero() {
		endedAt = c.now()
	}
	endedAt = TS(endedAt)
	var out *interview.Session
	ended := false
	err := c.Write(ctx, func(tx *Tx) error {
		s, err := c.sessionTx(ctx, tx, sid, true)
		if err != nil {
			return err
		}
		out = s
		if s.Status != interview.StatusActive {
			return nil
		}
		dur := 0
		if s.StartedAt != nil && endedAt.After(*s.StartedAt) {
			dur = int(endedAt.Sub(*s.StartedAt) / time.Second)
		}
		now := c.now()
		if _, err := tx.Exec(ctx, `UPDATE sessions SET status = ?, ended_at = ?, duration_seconds = ?, updated_at = ?
			WHERE id = ? AND status = 'active'`, status, c.D.Time(endedAt), dur, c.D.Time(now), sid); err != nil {
			return err
		}
		if final != nil {
			final.SessionID, final.Type = sid, interview.SnapshotFinal
			if err := c.insertSnapshot(ctx, tx, final); err != nil {
				return err
			}
		}
		if err := c.writeEvent(ctx, tx, ev, sid, s.UserID); err != nil {
			return err
		}
		if out, err = c.sessionTx(ctx, tx, sid, false); err != nil {
			return err
		}
		ended = true
		return nil
	})
	if err != nil {
		return nil, false, c.fail(op, err)
	}
	if ended {
		c.outbox.fire()
	}
	return out, ended, nil
}

// Live reads the session's live editor state.
func (c *Core) Live(ctx context.Context, sessionID string) (*interview.Live, error) {
	const op = "storage.Live"
	sid, ok := normID(sessionID)
	if !ok {
		return nil, mockroom.Wrap(op, mockroom.NotFound("session"))
	}
	own, args := ownerFilter(ctx, "s")
	var l interview.Live
	err := c.Read(ctx, func(tx *Tx) error {
		return tx.QueryRow(ctx, `SELECT l.session_id, l.code, l.language, l.seq, l.updated_at
			FROM session_live l JOIN sessions s ON s.id = l.session_id WHERE l.session_id = ?`+own, append([]any{sid}, args...)...).
			Scan(&l.SessionID, &l.Code, &l.Language, &l.Seq, timeCol{&l.UpdatedAt})
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, mockroom.Wrap(op, mockroom.NotFound("session"))
	}
	if err != nil {
		return nil, c.fail(op, err)
	}
	return &l, nil
}

// liveTx locks the session (every writer of a session's live state locks the
// session row first, so they queue) and reads its live seq (0 without a
// live row, e.g. a session made by CreateSession).
func (c *Core) liveTx(ctx context.Context, tx *Tx, sid string) (*interview.Session, int64, error) {
	s, err := c.sessionTx(ctx, tx, sid, true)
	if err != nil {
		return nil, 0, err
	}
	var seq int64
	err = tx.QueryRow(ctx, `SELECT seq FROM session_live WHERE session_id = ?`, sid).Scan(&seq)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, 0, err
	}
	return s, seq, nil
}

// advanceSeq records seq as the last applied client message.
func (c *Core) advanceSeq(ctx context.Context, tx *Tx, s *interview.Session, seq int64, at time.Time) error {
	_, err := tx.Exec(ctx, `INSERT INTO session_live (session_id, code, language, seq, updated_at) VALUES (?, '', ?, ?, ?)
		ON CONFLICT (session_id) DO UPDATE SET seq = excluded.seq, updated_at = excluded.updated_at`,
		s.ID, s.Language, seq, c.D.Time(at))
	return err
}

func badSeq(seq int64) error {
	if seq < 0 {
		return invalid("invalid_seq", "a sequence number cannot be negative")
	}
	return nil
}

func notActive() error {
	return mockroom.Errorf(mockroom.KindConflict, "session_not_active", "the interview has ended")
}

// SaveCode stores the live code once per client seq.
func (c *Core) SaveCode(ctx context.Context, sessionID, code, language string, seq int64, at time.Time, ev *events.Event) (bool, error) {
	const op = "storage.SaveCode"
	sid, ok := normID(sessionID)
	if !ok {
		return false, mockroom.Wrap(op, mockroom.NotFound("session"))
	}
	if err := badSeq(seq); err != nil {
		return false, mockroom.Wrap(op, err)
	}
	if len(code) > MaxCodeBytes {
		return false, mockroom.Wrap(op, codeTooLarge())
	}
	if !slices.Contains(interview.Languages, language) {
		return false, mockroom.Wrap(op, invalid("invalid_language", "that language is not supported"))
	}
	if at.IsZero() {
		at = c.now()
	}
	applied := false
	err := c.Write(ctx, func(tx *Tx) error {
		s, cur, err := c.liveTx(ctx, tx, sid)
		if err != nil {
			return err
		}
		if s.Status != interview.StatusActive {
			return notActive()
		}
		if seq > 0 && seq <= cur {
			return nil
		}
		next := cur
		if seq > 0 {
			next = seq
		}
		if _, err := tx.Exec(ctx, `INSERT INTO session_live (session_id, code, language, seq, updated_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (session_id) DO UPDATE SET code = excluded.code, language = excluded.language, seq = excluded.seq,
				updated_at = excluded.updated_at`, sid, code, language, next, c.D.Time(at)); err != nil {
			return err
		}
		if ev != nil {
			if err := c.writeEvent(ctx, tx, *ev, sid, s.UserID); err != nil {
				return err
			}
		}
		applied = true
		return nil
	})
	if err != nil {
		return false, c.fail(op, err)
	}
	if applied && ev != nil {
		c.outbox.fire()
	}
	return applied, nil
}

// SwitchLanguage keeps the code of the language being left and brings back
// the code of the one chosen, all in one transaction: a failure anywhere
// leaves the session, its live code and its saved code as they were.
func (c *Core) SwitchLanguage(ctx context.Context, sessionID, to string, code *string, starters map[string]string, at time.Time) (*interview.Session, *interview.Live, error) {
	const op = "storage.SwitchLanguage"
	sid, ok := normID(sessionID)
	if !ok {
		return nil, nil, mockroom.Wrap(op, mockroom.NotFound("session"))
	}
	if !slices.Contains(interview.Languages, to) {
		return nil, nil, mockroom.Wrap(op, invalid("invalid_language", "that language is not supported"))
	}
	if code != nil && len(*code) > MaxCodeBytes {
		return nil, nil, mockroom.Wrap(op, codeTooLarge())
	}
	if at.IsZero() {
		at = c.now()
	}
	at = TS(at)
	var sess *interview.Session
	var live interview.Live
	err := c.Write(ctx, func(tx *Tx) error {
		s, _, err := c.liveTx(ctx, tx, sid)
		if err != nil {
			return err
		}
		if s.Status != interview.StatusActive {
			return notActive()
		}
		live = interview.Live{SessionID: sid, Language: s.Language}
		err = tx.QueryRow(ctx, `SELECT code, language, seq FROM session_live WHERE session_id = ?`, sid).Scan(&live.Code, &live.Language, &live.Seq)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		from := live.Language
		if code != nil {
			live.Code = *code
		}
		// The code being left: saved per language, and a snapshot for the record.
		if _, err := tx.Exec(ctx, `INSERT INTO session_code (session_id, language, code, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (session_id, language) DO UPDATE SET code = excluded.code, updated_at = excluded.updated_at`,
			sid, from, live.Code, c.D.Time(at)); err != nil {
			return err
		}
		if from != to && live.Code != starters[from] {
			snap := &interview.Snapshot{SessionID: sid, Code: live.Code, Language: from, Type: interview.SnapshotManual, CreatedAt: at}
			if s.StartedAt != nil {
				snap.TimestampMS = at.Sub(*s.StartedAt).Milliseconds()
			}
			if err := c.insertSnapshot(ctx, tx, snap); err != nil {
				return err
			}
		}
		if from != to {
			var saved string
			err := tx.QueryRow(ctx, `SELECT code FROM session_code WHERE session_id = ? AND language = ?`, sid, to).Scan(&saved)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				saved = starters[to]
			case err != nil:
				return err
			}
			live.Code, live.Language = saved, to
			if _, err := tx.Exec(ctx, `UPDATE sessions SET language = ?, updated_at = ? WHERE id = ?`, to, c.D.Time(at), sid); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, `INSERT INTO session_live (session_id, code, language, seq, updated_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (session_id) DO UPDATE SET code = excluded.code, language = excluded.language, updated_at = excluded.updated_at`,
			sid, live.Code, live.Language, live.Seq, c.D.Time(at)); err != nil {
			return err
		}
		live.UpdatedAt = at
		sess, err = c.sessionTx(ctx, tx, sid, false)
		return err
	})
	if err != nil {
		return nil, nil, c.fail(op, err)
	}
	return sess, &live, nil
}

// AddTranscript appends a line once per client seq, within maxLines.
func (c *Core) AddTranscript(ctx context.Context, t *interview.Transcript, seq int64, maxLines int) (bool, error) {
	const op = "storage.AddTranscript"
	if t == nil {
		return false, mockroom.Wrap(op, invalid("invalid_transcript", "a transcript line is required"))
	}
	sid, ok := normID(t.SessionID)
	if !ok {
		return false, mockroom.Wrap(op, mockroom.NotFound("session"))
	}
	if err := badSeq(seq); err != nil {
		return false, mockroom.Wrap(op, err)
	}
	if t.ID == "" {
		t.ID = mockroom.NewID()
	}
	tid, ok := normID(t.ID)
	if !ok {
		return false, mockroom.Wrap(op, invalid("invalid_id", "the transcript id is not valid"))
	}
	now := c.now()
	if t.CreatedAt.IsZero() {
		t.CreatedAt = now
	}
	t.CreatedAt, t.ID, t.SessionID = TS(t.CreatedAt), tid, sid
	applied := false
	err := c.Write(ctx, func(tx *Tx) error {
		s, cur, err := c.liveTx(ctx, tx, sid)
		if err != nil {
			return err
		}
		if seq > 0 && seq <= cur {
			return nil
		}
		if maxLines > 0 {
			// The session row is locked (liveTx), so concurrent lines count in turn.
			var n int
			if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM transcripts WHERE session_id = ?`, sid).Scan(&n); err != nil {
				return err
			}
			if n >= maxLines {
				return mockroom.Errorf(mockroom.KindConflict, "conversation_full", "the conversation already holds %d lines", n)
			}
		}
		// The session row is locked (liveTx), so no other line can take this number.
		var next int64
		if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(seq), 0) + 1 FROM transcripts WHERE session_id = ?`, sid).Scan(&next); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO transcripts (id, session_id, seq, speaker, content, timestamp_ms, metadata, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, tid, sid, next, t.Speaker, t.Content, t.TimestampMS, c.D.JSON(t.Metadata), c.D.Time(t.CreatedAt)); err != nil {
			return err
		}
		t.Seq = next
		if seq > 0 {
			if err := c.advanceSeq(ctx, tx, s, seq, now); err != nil {
				return err
			}
		}
		applied = true
		return nil
	})
	if err != nil {
		return false, c.fail(op, err)
	}
	return applied, nil
}

// Transcripts lists the conversation in the order the server gave it.
func (c *Core) Transcripts(ctx context.Context, sessionID string) ([]interview.Transcript, error) {
	return c.transcripts(ctx, "storage.Transcripts", sessionID, 0)
}

// RecentTranscripts lists the latest n lines, oldest first.
func (c *Core) RecentTranscripts(ctx context.Context, sessionID string, n int) ([]interview.Transcript, error) {
	if n <= 0 {
		return []interview.Transcript{}, nil
	}
	return c.transcripts(ctx, "storage.RecentTranscripts", sessionID, n)
}

// transcripts reads the whole conversation in the server's order, or
// (last > 0) its last lines newest first through the (session_id, seq)
// index, then reversed.
func (c *Core) transcripts(ctx context.Context, op, sessionID string, last int) ([]interview.Transcript, error) {
	out := []interview.Transcript{}
	sid, ok := normID(sessionID)
	if !ok {
		return out, nil
	}
	own, args := ownerFilter(ctx, "s")
	q := `SELECT t.id, t.session_id, t.seq, t.speaker, t.content, t.timestamp_ms, t.metadata, t.created_at
		FROM transcripts t JOIN sessions s ON s.id = t.session_id WHERE t.session_id = ?` + own
	args = append([]any{sid}, args...)
	if last > 0 {
		q += ` ORDER BY t.seq DESC LIMIT ?`
		args = append(args, last)
	} else {
		q += ` ORDER BY t.seq`
	}
	err := c.Read(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var t interview.Transcript
			if err := rows.Scan(&t.ID, &t.SessionID, &t.Seq, &t.Speaker, &t.Content, &t.TimestampMS, jsonCol{&t.Metadata}, timeCol{&t.CreatedAt}); err != nil {
				return err
			}
			out = append(out, t)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, c.fail(op, err)
	}
	if last > 0 {
		slices.Reverse(out)
	}
	return out, nil
}

// UseHint spends a hint once per client seq.
func (c *Core) UseHint(ctx context.Context, sessionID string, maxHints int, seq int64, ev events.Event) (int, bool, error) {
	const op = "storage.UseHint"
	sid, ok := normID(sessionID)
	if !ok {
		return 0, false, mockroom.Wrap(op, mockroom.NotFound("session"))
	}
	if err := badSeq(seq); err != nil {
		return 0, false, mockroom.Wrap(op, err)
	}
	hints, applied := 0, false
	err := c.Write(ctx, func(tx *Tx) error {
		s, cur, err := c.liveTx(ctx, tx, sid)
		if err != nil {
			return err
		}
		hints = s.HintsUsed
		if seq > 0 && seq <= cur {
			return nil
		}
		if s.Status != interview.StatusActive {
			return notActive()
		}
		if s.HintsUsed >= maxHints {
			return mockroom.Errorf(mockroom.KindConflict, "no_more_hints", "no hints left for this interview")
		}
		now := c.now()
		if _, err := tx.Exec(ctx, `UPDATE sessions SET hints_used = hints_used + 1, updated_at = ? WHERE id = ?`, c.D.Time(now), sid); err != nil {
			return err
		}
		if seq > 0 {
			if err := c.advanceSeq(ctx, tx, s, seq, now); err != nil {
				return err
			}
		}
		if err := c.writeEvent(ctx, tx, ev, sid, s.UserID); err != nil {
			return err
		}
		hints, applied = s.HintsUsed+1, true
		return nil
	})
	if err != nil {
		return 0, false, c.fail(op, err)
	}
	if applied {
		c.outbox.fire()
	}
	return hints, applied, nil
}

// AddSnapshot stores a snapshot and, when given, its event.
func (c *Core) AddSnapshot(ctx context.Context, snap *interview.Snapshot, ev *events.Event) error {
	const op = "storage.AddSnapshot"
	if snap == nil {
		return mockroom.Wrap(op, invalid("invalid_snapshot", "a snapshot is required"))
	}
	sid, ok := normID(snap.SessionID)
	if !ok {
		return mockroom.Wrap(op, mockroom.NotFound("session"))
	}
	snap.SessionID = sid
	err := c.Write(ctx, func(tx *Tx) error {
		s, err := c.sessionTx(ctx, tx, sid, true)
		if err != nil {
			return err
		}
		if err := c.insertSnapshot(ctx, tx, snap); err != nil {
			return err
		}
		if ev != nil {
			return c.writeEvent(ctx, tx, *ev, sid, s.UserID)
		}
		return nil
	})
	if err != nil {
		return c.fail(op, err)
	}
	if ev != nil {
		c.outbox.fire()
	}
	return nil
}

func (c *Core) insertSnapshot(ctx context.Context, tx *Tx, snap *interview.Snapshot) error {
	if len(snap.Code) > MaxCodeBytes {
		return codeTooLarge()
	}
	if snap.ID == "" {
		snap.ID = mockroom.NewID()
	}
	id, ok := normID(snap.ID)
	if !ok {
		return invalid("invalid_id", "the snapshot id is not valid")
	}
	if snap.Type == "" {
		snap.Type = interview.SnapshotAuto
	}
	if snap.CreatedAt.IsZero() {
		snap.CreatedAt = c.now()
	}
	snap.ID, snap.CreatedAt = id, TS(snap.CreatedAt)
	_, err := tx.Exec(ctx, `INSERT INTO code_snapshots (id, session_id, code, language, timestamp_ms, snapshot_type, observer_analysis,
			execution_result, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, snap.SessionID, snap.Code, snap.Language, snap.TimestampMS, snap.Type, c.D.JSON(snap.ObserverAnalysis),
		c.D.JSON(snap.ExecutionResult), c.D.Time(snap.CreatedAt))
	return err
}

// SetSnapshotEfficiency stores the efficiency probe's result on one
// execution snapshot of the session, confined to its owner on a user request.
func (c *Core) SetSnapshotEfficiency(ctx context.Context, sessionID, snapshotID string, result json.RawMessage) error {
	const op = "storage.SetSnapshotEfficiency"
	sid, ok1 := normID(sessionID)
	id, ok2 := normID(snapshotID)
	if !ok1 || !ok2 {
		return mockroom.Wrap(op, mockroom.NotFound("snapshot"))
	}
	if !json.Valid(result) {
		return mockroom.Wrap(op, invalid("invalid_field", "the efficiency result is not JSON"))
	}
	err := c.Write(ctx, func(tx *Tx) error {
		if _, err := c.sessionTx(ctx, tx, sid, false); err != nil {
			return err
		}
		res, err := tx.Exec(ctx, `UPDATE code_snapshots SET efficiency = ? WHERE id = ? AND session_id = ? AND snapshot_type = 'execution'`,
			c.D.JSON(result), id, sid)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return mockroom.NotFound("snapshot")
		}
		return nil
	})
	return c.fail(op, err)
}

// Snapshots lists the session's snapshots, oldest first.
func (c *Core) Snapshots(ctx context.Context, sessionID string) ([]interview.Snapshot, error) {
	const op = "storage.Snapshots"
	out := []interview.Snapshot{}
	sid, ok := normID(sessionID)
	if !ok {
		return out, nil
	}
	own, args := ownerFilter(ctx, "s")
	err := c.Read(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, `SELECT c.id, c.session_id, c.code, c.language, c.timestamp_ms, c.snapshot_type, c.observer_analysis,
				c.execution_result, c.efficiency, c.created_at
			FROM code_snapshots c JOIN sessions s ON s.id = c.session_id WHERE c.session_id = ?`+own+`
			ORDER BY c.timestamp_ms, c.created_at, c.id`, append([]any{sid}, args...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var x interview.Snapshot
			if err := rows.Scan(&x.ID, &x.SessionID, &x.Code, &x.Language, &x.TimestampMS, &x.Type, jsonCol{&x.ObserverAnalysis},
				jsonCol{&x.ExecutionResult}, jsonCol{&x.Efficiency}, timeCol{&x.CreatedAt}); err != nil {
				return err
			}
			out = append(out, x)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, c.fail(op, err)
	}
	return out, nil
}
