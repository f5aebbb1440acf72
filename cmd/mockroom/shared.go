package main

import (
	"context"
	"log/slog"
	"strings"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/interview/redispresence"
	"github.com/mockroom/mockroom/ratelimit"
	"github.com/mockroom/mockroom/ratelimit/redislimit"
	"github.com/mockroom/mockroom/transport/realtime"
	"github.com/mockroom/mockroom/transport/realtime/redisrt"
)

// redisPrefix starts every shared-state key and channel in Redis
// (docs/adr/0016-shared-state.md lists them).
const redisPrefix = "mockroom:"

// sharedState is the state that instances serving the same sessions must
// share: rate limits, realtime token nonces, presence (for abandonment) and
// the realtime fan-out. With REDIS_URL it lives in Redis, on one client;
// without, in this process's memory, as on a single node.
type sharedState struct {
	Limiter  ratelimit.Limiter
	Nonces   realtime.Nonces
	Presence interview.Presence
	Fanout   realtime.Fanout
	close    func()
}

// Close stops the fan-out and closes the Redis client; call it after the
// hub has shut down.
func (s *sharedState) Close() {
	if s.close != nil {
		s.close()
	}
}

func newSharedState(ctx context.Context, cfg Config, clock mockroom.Clock, log *slog.Logger) (*sharedState, error) {
	return newSharedStateAt(ctx, cfg, redisPrefix, clock, log)
}

// newSharedStateAt is newSharedState under another key prefix (a test's own).
func newSharedStateAt(ctx context.Context, cfg Config, prefix string, clock mockroom.Clock, log *slog.Logger) (*sharedState, error) {
	redisURL := strings.TrimSpace(cfg.RedisURL)
	if redisURL == "" {
		log.Info("shared state", "where", "memory", "holds", "rate limits, presence, realtime token nonces, realtime fan-out",
			"note", "one instance only: set REDIS_URL to run several")
		return &sharedState{Limiter: ratelimit.NewMemory(clock), Nonces: realtime.NewMemoryNonces(clock),
			Presence: interview.NewMemoryPresence(), Fanout: realtime.NewMemoryFanout()}, nil
	}
	rdb, err := openRedis(ctx, redisURL)
	if err != nil {
		return nil, err
	}
	if cfg.RealtimeSecret == "" {
		log.Warn("REDIS_URL is set without REALTIME_SECRET: a WebSocket token opens a socket only on the instance that issued it; " +
			"set the same REALTIME_SECRET on every instance")
	}
	fan := redisrt.New(rdb, redisrt.Options{Prefix: prefix, Log: log})
	log.Info("shared state", "where", "redis", "addr", rdb.Options().Addr, "prefix", prefix,
		"holds", "rate limits, presence, realtime token nonces, realtime fan-out")
	return &sharedState{
		Limiter:  redislimit.New(rdb, prefix),
		Nonces:   redisrt.NewNonces(rdb, prefix),
		Presence: redispresence.New(rdb, redispresence.Options{Prefix: prefix}),
		Fanout:   fan,
		close:    func() { fan.Close(); rdb.Close() },
	}, nil
}
