// Voice: what a spoken interview needs of the interview service. The voice
// relay (voice/relay) owns the speech model's connection; the service
// gives it the interviewer's instructions and the conversation so far,
// and stores what was said aloud as transcript lines, so the evaluator
// reads a spoken interview like a typed one.

package interview

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/problem"
)

// VoiceBrief is what the interviewer's instructions for a speech model are
// written from: everything the text interviewer reads, and the time left.
type VoiceBrief struct {
	Problem    *problem.Problem // never with a reference solution or hidden tests
	Session    *Session         // the interviewer's state (phase, observer finding, last run) is in its metadata
	Code       string
	Language   string
	Remaining  time.Duration
	HintsUsed  int
	HintsTotal int
}

// VoiceBriefer writes a speech model's instructions (agents/interviewer).
type VoiceBriefer interface {
	VoiceInstructions(b VoiceBrief) string
}

// Tracker follows a line the candidate said aloud without answering it: the
// speech model answers, but the interviewer's state (the phase, what was
// asked) must still move with the conversation. Interviewers may implement it.
type Tracker interface {
	Track(t Turn)
}

// VoiceContext is what a speech model is (re)connected with.
type VoiceContext struct {
	Instructions string
	History      []Transcript // the latest ReplyWindow lines, oldest first
}

// VoiceContext returns the instructions and the recent conversation for a
// speech model in session id, or KindUnavailable when the interviewer
// cannot brief one.
func (s *Service) VoiceContext(ctx context.Context, userID, id string) (*VoiceContext, error) {
	sess, err := s.activeSession(ctx, userID, id)
	if err != nil {
		return nil, err
	}
	b, ok := s.interviewer.(VoiceBriefer)
	if !ok {
		return nil, mockroom.Errorf(mockroom.KindUnavailable, "voice_unavailable", "this interviewer cannot speak; use the chat")
	}
	p, err := s.problems.ProblemByID(ctx, sess.ProblemID)
	if err != nil {
		return nil, err
	}
	brief := VoiceBrief{Problem: p, Session: sess, Language: sess.Language, Remaining: s.Remaining(sess),
		HintsUsed: sess.HintsUsed, HintsTotal: len(p.Hints)}
	if live, err := s.store.Live(ctx, sess.ID); err == nil {
		brief.Code, brief.Language = live.Code, live.Language
	}
	history, err := s.store.RecentTranscripts(ctx, sess.ID, s.cfg.ReplyWindow)
	if err != nil {
		return nil, err
	}
	return &VoiceContext{Instructions: b.VoiceInstructions(brief), History: history}, nil
}

// Spoken stores a line said aloud in session id: the candidate's (as the
// speech model transcribed it) or the interviewer's (what the model said;
// cut marks an answer the candidate talked over). A candidate's line moves
// the interviewer's state along when track is set (the model answered it,
// not our interviewer). The line carries {"voice": true} in its metadata
// and reaches the rooms like any other.
func (s *Service) Spoken(ctx context.Context, userID, id, speaker, text string, cut, track bool) (*Transcript, error) {
	text = strings.TrimSpace(strings.ReplaceAll(text, "\x00", ""))
	if text == "" {
		return nil, nil
	}
	if speaker != SpeakerCandidate && speaker != SpeakerInterviewer {
		return nil, invalid("invalid_field", "a spoken line is the candidate's or the interviewer's")
	}
	if r := []rune(text); len(r) > 4000 {
		text = string(r[:4000])
	}
	sess, err := s.activeSession(ctx, userID, id)
	if err != nil {
		return nil, err
	}
	s.touch(sess.ID)
	meta := map[string]any{"voice": true}
	if cut {
		meta["cut"] = true
		text += " —"
	}
	if speaker == SpeakerInterviewer {
		meta["phase"] = StateOf(sess).Phase
	}
	raw, _ := json.Marshal(meta)
	// Spoken lines are not capped: a conversation the candidate has filled
	// by typing still hears what is said aloud.
	line, _, err := s.sayLine(ctx, sess, speaker, text, 0, 0, raw)
	if err != nil || line == nil {
		return line, err
	}
	if tr, ok := s.interviewer.(Tracker); ok && track && speaker == SpeakerCandidate {
		s.withInterviewer(ctx, sess.ID, func(cur *Session) {
			if turn, err := s.turn(ctx, cur, line.Content); err == nil {
				tr.Track(turn)
			}
		})
	}
	return line, nil
}

// VoiceReply is our interviewer answering a line the candidate said aloud
// (the local speech cascade: speech-to-text, this, text-to-speech). It
// moves the interviewer's state like a typed message and streams the
// answer through emit; the caller stores both lines with Spoken. An
// interviewer that chooses silence returns "".
func (s *Service) VoiceReply(ctx context.Context, userID, id, utterance string, emit func(delta string)) (string, error) {
	sess, err := s.activeSession(ctx, userID, id)
	if err != nil {
		return "", err
	}
	var text string
	var ierr error
	_, err = s.withInterviewer(ctx, sess.ID, func(cur *Session) {
		turn, err := s.turn(ctx, cur, utterance)
		if err != nil {
			ierr = err
			return
		}
		ictx, cancel := s.interviewerCtx(ctx)
		defer cancel()
		text, ierr = s.interviewer.Reply(ictx, turn, emit)
	})
	if err != nil {
		return "", err
	}
	if silent(ierr) {
		return "", nil
	}
	if ierr != nil {
		s.log.WarnContext(ctx, "the interviewer's spoken reply failed", "session_id", id, "err", ierr)
		return fallbackReply, nil
	}
	return text, nil
}
