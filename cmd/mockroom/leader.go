package main

import (
	"context"
	"log/slog"
	"net/url"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/mockroom/mockroom/cluster/leader"
)

// leaderTTL is how long a dead leader's Redis lease outlives it: the
// sweeper pauses at most this long when its instance is killed.
const leaderTTL = 10 * time.Second

// newLeaderLock picks the lock that elects the instance running the
// singleton work: a Redis lease with REDIS_URL, else a PostgreSQL advisory
// lock with DATABASE_URL, else (SQLite: one node) none needed.
func newLeaderLock(ctx context.Context, cfg Config) (lock leader.Lock, kind string, closeLock func(), err error) {
	switch {
	case cfg.RedisURL != "":
		rdb, err := openRedis(ctx, cfg.RedisURL)
		if err != nil {
			return nil, "", nil, err
		}
		return leader.NewRedisLease(rdb, "mockroom:leader:singletons", leaderTTL), "redis lease", func() { rdb.Close() }, nil
	case cfg.DatabaseURL != "":
		// Deployments that share a database in separate schemas (the
		// search_path of the URL) elect a leader each.
		name := "singletons"
		if u, err := url.Parse(cfg.DatabaseURL); err == nil {
			name += ":" + u.Query().Get("search_path")
		}
		l := leader.NewPostgresLock(cfg.DatabaseURL, name)
		return l, "postgres advisory lock", l.Close, nil
	}
	return leader.Solo{}, "single node", func() {}, nil
}

// runSingletons runs work (the sweeper, retention) while this instance
// leads, and exports mockroom_leader (1 on the instance that leads).
func runSingletons(ctx context.Context, lock leader.Lock, reg prometheus.Registerer, log *slog.Logger, work func(ctx context.Context)) {
	g := prometheus.NewGauge(prometheus.GaugeOpts{Name: "mockroom_leader",
		Help: "1 while this instance leads the cluster's singleton work (sweeper, retention), else 0."})
	reg.MustRegister(g)
	leader.Run(ctx, "singletons", lock, work, leader.Options{Every: leaderTTL / 5, Log: log, OnChange: func(leading bool) {
		if leading {
			g.Set(1)
		} else {
			g.Set(0)
		}
	}})
}
