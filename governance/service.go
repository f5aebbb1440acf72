package governance

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/account"
	"github.com/mockroom/mockroom/problem"
	"github.com/mockroom/mockroom/ratelimit"
)

// Defaults of the retention policy (seed section 7: raw transcripts 90 days).
const (
	DefaultTranscriptRetention = 90 * 24 * time.Hour
	DefaultEventRetention      = 7 * 24 * time.Hour
	// ExportsPerHour bounds how often one user builds an archive: each one
	// reads everything of theirs.
	ExportsPerHour = 5
	pruneBatch     = 1000
)

// Reauthenticator proves the account's owner is present (account.Service).
type Reauthenticator interface {
	Reauthenticate(ctx context.Context, userID, password, email string) error
}

// Problems names a session's problem in the readable report.
type Problems interface {
	ProblemByID(ctx context.Context, id string) (*problem.Problem, error)
}

// Config is the service's policy.
type Config struct {
	// TranscriptRetention is how long raw transcripts are kept; 0 keeps
	// them for ever.
	TranscriptRetention time.Duration
	// EventRetention is how long finished events stay in the outbox.
	EventRetention time.Duration
	// BeforeDelete hooks run before an account is deleted and may refuse it
	// by failing: payments cancels the user's Stripe subscription here, so
	// that nobody is billed after their account is gone. They run outside
	// the deletion's transaction because they call out to the network.
	BeforeDelete []func(ctx context.Context, userID string) error
}

// Service exports and deletes accounts and prunes old data.
type Service struct {
	store    Store
	auth     Reauthenticator
	problems Problems
	limiter  ratelimit.Limiter
	clock    mockroom.Clock
	cfg      Config
	log      *slog.Logger
}

// NewService wires the service; problems may be nil (reports then show the
// problem's id), limiter and clock default to in-memory and the system clock.
func NewService(store Store, auth Reauthenticator, problems Problems, limiter ratelimit.Limiter, clock mockroom.Clock, log *slog.Logger, cfg Config) *Service {
	if clock == nil {
		clock = mockroom.SystemClock{}
	}
	if limiter == nil {
		limiter = ratelimit.NewMemory(clock)
	}
	if log == nil {
		log = slog.Default()
	}
	if cfg.EventRetention <= 0 {
		cfg.EventRetention = DefaultEventRetention
	}
	return &Service{store: store, auth: auth, problems: problems, limiter: limiter, clock: clock, cfg: cfg, log: log}
}

// Export builds the user's archive (see export.go) and records it in the
// audit log. It is synchronous: the archive is built in memory and handed
// back at once, which for the sizes one person produces (transcripts and
// code, no media) takes well under a second.
func (s *Service) Export(ctx context.Context, userID, ip string) (*Archive, error) {
	const op = "governance.Export"
	ok, retry, err := s.limiter.Allow(ctx, "data-export:"+userID, ExportsPerHour, time.Hour)
	if err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	if !ok {
		e := mockroom.Errorf(mockroom.KindRateLimited, "rate_limited", "you exported your data recently; try again in %d minutes", int(retry.Minutes())+1)
		e.RetryAfter = retry
		return nil, e
	}
	data, err := s.store.ExportUser(ctx, userID)
	if err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	a, err := buildArchive(ctx, data, s.problems, s.clock.Now())
	if err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	counts := map[string]int{}
	for t, rows := range data.Tables {
		counts[t] = len(rows)
	}
	meta, _ := json.Marshal(map[string]any{"bytes": len(a.Body), "rows": counts})
	if err := s.store.RecordAudit(ctx, userID, "user.data_export", userID, ip, meta); err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	return a, nil
}

// DeleteAccount deletes the account and everything of theirs, at once and
// for good, once the owner re-authenticated. Signing out their browsers and
// closing their sockets is the caller's part (their sessions are gone from
// the store with the rest).
func (s *Service) DeleteAccount(ctx context.Context, userID, password, email string) (*Deletion, error) {
	const op = "governance.DeleteAccount"
	if err := s.auth.Reauthenticate(ctx, userID, password, email); err != nil {
		return nil, err
	}
	for _, hook := range s.cfg.BeforeDelete {
		if err := hook(ctx, userID); err != nil {
			return nil, mockroom.Wrap(op, err)
		}
	}
	d, err := s.store.DeleteUser(ctx, userID, "user request")
	if err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	s.log.Info("account deleted", "pseudonym", d.Pseudonym)
	return d, nil
}

// Prune runs both retention jobs once: transcripts older than the
// retention, and finished events older than theirs. Every delete is by age
// in bounded batches, so running it on several instances at once, or again,
// only repeats work that finds nothing left.
func (s *Service) Prune(ctx context.Context) (transcripts, evs int64, err error) {
	ctx = mockroom.AsService(ctx)
	now := s.clock.Now()
	if s.cfg.TranscriptRetention > 0 {
		if transcripts, err = drain(ctx, func(ctx context.Context) (int64, error) {
			return s.store.PruneTranscripts(ctx, now.Add(-s.cfg.TranscriptRetention), pruneBatch)
		}); err != nil {
			return transcripts, 0, err
		}
	}
	if evs, err = drain(ctx, func(ctx context.Context) (int64, error) {
		return s.store.PruneEvents(ctx, now.Add(-s.cfg.EventRetention), pruneBatch)
	}); err != nil {
		return transcripts, evs, err
	}
	if transcripts > 0 {
		meta, _ := json.Marshal(map[string]any{"transcripts": transcripts, "retention_days": int(s.cfg.TranscriptRetention.Hours() / 24)})
		if err := s.store.RecordAudit(ctx, "", "retention.purge", "", "", meta); err != nil {
			return transcripts, evs, err
		}
	}
	return transcripts, evs, nil
}

func drain(ctx context.Context, batch func(context.Context) (int64, error)) (int64, error) {
	var total int64
	for {
		n, err := batch(ctx)
		total += n
		if err != nil || n < pruneBatch || ctx.Err() != nil {
			return total, err
		}
	}
}

// RunRetention prunes now and then every interval until ctx ends (the
// worker role runs it).
func (s *Service) RunRetention(ctx context.Context, every time.Duration) {
	for {
		t, e, err := s.Prune(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			s.log.Error("retention", "err", err)
		case t > 0 || e > 0:
			s.log.Info("retention", "transcripts_deleted", t, "events_deleted", e)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(every):
		}
	}
}

// ProfileReader reads a user's profile (account.Store).
type ProfileReader interface {
	Profile(ctx context.Context, userID string) (*account.Profile, error)
}

// ProfileNames returns the lookup the interview redacts names with: the
// user's profile name, read on the service path (the line being stored may
// belong to a worker's context).
func ProfileNames(profiles ProfileReader) func(ctx context.Context, userID string) []string {
	return func(ctx context.Context, userID string) []string {
		p, err := profiles.Profile(mockroom.AsService(ctx), userID)
		if err != nil || p.FullName == "" {
			return nil
		}
		return []string{p.FullName}
	}
}
