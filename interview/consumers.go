// Event consumers: the interviewer reacting to what happens in a session.

package interview

import (
	"context"
	"encoding/json"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/events"
	"github.com/mockroom/mockroom/problem"
)

// InterviewerGroup is the consumer group through which the interviewer
// reacts to what happens in a session.
const InterviewerGroup = "interviewer"

// HandleEvent is the interviewer's consumer: after a run or a submit it says
// something about the result in the conversation. It is safe to deliver
// twice (the bus skips keys already done; a rare duplicate is one more
// remark, never lost work).
func (s *Service) HandleEvent(ctx context.Context, d events.Delivery) error {
	ctx = mockroom.AsService(ctx)
	switch d.Topic {
	case events.CodeExecuted:
		var r ExecutionSummary
		if err := json.Unmarshal(d.Payload, &r); err != nil {
			return nil // a malformed payload will not get better with retries
		}
		return s.react(ctx, d.SessionID, r)
	case events.CodeObserved:
		var o Observation
		if err := json.Unmarshal(d.Payload, &o); err != nil {
			return nil
		}
		if n, ok := s.interviewer.(Nudger); ok {
			s.nudge(ctx, n, d.SessionID, Signal{Kind: SignalObservation, Observation: &o})
		}
	}
	return nil
}

// react lets the interviewer comment on a run or submit result.
func (s *Service) react(ctx context.Context, sessionID string, r ExecutionSummary) error {
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
		text, ierr = s.interviewer.React(ictx, p, sess, r, func(delta string) {
			if delta != "" {
				streamed = true
				s.notify(sess.ID, Notice{Delta: &Delta{Text: delta}})
			}
		})
		if streamed {
			s.notify(sess.ID, Notice{Delta: &Delta{Final: true}})
		}
	})
	if mockroom.IsKind(err, mockroom.KindNotFound) || (err == nil && sess == nil) {
		return nil
	}
	if err != nil {
		return err
	}
	if ierr != nil {
		if !silent(ierr) {
			// A remark is worth less than a retry storm against a failing model.
			s.log.WarnContext(ctx, "the interviewer's remark on a run failed", "session_id", sess.ID, "err", ierr)
		}
		return nil
	}
	if text == "" {
		return nil
	}
	return s.sayInterviewer(ctx, sess, text)
}
