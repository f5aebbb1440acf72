package fleet

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/sandbox"
	"github.com/mockroom/mockroom/sandbox/remote"
)

// fake is a runner whose failures the test sets; it records what it ran.
type fake struct {
	name  string
	langs []sandbox.Language

	mu      sync.Mutex
	down    bool  // Ping fails
	failRun error // the next Run's error (once)
	runs    []string
	block   chan struct{} // when set, Run waits on it
	started chan struct{} // when set, Run signals it began
}

func (r *fake) Languages() []sandbox.Language { return r.langs }

func (r *fake) Compile(_ context.Context, p sandbox.Program, _ sandbox.Limits) (*sandbox.Build, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.down {
		return nil, fmt.Errorf("dial: %w", remote.ErrTransport)
	}
	if string(p.Files["main.py"]) == "syntax error" {
		return sandbox.NewBuild(p.Language, false, "SyntaxError", nil), nil
	}
	return sandbox.NewBuild(p.Language, true, "", r), nil
}

func (r *fake) Run(ctx context.Context, b *sandbox.Build, stdin []byte, _ sandbox.Limits) (*sandbox.Result, error) {
	if b.Artifact() != r {
		return nil, errors.New("a build from another runner")
	}
	r.mu.Lock()
	block, started := r.block, r.started
	r.mu.Unlock()
	if started != nil {
		started <- struct{}{}
	}
	if block != nil {
		select {
		case <-block:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.failRun; err != nil {
		r.failRun = nil
		return nil, err
	}
	r.runs = append(r.runs, string(stdin))
	if string(stdin) == "crash" {
		return &sandbox.Result{Status: sandbox.StatusRuntimeError, ExitCode: 1}, nil
	}
	return &sandbox.Result{Status: sandbox.StatusOK, Stdout: []byte(r.name + ":" + string(stdin))}, nil
}

func (r *fake) Close() error { return nil }

func (r *fake) set(f func(r *fake)) { r.mu.Lock(); f(r); r.mu.Unlock() }

func (r *fake) ran() []string { r.mu.Lock(); defer r.mu.Unlock(); return slices.Clone(r.runs) }

func fakes(t *testing.T, interval time.Duration, rs ...*fake) *Fleet {
	t.Helper()
	var specs []Spec
	for _, r := range rs {
		specs = append(specs, Spec{
			Name: r.name,
			Dial: func() (sandbox.Runner, error) {
				r.mu.Lock()
				defer r.mu.Unlock()
				if r.down {
					return nil, remote.ErrTransport
				}
				return r, nil
			},
			Ping: func(context.Context) error {
				r.mu.Lock()
				defer r.mu.Unlock()
				if r.down {
					return remote.ErrTransport
				}
				return nil
			},
		})
	}
	f, err := New(specs, Options{HealthInterval: interval})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// eventually fails t unless cond holds within a generous minute.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	if !testenv.Eventually(time.Minute, cond) {
		t.Fatalf("timed out waiting for %s", what)
	}
}

// gauge reads the value of an unlabelled series.
func gauge(t *testing.T, reg *prometheus.Registry, name string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() == name {
			m := mf.GetMetric()[0]
			if m.GetCounter() != nil {
				return m.GetCounter().GetValue()
			}
			return m.GetGauge().GetValue()
		}
	}
	t.Fatalf("no series %s", name)
	return 0
}

var py = sandbox.Program{Language: sandbox.Python, Files: map[string][]byte{"main.py": []byte("print(input())")}, SkipCheck: true}

func execute(t *testing.T, f *Fleet, stdin string) (*sandbox.Result, error) {
	t.Helper()
	ctx := context.Background()
	b, err := f.Compile(ctx, py, sandbox.Limits{})
	if err != nil {
		return nil, err
	}
	return f.Run(ctx, b, []byte(stdin), sandbox.Limits{})
}

// Equals are taken in turn; the languages are the healthy runners' union.
func TestSpreadAndLanguages(t *testing.T) {
	a := &fake{name: "a", langs: []sandbox.Language{sandbox.Python}}
	b := &fake{name: "b", langs: []sandbox.Language{sandbox.Python, sandbox.Go}}
	f := fakes(t, time.Hour, a, b)
	if got := f.Languages(); !slices.Equal(got, []sandbox.Language{sandbox.Python, sandbox.Go}) {
		t.Errorf("languages = %v, want python and go", got)
	}
	for i := range 4 {
		if _, err := execute(t, f, fmt.Sprint(i)); err != nil {
			t.Fatal(err)
		}
	}
	if len(a.ran()) != 2 || len(b.ran()) != 2 {
		t.Errorf("runs a=%v b=%v, want two each", a.ran(), b.ran())
	}
	// Go is only on b.
	gb, err := f.Compile(context.Background(), sandbox.Program{Language: sandbox.Go, Files: map[string][]byte{"main.go": nil}}, sandbox.Limits{})
	if err != nil || gb.Artifact().(*build).m.spec.Name != "b" {
		t.Fatalf("go compiled on %v (err %v), want b", gb, err)
	}
	if _, err := f.Compile(context.Background(), sandbox.Program{Language: sandbox.Java}, sandbox.Limits{}); !errors.Is(err, sandbox.ErrLanguageUnavailable) {
		t.Errorf("java: %v, want language_unavailable", err)
	}
}

// The least busy runner gets the next compile, whatever the turn says.
func TestLeastInFlight(t *testing.T) {
	a := &fake{name: "a", langs: []sandbox.Language{sandbox.Python}, block: make(chan struct{}), started: make(chan struct{}, 4)}
	b := &fake{name: "b", langs: []sandbox.Language{sandbox.Python}}
	f := fakes(t, time.Hour, a, b)
	done := make(chan error)
	go func() { _, err := execute(t, f, "slow"); done <- err }() // a: its turn
	<-a.started
	for i := range 3 {
		if _, err := execute(t, f, fmt.Sprint(i)); err != nil {
			t.Fatal(err)
		}
	}
	close(a.block)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if len(b.ran()) != 3 {
		t.Errorf("b ran %v while a was busy, want all three", b.ran())
	}
}

func TestRetry(t *testing.T) {
	cases := []struct {
		name       string
		failRun    error
		stdin      string
		wantErr    bool
		wantStatus sandbox.Status
		retried    bool
	}{
		{"connection reset is retried elsewhere", fmt.Errorf("read: connection reset: %w", remote.ErrTransport), "x", false, sandbox.StatusOK, true},
		{"5xx is retried elsewhere", fmt.Errorf("HTTP 502: %w", remote.ErrTransport), "x", false, sandbox.StatusOK, true},
		{"the program's failure is its result", nil, "crash", false, sandbox.StatusRuntimeError, false},
		{"a bad request is not retried", mockroom.Errorf(mockroom.KindInvalid, "bad", "HTTP 400"), "x", true, "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := &fake{name: "a", langs: []sandbox.Language{sandbox.Python}, failRun: c.failRun}
			b := &fake{name: "b", langs: []sandbox.Language{sandbox.Python}}
			f := fakes(t, time.Hour, a, b)
			res, err := execute(t, f, c.stdin) // a has the first turn
			if (err != nil) != c.wantErr {
				t.Fatalf("err = %v, want error %v", err, c.wantErr)
			}
			if err == nil && res.Status != c.wantStatus {
				t.Errorf("status = %s, want %s", res.Status, c.wantStatus)
			}
			if got := f.Retries() == 1; got != c.retried {
				t.Errorf("retries = %d, want retried=%v", f.Retries(), c.retried)
			}
			if c.retried {
				if !slices.Equal(b.ran(), []string{c.stdin}) || string(res.Stdout) != "b:x" {
					t.Errorf("b ran %v, result %q: the retry belongs on b", b.ran(), res.Stdout)
				}
				if st := f.State(); st[0].Healthy || !st[1].Healthy {
					t.Errorf("state %+v: a failed and must be out", st)
				}
			}
		})
	}
}

// Only one retry: a second failure is the caller's.
func TestRetryOnce(t *testing.T) {
	boom := fmt.Errorf("refused: %w", remote.ErrTransport)
	a := &fake{name: "a", langs: []sandbox.Language{sandbox.Python}, failRun: boom}
	b := &fake{name: "b", langs: []sandbox.Language{sandbox.Python}, failRun: boom}
	f := fakes(t, time.Hour, a, b)
	if _, err := execute(t, f, "x"); !errors.Is(err, remote.ErrTransport) {
		t.Fatalf("err = %v, want the second runner's failure", err)
	}
	if f.Retries() != 1 {
		t.Errorf("retries = %d, want 1", f.Retries())
	}
	// Both are out now: a clear unavailable, not a hang.
	_, err := execute(t, f, "x")
	if e := mockroom.AsError(err); e == nil || e.Kind != mockroom.KindUnavailable || e.Code != "sandbox_unavailable" {
		t.Fatalf("with no runner: %v, want sandbox_unavailable", err)
	}
}

// A runner that fails its health check goes out; one that answers again
// comes back; a build from before is compiled again where it runs.
func TestHealth(t *testing.T) {
	a := &fake{name: "a", langs: []sandbox.Language{sandbox.Python}}
	b := &fake{name: "b", langs: []sandbox.Language{sandbox.Python, sandbox.Java}}
	f := fakes(t, 20*time.Millisecond, a, b)
	reg := prometheus.NewRegistry()
	reg.MustRegister(f)
	healthy := func() float64 { return gauge(t, reg, "mockroom_sandbox_runners_healthy") }
	if healthy() != 2 {
		t.Fatalf("healthy = %v, want 2", healthy())
	}
	bb, err := f.Compile(context.Background(), py, sandbox.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	home := bb.Artifact().(*build).m.spec.Name // a: first in turn
	b.set(func(r *fake) { r.down = true })
	eventually(t, "b taken out", func() bool { return healthy() == 1 })
	if got := f.Languages(); !slices.Equal(got, []sandbox.Language{sandbox.Python}) {
		t.Errorf("languages with b out = %v, want python only", got)
	}
	a.set(func(r *fake) { r.down = true })
	b.set(func(r *fake) { r.down = false })
	eventually(t, "a out, b back", func() bool {
		st := f.State()
		return !st[0].Healthy && st[1].Healthy
	})
	res, err := f.Run(context.Background(), bb, []byte("again"), sandbox.Limits{})
	if err != nil || string(res.Stdout) != "b:again" {
		t.Fatalf("a build made on %s ran as %v, %v; want it compiled again on b", home, res, err)
	}
	if f.Retries() != 0 {
		t.Errorf("retries = %d: moving a build off a runner already out is no retry", f.Retries())
	}
	if got := gauge(t, reg, "mockroom_sandbox_retries_total"); got != 0 {
		t.Errorf("mockroom_sandbox_retries_total = %v, want 0", got)
	}
}

// A runner down at start joins when it answers.
func TestJoinsLate(t *testing.T) {
	a := &fake{name: "a", langs: []sandbox.Language{sandbox.Python}}
	b := &fake{name: "b", langs: []sandbox.Language{sandbox.Python}, down: true}
	f := fakes(t, 20*time.Millisecond, a, b)
	if st := f.State(); !st[0].Healthy || st[1].Healthy {
		t.Fatalf("state %+v, want a in and b out", st)
	}
	b.set(func(r *fake) { r.down = false })
	eventually(t, "b joins", func() bool { return f.State()[1].Healthy })

	_, err := New([]Spec{{Name: "x", Dial: func() (sandbox.Runner, error) { return nil, remote.ErrTransport }}}, Options{})
	if err == nil {
		t.Fatal("New with no runner answering succeeded")
	}
}
