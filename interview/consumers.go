// Event consumers: the interviewer reacting to what happens in a session.

package interview

import (
	"context"
	"encoding/json"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/events"
)

// InterviewerGroup is the consumer group through which the interviewer
// reacts to what happens in a session.
const InterviewerGroup = "interviewer"

// HandleEvent is the interviewer's consumer: after a run or a submit it says
// something about the result in the conversation. It is safe to deliver
// twice (the bus skips keys already done; a rare duplicate is one more
// remark, never lost work).
func (s *Service) HandleEvent(ctx context.Context, d events.Delivery) error {
	if d.Topic != events.CodeExecuted {
		return nil
	}
	ctx = mockroom.AsService(ctx)
	var r ExecutionSummary
	if err := json.Unmarshal(d.Payload, &r); err != nil {
		return nil // a malformed payload will not get better with retries
	}
	sess, err := s.store.SessionByID(ctx, d.SessionID)
	if mockroom.IsKind(err, mockroom.KindNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if sess.Status != StatusActive {
		return nil
	}
	p, err := s.problems.ProblemByID(ctx, sess.ProblemID)
	if err != nil {
		return err
	}
	ictx, cancel := s.interviewerCtx(ctx)
	defer cancel()
	streamed := false
	text, err := s.interviewer.React(ictx, p, sess, r, func(delta string) {
		if delta != "" {
			streamed = true
			s.notify(sess.ID, Notice{Delta: &Delta{Text: delta}})
		}
	})
	if streamed {
		s.notify(sess.ID, Notice{Delta: &Delta{Final: true}})
	}
	if err != nil {
		// A remark is worth less than a retry storm against a failing model.
		s.log.WarnContext(ctx, "the interviewer's remark on a run failed", "session_id", sess.ID, "err", err)
		return nil
	}
	if text == "" {
		return nil
	}
	_, err = s.say(ctx, sess, SpeakerInterviewer, text, 0)
	return err
}
