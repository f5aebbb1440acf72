// The interviewer's state kept per session, and its patience: the sweeper
// notices a stall from the last edit or message, and the interviewer speaks
// on signals (a stall, an observer finding) only through the Nudger port.

package interview

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"hash/fnv"
	"strings"
	"time"

	"github.com/mockroom/mockroom/problem"
)

// stateLock serialises the interviewer's read-modify-write of a session's
// state within this process (a reply, a remark on a run, a nudge).
func (s *Service) stateLock(sessionID string) func() {
	h := fnv.New32a()
	h.Write([]byte(sessionID))
	m := &s.stateMu[h.Sum32()%uint32(len(s.stateMu))]
	m.Lock()
	return m.Unlock
}

// withInterviewer runs speak on a freshly read session under its state
// lock, then stores the interviewer's state when speak changed it. It
// returns the session as speak left it, or nil when the session is gone or
// no longer active.
func (s *Service) withInterviewer(ctx context.Context, sessionID string, speak func(sess *Session)) (*Session, error) {
	unlock := s.stateLock(sessionID)
	defer unlock()
	sess, err := s.store.SessionByID(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	if sess.Status != StatusActive {
		return nil, nil
	}
	before := bytes.Clone(sess.Metadata)
	speak(sess)
	s.saveState(ctx, sess, before)
	return sess, nil
}

// saveState writes the session's metadata when it differs from before, and
// only the metadata (a hint used or a submit judged meanwhile keeps its counts).
func (s *Service) saveState(ctx context.Context, sess *Session, before json.RawMessage) {
	if bytes.Equal(before, sess.Metadata) {
		return
	}
	if err := s.store.SetInterviewerState(ctx, sess.ID, sess.Metadata); err != nil {
		s.log.WarnContext(ctx, "storing the interviewer's state", "session_id", sess.ID, "err", err)
	}
}

// sayInterviewer stores an interviewer line with the phase it was said in
// (the room shows the phase from it).
func (s *Service) sayInterviewer(ctx context.Context, sess *Session, text string) error {
	meta, _ := json.Marshal(map[string]string{"phase": StateOf(sess).Phase})
	_, _, err := s.sayLine(ctx, sess, SpeakerInterviewer, text, 0, 0, meta)
	return err
}

// silent reports whether err is the interviewer choosing to say nothing.
func silent(err error) bool { return errors.Is(err, ErrSilent) }

// stallCheckEvery spaces one session's stall checks: patience is counted in
// minutes, so a few seconds late is fine.
const stallCheckEvery = 10 * time.Second

// checkStall asks the interviewer to speak when nothing has happened in the
// session for longer than the patience: no edit (the live code's time), no
// line of conversation. A candidate who said they are thinking gets twice
// the patience. It reads only durable times, so it works after a restart
// and on any instance.
func (s *Service) checkStall(ctx context.Context, sess *Session, now time.Time) {
	nudger, ok := s.interviewer.(Nudger)
	if !ok {
		return
	}
	// Two reads per session: at most every stallCheckEvery, not every sweep.
	s.mu.Lock()
	if now.Sub(s.lastStallCheck[sess.ID]) < stallCheckEvery {
		s.mu.Unlock()
		return
	}
	s.lastStallCheck[sess.ID] = now
	s.mu.Unlock()
	last := time.Time{}
	if sess.StartedAt != nil {
		last = *sess.StartedAt
	}
	if live, err := s.store.Live(ctx, sess.ID); err == nil && live.UpdatedAt.After(last) {
		last = live.UpdatedAt
	}
	if lines, err := s.store.RecentTranscripts(ctx, sess.ID, 1); err == nil && len(lines) > 0 && lines[0].CreatedAt.After(last) {
		last = lines[0].CreatedAt
	}
	patience := s.cfg.Patience
	if StateOf(sess).Thinking {
		patience *= 2
	}
	idle := now.Sub(last)
	if idle < patience {
		return
	}
	s.nudge(ctx, nudger, sess.ID, Signal{Kind: SignalStall, Idle: idle})
}

// nudge lets the interviewer speak on sig; what it says is stored.
func (s *Service) nudge(ctx context.Context, nudger Nudger, sessionID string, sig Signal) {
	var text string
	var ierr error
	sess, err := s.withInterviewer(ctx, sessionID, func(sess *Session) {
		var p *problem.Problem
		if p, ierr = s.problems.ProblemByID(ctx, sess.ProblemID); ierr != nil {
			return
		}
		ictx, cancel := s.interviewerCtx(ctx)
		defer cancel()
		streamed := false
		text, ierr = nudger.Nudge(ictx, p, sess, sig, func(delta string) {
			if delta != "" {
				streamed = true
				s.notify(sessionID, Notice{Delta: &Delta{Text: delta}})
			}
		})
		if streamed {
			s.notify(sessionID, Notice{Delta: &Delta{Final: true}})
		}
	})
	if err != nil || sess == nil {
		return
	}
	if ierr != nil && !silent(ierr) {
		s.log.WarnContext(ctx, "the interviewer's nudge failed", "session_id", sessionID, "signal", sig.Kind, "err", ierr)
		return
	}
	if ierr != nil || strings.TrimSpace(text) == "" {
		return
	}
	if err := s.sayInterviewer(ctx, sess, text); err != nil {
		s.log.WarnContext(ctx, "storing the interviewer's nudge", "session_id", sessionID, "err", err)
	}
}
