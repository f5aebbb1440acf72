// The conversation: the candidate's messages, the interviewer's replies, hints.

package interview

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/events"
	"github.com/mockroom/mockroom/governance/redact"
)

// say stores one transcript line and pushes it to the session's rooms.
func (s *Service) say(ctx context.Context, sess *Session, speaker, content string, seq int64) (bool, error) {
	_, applied, err := s.sayCapped(ctx, sess, speaker, content, seq, 0)
	return applied, err
}

// sayCapped is say refusing the line (KindConflict "conversation_full") when
// the conversation already holds maxLines lines; 0 means no cap.
func (s *Service) sayCapped(ctx context.Context, sess *Session, speaker, content string, seq int64, maxLines int) (*Transcript, bool, error) {
	return s.sayLine(ctx, sess, speaker, content, seq, maxLines, nil)
}

// sayLine is sayCapped with the line's metadata. Every line is stored
// redacted (seed section 7: PII minimisation): the candidate's addresses,
// phone numbers and names never reach the transcript, nor, through it, a
// model provider.
func (s *Service) sayLine(ctx context.Context, sess *Session, speaker, content string, seq int64, maxLines int, meta json.RawMessage) (*Transcript, bool, error) {
	now := s.clock.Now()
	var names []string
	if s.cfg.Names != nil {
		names = s.cfg.Names(ctx, sess.UserID)
	}
	content = redact.New(names...).Text(content)
	t := &Transcript{ID: mockroom.NewID(), SessionID: sess.ID, Speaker: speaker, Content: content, CreatedAt: now, Metadata: meta}
	if sess.StartedAt != nil {
		t.TimestampMS = now.Sub(*sess.StartedAt).Milliseconds()
	}
	applied, err := s.store.AddTranscript(ctx, t, seq, maxLines)
	if err != nil || !applied {
		return nil, applied, err
	}
	s.notify(sess.ID, Notice{Transcript: t})
	return t, true, nil
}

// Lines said when the interviewer fails: the candidate is never left
// wondering whether they were heard.
const (
	fallbackReply    = "Sorry — I lost my train of thought; could you say that again?"
	fallbackGreeting = "Hi, I'm your interviewer today. Take a minute to read the problem, then tell me how you understand it — and think out loud as you go."
)

// Chat stores a candidate's message and schedules the interviewer's answer.
// The message is durable when Chat returns (that is what a realtime ack
// means); the answer is produced afterwards on the session's reply worker,
// streamed as Delta notices and stored as a Transcript, so a slow or failing
// interviewer never holds up the caller. replied closes once the answer is
// stored, given up or cancelled (at once when nothing was scheduled).
//
// The conversation is capped at MaxTranscript lines (the candidate's lines
// are refused past it; the interviewer's answer, hints and remarks still
// land), and the answer reads only the latest ReplyWindow lines, so a
// message costs the same at the end of a long interview as at its start.
func (s *Service) Chat(ctx context.Context, userID, id, text string, seq int64) (applied bool, replied <-chan struct{}, err error) {
	none := make(chan struct{})
	close(none)
	if err := checkSeq(seq); err != nil {
		return false, none, err
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return false, none, invalid("invalid_field", "text must not be empty")
	}
	if utf8.RuneCountInString(text) > 4000 {
		return false, none, mockroom.Errorf(mockroom.KindTooLarge, "message_too_long", "a message can be at most 4000 characters")
	}
	sess, err := s.activeSession(ctx, userID, id)
	if err != nil {
		return false, none, err
	}
	line, applied, err := s.sayCapped(ctx, sess, SpeakerCandidate, text, seq, s.cfg.MaxTranscript)
	if e := mockroom.AsError(err); e != nil && e.Code == "conversation_full" {
		return false, none, mockroom.Errorf(mockroom.KindConflict, "conversation_full",
			"this interview's conversation is full (%d lines); keep coding — your code still saves and runs", s.cfg.MaxTranscript)
	}
	if err != nil || !applied {
		return applied, none, err
	}
	return true, s.enqueue(id, func(ctx context.Context) { s.reply(ctx, sess, line) }), nil
}

// reply produces and stores the interviewer's answer to line. ctx ends with
// the session (or the service): a cancelled answer says nothing, a failed or
// timed-out one says fallbackReply, a deliberate silence (ErrSilent) nothing.
// The session is read afresh under its state lock, so the interviewer sees
// the state its previous turns left.
func (s *Service) reply(ctx context.Context, sess *Session, line *Transcript) {
	var text string
	var ierr error
	cur, err := s.withInterviewer(ctx, sess.ID, func(cur *Session) {
		turn, err := s.turn(ctx, cur, line.Content)
		if err != nil {
			ierr = err
			return
		}
		ictx, cancel := s.interviewerCtx(ctx)
		defer cancel()
		text, ierr = s.interviewer.Reply(ictx, turn, func(delta string) {
			if delta != "" && ictx.Err() == nil {
				s.notify(cur.ID, Notice{Delta: &Delta{ReplyTo: line.ID, Text: delta}})
			}
		})
		s.notify(cur.ID, Notice{Delta: &Delta{ReplyTo: line.ID, Final: true}})
	})
	if err != nil {
		s.log.WarnContext(ctx, "reading the session to reply", "session_id", sess.ID, "err", err)
		return
	}
	if cur == nil || ctx.Err() != nil {
		return // the session ended or the server is stopping: nobody to answer
	}
	if silent(ierr) {
		return
	}
	if ierr == nil && strings.TrimSpace(text) == "" {
		ierr = errors.New("the interviewer said nothing")
	}
	if ierr != nil {
		s.log.WarnContext(ctx, "the interviewer's reply failed", "session_id", sess.ID, "err", ierr)
		text = fallbackReply
	}
	if err := s.sayInterviewer(ctx, cur, text); err != nil {
		s.log.WarnContext(ctx, "storing the interviewer's reply", "session_id", sess.ID, "err", err)
	}
}

// turn is what the interviewer reads to answer message in cur: the
// problem, the latest lines, the live code.
func (s *Service) turn(ctx context.Context, cur *Session, message string) (Turn, error) {
	p, err := s.problems.ProblemByID(ctx, cur.ProblemID)
	if err != nil {
		return Turn{}, err
	}
	history, err := s.store.RecentTranscripts(ctx, cur.ID, s.cfg.ReplyWindow)
	if err != nil {
		return Turn{}, err
	}
	t := Turn{Problem: p, Session: cur, History: history, Message: message, Language: cur.Language}
	if live, err := s.store.Live(ctx, cur.ID); err == nil {
		t.Code, t.Language = live.Code, live.Language
	}
	return t, nil
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
	ictx, cancel := s.interviewerCtx(ctx)
	text, ierr := s.interviewer.Hint(ictx, p, used, len(p.Hints), p.Hints[used-1])
	cancel()
	if ierr != nil || strings.TrimSpace(text) == "" {
		// The hint is counted already: hand it out as written.
		s.log.WarnContext(ctx, "the interviewer's hint failed", "session_id", id, "err", ierr)
		text = fmt.Sprintf("Hint %d of %d: %s", used, len(p.Hints), p.Hints[used-1])
	}
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
