// A session's lifecycle: start, the clock, updates, the end.

package interview

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/events"
	"github.com/mockroom/mockroom/judge"
)

// Durations a candidate may pick.
var Durations = []int{30, 45, 60}

// EndsAt is when the session's timer runs out: its chosen duration, never
// past the hard limit.
func (s *Service) EndsAt(sess *Session) time.Time {
	if sess.StartedAt == nil {
		return s.clock.Now()
	}
	d := time.Duration(sess.DurationMinutes) * time.Minute
	if d <= 0 || d > s.cfg.HardLimit {
		d = s.cfg.HardLimit
	}
	return sess.StartedAt.Add(d)
}

// Remaining is the time left on the session's clock (0 once ended).
func (s *Service) Remaining(sess *Session) time.Duration {
	if sess.Status != StatusActive {
		return 0
	}
	r := s.EndsAt(sess).Sub(s.clock.Now())
	if r < 0 {
		return 0
	}
	return r
}

// Start creates an active interview and takes one credit, atomically.
func (s *Service) Start(ctx context.Context, userID, problemID, language string, minutes int) (*Session, error) {
	const op = "interview.Start"
	if !mockroom.ValidID(problemID) {
		return nil, invalid("invalid_field", "problem_id must be a problem id")
	}
	if !slices.Contains(Durations, minutes) {
		return nil, invalid("invalid_field", "duration_minutes must be 30, 45 or 60")
	}
	p, err := s.problems.ProblemByID(ctx, problemID)
	if err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	if !slices.Contains(s.Languages(p), language) {
		return nil, invalid("language_unavailable", "%q is not available for this problem; choose one of %s", language, strings.Join(s.Languages(p), ", "))
	}
	now := s.clock.Now()
	cost := 1
	if s.cfg.UnlimitedCredits {
		cost = 0
	}
	sess := &Session{ID: mockroom.NewID(), UserID: userID, ProblemID: p.ID, Status: StatusActive, Language: language,
		DurationMinutes: minutes, StartedAt: &now, CreditsConsumed: cost, CreatedAt: now, UpdatedAt: now}
	ev := event(events.SessionStarted, sess, "start", map[string]any{"problem_id": p.ID, "language": language, "duration_minutes": minutes}, now)
	if err := s.store.StartSession(ctx, sess, p.StarterCode[language], s.cfg.MaxActive, cost, ev); err != nil {
		if mockroom.IsKind(err, mockroom.KindPaymentRequired) {
			return nil, mockroom.Errorf(mockroom.KindPaymentRequired, "insufficient_credits",
				"you have no interview credits left; the administrator of this server can grant more with `mockroom credits grant`")
		}
		return nil, mockroom.Wrap(op, err)
	}
	s.touch(sess.ID)
	ictx, cancel := s.interviewerCtx(ctx)
	before := sess.Metadata
	greeting, err := s.interviewer.Greeting(ictx, p, sess)
	cancel()
	s.saveState(ctx, sess, before)
	if err != nil || strings.TrimSpace(greeting) == "" {
		// The session is started and paid for: open it with a plain line
		// rather than none.
		s.log.WarnContext(ctx, "the interviewer's greeting failed", "session_id", sess.ID, "err", err)
		greeting = fallbackGreeting
	}
	if err := s.sayInterviewer(ctx, sess, greeting); err != nil {
		s.log.WarnContext(ctx, "storing the greeting", "session_id", sess.ID, "err", err)
	}
	return sess, nil
}

// Session returns the user's session, or KindNotFound.
func (s *Service) Session(ctx context.Context, userID, id string) (*Session, error) {
	if !mockroom.ValidID(id) {
		return nil, mockroom.NotFound("session")
	}
	return s.store.Session(ctx, userID, id)
}

// activeSession returns the user's session and refuses one that has ended.
func (s *Service) activeSession(ctx context.Context, userID, id string) (*Session, error) {
	sess, err := s.Session(ctx, userID, id)
	if err != nil {
		return nil, err
	}
	if sess.Status != StatusActive {
		return nil, mockroom.Errorf(mockroom.KindConflict, "session_ended", "this interview has ended; open its summary to review it")
	}
	if s.Remaining(sess) <= 0 {
		s.end(ctx, sess, StatusCompleted, "time_up")
		return nil, mockroom.Errorf(mockroom.KindConflict, "session_ended", "time is up for this interview; open its summary to review it")
	}
	s.touch(id)
	return sess, nil
}

// List returns the user's sessions.
func (s *Service) List(ctx context.Context, userID string) ([]SessionSummary, error) {
	return s.store.ListSessions(ctx, userID, 100)
}

// Live returns the session's current code.
func (s *Service) Live(ctx context.Context, userID, id string) (*Session, *Live, error) {
	sess, err := s.Session(ctx, userID, id)
	if err != nil {
		return nil, nil, err
	}
	if sess.Status == StatusActive {
		s.touch(id)
	}
	live, err := s.store.Live(ctx, id)
	return sess, live, err
}

// Update is the PATCH: switch language, or complete the session. Code, with
// a language switch, is the editor's text in the language being left: it is
// kept with the switch, in the same transaction.
type Update struct {
	Language *string
	Code     *string
	Status   *string
}

// Update applies a candidate's change to an active session.
func (s *Service) Update(ctx context.Context, userID, id string, u Update) (*Session, error) {
	sess, err := s.activeSession(ctx, userID, id)
	if err != nil {
		return nil, err
	}
	if u.Status != nil {
		if *u.Status != StatusCompleted {
			return nil, invalid("invalid_field", "status can only be set to completed (use POST /end)")
		}
		return s.End(ctx, userID, id)
	}
	if u.Language == nil {
		return sess, nil
	}
	if u.Code != nil {
		if len(*u.Code) > judge.MaxCodeBytes {
			return nil, mockroom.Errorf(mockroom.KindTooLarge, "code_too_large", "code is larger than %d KiB; trim it to save", judge.MaxCodeBytes>>10)
		}
		if !utf8.ValidString(*u.Code) {
			return nil, invalid("invalid_field", "code must be UTF-8 text")
		}
	}
	p, err := s.problems.ProblemByID(ctx, sess.ProblemID)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(s.Languages(p), *u.Language) {
		return nil, invalid("language_unavailable", "%q is not available for this problem; choose one of %s", *u.Language, strings.Join(s.Languages(p), ", "))
	}
	// One transaction: the code being left is stored before anything is
	// replaced, so a failed write loses nothing the candidate wrote.
	sess, _, err = s.store.SwitchLanguage(ctx, id, *u.Language, u.Code, p.StarterCode, s.clock.Now())
	if err != nil {
		return nil, mockroom.Wrap("interview.Update", err)
	}
	return sess, nil
}

func (s *Service) elapsedMS(sess *Session) int64 {
	if sess.StartedAt == nil {
		return 0
	}
	return s.clock.Now().Sub(*sess.StartedAt).Milliseconds()
}

// End completes the session at the candidate's request.
func (s *Service) End(ctx context.Context, userID, id string) (*Session, error) {
	sess, err := s.Session(ctx, userID, id)
	if err != nil {
		return nil, err
	}
	if sess.Status != StatusActive {
		return sess, nil
	}
	return s.end(ctx, sess, StatusCompleted, "candidate_ended")
}

// end moves sess to status with a final snapshot of the live code.
func (s *Service) end(ctx context.Context, sess *Session, status, reason string) (*Session, error) {
	now := s.clock.Now()
	var final *Snapshot
	if live, err := s.store.Live(ctx, sess.ID); err == nil {
		final = &Snapshot{ID: mockroom.NewID(), SessionID: sess.ID, Code: live.Code, Language: live.Language,
			TimestampMS: s.elapsedMS(sess), Type: SnapshotFinal, CreatedAt: now}
	}
	ev := event(events.SessionEnded, sess, "end", map[string]any{"status": status, "reason": reason}, now)
	ended, did, err := s.store.EndSession(ctx, sess.ID, status, now, final, ev)
	if err != nil {
		return nil, mockroom.Wrap("interview.end", err)
	}
	if did {
		s.log.InfoContext(ctx, "interview ended", "session_id", sess.ID, "status", status, "reason", reason)
		s.forget(sess.ID)
		s.notify(sess.ID, Notice{Ended: ended, Reason: reason})
	}
	return ended, nil
}

// Touch records that a client of the session is alive (a WebSocket frame,
// a ping, or a REST poll).
func (s *Service) Touch(sessionID string) { s.touch(sessionID) }

// presenceTimeout bounds a call to a shared presence (Redis): a touch is
// made on the path of a socket frame and must not hold it up for long.
const presenceTimeout = time.Second

func (s *Service) touch(id string) {
	ctx, cancel := context.WithTimeout(context.Background(), presenceTimeout)
	defer cancel()
	if err := s.presence.Touch(ctx, id, s.clock.Now()); err != nil {
		s.presenceFailed("recording a client's presence", id, err)
	}
}

// presenceFailed logs a presence failure, at most one every half minute:
// while Redis is down every frame of every room would log one.
func (s *Service) presenceFailed(what, id string, err error) {
	now := s.clock.Now()
	s.mu.Lock()
	quiet := now.Sub(s.lastPresenceErr) < 30*time.Second && !s.lastPresenceErr.IsZero()
	if !quiet {
		s.lastPresenceErr = now
	}
	s.mu.Unlock()
	if !quiet {
		s.log.Warn("interview presence: "+what, "session_id", id, "err", err)
	}
}

func (s *Service) forget(id string) {
	ctx, cancel := context.WithTimeout(context.Background(), presenceTimeout)
	if err := s.presence.Forget(ctx, id); err != nil {
		// The key expires on its own; the session is no longer swept.
		s.presenceFailed("forgetting an ended session", id, err)
	}
	cancel()
	s.mu.Lock()
	delete(s.lastEditEv, id)
	delete(s.lastAuto, id)
	delete(s.lastAutoAt, id)
	delete(s.lastStallCheck, id)
	s.cancelReplies(id)
	s.mu.Unlock()
}

// ExpireIfDue ends sess when its time is up; it reports whether it did.
func (s *Service) ExpireIfDue(ctx context.Context, sess *Session) bool {
	if sess.Status != StatusActive || s.Remaining(sess) > 0 {
		return false
	}
	reason := "time_up"
	if sess.StartedAt != nil && s.clock.Now().Sub(*sess.StartedAt) >= s.cfg.HardLimit {
		reason = "hard_limit"
	}
	_, err := s.end(ctx, sess, StatusCompleted, reason)
	return err == nil
}
