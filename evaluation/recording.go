package evaluation

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/problem"
)

// MaxRecordingBytes bounds a recording file (mockroom evaluate): a session
// of the longest allowed length fits in far less.
const MaxRecordingBytes = 8 << 20

// FromSession writes a stored session in the recorded-session format, with
// the verdicts our judge gave its runs at the time (stored by us, so they
// are trusted here; a recording read from a file is judged again).
func FromSession(sess *interview.Session, problemSlug string, lines []interview.Transcript, snaps []interview.Snapshot) (Recording, []JudgedRun) {
	rec := Recording{
		ProblemSlug: problemSlug, Language: sess.Language, DurationMinutes: sess.DurationMinutes,
		DurationSeconds: sess.DurationSeconds, HintsUsed: sess.HintsUsed,
		Transcript: []RecordedLine{}, Snapshots: []RecordedSnapshot{}, Runs: []RecordedRun{},
	}
	for _, l := range lines {
		rec.Transcript = append(rec.Transcript, RecordedLine{Speaker: l.Speaker, TMS: l.TimestampMS, Text: l.Content})
	}
	var runs []JudgedRun
	for _, s := range snaps {
		rec.Snapshots = append(rec.Snapshots, RecordedSnapshot{TMS: s.TimestampMS, Type: s.Type, Code: s.Code})
		if s.Type != interview.SnapshotExecution || len(s.ExecutionResult) == 0 {
			continue
		}
		var sum interview.ExecutionSummary
		if json.Unmarshal(s.ExecutionResult, &sum) != nil || (sum.Mode != string(judge.ModeRun) && sum.Mode != string(judge.ModeSubmit)) {
			continue
		}
		run := RecordedRun{TMS: s.TimestampMS, Mode: sum.Mode, Code: s.Code}
		rec.Runs = append(rec.Runs, run)
		runs = append(runs, JudgedRun{RecordedRun: run, Report: &judge.Report{Mode: judge.Mode(sum.Mode), Language: s.Language,
			Status: judge.Verdict(sum.Status), Passed: sum.Passed, Total: sum.Total, CPUTimeMS: sum.CPUTimeMS, MemoryKB: sum.MemoryKB,
			Hidden: sum.Hidden, Tests: []judge.TestResult{}}})
	}
	return rec, runs
}

// Validate checks a recording read from a file and names the first problem.
func (r *Recording) Validate() error {
	if strings.TrimSpace(r.ProblemSlug) == "" {
		return fmt.Errorf("problem_slug is required")
	}
	if r.Language == "" {
		return fmt.Errorf("language is required")
	}
	if r.DurationSeconds < 0 || r.DurationMinutes < 0 || r.HintsUsed < 0 {
		return fmt.Errorf("duration_minutes, duration_seconds and hints_used must not be negative")
	}
	if r.DurationSeconds == 0 && r.DurationMinutes > 0 {
		// Older recordings carry only the planned length.
		r.DurationSeconds = r.DurationMinutes * 60
	}
	for i, l := range r.Transcript {
		switch l.Speaker {
		case interview.SpeakerCandidate, interview.SpeakerInterviewer, interview.SpeakerSystem:
		default:
			return fmt.Errorf("transcript[%d].speaker %q is not interviewer, candidate or system", i, l.Speaker)
		}
		if l.TMS < 0 {
			return fmt.Errorf("transcript[%d].t_ms must not be negative", i)
		}
	}
	for i, s := range r.Snapshots {
		if s.Type == "" {
			r.Snapshots[i].Type = interview.SnapshotAuto
			continue
		}
		switch s.Type {
		case interview.SnapshotAuto, interview.SnapshotManual, interview.SnapshotExecution, interview.SnapshotFinal:
		default:
			return fmt.Errorf("snapshots[%d].type %q is not auto, manual, execution or final", i, s.Type)
		}
	}
	for i, run := range r.Runs {
		if run.Mode != string(judge.ModeRun) && run.Mode != string(judge.ModeSubmit) {
			return fmt.Errorf("runs[%d].mode %q is not run or submit", i, run.Mode)
		}
		if len(run.Code) > judge.MaxCodeBytes {
			return fmt.Errorf("runs[%d].code is larger than %d KiB", i, judge.MaxCodeBytes>>10)
		}
	}
	return nil
}

// FinalCode is the last code of the session: the final snapshot, else the
// latest snapshot or run.
func (r *Recording) FinalCode() string {
	code, at := "", int64(-1)
	for _, s := range r.Snapshots {
		if s.Type == interview.SnapshotFinal {
			return s.Code
		}
		if s.TMS >= at {
			code, at = s.Code, s.TMS
		}
	}
	for _, run := range r.Runs {
		if run.TMS >= at {
			code, at = run.Code, run.TMS
		}
	}
	return code
}

// JudgeRecording pairs a validated recording with its problem and has j run
// every run and submit again: what a file says about results is never read.
func JudgeRecording(ctx context.Context, j Judge, p *problem.Problem, rec Recording) (Input, error) {
	if _, ok := p.StarterCode[rec.Language]; !ok {
		return Input{}, mockroom.Errorf(mockroom.KindInvalid, "invalid_recording", "language: problem %s has no %s version", p.Slug, rec.Language)
	}
	in := Input{Problem: p, Recording: rec}
	for i, run := range rec.Runs {
		if j == nil {
			return Input{}, fmt.Errorf("runs[%d]: no judge to run it", i)
		}
		rep, err := j.Execute(ctx, judge.Request{Problem: p, Language: rec.Language, Code: run.Code, Mode: judge.Mode(run.Mode)})
		if err != nil {
			return Input{}, fmt.Errorf("judging runs[%d]: %w", i, err)
		}
		in.Runs = append(in.Runs, JudgedRun{RecordedRun: run, Report: rep})
	}
	return in, nil
}

// Judge runs recorded code again (mockroom evaluate).
type Judge interface {
	Execute(ctx context.Context, req judge.Request) (*judge.Report, error)
}
