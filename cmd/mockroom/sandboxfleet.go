package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/mockroom/mockroom/judge/admission"
	"github.com/mockroom/mockroom/judge/admission/redisqueue"
	"github.com/mockroom/mockroom/sandbox"
	"github.com/mockroom/mockroom/sandbox/fleet"
	"github.com/mockroom/mockroom/sandbox/remote"
)

// fleetConfig is the sandbox fleet and the fleet-wide execution queue
// (docs/adr/0017-sandbox-fleet.md).
type fleetConfig struct {
	URLs           []string         // SANDBOX_URL split on commas (SANDBOX=remote)
	HealthInterval time.Duration    // SANDBOX_HEALTH_INTERVAL, between health checks of the runners
	Queue          admission.Limits // the fleet-wide queue's limits, used with REDIS_URL

	queuePrefix string // the fleet queue's Redis keys; tests set a unique one
}

// unbounded stands for "no fleet-wide cap" in the fleet queue's limits.
const unbounded = 1 << 30

// loadFleet reads the fleet's variables; c.Sandbox and c.Admission are
// already loaded.
func loadFleet(getenv func(string) string, c Config) (fleetConfig, error) {
	env := func(k string) string { return strings.TrimSpace(getenv(k)) }
	f := fleetConfig{HealthInterval: 5 * time.Second}
	if c.Sandbox == "remote" {
		for u := range strings.SplitSeq(env("SANDBOX_URL"), ",") {
			if u = strings.TrimSpace(u); u == "" {
				continue
			}
			if p, err := url.Parse(u); err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
				return f, &configError{"SANDBOX_URL", fmt.Sprintf("entry %d must be the http(s) URL of a go-judge server (a comma-separated list for a fleet)", len(f.URLs)+1)}
			}
			f.URLs = append(f.URLs, u)
		}
		if len(f.URLs) == 0 {
			return f, &configError{"SANDBOX_URL", "must be the http(s) URL of the remote execution engine when SANDBOX=remote, or a comma-separated list of them"}
		}
	}
	if v := env("SANDBOX_HEALTH_INTERVAL"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 100*time.Millisecond || d > 10*time.Minute {
			return f, &configError{"SANDBOX_HEALTH_INTERVAL", fmt.Sprintf("%q must be a duration from 100ms to 10m, like 5s", v)}
		}
		f.HealthInterval = d
	}
	// The fleet queue: the node's per-user cap and wait limit, across the
	// fleet; no fleet-wide memory budget (each node keeps its own).
	q := c.Admission
	q.MemoryBudget = 1 << 50
	q.MaxConcurrent, q.MaxQueue = unbounded, unbounded
	if c.Sandbox == "remote" {
		// Each runner taken to be as large as this node's own limit.
		q.MaxConcurrent, q.MaxQueue = c.Admission.MaxConcurrent*len(f.URLs), 0
	}
	for _, v := range []struct {
		name string
		to   *int
	}{{"SANDBOX_FLEET_MAX_CONCURRENT", &q.MaxConcurrent}, {"SANDBOX_FLEET_QUEUE_MAX", &q.MaxQueue}} {
		if err := positiveInt(env, v.name, v.to); err != nil {
			return f, err
		}
	}
	if q.MaxQueue == unbounded && q.MaxConcurrent != unbounded {
		q.MaxQueue = 0 // 10 × the concurrency set above
	}
	f.Queue = q.WithDefaults()
	return f, nil
}

// newRemoteRunner is SANDBOX=remote: one go-judge server as before, or a
// fleet of them when SANDBOX_URL lists several.
func newRemoteRunner(cfg Config, log *slog.Logger) (sandbox.Runner, error) {
	urls := cfg.Fleet.URLs
	if len(urls) == 1 {
		r, err := remote.New(urls[0], cfg.SandboxToken, remote.WithLogger(log))
		if err != nil {
			return nil, &configError{"SANDBOX_URL", err.Error()}
		}
		return r, nil
	}
	f, err := fleet.New(fleet.Remote(urls, cfg.SandboxToken, remote.WithLogger(log)), fleet.Options{HealthInterval: cfg.Fleet.HealthInterval, Logger: log})
	if err != nil {
		return nil, &configError{"SANDBOX_URL", "no go-judge server of the fleet answered: " + err.Error()}
	}
	log.Info("sandbox fleet ready", "runners", len(urls), "health_interval", cfg.Fleet.HealthInterval.String())
	return f, nil
}

// newAdmission is the execution queue: this node's (admission.Memory under
// SANDBOX_MAX_CONCURRENT, ...), and with REDIS_URL the fleet's behind it
// (redisqueue under SANDBOX_FLEET_*), so that a run is bounded on its node
// and across the fleet; both report to the queue's metrics. It registers
// the sandbox fleet's metrics too.
func newAdmission(ctx context.Context, cfg Config, runner sandbox.Runner, reg prometheus.Registerer, log *slog.Logger) (admission.Queue, func() error, error) {
	if f, ok := runner.(*fleet.Fleet); ok {
		reg.MustRegister(f)
	}
	metrics := admission.NewMetrics(reg)
	node := admission.NewMemory(cfg.Admission)
	if cfg.RedisURL == "" {
		return metrics.Queue(node), func() error { return nil }, nil
	}
	rdb, err := openRedis(ctx, cfg.RedisURL)
	if err != nil {
		return nil, nil, err
	}
	q := cfg.Fleet.Queue
	fq := redisqueue.New(rdb, q, redisqueue.Options{Prefix: cfg.Fleet.queuePrefix, Log: log})
	reg.MustRegister(fq)
	log.Info("fleet execution queue", "max_concurrent", q.MaxConcurrent, "max_per_user", q.MaxPerUser, "queue_max", q.MaxQueue, "queue_wait", q.MaxWait.String())
	return metrics.Queue(admission.Chain(node, fq)), func() error { fq.Close(); return rdb.Close() }, nil
}
