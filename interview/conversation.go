// The conversation: the candidate's messages, the interviewer's replies, hints.

package interview

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/events"
)

// say stores one transcript line and pushes it to the session's rooms.
func (s *Service) say(ctx context.Context, sess *Session, speaker, content string, seq int64) (bool, error) {
	return s.sayCapped(ctx, sess, speaker, content, seq, 0)
}

// sayCapped is say refusing the line (KindConflict "conversation_full") when
// the conversation already holds maxLines lines; 0 means no cap.
func (s *Service) sayCapped(ctx context.Context, sess *Session, speaker, content string, seq int64, maxLines int) (bool, error) {
	now := s.clock.Now()
	t := &Transcript{ID: mockroom.NewID(), SessionID: sess.ID, Speaker: speaker, Content: content, CreatedAt: now}
	if sess.StartedAt != nil {
		t.TimestampMS = now.Sub(*sess.StartedAt).Milliseconds()
	}
	applied, err := s.store.AddTranscript(ctx, t, seq, maxLines)
	if err != nil || !applied {
		return applied, err
	}
	s.notify(sess.ID, Notice{Transcript: t})
	return true, nil
}

// Chat stores a candidate's message and the interviewer's answer. The
// conversation is capped at MaxTranscript lines (the candidate's lines are
// refused past it; the interviewer's answer, hints and remarks still land),
// and the answer reads only the latest ReplyWindow lines, so a message costs
// the same at the end of a long interview as at its start.
func (s *Service) Chat(ctx context.Context, userID, id, text string, seq int64) (bool, error) {
	if err := checkSeq(seq); err != nil {
		return false, err
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return false, invalid("invalid_field", "text must not be empty")
	}
	if utf8.RuneCountInString(text) > 4000 {
		return false, mockroom.Errorf(mockroom.KindTooLarge, "message_too_long", "a message can be at most 4000 characters")
	}
	sess, err := s.activeSession(ctx, userID, id)
	if err != nil {
		return false, err
	}
	applied, err := s.sayCapped(ctx, sess, SpeakerCandidate, text, seq, s.cfg.MaxTranscript)
	if e := mockroom.AsError(err); e != nil && e.Code == "conversation_full" {
		return false, mockroom.Errorf(mockroom.KindConflict, "conversation_full",
			"this interview's conversation is full (%d lines); keep coding — your code still saves and runs", s.cfg.MaxTranscript)
	}
	if err != nil || !applied {
		return applied, err
	}
	p, err := s.problems.ProblemByID(ctx, sess.ProblemID)
	if err != nil {
		return true, nil
	}
	history, _ := s.store.RecentTranscripts(ctx, id, s.cfg.ReplyWindow)
	if _, err := s.say(ctx, sess, SpeakerInterviewer, s.interviewer.Reply(p, sess, history, text), 0); err != nil {
		s.log.WarnContext(ctx, "storing the interviewer's reply", "session_id", id, "err", err)
	}
	return true, nil
}

// Hint hands out the next progressive hint.
func (s *Service) Hint(ctx context.Context, userID, id string, seq int64) (text string, used int, applied bool, err error) {
	if err := checkSeq(seq); err != nil {
		return "", 0, false, err
	}
	sess, err := s.activeSession(ctx, userID, id)
	if err != nil {
		return "", 0, false, err
	}
	p, err := s.problems.ProblemByID(ctx, sess.ProblemID)
	if err != nil {
		return "", 0, false, err
	}
	if len(p.Hints) == 0 {
		return "", 0, false, mockroom.Errorf(mockroom.KindConflict, "no_more_hints", "this problem has no hints; ask the interviewer instead")
	}
	now := s.clock.Now()
	ev := event(events.HintRequested, sess, fmt.Sprintf("%d", sess.HintsUsed+1), map[string]any{"hint_number": sess.HintsUsed + 1}, now)
	used, applied, err = s.store.UseHint(ctx, id, len(p.Hints), seq, ev)
	if err != nil {
		if mockroom.IsKind(err, mockroom.KindConflict) {
			return "", used, false, mockroom.Errorf(mockroom.KindConflict, "no_more_hints", "you have used all %d hints; talk it through with the interviewer", len(p.Hints))
		}
		return "", 0, false, err
	}
	if used < 1 || used > len(p.Hints) {
		return "", used, applied, nil
	}
	text = s.interviewer.Hint(p, used, len(p.Hints), p.Hints[used-1])
	if applied {
		if _, err := s.say(ctx, sess, SpeakerInterviewer, text, 0); err != nil {
			return "", used, applied, err
		}
	}
	return text, used, applied, nil
}

// Transcript returns the conversation.
func (s *Service) Transcript(ctx context.Context, userID, id string) ([]Transcript, error) {
	if _, err := s.Session(ctx, userID, id); err != nil {
		return nil, err
	}
	return s.store.Transcripts(ctx, id)
}

// RecentTranscript returns the latest ReplyWindow lines of the conversation,
// oldest first: what a chat answer over REST carries.
func (s *Service) RecentTranscript(ctx context.Context, userID, id string) ([]Transcript, error) {
	if _, err := s.Session(ctx, userID, id); err != nil {
		return nil, err
	}
	return s.store.RecentTranscripts(ctx, id, s.cfg.ReplyWindow)
}

// HintsTotal is how many hints the session's problem has.
func (s *Service) HintsTotal(ctx context.Context, sess *Session) int {
	p, err := s.problems.ProblemByID(ctx, sess.ProblemID)
	if err != nil {
		return 0
	}
	return len(p.Hints)
}
