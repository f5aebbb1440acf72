// The interviewer's replies run off the caller's goroutine: a model-backed
// interviewer can take seconds, and the socket that carried the candidate's
// message must keep reading (acks, edits) meanwhile.

package interview

import "context"

// replyQueue holds one session's pending replies; one worker goroutine runs
// them in order and exits when the queue is empty. ctx ends when the session
// ends or the service closes, stopping a reply in flight.
type replyQueue struct {
	ctx    context.Context
	cancel context.CancelFunc
	jobs   []replyJob
}

type replyJob struct {
	run  func(ctx context.Context)
	done chan struct{}
}

// enqueue schedules run for the session after its earlier replies; the
// channel closes once it ran, was skipped or was cancelled. Past
// PendingReplies waiting (or once the service is closed) run is dropped.
func (s *Service) enqueue(sessionID string, run func(ctx context.Context)) <-chan struct{} {
	done := make(chan struct{})
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.replies[sessionID]
	if s.closed || (q != nil && len(q.jobs) >= s.cfg.PendingReplies) {
		s.log.Warn("interviewer reply dropped", "session_id", sessionID, "closed", s.closed)
		close(done)
		return done
	}
	if q == nil {
		ctx, cancel := context.WithCancel(s.root)
		q = &replyQueue{ctx: ctx, cancel: cancel}
		s.replies[sessionID] = q
		s.workers.Add(1)
		go s.drain(sessionID, q)
	}
	q.jobs = append(q.jobs, replyJob{run: run, done: done})
	return done
}

func (s *Service) drain(sessionID string, q *replyQueue) {
	defer s.workers.Done()
	for {
		s.mu.Lock()
		if len(q.jobs) == 0 {
			if s.replies[sessionID] == q {
				delete(s.replies, sessionID)
			}
			s.mu.Unlock()
			q.cancel()
			return
		}
		job := q.jobs[0]
		q.jobs = q.jobs[1:]
		s.mu.Unlock()
		if q.ctx.Err() == nil {
			job.run(q.ctx)
		}
		close(job.done)
	}
}

// cancelReplies stops the session's pending replies (it ended); the caller
// holds s.mu.
func (s *Service) cancelReplies(sessionID string) {
	if q := s.replies[sessionID]; q != nil {
		q.cancel()
		delete(s.replies, sessionID)
	}
}

// Close stops every pending reply and waits for the reply workers to exit.
// Call it after the transports have stopped taking messages.
func (s *Service) Close() {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.stop()
	s.workers.Wait()
}

// interviewerCtx bounds one call to the interviewer.
func (s *Service) interviewerCtx(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, s.cfg.ReplyTimeout)
}
