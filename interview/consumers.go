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
	text := s.interviewer.React(p, sess, r)
	if text == "" {
		return nil
	}
	_, err = s.say(ctx, sess, SpeakerInterviewer, text, 0)
	return err
}
