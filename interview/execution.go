// Running and submitting code, within the rate limits.

package interview

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/events"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/judge/admission"
)

// ExecutionSummary is what the code.executed event carries: counts and
// verdicts only, never a hidden test's data.
type ExecutionSummary struct {
	Mode      string               `json:"mode"`
	Status    string               `json:"status"`
	Passed    int                  `json:"passed"`
	Total     int                  `json:"total"`
	CPUTimeMS float64              `json:"cpu_time_ms"` // the sandbox's CPU time of the whole run
	MemoryKB  int64                `json:"memory_kb"`
	Hidden    *judge.HiddenSummary `json:"hidden,omitempty"`
	// FailedExample is set on a run that failed a visible example.
	FailedExample *FailedExample `json:"failed_example,omitempty"`
}

// failedExample finds the first visible, counted test the report failed;
// hidden tests are never looked at.
func failedExample(rep *judge.Report) *FailedExample {
	n := 0
	for _, t := range rep.Tests {
		if t.Hidden || t.Custom {
			continue
		}
		n++
		if t.Verdict != judge.Accepted {
			e := t.Error
			if len(e) > 300 {
				e = e[:300]
			}
			return &FailedExample{Number: n, Verdict: string(t.Verdict), Input: t.Input, Expected: t.Expected, Got: t.Got, Error: e}
		}
	}
	return nil
}

// QueuePlace is where an execution of the session waits for the judge.
type QueuePlace struct {
	Mode    judge.Mode `json:"mode"`
	Ahead   int        `json:"ahead"`   // executions queued before it
	Running bool       `json:"running"` // it left the queue and runs now
}

// Execute runs or submits code for the session, within the seed's limits.
func (s *Service) Execute(ctx context.Context, userID, id, code, language string, mode judge.Mode, custom json.RawMessage) (*judge.Report, error) {
	if mode != judge.ModeRun && mode != judge.ModeSubmit {
		return nil, invalid("invalid_field", "mode must be run or submit")
	}
	sess, err := s.activeSession(ctx, userID, id)
	if err != nil {
		return nil, err
	}
	if language == "" {
		language = sess.Language
	}
	if language != sess.Language {
		return nil, invalid("language_mismatch", "the session's language is %s; switch languages first", sess.Language)
	}
	if len(code) > judge.MaxCodeBytes {
		return nil, mockroom.Errorf(mockroom.KindTooLarge, "code_too_large", "code is larger than %d KiB", judge.MaxCodeBytes>>10)
	}
	for _, l := range []struct {
		key    string
		n      int
		window time.Duration
		what   string
	}{
		{"exec:session:" + id, s.cfg.RunsPerMinute, time.Minute, fmt.Sprintf("%d runs a minute in an interview", s.cfg.RunsPerMinute)},
		{"exec:user:" + userID, s.cfg.ExecsPerHour, time.Hour, fmt.Sprintf("%d runs an hour", s.cfg.ExecsPerHour)},
	} {
		ok, retry, err := s.limiter.Allow(ctx, l.key, l.n, l.window)
		if err != nil {
			return nil, err
		}
		if !ok {
			e := mockroom.Errorf(mockroom.KindRateLimited, "rate_limited", "you can make %s; try again in %d seconds", l.what, int(retry.Seconds()+0.999))
			e.RetryAfter = retry
			return nil, e
		}
	}
	p, err := s.problems.ProblemByID(ctx, sess.ProblemID)
	if err != nil {
		return nil, err
	}
	// The code is what the candidate ran: make it durable first.
	if _, err := s.store.SaveCode(ctx, id, code, language, 0, s.clock.Now(), nil); err != nil {
		return nil, err
	}
	queued := func(pl admission.Place) {
		s.notify(id, Notice{Queued: &QueuePlace{Mode: mode, Ahead: pl.Ahead, Running: pl.Admitted}})
	}
	rep, err := s.judge.Execute(ctx, judge.Request{Problem: p, Language: language, Code: code, Mode: mode, CustomInput: custom, Queued: queued})
	if err != nil {
		return nil, err
	}
	now := s.clock.Now()
	sum := ExecutionSummary{Mode: string(mode), Status: string(rep.Status), Passed: rep.Passed, Total: rep.Total,
		CPUTimeMS: rep.CPUTimeMS, MemoryKB: rep.MemoryKB, Hidden: rep.Hidden}
	if mode == judge.ModeRun {
		sum.FailedExample = failedExample(rep)
	}
	result, _ := json.Marshal(sum)
	snap := &Snapshot{ID: mockroom.NewID(), SessionID: id, Code: code, Language: language, TimestampMS: s.elapsedMS(sess),
		Type: SnapshotExecution, ExecutionResult: result, CreatedAt: now}
	ev := event(events.CodeExecuted, sess, snap.ID, json.RawMessage(result), now)
	if err := s.store.AddSnapshot(ctx, snap, &ev); err != nil {
		return nil, err
	}
	if mode == judge.ModeSubmit {
		// Only the counts: the interviewer may be writing its state meanwhile.
		if err := s.store.SetTestResults(ctx, id, rep.Passed, rep.Total); err != nil {
			return nil, err
		}
	}
	s.notify(id, Notice{Execution: rep})
	return rep, nil
}
