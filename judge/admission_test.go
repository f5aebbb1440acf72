package judge

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/judge/admission"
	"github.com/mockroom/mockroom/sandbox"
	"github.com/mockroom/mockroom/sandbox/local"
)

// countingRunner wraps a real runner and records, inside it, how many
// compiles and runs were in flight at once: overall, per user (the actor of
// the call) and in memory limits.
type countingRunner struct {
	sandbox.Runner
	mu               sync.Mutex
	now, peak        int
	memNow, memPeak  int64
	perUser, userMax map[string]int
}

func newCountingRunner(r sandbox.Runner) *countingRunner {
	return &countingRunner{Runner: r, perUser: map[string]int{}, userMax: map[string]int{}}
}

func (c *countingRunner) enter(ctx context.Context, lim sandbox.Limits) func() {
	u, mem := mockroom.ActorFrom(ctx).UserID, lim.WithDefaults().MemoryBytes
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now++
	c.memNow += mem
	c.perUser[u]++
	c.peak, c.memPeak, c.userMax[u] = max(c.peak, c.now), max(c.memPeak, c.memNow), max(c.userMax[u], c.perUser[u])
	return func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.now--
		c.memNow -= mem
		c.perUser[u]--
	}
}

func (c *countingRunner) Compile(ctx context.Context, p sandbox.Program, lim sandbox.Limits) (*sandbox.Build, error) {
	defer c.enter(ctx, lim)()
	return c.Runner.Compile(ctx, p, lim)
}

func (c *countingRunner) Run(ctx context.Context, b *sandbox.Build, stdin []byte, lim sandbox.Limits) (*sandbox.Result, error) {
	defer c.enter(ctx, lim)()
	return c.Runner.Run(ctx, b, stdin, lim)
}

var (
	localOnce   sync.Once
	sharedLocal *local.Runner
	localErr    error
)

// localSandbox is the real local sandbox, one per test binary.
func localSandbox(t *testing.T) *local.Runner {
	t.Helper()
	ok, why := local.Available()
	testenv.Need(t, "the local sandbox (root and cgroups)", ok, why)
	localOnce.Do(func() { sharedLocal, localErr = local.New(local.Config{Logger: slog.New(slog.DiscardHandler)}) })
	if localErr != nil {
		t.Fatal(localErr)
	}
	return sharedLocal
}

// TestExecuteAdmissionLimitsHold sends 52 executions at once through the
// judge on the real sandbox and counts, inside the sandbox, what ran at once.
func TestExecuteAdmissionLimitsHold(t *testing.T) {
	const burst = 52
	sb := localSandbox(t)
	p := mkProblem(t, "two-sum", twoSumSpec)
	runMem := runLimits("python", mustSpec(t), 2).MemoryBytes
	wait := 5 * time.Minute
	cases := []struct {
		name    string
		lim     admission.Limits
		users   int
		authors bool // ExecuteAll, as mockroom judge and problems verify call it
		n       int  // executions at once (burst when 0)
		check   func(t *testing.T, c *countingRunner)
	}{
		{"global limit", admission.Limits{MaxConcurrent: 2, MaxPerUser: burst, MemoryBudget: 1 << 40, MaxQueue: burst, MaxWait: wait}, burst, false, 0,
			func(t *testing.T, c *countingRunner) {
				if c.peak != 2 {
					t.Errorf("peak runs in the sandbox = %d, want the limit 2", c.peak)
				}
			}},
		{"per-user cap", admission.Limits{MaxConcurrent: 8, MaxPerUser: 1, MemoryBudget: 1 << 40, MaxQueue: burst, MaxWait: wait}, 4, false, 0,
			func(t *testing.T, c *countingRunner) {
				for u, n := range c.userMax {
					if n != 1 {
						t.Errorf("peak runs of %s = %d, want the cap 1", u, n)
					}
				}
				if c.peak > 4 || len(c.userMax) != 4 {
					t.Errorf("peak runs = %d over %d users, want at most one per user of 4", c.peak, len(c.userMax))
				}
			}},
		{"memory budget", admission.Limits{MaxConcurrent: 8, MaxPerUser: burst, MemoryBudget: 2 * runMem, MaxQueue: burst, MaxWait: wait}, burst, false, 0,
			func(t *testing.T, c *countingRunner) {
				if c.memPeak > 2*runMem || c.peak != 2 {
					t.Errorf("peak memory limits in the sandbox = %d MiB over %d runs, want two runs of %d MiB at most", c.memPeak>>20, c.peak, runMem>>20)
				}
			}},
		{"authors' tools: global limit only", admission.Limits{MaxConcurrent: 3, MaxPerUser: 1, MemoryBudget: 1 << 40, MaxQueue: burst, MaxWait: wait}, 1, true, 12,
			func(t *testing.T, c *countingRunner) {
				if c.peak != 3 {
					t.Errorf("peak runs of one author = %d, want the global limit 3 (no per-user cap)", c.peak)
				}
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newCountingRunner(sb)
			svc := NewService(c, twoSumTests, nil)
			svc.SetAdmission(admission.NewMemory(tc.lim))
			n := cmp.Or(tc.n, burst)
			var wg sync.WaitGroup
			errs := make(chan error, n)
			for i := range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					ctx := mockroom.WithActor(context.Background(), mockroom.Actor{Role: mockroom.RoleUser, UserID: fmt.Sprint("user", i%tc.users)})
					req := Request{Problem: p, Language: "python", Code: twoSumOK["python"], Mode: ModeRun}
					exec := svc.Execute
					if tc.authors {
						exec = svc.ExecuteAll
					}
					// Only admission is under test: a verdict (even the sandbox's
					// internal error on an overloaded host) is the other tests' business.
					if _, err := exec(ctx, req); err != nil {
						errs <- err
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Errorf("an execution failed: %v", err)
			}
			tc.check(t, c)
		})
	}
}

func mustSpec(t *testing.T) *Spec {
	t.Helper()
	s, err := ParseSpec([]byte(twoSumSpec))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// A queued execution tells its caller where it stands, and a cancelled one
// leaves the queue without running.
func TestExecuteQueuedHearsItsPlace(t *testing.T) {
	c := newCountingRunner(testRunner(t))
	svc := NewService(c, twoSumTests, nil)
	q := admission.NewMemory(admission.Limits{MaxConcurrent: 1, MaxQueue: 4, MaxWait: time.Minute})
	svc.SetAdmission(q)
	release, err := q.Admit(context.Background(), admission.Ticket{User: "someone else"})
	if err != nil {
		t.Fatal(err)
	}
	p := mkProblem(t, "two-sum", twoSumSpec)
	places := make(chan admission.Place, 8)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := svc.Execute(ctx, Request{Problem: p, Language: "python", Code: twoSumOK["python"], Mode: ModeRun, Queued: func(pl admission.Place) { places <- pl }})
		done <- err
	}()
	if pl := <-places; pl != (admission.Place{Ahead: 0}) {
		t.Fatalf("first place = %+v", pl)
	}
	cancel()
	if err := <-done; err == nil {
		t.Fatal("a cancelled execution succeeded")
	}
	if s := q.Stats(); s.Waiting != 0 || s.Running != 1 || c.peak != 0 {
		t.Fatalf("after the cancel: %+v, sandbox calls %d; want the queue empty and nothing run", s, c.peak)
	}
	release()
	go func() {
		_, err := svc.Execute(context.Background(), Request{Problem: p, Language: "python", Code: twoSumOK["python"], Mode: ModeRun, Queued: func(pl admission.Place) { places <- pl }})
		done <- err
	}()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	select {
	case pl := <-places:
		t.Fatalf("a run admitted at once heard %+v", pl)
	default:
	}
}
