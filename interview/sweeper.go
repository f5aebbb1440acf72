// The sweeper: ends expired sessions, abandons idle ones, takes auto snapshots.

package interview

import (
	"context"
	"crypto/sha256"
	"time"

	"github.com/mockroom/mockroom"
)

// Sweep is the worker's tick: it ends sessions whose time is up, abandons
// those no client has touched for AbandonAfter, and takes auto snapshots of
// code that changed.
func (s *Service) Sweep(ctx context.Context) error {
	ctx = mockroom.AsService(ctx)
	active, err := s.store.ActiveSessions(ctx)
	if err != nil {
		return err
	}
	now := s.clock.Now()
	live := active[:0]
	for i := range active {
		sess := &active[i]
		if s.Remaining(sess) <= 0 {
			reason := "time_up"
			if sess.StartedAt != nil && now.Sub(*sess.StartedAt) >= s.cfg.HardLimit {
				reason = "hard_limit"
			}
			if _, err := s.end(ctx, sess, StatusCompleted, reason); err != nil {
				s.log.WarnContext(ctx, "ending an expired interview", "session_id", sess.ID, "err", err)
			}
			continue
		}
		live = append(live, *sess)
	}
	ids := make([]string, len(live))
	for i := range live {
		ids[i] = live[i].ID
	}
	// One read for every session: shared presence is one round trip.
	// Unreadable presence abandons nothing: a client may be alive on
	// another instance.
	seenAt, err := s.presence.Seen(ctx, ids)
	if err != nil {
		s.presenceFailed("reading presence; abandoning nothing this sweep", "", err)
	}
	for i := range live {
		sess := &live[i]
		if err == nil && s.idle(sess, seenAt, now) {
			if _, err := s.end(ctx, sess, StatusAbandoned, "abandoned"); err != nil {
				s.log.WarnContext(ctx, "abandoning an idle interview", "session_id", sess.ID, "err", err)
			}
			continue
		}
		s.autoSnapshot(ctx, sess, now)
		s.checkStall(ctx, sess, now)
	}
	return nil
}

// idle reports whether no client of sess has been seen for AbandonAfter.
func (s *Service) idle(sess *Session, seenAt map[string]time.Time, now time.Time) bool {
	seen, ok := seenAt[sess.ID]
	if !ok {
		seen = s.started // nobody since this process started: count from then
		if sess.StartedAt != nil && sess.StartedAt.After(seen) {
			seen = *sess.StartedAt
		}
	}
	return now.Sub(seen) >= s.cfg.AbandonAfter
}

func (s *Service) autoSnapshot(ctx context.Context, sess *Session, now time.Time) {
	s.mu.Lock()
	last := s.lastAutoAt[sess.ID]
	s.mu.Unlock()
	if now.Sub(last) < s.cfg.AutoSnapshotEvery {
		return
	}
	live, err := s.store.Live(ctx, sess.ID)
	if err != nil {
		return
	}
	sum := sha256.Sum256([]byte(live.Language + "\x00" + live.Code))
	hash := string(sum[:])
	s.mu.Lock()
	same := s.lastAuto[sess.ID] == hash
	if last.IsZero() && !same {
		// First look since start: remember without snapshotting starter code twice.
		s.lastAuto[sess.ID], s.lastAutoAt[sess.ID] = hash, now
		s.mu.Unlock()
		return
	}
	s.mu.Unlock()
	if same {
		return
	}
	err = s.store.AddSnapshot(ctx, &Snapshot{ID: mockroom.NewID(), SessionID: sess.ID, Code: live.Code, Language: live.Language,
		TimestampMS: s.elapsedMS(sess), Type: SnapshotAuto, CreatedAt: now}, nil)
	if err != nil {
		s.log.WarnContext(ctx, "auto snapshot", "session_id", sess.ID, "err", err)
		return
	}
	s.mu.Lock()
	s.lastAuto[sess.ID], s.lastAutoAt[sess.ID] = hash, now
	s.mu.Unlock()
}

// RunSweeper calls Sweep every interval until ctx ends.
func (s *Service) RunSweeper(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := s.Sweep(ctx); err != nil && ctx.Err() == nil {
				s.log.Warn("interview sweep", "err", err)
			}
		}
	}
}
