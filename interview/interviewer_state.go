// The interviewer's memory of a session: its phase and what it has already
// said, kept in the session's metadata so that it survives a restart and is
// the same on every instance.

package interview

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/mockroom/mockroom/problem"
)

// Phases of an interview, in order (seed section 3, the interviewer).
const (
	PhaseIntroduction = "introduction"
	PhaseClarifying   = "clarifying"
	PhaseApproach     = "approach"
	PhaseCoding       = "coding"
	PhaseTesting      = "testing"
	PhaseComplexity   = "complexity"
	PhaseWrapUp       = "wrap_up"
)

// Phases lists the phases in order.
var Phases = []string{PhaseIntroduction, PhaseClarifying, PhaseApproach, PhaseCoding, PhaseTesting, PhaseComplexity, PhaseWrapUp}

// PhaseIndex is phase's place in Phases (0 for an unknown phase).
func PhaseIndex(phase string) int {
	for i, p := range Phases {
		if p == phase {
			return i
		}
	}
	return 0
}

// InterviewerState is what the interviewer remembers about a session. An
// interviewer reads it with StateOf and changes it with SetState on the
// session it was given; the service stores the change after the call.
type InterviewerState struct {
	Phase string `json:"phase"`
	// Asked holds keys of the questions and remarks already made (e.g.
	// "clarify:duplicates", "edge:1", "follow:0"), so none is repeated.
	Asked []string `json:"asked,omitempty"`
	// StallOffers counts hints offered after a stall.
	StallOffers int `json:"stall_offers,omitempty"`
	// StatedComplexity is the time complexity the candidate last stated, normalised ("n^2").
	StatedComplexity string `json:"stated_complexity,omitempty"`
	// Thinking: the candidate said they are thinking; the interviewer waits longer.
	Thinking bool `json:"thinking,omitempty"`
	// Observed is the code observer's latest finding.
	Observed *Observation `json:"observed,omitempty"`
	// LastRun is the latest run or submit result (counts, and a failed
	// visible example; never a hidden test's data).
	LastRun *ExecutionSummary `json:"last_run,omitempty"`
	Runs    int               `json:"runs,omitempty"`
	Failed  int               `json:"failed_runs,omitempty"`
	Solved  bool              `json:"solved,omitempty"` // a submit passed every test
}

// HasAsked reports whether key was recorded.
func (st *InterviewerState) HasAsked(key string) bool {
	for _, k := range st.Asked {
		if k == key {
			return true
		}
	}
	return false
}

// Ask records key; it reports false when it was recorded already.
func (st *InterviewerState) Ask(key string) bool {
	if st.HasAsked(key) {
		return false
	}
	st.Asked = append(st.Asked, key)
	return true
}

// Advance moves to phase when it is later than the current one.
func (st *InterviewerState) Advance(phase string) {
	if PhaseIndex(phase) > PhaseIndex(st.Phase) {
		st.Phase = phase
	}
}

const stateKey = "interviewer"

// StateOf reads the interviewer's state from the session's metadata (a fresh
// state in the introduction when there is none).
func StateOf(s *Session) InterviewerState {
	var m map[string]json.RawMessage
	st := InterviewerState{Phase: PhaseIntroduction}
	if s == nil || json.Unmarshal(s.Metadata, &m) != nil {
		return st
	}
	if raw, ok := m[stateKey]; ok {
		_ = json.Unmarshal(raw, &st)
	}
	if st.Phase == "" {
		st.Phase = PhaseIntroduction
	}
	return st
}

// SetState writes st into the session's metadata, keeping its other keys.
func SetState(s *Session, st InterviewerState) {
	m := map[string]json.RawMessage{}
	_ = json.Unmarshal(s.Metadata, &m)
	if m == nil {
		m = map[string]json.RawMessage{}
	}
	m[stateKey], _ = json.Marshal(st)
	s.Metadata, _ = json.Marshal(m)
}

// ErrSilent is what an interviewer returns to say nothing on purpose (the
// candidate is thinking; nothing worth interrupting for). It is not a failure.
var ErrSilent = errors.New("the interviewer stays silent")

// Signals the interviewer may speak on besides a message or a run.
const (
	SignalStall       = "stall"       // no edit or message for longer than the patience
	SignalObservation = "observation" // the code observer's finding
)

// Signal is something other than a message or a run result.
type Signal struct {
	Kind        string
	Idle        time.Duration // SignalStall: how long nothing happened
	Observation *Observation  // SignalObservation
}

// Nudger is an interviewer that also speaks on signals. It is optional:
// an interviewer without it stays silent on them. The returned "" (or
// ErrSilent) says nothing.
type Nudger interface {
	Nudge(ctx context.Context, p *problem.Problem, s *Session, sig Signal, emit func(delta string)) (string, error)
}

// FailedExample is the first visible example a run failed: its input is on
// the candidate's screen already, so the interviewer may quote it.
type FailedExample struct {
	Number   int             `json:"number"` // 1-based among the examples
	Verdict  string          `json:"verdict"`
	Input    json.RawMessage `json:"input"`
	Expected json.RawMessage `json:"expected,omitempty"`
	Got      json.RawMessage `json:"got,omitempty"`
	Error    string          `json:"error,omitempty"`
}

// Phase is the phase an interviewer line was said in ("" for other lines).
func (t Transcript) Phase() string {
	var m struct {
		Phase string `json:"phase"`
	}
	if len(t.Metadata) == 0 || json.Unmarshal(t.Metadata, &m) != nil {
		return ""
	}
	return m.Phase
}
