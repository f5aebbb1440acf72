// Package leader runs the cluster's singleton work (the interview sweeper,
// retention) on exactly one instance at a time, and moves it to another
// when that instance dies.
//
// Lock is the port. Solo serves one node (it always leads); RedisLease and
// PostgresLock serve a cluster, and both pass the suite in leadertest.
package leader

import (
	"context"
	"log/slog"
	"time"
)

// Lock is a cluster-wide mutex held for as long as its holder keeps it.
type Lock interface {
	// Acquire tries once to take the lock; it reports whether it did.
	Acquire(ctx context.Context) (bool, error)
	// Keep confirms that the lock is still held (renewing a lease); false
	// or an error means it was lost and the work must stop.
	Keep(ctx context.Context) (bool, error)
	// Release gives the lock up so another instance may take it at once.
	Release(ctx context.Context) error
}

// Options tune Run; zero values take the defaults.
type Options struct {
	// Every is how often a follower tries to take the lock and a leader
	// confirms it (2 s). A lease's TTL must be several of these.
	Every time.Duration
	Log   *slog.Logger
	// OnChange, when set, hears each change of leadership (a metric).
	OnChange func(leading bool)
}

// Run competes for lock until ctx ends. While this instance holds it, work
// runs with a context that ends as soon as the lock is lost (or ctx ends);
// when work returns early it is started again at the next tick.
func Run(ctx context.Context, name string, lock Lock, work func(ctx context.Context), opt Options) {
	if opt.Every <= 0 {
		opt.Every = 2 * time.Second
	}
	log := opt.Log
	if log == nil {
		log = slog.Default()
	}
	change := func(leading bool) {
		if opt.OnChange != nil {
			opt.OnChange(leading)
		}
	}
	t := time.NewTicker(opt.Every)
	defer t.Stop()
	for {
		ok, err := lock.Acquire(ctx)
		if err != nil && ctx.Err() == nil {
			log.Warn("leader: cannot reach the lock", "role", name, "err", err)
		}
		if ok {
			log.Info("leader: this instance leads", "role", name)
			change(true)
			lead(ctx, name, lock, work, t.C, log)
			change(false)
			// Released so that a restart or a shutdown hands over at once
			// instead of after the lease's TTL.
			rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
			if err := lock.Release(rctx); err != nil {
				log.Warn("leader: releasing", "role", name, "err", err)
			}
			cancel()
			if ctx.Err() == nil {
				log.Warn("leader: lost the lock; following", "role", name)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// lead runs work while the lock holds.
func lead(ctx context.Context, name string, lock Lock, work func(ctx context.Context), tick <-chan time.Time, log *slog.Logger) {
	wctx, stop := context.WithCancel(ctx)
	defer stop()
	done := make(chan struct{})
	start := func() {
		done = make(chan struct{})
		go func(done chan struct{}) { defer close(done); work(wctx) }(done)
	}
	start()
	defer func() { stop(); <-done }()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
		}
		ok, err := lock.Keep(ctx)
		if err != nil && ctx.Err() == nil {
			log.Warn("leader: confirming the lock", "role", name, "err", err)
		}
		if !ok {
			return
		}
		select {
		case <-done:
			start() // work ended early (a panic is not recovered): run it again
		default:
		}
	}
}

// Solo is the single-node Lock: it is always held.
type Solo struct{}

func (Solo) Acquire(context.Context) (bool, error) { return true, nil }
func (Solo) Keep(context.Context) (bool, error)    { return true, nil }
func (Solo) Release(context.Context) error         { return nil }
