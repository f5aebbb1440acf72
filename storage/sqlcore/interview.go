package sqlcore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/interview"
)

var _ interview.Store = (*Core)(nil)

const sessionCols = `s.id, s.user_id, s.problem_id, s.status, s.difficulty_override, s.language, s.duration_minutes, s.started_at,
	s.ended_at, s.duration_seconds, s.hints_used, s.test_cases_passed, s.test_cases_total, s.credits_consumed, s.metadata,
	s.created_at, s.updated_at`

func sessionDest(s *interview.Session) []any {
	return []any{&s.ID, &s.UserID, &s.ProblemID, &s.Status, textCol{&s.DifficultyOverride}, &s.Language, &s.DurationMinutes,
		nullTimeCol{&s.StartedAt}, nullTimeCol{&s.EndedAt}, &s.DurationSeconds, &s.HintsUsed, &s.TestCasesPassed,
		&s.TestCasesTotal, &s.CreditsConsumed, jsonCol{&s.Metadata}, timeCol{&s.CreatedAt}, timeCol{&s.UpdatedAt}}
}

func nullTime(d Dialect, t *time.Time) any {
	if t == nil {
		return nil
	}
	return d.Time(*t)
}

// CreateSession inserts s; empty fields get the schema's defaults (status
// scheduled, python, 45 minutes) and the CHECK constraints reject the rest.
func (c *Core) CreateSession(ctx context.Context, s *interview.Session) error {
	const op = "storage.CreateSession"
	if err := c.prepSession(ctx, s); err != nil {
		return mockroom.Wrap(op, err)
	}
	err := c.Write(ctx, func(tx *Tx) error { return c.insertSession(ctx, tx, s) })
	return c.sessionFail(op, err)
}

// prepSession validates the ids of s and fills its defaults.
func (c *Core) prepSession(ctx context.Context, s *interview.Session) error {
	if s == nil {
		return invalid("invalid_session", "a session is required")
	}
	if s.ID == "" {
		s.ID = mockroom.NewID()
	}
	id, ok := normID(s.ID)
	uid, ok2 := normID(s.UserID)
	pid, ok3 := normID(s.ProblemID)
	if !ok || !ok2 || !ok3 {
		return invalid("invalid_id", "the session, user or problem id is not valid")
	}
	if foreign(ctx, uid) {
		return forbidden()
	}
	if s.Status == "" {
		s.Status = interview.StatusScheduled
	}
	if s.Language == "" {
		s.Language = "python"
	}
	if s.DurationMinutes == 0 {
		s.DurationMinutes = 45
	}
	now := c.now()
	if s.CreatedAt.IsZero() {
		s.CreatedAt = now
	}
	if s.UpdatedAt.IsZero() {
		s.UpdatedAt = s.CreatedAt
	}
	s.CreatedAt, s.UpdatedAt = TS(s.CreatedAt), TS(s.UpdatedAt)
	if s.StartedAt != nil {
		t := TS(*s.StartedAt)
		s.StartedAt = &t
	}
	if s.EndedAt != nil {
		t := TS(*s.EndedAt)
		s.EndedAt = &t
	}
	s.ID, s.UserID, s.ProblemID = id, uid, pid
	return nil
}

func (c *Core) insertSession(ctx context.Context, tx *Tx, s *interview.Session) error {
	_, err := tx.Exec(ctx, `INSERT INTO sessions (id, user_id, problem_id, status, difficulty_override, language, duration_minutes,
			started_at, ended_at, duration_seconds, hints_used, test_cases_passed, test_cases_total, credits_consumed, metadata,
			created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.ID, s.UserID, s.ProblemID, s.Status, nullText(s.DifficultyOverride), s.Language, s.DurationMinutes,
		nullTime(c.D, s.StartedAt), nullTime(c.D, s.EndedAt), s.DurationSeconds, s.HintsUsed, s.TestCasesPassed,
		s.TestCasesTotal, s.CreditsConsumed, c.D.JSON(s.Metadata), c.D.Time(s.CreatedAt), c.D.Time(s.UpdatedAt))
	return err
}

func (c *Core) sessionFail(op string, err error) error {
	if err != nil && mockroom.AsError(err) == nil && c.isUnique(err, "") {
		return mockroom.Wrap(op, mockroom.Errorf(mockroom.KindConflict, "session_exists", "that session already exists"))
	}
	return c.fail(op, err)
}

// ListSessions returns the user's sessions with their problems, newest
// first; limit defaults to 20 and is capped at 100.
func (c *Core) ListSessions(ctx context.Context, userID string, limit int) ([]interview.SessionSummary, error) {
	const op = "storage.ListSessions"
	out := []interview.SessionSummary{}
	uid, ok := normID(userID)
	if !ok || foreign(ctx, uid) {
		return out, nil
	}
	limit = clampLimit(limit, 20, 100)
	err := c.Read(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, `SELECT `+sessionCols+`, p.slug, p.title, p.difficulty
			FROM sessions s JOIN problems p ON p.id = s.problem_id
			WHERE s.user_id = ? ORDER BY s.created_at DESC, s.id DESC LIMIT ?`, uid, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var ss interview.SessionSummary
			dest := append(sessionDest(&ss.Session), &ss.ProblemSlug, &ss.ProblemTitle, &ss.ProblemDifficulty)
			if err := rows.Scan(dest...); err != nil {
				return err
			}
			out = append(out, ss)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, c.fail(op, err)
	}
	return out, nil
}

// Session filters by owner in SQL, so a foreign session is indistinguishable
// from a missing one.
func (c *Core) Session(ctx context.Context, userID, id string) (*interview.Session, error) {
	const op = "storage.Session"
	uid, ok := normID(userID)
	sid, ok2 := normID(id)
	if !ok || !ok2 || foreign(ctx, uid) {
		return nil, mockroom.Wrap(op, mockroom.NotFound("session"))
	}
	var s interview.Session
	err := c.Read(ctx, func(tx *Tx) error {
		return tx.QueryRow(ctx, `SELECT `+sessionCols+` FROM sessions s WHERE s.id = ? AND s.user_id = ?`, sid, uid).Scan(sessionDest(&s)...)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, mockroom.Wrap(op, mockroom.NotFound("session"))
	}
	if err != nil {
		return nil, c.fail(op, err)
	}
	return &s, nil
}
