package evaluation

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/efficiency"
	"github.com/mockroom/mockroom/events"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/problem"
	"github.com/mockroom/mockroom/voice"
)

// Group is the consumer group through which the evaluator hears that a
// session ended.
const Group = "evaluator"

// Statuses of a session's evaluation (View.Status).
const (
	StatusInProgress = "in_progress" // the interview is still going
	StatusPending    = "pending"     // ended; the evaluator is at work
	StatusReady      = "ready"
)

// View is what the report page loads.
type View struct {
	Status     string      `json:"status" enum:"in_progress,pending,ready"`
	Evaluation *Evaluation `json:"evaluation,omitempty"`
	// Efficiency is the efficiency probe's result on the session's last
	// accepted submit (it may arrive after the evaluation).
	Efficiency *efficiency.Measurement `json:"efficiency,omitempty"`
	Usage      Usage                   `json:"usage"`
}

// ModelCall is one call to a language model, recorded on its session for
// the session's cost (seed section 8).
type ModelCall struct {
	SessionID    string
	Agent        string // interviewer, observer, evaluator
	Provider     string
	Model        string
	InputTokens  int
	OutputTokens int
	LatencyMS    int64
	CostMicroUSD int64
	Outcome      string // ok | error
	At           time.Time
}

// Usage sums a session's model calls.
type Usage struct {
	Calls        int          `json:"calls"`
	InputTokens  int          `json:"input_tokens"`
	OutputTokens int          `json:"output_tokens"`
	CostMicroUSD int64        `json:"cost_micro_usd"` // millionths of a dollar
	ByAgent      []AgentUsage `json:"by_agent"`
	// Voice is the spoken interview's speech models: audio minutes in
	// and out, tokens and cost, per provider and model.
	Voice             []voice.SessionUsage `json:"voice"`
	VoiceCostMicroUSD int64                `json:"voice_cost_micro_usd"`
}

// AgentUsage is one agent's share of a session's usage.
type AgentUsage struct {
	Agent        string `json:"agent" enum:"interviewer,observer,evaluator"`
	Provider     string `json:"provider"`
	Model        string `json:"model"`
	Calls        int    `json:"calls"`
	InputTokens  int    `json:"input_tokens"`
	OutputTokens int    `json:"output_tokens"`
	CostMicroUSD int64  `json:"cost_micro_usd"`
	LatencyMSAvg int64  `json:"latency_ms_avg"`
}

// HistoryPoint is one evaluated session on the candidate's progress chart.
type HistoryPoint struct {
	SessionID    string              `json:"session_id"`
	ProblemSlug  string              `json:"problem_slug"`
	ProblemTitle string              `json:"problem_title"`
	EndedAt      time.Time           `json:"ended_at"`
	OverallScore *float64            `json:"overall_score"`
	Scores       map[string]*float64 `json:"scores"` // by dimension key; nil: insufficient evidence
}

// UsageStore keeps model calls and evaluation history; the storage engines
// implement it next to Store.
type UsageStore interface {
	Store
	// RecordModelCall stores one call ("" SessionID: a call with no session,
	// e.g. mockroom evaluate, which is not stored).
	RecordModelCall(ctx context.Context, c ModelCall) error
	// SessionUsage sums the session's calls (owner-checked like Evaluation;
	// the caller checked the session).
	SessionUsage(ctx context.Context, sessionID string) (Usage, error)
	// SessionVoiceUsage sums the session's voice (owner-checked).
	SessionVoiceUsage(ctx context.Context, sessionID string) ([]voice.SessionUsage, error)
	// History lists the user's evaluated sessions, oldest first, at most limit.
	History(ctx context.Context, userID string, limit int) ([]HistoryPoint, error)
}

// Sessions is what the evaluation service reads of interviews.
type Sessions interface {
	Session(ctx context.Context, userID, id string) (*interview.Session, error)
	SessionByID(ctx context.Context, id string) (*interview.Session, error)
	Transcripts(ctx context.Context, sessionID string) ([]interview.Transcript, error)
	Snapshots(ctx context.Context, sessionID string) ([]interview.Snapshot, error)
}

// Service evaluates ended sessions and serves their reports.
type Service struct {
	store     UsageStore
	sessions  Sessions
	problems  problem.Store
	evaluator Evaluator
	clock     mockroom.Clock
	log       *slog.Logger
}

// NewService wires the evaluation service.
func NewService(store UsageStore, sessions Sessions, problems problem.Store, ev Evaluator, clock mockroom.Clock, log *slog.Logger) *Service {
	if log == nil {
		log = slog.Default()
	}
	return &Service{store: store, sessions: sessions, problems: problems, evaluator: ev, clock: clock, log: log}
}

// HandleEvent is the evaluator's consumer of session.ended. A crash midway
// is retried by the bus; an evaluation already saved is never written
// again (SaveEvaluation keeps the first).
func (s *Service) HandleEvent(ctx context.Context, d events.Delivery) error {
	if d.Topic != events.SessionEnded {
		return nil
	}
	ctx = mockroom.AsService(ctx)
	sess, err := s.sessions.SessionByID(ctx, d.SessionID)
	if mockroom.IsKind(err, mockroom.KindNotFound) {
		return nil // deleted since
	}
	if err != nil {
		return err
	}
	if _, err := s.store.Evaluation(ctx, sess.UserID, sess.ID); err == nil {
		return nil // a redelivery after the save
	} else if !mockroom.IsKind(err, mockroom.KindNotFound) {
		return err
	}
	in, err := s.inputOf(ctx, sess)
	if err != nil {
		return err
	}
	e, err := s.Evaluate(ctx, in)
	if err != nil {
		return fmt.Errorf("evaluating session %s: %w", sess.ID, err)
	}
	saved, err := s.store.SaveEvaluation(ctx, e)
	if err != nil {
		return err
	}
	s.log.InfoContext(ctx, "session evaluated", "session_id", sess.ID, "evaluator", e.Evaluator, "saved", saved)
	return nil
}

func (s *Service) inputOf(ctx context.Context, sess *interview.Session) (Input, error) {
	p, err := s.problems.ProblemByID(ctx, sess.ProblemID)
	if err != nil {
		return Input{}, err
	}
	lines, err := s.sessions.Transcripts(ctx, sess.ID)
	if err != nil {
		return Input{}, err
	}
	snaps, err := s.sessions.Snapshots(ctx, sess.ID)
	if err != nil {
		return Input{}, err
	}
	rec, runs := FromSession(sess, p.Slug, lines, snaps)
	seqs := make([]int64, len(lines))
	for i, l := range lines {
		seqs[i] = l.Seq
	}
	return Input{SessionID: sess.ID, Problem: p, Recording: rec, Runs: runs, LineSeqs: seqs, Efficiency: efficiency.Latest(snaps)}, nil
}

// Get is the report of the user's session: in progress, pending or ready,
// with what the session's model calls cost.
func (s *Service) Get(ctx context.Context, userID, sessionID string) (*View, error) {
	sess, err := s.sessions.Session(ctx, userID, sessionID)
	if err != nil {
		return nil, err
	}
	usage, err := s.store.SessionUsage(ctx, sess.ID)
	if err != nil {
		return nil, err
	}
	if usage.Voice, err = s.store.SessionVoiceUsage(ctx, sess.ID); err != nil {
		return nil, err
	}
	for _, u := range usage.Voice {
		usage.VoiceCostMicroUSD += u.CostMicroUSD
	}
	v := &View{Status: StatusInProgress, Usage: usage}
	snaps, err := s.sessions.Snapshots(ctx, sess.ID)
	if err != nil {
		return nil, err
	}
	v.Efficiency = efficiency.Latest(snaps)
	if sess.Status == interview.StatusActive || sess.Status == interview.StatusScheduled {
		return v, nil
	}
	e, err := s.store.Evaluation(ctx, userID, sess.ID)
	switch {
	case mockroom.IsKind(err, mockroom.KindNotFound):
		v.Status = StatusPending
	case err != nil:
		return nil, err
	default:
		v.Status, v.Evaluation = StatusReady, e
	}
	return v, nil
}

// Export gives the user's session in the recorded-session format.
func (s *Service) Export(ctx context.Context, userID, sessionID string) (*Recording, error) {
	sess, err := s.sessions.Session(ctx, userID, sessionID)
	if err != nil {
		return nil, err
	}
	in, err := s.inputOf(mockroom.AsService(ctx), sess)
	if err != nil {
		return nil, err
	}
	return &in.Recording, nil
}

// History is the user's evaluated sessions for the progress chart.
func (s *Service) History(ctx context.Context, userID string) ([]HistoryPoint, error) {
	return s.store.History(ctx, userID, 100)
}

// Evaluate evaluates prepared input with the configured evaluator; the
// overall score is ours, whatever the evaluator said.
func (s *Service) Evaluate(ctx context.Context, in Input) (*Evaluation, error) {
	e, err := s.evaluator.Evaluate(ctx, in)
	if err != nil {
		return nil, err
	}
	e.SessionID = in.SessionID
	e.OverallScore = Weighted(e.Dimensions)
	e.Normalize()
	if e.CreatedAt.IsZero() {
		e.CreatedAt = s.clock.Now()
	}
	return e, nil
}
