package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/sandbox/local"
)

// lockedBuffer collects the JSON log lines of an in-process server.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}
func (l *lockedBuffer) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

// startServe runs serve with cfg in the background until the test ends. It
// returns the base URL, the server's JSON log, and stop: what SIGTERM does,
// waiting for serve to return (once; the test's cleanup calls it too).
// testSandboxCache is the sandbox cache every test of the repository
// shares (sandbox/local's tests use it too): a fresh DATA_DIR per test would
// rebuild the Go standard library (~40 s of CPU) on every start.
var testSandboxCache = filepath.Join(os.TempDir(), "mockroom-sandbox-test")

func startServe(t *testing.T, cfg Config) (base string, logs *lockedBuffer, stop func() error) {
	t.Helper()
	if cfg.SandboxCacheDir == "" {
		cfg.SandboxCacheDir = testSandboxCache
	}
	ctx, cancel := context.WithCancel(context.Background())
	addrc := make(chan string, 1)
	done := make(chan error, 1)
	logs = &lockedBuffer{}
	go func() { done <- serve(ctx, cfg, logs, func(a string) { addrc <- a }) }()
	var once sync.Once
	var err error
	stop = func() error {
		once.Do(func() { cancel(); err = <-done })
		return err
	}
	t.Cleanup(func() { _ = stop() })
	select {
	case a := <-addrc:
		return "http://" + a, logs, stop
	case err := <-done:
		cancel()
		once.Do(func() {})
		t.Fatalf("serve: %v\n%s", err, logs)
	}
	return "", nil, nil
}

// TestShutdownDrainsInFlightRequests cancels serve's context (what SIGTERM
// does) while an execution is running: the request still completes, then
// serve returns cleanly.
func TestShutdownDrainsInFlightRequests(t *testing.T) {
	ok, why := local.Available()
	testenv.Need(t, "sandbox (root and cgroups)", ok, why)
	cfg, err := loadConfig("127.0.0.1:0", t.TempDir(), envOf(map[string]string{
		"SANDBOX_MAX_CONCURRENT": "3", "SANDBOX_QUEUE_WAIT": "40s", "RUN_LIMIT_PER_SESSION_PER_MINUTE": "4", "RUN_LIMIT_PER_USER_PER_HOUR": "60"}))
	if err != nil {
		t.Fatal(err)
	}
	base, logs, stop := startServe(t, cfg)
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar}
	post := func(path string, body any, out any) int {
		raw, _ := json.Marshal(body)
		resp, err := hc.Post(base+path, "application/json", bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if out != nil {
			json.NewDecoder(resp.Body).Decode(out)
		}
		return resp.StatusCode
	}
	// The execution queue reports to /metrics from the start.
	if resp, err := hc.Get(base + "/metrics"); err != nil {
		t.Fatal(err)
	} else {
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		for _, series := range []string{"mockroom_judge_queue_depth", "mockroom_judge_runs_in_flight", "mockroom_judge_queue_wait_seconds", "mockroom_judge_queue_rejections_total"} {
			if !strings.Contains(string(body), series) {
				t.Fatalf("/metrics lacks %s", series)
			}
		}
	}
	post("/api/auth/signup", map[string]string{"email": "drain@example.com", "password": "correct horse"}, nil)
	var p struct{ ID string }
	resp, _ := hc.Get(base + "/api/problems/two-sum")
	json.NewDecoder(resp.Body).Decode(&p)
	resp.Body.Close()
	var s struct{ ID string }
	if st := post("/api/sessions/start", map[string]any{"problem_id": p.ID, "language": "java", "duration_minutes": 30}, &s); st != 201 {
		t.Fatalf("start: %d", st)
	}
	// A Java submit compiles and runs for a second or more.
	code := "class Solution {\n    public int[] twoSum(int[] nums, int target) {\n        java.util.Map<Integer,Integer> m = new java.util.HashMap<>();\n        for (int i = 0; i < nums.length; i++) {\n            Integer j = m.get(target - nums[i]);\n            if (j != null) return new int[]{j, i};\n            m.put(nums[i], i);\n        }\n        return new int[0];\n    }\n}\n"
	status := make(chan int, 1)
	go func() {
		var rep struct{ Status string }
		st := post("/api/sessions/"+s.ID+"/execute", map[string]any{"code": code, "mode": "submit"}, &rep)
		if rep.Status != "accepted" {
			st = -st
		}
		status <- st
	}()
	// Execute saves the code just before it judges: once the session shows
	// it, the submit is in flight.
	running := func() bool {
		var live struct{ Code string }
		resp, err := hc.Get(base + "/api/sessions/" + s.ID)
		if err != nil {
			return false
		}
		defer resp.Body.Close()
		json.NewDecoder(resp.Body).Decode(&live)
		return live.Code == code
	}
	if !testenv.Eventually(30*time.Second, running) {
		t.Fatal("the submit never started")
	}
	done := make(chan error, 1)
	go func() { done <- stop() }() // SIGTERM
	if st := <-status; st != 200 {
		t.Fatalf("in-flight execution during shutdown: %d\n%s", st, logs)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not return after shutdown")
	}
	for _, want := range []string{`"msg":"mockroom listening"`, `"msg":"shutting down: draining requests"`, `"msg":"stopped"`, `"languages":`,
		// the configured queue and run limits are the ones in force
		`"max_concurrent":3`, `"queue_wait":"40s"`, `"runs_per_session_minute":4`, `"runs_per_user_hour":60`} {
		if !strings.Contains(logs.String(), want) {
			t.Fatalf("logs lack %s:\n%s", want, logs)
		}
	}
}
