package efficiency

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/events"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/problem"
)

// Group is the consumer group of the efficiency probe: it hears every
// code.executed event and probes the accepted submits.
const Group = "efficiency"

// Store is what the probe needs of storage.
type Store interface {
	SessionByID(ctx context.Context, id string) (*interview.Session, error)
	Snapshots(ctx context.Context, sessionID string) ([]interview.Snapshot, error)
	SetSnapshotEfficiency(ctx context.Context, sessionID, snapshotID string, result json.RawMessage) error
}

// Service probes accepted submits in the background.
type Service struct {
	store    Store
	problems problem.Store
	judge    Prober
	clock    mockroom.Clock
	log      *slog.Logger
	opts     Options
}

// NewService returns the probe's consumer. o.Budget is the CPU budget of
// one probe (PROBE_BUDGET).
func NewService(store Store, problems problem.Store, j Prober, clock mockroom.Clock, log *slog.Logger, o Options) *Service {
	if log == nil {
		log = slog.Default()
	}
	if o.Budget <= 0 {
		o.Budget = judge.DefaultProbeBudget
	}
	return &Service{store: store, problems: problems, judge: j, clock: clock, log: log, opts: o}
}

// HandleEvent is the consumer: on an accepted submit it probes the code
// and stores the result on the submit's snapshot. A run, or a submit that
// was not accepted, is never probed. Redelivery probes again and
// overwrites the same result; a sandbox failure returns the error for the
// bus to retry.
func (s *Service) HandleEvent(ctx context.Context, d events.Delivery) error {
	if d.Topic != events.CodeExecuted {
		return nil
	}
	var sum interview.ExecutionSummary
	if json.Unmarshal(d.Payload, &sum) != nil || sum.Mode != string(judge.ModeSubmit) || sum.Status != string(judge.Accepted) {
		return nil
	}
	ctx = mockroom.AsService(ctx)
	// The event's key is code.executed:<session>:<snapshot>.
	snapID := strings.TrimPrefix(d.Key, events.CodeExecuted+":"+d.SessionID+":")
	if snapID == d.Key || snapID == "" {
		return nil
	}
	sess, err := s.store.SessionByID(ctx, d.SessionID)
	if mockroom.IsKind(err, mockroom.KindNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	snaps, err := s.store.Snapshots(ctx, d.SessionID)
	if err != nil {
		return err
	}
	var snap *interview.Snapshot
	for i := range snaps {
		if snaps[i].ID == snapID {
			snap = &snaps[i]
		}
	}
	if snap == nil || snap.Type != interview.SnapshotExecution {
		return nil
	}
	p, err := s.problems.ProblemByID(ctx, sess.ProblemID)
	if mockroom.IsKind(err, mockroom.KindNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	// Compile, a queue wait and the run: bounded well past the CPU budget.
	pctx, cancel := context.WithTimeout(ctx, 3*s.opts.Budget+time.Minute)
	defer cancel()
	start := time.Now()
	res, err := Measure(pctx, s.judge, p, snap.Language, snap.Code, 1, s.opts)
	if err != nil {
		if mockroom.IsKind(err, mockroom.KindInvalid) {
			s.log.WarnContext(ctx, "efficiency probe refused", "session_id", d.SessionID, "problem", p.Slug, "err", err)
			return nil
		}
		return err
	}
	if len(res) == 0 {
		return nil // the problem has no probe inputs
	}
	r := res[0]
	r.MeasuredAt = s.clock.Now().UTC()
	raw, err := json.Marshal(r)
	if err != nil {
		return err
	}
	s.log.InfoContext(ctx, "efficiency probe", "session_id", d.SessionID, "problem", p.Slug, "language", snap.Language,
		"class", r.Class, "slope", r.Slope, "verdict", r.Verdict, "cost_ms", r.CostMS, "took", time.Since(start).Round(time.Millisecond))
	err = s.store.SetSnapshotEfficiency(ctx, d.SessionID, snapID, raw)
	if mockroom.IsKind(err, mockroom.KindNotFound) {
		return nil
	}
	return err
}

// Latest returns the newest efficiency result among a session's snapshots
// (nil when none was measured).
func Latest(snaps []interview.Snapshot) *Measurement {
	var out *Measurement
	for _, s := range snaps {
		if len(s.Efficiency) == 0 {
			continue
		}
		var r Measurement
		if json.Unmarshal(s.Efficiency, &r) == nil {
			out = &r
		}
	}
	return out
}
