package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/internal/gojudgeserver"
	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/judge/admission"
	"github.com/mockroom/mockroom/sandbox/toolchain"
)

func TestFleetConfig(t *testing.T) {
	remote := map[string]string{"SANDBOX": "remote", "SANDBOX_MAX_CONCURRENT": "4"}
	with := func(base, m map[string]string) map[string]string {
		out := map[string]string{}
		for k, v := range base {
			out[k] = v
		}
		for k, v := range m {
			out[k] = v
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		env   map[string]string
		urls  []string
		check func(t *testing.T, f fleetConfig)
	}{
		{"one url, as before", with(remote, map[string]string{"SANDBOX_URL": "http://gj:5050"}), []string{"http://gj:5050"}, func(t *testing.T, f fleetConfig) {
			if f.HealthInterval != 5*time.Second || f.Queue.MaxConcurrent != 4 || f.Queue.MaxQueue != 40 {
				t.Errorf("fleet %+v, want 5s checks and the node's limits for one runner", f)
			}
		}},
		{"a list", with(remote, map[string]string{"SANDBOX_URL": " http://a:5050, https://b:5050 ,", "SANDBOX_HEALTH_INTERVAL": "250ms"}),
			[]string{"http://a:5050", "https://b:5050"}, func(t *testing.T, f fleetConfig) {
				if f.HealthInterval != 250*time.Millisecond || f.Queue.MaxConcurrent != 8 || f.Queue.MaxQueue != 80 || f.Queue.MaxPerUser != 1 {
					t.Errorf("fleet %+v, want 250ms checks, 2 runners × 4 at once, 10 × that waiting", f)
				}
			}},
		{"fleet limits set", with(remote, map[string]string{"SANDBOX_URL": "http://a,http://b", "SANDBOX_FLEET_MAX_CONCURRENT": "20", "SANDBOX_FLEET_QUEUE_MAX": "50"}),
			[]string{"http://a", "http://b"}, func(t *testing.T, f fleetConfig) {
				if f.Queue.MaxConcurrent != 20 || f.Queue.MaxQueue != 50 {
					t.Errorf("fleet queue %+v, want 20 and 50", f.Queue)
				}
			}},
		{"local sandboxes: only the per-user cap across the fleet", map[string]string{"SANDBOX_MAX_PER_USER": "2"}, nil, func(t *testing.T, f fleetConfig) {
			if f.Queue.MaxConcurrent != unbounded || f.Queue.MaxQueue != unbounded || f.Queue.MaxPerUser != 2 {
				t.Errorf("fleet queue %+v, want no fleet-wide caps but 2 per user", f.Queue)
			}
		}},
		{"local with a fleet cap", map[string]string{"SANDBOX_FLEET_MAX_CONCURRENT": "30"}, nil, func(t *testing.T, f fleetConfig) {
			if f.Queue.MaxConcurrent != 30 || f.Queue.MaxQueue != 300 {
				t.Errorf("fleet queue %+v, want 30 and 300", f.Queue)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := loadConfig("", "", envOf(tc.env))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(c.Fleet.URLs, tc.urls) {
				t.Errorf("urls %q, want %q", c.Fleet.URLs, tc.urls)
			}
			tc.check(t, c.Fleet)
		})
	}
	for _, tc := range []struct {
		env  map[string]string
		name string
	}{
		{with(remote, map[string]string{"SANDBOX_URL": " , "}), "SANDBOX_URL"},
		{with(remote, map[string]string{"SANDBOX_URL": "http://a:5050,gj:5050"}), "SANDBOX_URL"},
		{with(remote, map[string]string{"SANDBOX_URL": "ftp://a"}), "SANDBOX_URL"},
		{map[string]string{"SANDBOX_HEALTH_INTERVAL": "5"}, "SANDBOX_HEALTH_INTERVAL"},
		{map[string]string{"SANDBOX_HEALTH_INTERVAL": "1ms"}, "SANDBOX_HEALTH_INTERVAL"},
		{map[string]string{"SANDBOX_FLEET_MAX_CONCURRENT": "0"}, "SANDBOX_FLEET_MAX_CONCURRENT"},
		{map[string]string{"SANDBOX_FLEET_QUEUE_MAX": "many"}, "SANDBOX_FLEET_QUEUE_MAX"},
	} {
		t.Run("bad "+tc.name, func(t *testing.T) {
			_, err := loadConfig("", "", envOf(tc.env))
			if err == nil || !strings.Contains(err.Error(), tc.name+":") || strings.Contains(err.Error(), "\n") {
				t.Fatalf("err = %v, want one line naming %s", err, tc.name)
			}
		})
	}
}

// With REDIS_URL a run holds a place on its node and in the fleet: a
// second node's run of the same candidate waits for the first, and the
// fleet queue's series reach the registry.
func TestAdmissionWithRedis(t *testing.T) {
	addr := testenv.NeedRedis(t)
	c, err := loadConfig("", "", envOf(map[string]string{"REDIS_URL": "redis://" + addr, "SANDBOX_QUEUE_WAIT": "1s"}))
	if err != nil {
		t.Fatal(err)
	}
	c.Fleet.queuePrefix = "mockroom-test:serve-admission:" + mockroom.NewID()[:8]
	t.Cleanup(func() {
		rdb := redis.NewClient(&redis.Options{Addr: addr})
		defer rdb.Close()
		ctx := context.Background()
		iter := rdb.Scan(ctx, 0, "{"+c.Fleet.queuePrefix+"}*", 100).Iterator()
		for iter.Next(ctx) {
			rdb.Del(ctx, iter.Val())
		}
	})
	log := slog.New(slog.DiscardHandler)
	node := func() (admission.Queue, *prometheus.Registry) {
		reg := prometheus.NewRegistry()
		q, closeQ, err := newAdmission(context.Background(), c, nil, reg, log)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { closeQ() })
		return q, reg
	}
	a, reg := node()
	b, _ := node()
	ctx := context.Background()
	release, err := a.Admit(ctx, admission.Ticket{User: "ada"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = b.Admit(ctx, admission.Ticket{User: "ada"})
	if e := mockroom.AsError(err); e == nil || e.Code != "judge_busy" || e.RetryAfter <= 0 {
		t.Fatalf("ada's second run on another node: %v, want judge_busy after the 1s wait", err)
	}
	if _, err := b.Admit(ctx, admission.Ticket{User: "grace"}); err != nil {
		t.Fatalf("another candidate's run: %v", err)
	}
	names := map[string]bool{}
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		names[mf.GetName()] = true
	}
	for _, n := range []string{"mockroom_judge_queue_depth", "mockroom_judge_queue_wait_seconds", "mockroom_judge_fleet_queue_depth", "mockroom_judge_fleet_runs_in_flight"} {
		if !names[n] {
			t.Errorf("no series %s", n)
		}
	}
	release()
	r2, err := b.Admit(ctx, admission.Ticket{User: "ada"})
	if err != nil {
		t.Fatalf("ada's run once the first ended: %v", err)
	}
	r2()
}

// serve on a fleet of two real go-judge servers: a submit is judged, and
// /metrics reports the fleet. (Without REDIS_URL: serve's event bus would
// share the test Redis's default streams with other packages' tests;
// TestAdmissionWithRedis covers the fleet queue's wiring.)
func TestServeOnASandboxFleet(t *testing.T) {
	testenv.Need(t, "go-judge server (root + cgroups)", os.Geteuid() == 0, "go-judge needs root for cgroups and namespaces")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	bin, err := gojudgeserver.Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	token := "fleet-serve-" + mockroom.NewID()[:8]
	var urls []string
	for range 2 {
		s, err := gojudgeserver.Start(bin, toolchain.MountYAML(toolchain.MountConfig{}), toolchain.SeccompYAML(), token)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(s.Stop)
		urls = append(urls, s.URL)
	}
	cfg, err := loadConfig("127.0.0.1:0", t.TempDir(), envOf(map[string]string{"SANDBOX": "remote", "SANDBOX_URL": strings.Join(urls, ","), "SANDBOX_TOKEN": token,
		"SANDBOX_HEALTH_INTERVAL": "200ms"}))
	if err != nil {
		t.Fatal(err)
	}
	base, logs, _ := startServe(t, cfg)
	post, hc, sessionID := candidate(t, base, "fleet@example.com")
	var rep struct{ Status string }
	if st := post("/api/sessions/"+sessionID+"/execute", map[string]any{"code": twoSumPython, "mode": "submit"}, &rep); st != 200 || rep.Status != "accepted" {
		t.Fatalf("submit on the fleet: %d %q\n%s", st, rep.Status, logs)
	}
	resp, err := hc.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{"mockroom_sandbox_runners_healthy 2", "mockroom_sandbox_retries_total 0", "mockroom_sandbox_runner_in_flight{runner=",
		"mockroom_judge_queue_wait_seconds_count 1"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if !strings.Contains(logs.String(), `"msg":"sandbox fleet ready","runners":2`) {
		t.Errorf("logs lack the fleet:\n%s", logs)
	}
}
