// The candidate's code: saves and snapshots.

package interview

import (
	"context"
	"fmt"
	"unicode/utf8"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/events"
	"github.com/mockroom/mockroom/judge"
)

// SaveCode stores the candidate's code durably. seq > 0 comes from the
// realtime protocol (idempotent re-sends); 0 is a plain REST save.
func (s *Service) SaveCode(ctx context.Context, userID, id, code, language string, seq int64, manual bool) (bool, error) {
	if err := checkSeq(seq); err != nil {
		return false, err
	}
	if len(code) > judge.MaxCodeBytes {
		return false, mockroom.Errorf(mockroom.KindTooLarge, "code_too_large", "code is larger than %d KiB; trim it to save", judge.MaxCodeBytes>>10)
	}
	if !utf8.ValidString(code) {
		return false, invalid("invalid_field", "code must be UTF-8 text")
	}
	sess, err := s.activeSession(ctx, userID, id)
	if err != nil {
		return false, err
	}
	if language == "" {
		language = sess.Language
	}
	if language != sess.Language {
		return false, invalid("language_mismatch", "the session's language is %s; switch languages first", sess.Language)
	}
	now := s.clock.Now()
	var ev *events.Event
	s.mu.Lock()
	if now.Sub(s.lastEditEv[id]) >= s.cfg.EditEventEvery {
		e := event(events.CodeEdited, sess, fmt.Sprintf("%d:%d", seq, now.UnixNano()), map[string]any{"code": code, "language": language, "seq": seq}, now)
		ev = &e
		s.lastEditEv[id] = now
	}
	s.mu.Unlock()
	applied, err := s.store.SaveCode(ctx, id, code, language, seq, now, ev)
	if err != nil {
		return false, err
	}
	if manual {
		err = s.store.AddSnapshot(ctx, &Snapshot{ID: mockroom.NewID(), SessionID: id, Code: code, Language: language,
			TimestampMS: s.elapsedMS(sess), Type: SnapshotManual, CreatedAt: now}, nil)
	}
	return applied, err
}

// SubmitStats counts every candidate's submits per problem id: aggregate
// numbers for the library's acceptance rate.
func (s *Service) SubmitStats(ctx context.Context) (map[string]SubmitStats, error) {
	return s.store.SubmitStats(mockroom.AsService(ctx))
}

// Progress is the user's standing on each problem they have tried.
func (s *Service) Progress(ctx context.Context, userID string) (map[string]string, error) {
	return s.store.Progress(ctx, userID)
}

// Snapshots returns the stored code versions.
func (s *Service) Snapshots(ctx context.Context, userID, id string) ([]Snapshot, error) {
	if _, err := s.Session(ctx, userID, id); err != nil {
		return nil, err
	}
	return s.store.Snapshots(ctx, id)
}
